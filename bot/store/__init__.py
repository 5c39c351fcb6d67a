"""The SQLAlchemy 2 store: models, sessions and alembic migrations."""
