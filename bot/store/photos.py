"""Photos from reports, stored by content hash under var/photos."""

from __future__ import annotations

import hashlib
from datetime import datetime
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
