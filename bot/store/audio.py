"""Voice messages from residents, stored by content hash under var/audio (beside the photos).

WeChat's voice messages are AMR or Speex (in an Ogg or raw container); MP3, WAV and M4A are taken too.
The type is told by the first bytes, never by what the sender declared, and read back the same way.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

_HEAD = 12


def audio_type(data: bytes) -> str | None:
    """The content type of an accepted recording by its magic bytes, else None."""
    if data.startswith(b"#!AMR"):
        return "audio/amr"
    if data.startswith(b"OggS"):
        return "audio/ogg"
    if data.startswith(b"ID3") or data[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return "audio/wav"
    if data[4:8] == b"ftyp":
        return "audio/mp4"
    if data.startswith(b"#!SILK") or data.startswith(b"\x02#!SILK"):
        return "audio/silk"
    return None


class NotAudio(ValueError):
    """Bytes that are not a recording of an accepted type."""


class AudioStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, data: bytes) -> str:
        """Store a recording once; returns its id (its sha256). Raises NotAudio otherwise."""
        if audio_type(data) is None:
            raise NotAudio("not a recording")
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_of(digest)
        if not path.exists():  # readable by this user only: a resident's voice is personal data
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.write(data)
            tmp.replace(path)
        return digest

    def path_of(self, audio_id: str) -> Path:
        return self.folder / audio_id[:2] / audio_id

    def content_type_of(self, audio_id: str) -> str | None:
        try:
            with self.path_of(audio_id).open("rb") as file:
                return audio_type(file.read(_HEAD))
        except (OSError, ValueError):
            return None

    def delete(self, audio_id: str) -> bool:
        try:
            self.path_of(audio_id).unlink()
        except FileNotFoundError:
            return False
        return True

    def stored_before(self, cutoff: datetime) -> list[str]:
        """The ids of recordings whose file was written before `cutoff`."""
        if not self.folder.exists():
            return []
        limit = cutoff.timestamp()
        return sorted(path.name for path in self.folder.glob("??/*")
                      if path.suffix != ".tmp" and path.stat().st_mtime < limit)
