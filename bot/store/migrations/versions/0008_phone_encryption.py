"""phone encryption: every address column (phone numbers, tg:<id>) sealed at rest with AES-SIV

Each value is replaced by its sealed form (bot/common/address_cipher.py, the `columns` key derived from
PHONE_ENCRYPTION_KEY); the columns widen to 128 characters on PostgreSQL to hold it (SQLite does not
enforce a length). Values already sealed are left as they are, so a migration cut short can run again.
The downgrade opens every value again (with the same key) and narrows the columns back.

Revision ID: 0008_phone_encryption
Revises: 0007_knowledge_misses
"""

from collections.abc import Callable

import sqlalchemy as sa
from alembic import context, op

from bot.common.address_cipher import AddressCipher, column_cipher

revision = "0008_phone_encryption"
down_revision = "0007_knowledge_misses"
branch_labels = None
depends_on = None

# (table, column, its length before this revision)
COLUMNS = [
    ("people", "phone", 20),
    ("inbox_messages", "sender", 64),
    ("outbox_messages", "recipient", 64),
    ("tickets", "reporter_address", 64),
    ("ticket_followers", "address", 64),
    ("channel_opt_outs", "address", 64),
    ("privacy_notices", "address", 64),
    ("knowledge_misses", "address", 64),
    ("telegram_locations", "sender", 64),
    ("sms_continuations", "recipient", 64),
]
SEALED_LENGTH = 128
BATCH = 1000


def _cipher() -> AddressCipher:
    """The cipher `Database.migrate` passes; run from alembic's own command line, the configured key."""
    cipher = context.config.attributes.get("address_cipher")
    if cipher is None:
        from bot.common.settings import Settings

        cipher = column_cipher(Settings().phone_encryption_key.get_secret_value())
    return cipher


def _rewrite(table: str, column: str, change: Callable[[str], str | None]) -> None:
    """Replace each value of `table.column` by `change(value)` (None: leave it), a batch of rows at a time."""
    conn = op.get_bind()
    rows = sa.table(table, sa.column("id"), sa.column(column))
    update = sa.update(rows).where(rows.c.id == sa.bindparam("row_id")).values({column: sa.bindparam("value")})
    last = None
    while True:
        query = sa.select(rows.c.id, rows.c[column]).where(rows.c[column].is_not(None)).order_by(rows.c.id).limit(BATCH)
        if last is not None:
            query = query.where(rows.c.id > last)
        batch = conn.execute(query).all()
        if not batch:
            return
        changed = [{"row_id": row_id, "value": new} for row_id, value in batch
                   if (new := change(value)) is not None]
        if changed:
            conn.execute(update, changed)
        last = batch[-1][0]


def _resize(table: str, column: str, old: int, new: int) -> None:
    if op.get_bind().dialect.name == "sqlite":  # SQLite keeps any length; recreating the tables gains nothing
        return
    op.alter_column(table, column, type_=sa.String(new), existing_type=sa.String(old))


def upgrade() -> None:
    cipher = _cipher()
    for table, column, length in COLUMNS:
        _resize(table, column, length, SEALED_LENGTH)
        _rewrite(table, column, lambda value: None if cipher.is_sealed(value) else cipher.seal(value))


def downgrade() -> None:
    cipher = _cipher()
    for table, column, length in COLUMNS:
        _rewrite(table, column, lambda value: cipher.open(value) if cipher.is_sealed(value) else None)
        _resize(table, column, SEALED_LENGTH, length)
