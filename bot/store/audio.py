"""Voice messages from residents, stored by content hash under var/audio (beside the photos).

WeChat's voice messages are AMR or Speex (in an Ogg or raw container); MP3, WAV and M4A are taken too.
The type is told by the first bytes, never by what the sender declared, and read back the same way.
"""

from __future__ import annotations

from pathlib import Path

from bot.store.content_files import ContentStore


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


class AudioStore(ContentStore):
    def __init__(self, folder: Path) -> None:
        super().__init__(folder, audio_type, NotAudio, "a recording")
