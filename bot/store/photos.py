"""Photos from reports, stored by content hash under var/photos."""

from __future__ import annotations

import hashlib
from pathlib import Path


class PhotoStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, data: bytes) -> str:
        """Store bytes once; returns the photo's id (its sha256)."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.folder / digest[:2] / digest
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        return digest

    def path_of(self, photo_id: str) -> Path:
        return self.folder / photo_id[:2] / photo_id
