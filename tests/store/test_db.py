import stat

from bot.store.db import Database


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "var" / "gridbot.db"
    db = Database(f"sqlite:///{path}")
    db.ping()
    db.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_existing_database_file_is_made_private(tmp_path):
    path = tmp_path / "gridbot.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    Database(f"sqlite:///{path}").dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_statements_error_never_shows_its_values(tmp_path):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    db = Database(f"sqlite:///{tmp_path / 'gridbot.db'}")
    with pytest.raises(SQLAlchemyError) as failed, db.engine.connect() as conn:
        conn.execute(text("INSERT INTO no_such_table (phone) VALUES (:phone)"), {"phone": "+8613900000001"})
    db.dispose()
    assert "+8613900000001" not in str(failed.value)
