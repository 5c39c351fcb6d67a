"""points ledger: append-only entries and guarded running balances

Revision ID: 0004_council
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_council"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "points_entries",
        sa.Column("id", ID, nullable=False),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("ref", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("staff_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "reason", "ref", name="uq_points_once"),
    )
    op.create_index("ix_points_person", "points_entries", ["person_id", "id"])
    op.create_table(
        "points_accounts",
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("balance", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("person_id"),
        sa.CheckConstraint("balance >= 0", name="ck_points_balance_not_negative"),
    )


def downgrade() -> None:
    op.drop_table("points_accounts")
    op.drop_index("ix_points_person", table_name="points_entries")
    op.drop_table("points_entries")
