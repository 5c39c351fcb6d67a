"""Photos from reports, stored by content hash under var/photos.

Only images are stored: JPEG, PNG, GIF or WEBP, told by their first bytes, not by what the sender
or the provider declared (an HTML page named photo.jpg is refused). A stored photo's type is read
back from the file the same way, so it is known even where no row recorded it (the simulator).
"""

from __future__ import annotations

from pathlib import Path

from bot.store.content_files import ContentStore

ACCEPTED = "JPEG, PNG, GIF or WEBP"


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


class PhotoStore(ContentStore):
    def __init__(self, folder: Path) -> None:
        super().__init__(folder, image_type, NotAnImage, f"a {ACCEPTED} image")
