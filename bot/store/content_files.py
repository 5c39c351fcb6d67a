"""Files kept by their content's sha256 under a folder (photos, voice recordings): written once, readable by
this user only, their type told by their first bytes and read back the same way."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HEAD = 12  # bytes enough to tell every accepted type


class ContentStore:
    """`kind_of(first bytes)` → a content type or None; `refused(message)` is raised for anything else."""

    def __init__(self, folder: Path, kind_of: Callable[[bytes], str | None], refused: Callable[[str], Exception],
                 what: str) -> None:
        self.folder = folder
        self._kind_of, self._refused, self._what = kind_of, refused, what

    def save(self, data: bytes) -> str:
        """Store the bytes once; returns their id (the sha256). Raises the store's refusal for other bytes."""
        if self._kind_of(data) is None:
            raise self._refused(f"not {self._what}")
        digest = hashlib.sha256(data).hexdigest()
        path = self.path_of(digest)
        if not path.exists():  # readable by this user only: photos and voices are personal data
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.write(data)
            tmp.replace(path)
        return digest

    def path_of(self, file_id: str) -> Path:
        return self.folder / file_id[:2] / file_id

    def content_type_of(self, file_id: str) -> str | None:
        """The stored file's type, read from its first bytes; None when there is no such file."""
        try:
            with self.path_of(file_id).open("rb") as file:
                return self._kind_of(file.read(HEAD))
        except (OSError, ValueError):
            return None

    def delete(self, file_id: str) -> bool:
        """Remove a file; True if there was one."""
        try:
            self.path_of(file_id).unlink()
        except FileNotFoundError:
            return False
        return True

    def stored_before(self, cutoff: datetime) -> list[str]:
        """The ids of files written before `cutoff` (a file is written once, when first seen)."""
        if not self.folder.exists():
            return []
        limit = cutoff.timestamp()
        return sorted(path.name for path in self.folder.glob("??/*")
                      if path.suffix != ".tmp" and path.stat().st_mtime < limit)
