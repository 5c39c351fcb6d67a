"""Photo files: stored once by content hash, found by age, deleted."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.store.photos import PhotoStore


def test_old_photos_are_found_by_when_their_file_was_written_and_deleted(tmp_path: Path):
    store = PhotoStore(tmp_path / "photos")
    old, new = store.save(b"old picture"), store.save(b"new picture")
    now = datetime.now(UTC)
    long_ago = (now - timedelta(days=200)).timestamp()
    os.utime(store.path_of(old), (long_ago, long_ago))
    assert store.stored_before(now - timedelta(days=180)) == [old]
    assert store.delete(old) and not store.path_of(old).exists()
    assert not store.delete(old)  # gone already
    assert store.path_of(new).exists()


def test_an_empty_store_has_no_old_photos(tmp_path: Path):
    assert PhotoStore(tmp_path / "none").stored_before(datetime.now(UTC)) == []
