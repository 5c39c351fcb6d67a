"""Photos from reports, stored by content hash under var/photos.

Only images are stored: JPEG, PNG, GIF or WEBP, told by their first bytes, not by what the sender
or the provider declared (an HTML page named photo.jpg is refused). A stored photo's type is read
back from the file the same way, so it is known even where no row recorded it (the simulator).
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

ACCEPTED = "JPEG, PNG, GIF or WEBP"
_HEAD = 12  # bytes enough to tell every accepted type


def image_type(data: bytes) -> str | None:
    """The content type of an accepted image by its magic bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class NotAnImage(ValueError):
    """Bytes that are not a JPEG, PNG, GIF or WEBP image."""


class PhotoStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, data: bytes) -> str:
        """Store an image once; returns the photo's id (its sha256). Raises NotAnImage otherwise."""
        if image_type(data) is None:
            raise NotAnImage(f"not a {ACCEPTED} image")
        digest = hashlib.sha256(data).hexdigest()
        path = self.folder / digest[:2] / digest
        if not path.exists():  # readable by this user only: photos show people and their homes
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.write(data)
            tmp.replace(path)
        return digest

    def path_of(self, photo_id: str) -> Path:
        return self.folder / photo_id[:2] / photo_id

    def content_type_of(self, photo_id: str) -> str | None:
        """The stored photo's type, read from its first bytes; None when there is no such image."""
        try:
            with self.path_of(photo_id).open("rb") as file:
                return image_type(file.read(_HEAD))
        except (OSError, ValueError):
            return None

    def delete(self, photo_id: str) -> bool:
        """Remove a photo's file; True if there was one."""
        try:
            self.path_of(photo_id).unlink()
        except FileNotFoundError:
            return False
        return True

    def stored_before(self, cutoff: datetime) -> list[str]:
        """The ids of photos whose file was written before `cutoff` (a file is written once, when first seen)."""
        if not self.folder.exists():
            return []
        limit = cutoff.timestamp()
        return sorted(path.name for path in self.folder.glob("??/*")
                      if path.suffix != ".tmp" and path.stat().st_mtime < limit)
