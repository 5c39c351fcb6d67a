import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from bot.store.photos import NotAnImage, PhotoStore, image_type
from tests.fakes.images import GIF, HTML, JPEG, PNG, WEBP


@pytest.mark.parametrize(("data", "content_type"), [(JPEG, "image/jpeg"), (PNG, "image/png"), (GIF, "image/gif"),
                                                    (WEBP, "image/webp")])
def test_an_image_is_told_by_its_first_bytes(data, content_type):
    assert image_type(data) == content_type


@pytest.mark.parametrize("data", [HTML, b"", b"\xff\xd8", b"RIFF\x24\x00\x00\x00WAVE", b"%PDF-1.7", b"GIF90a"])
def test_anything_else_is_no_image(data):
    assert image_type(data) is None


def test_an_html_file_is_not_stored_as_a_photo(tmp_path):
    photos = PhotoStore(tmp_path)
    with pytest.raises(NotAnImage):
        photos.save(HTML)
    assert list(tmp_path.rglob("*")) == []


def test_a_stored_photo_is_stored_once_and_its_type_read_back_from_its_bytes(tmp_path):
    photos = PhotoStore(tmp_path)
    photo_id = photos.save(PNG)
    assert photos.save(PNG) == photo_id
    assert photos.path_of(photo_id).read_bytes() == PNG
    assert photos.content_type_of(photo_id) == "image/png"
    assert photos.content_type_of("0" * 64) is None


def test_a_stored_photo_and_its_folder_are_readable_by_their_owner_only(tmp_path):
    store = PhotoStore(tmp_path / "photos")
    path = store.path_of(store.save(JPEG))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_old_photos_are_found_by_when_their_file_was_written_and_deleted(tmp_path):
    store = PhotoStore(tmp_path / "photos")
    old, new = store.save(JPEG + b"old picture"), store.save(JPEG + b"new picture")
    now = datetime.now(UTC)
    long_ago = (now - timedelta(days=200)).timestamp()
    os.utime(store.path_of(old), (long_ago, long_ago))
    assert store.stored_before(now - timedelta(days=180)) == [old]
    assert store.delete(old) and not store.path_of(old).exists()
    assert not store.delete(old)  # gone already
    assert store.path_of(new).exists()


def test_an_empty_store_has_no_old_photos(tmp_path):
    assert PhotoStore(tmp_path / "none").stored_before(datetime.now(UTC)) == []
