"""voice messages on tickets (a resident's WeChat voice without recognition text), and a person's
ordered fallback channels after their preferred one (issue 22)

Revision ID: 0016_china2
Revises: 0015_households_visits
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_china2"
down_revision = "0015_households_visits"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ticket_audio",
        sa.Column("id", ID, primary_key=True),
        sa.Column("ticket_id", ID, sa.ForeignKey("tickets.id"), nullable=False, index=True),
        sa.Column("audio_id", sa.String(64), nullable=False),
        sa.Column("content_type", sa.String(32), nullable=False),
        sa.Column("source_message_id", ID, sa.ForeignKey("inbox_messages.id"), nullable=True, unique=True),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("ticket_id", "audio_id"),
    )
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("fallback_channels", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("fallback_channels")
    op.drop_table("ticket_audio")
