"""ticket photos: the photos a report came with, attached to its ticket (and one head again)

Revision ID: 0005_ticket_photos
Revises: 0002_core, 0003_channels, 0004_council_topics
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_ticket_photos"
down_revision = ("0002_core", "0003_channels", "0004_council_topics")
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ticket_photos",
        sa.Column("id", ID, primary_key=True),
        sa.Column("ticket_id", ID, sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("photo_id", sa.String(64), nullable=False),
        sa.Column("source_message_id", ID, sa.ForeignKey("inbox_messages.id"), nullable=True),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("ticket_id", "photo_id"),
    )
    op.create_index("ix_ticket_photos_ticket_id", "ticket_photos", ["ticket_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_photos_ticket_id", table_name="ticket_photos")
    op.drop_table("ticket_photos")
