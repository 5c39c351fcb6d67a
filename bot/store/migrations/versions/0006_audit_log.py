"""PIPL: the hash-chained audit log and its head, and who has been given the privacy notice

Revision ID: 0006_audit_log
Revises: 0005_ticket_photos
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_audit_log"
down_revision = "0005_ticket_photos"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", ID, primary_key=True, autoincrement=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(128), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seq", ID, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("kept_from", ID, nullable=False),
        sa.Column("anchor", sa.String(64), nullable=False),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS, "kept_from": 1, "anchor": GENESIS}])
    op.create_table(
        "privacy_notices",
        sa.Column("id", ID, primary_key=True),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("told_at", TS, nullable=False),
        sa.UniqueConstraint("address"),
    )


def downgrade() -> None:
    op.drop_table("privacy_notices")
    op.drop_table("audit_head")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
