import stat

from bot.store.photos import PhotoStore


def test_a_stored_photo_and_its_folder_are_readable_by_their_owner_only(tmp_path):
    store = PhotoStore(tmp_path / "photos")
    path = store.path_of(store.save(b"\xff\xd8\xff\xe0 a photo"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_same_photo_is_stored_once(tmp_path):
    store = PhotoStore(tmp_path / "photos")
    assert store.save(b"\xff\xd8\xff same") == store.save(b"\xff\xd8\xff same")
    assert len(list((tmp_path / "photos").rglob("*"))) == 2  # one folder, one file
