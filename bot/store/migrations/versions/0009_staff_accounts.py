"""staff accounts: the workbench's sign-in (argon2 hashes, lockout) and its sessions

Revision ID: 0009_staff_accounts
Revises: 0007_knowledge_misses
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_staff_accounts"
down_revision = "0008_phone_encryption"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", ID, primary_key=True),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("password_set_at", TS, nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("last_sign_in_at", TS, nullable=True),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_index("ix_staff_sessions_person_id", "staff_sessions", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_staff_sessions_person_id", table_name="staff_sessions")
    op.drop_table("staff_sessions")
    op.drop_table("staff_accounts")
