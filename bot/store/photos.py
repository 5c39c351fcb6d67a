"""Photos from reports, stored by content hash under var/photos."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class PhotoStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def save(self, data: bytes) -> str:
        """Store bytes once; returns the photo's id (its sha256)."""
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
