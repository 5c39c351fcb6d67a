"""channels: opt-outs, inbound media, delivery statuses, SMS continuations, Telegram buttons and locations

Revision ID: 0003_channels
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_channels"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "channel_opt_outs",
        sa.Column("id", ID, primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_at", TS, nullable=False),
        sa.UniqueConstraint("channel", "address"),
    )
    op.create_table(
        "inbound_media",
        sa.Column("id", ID, primary_key=True),
        sa.Column("inbox_message_id", ID, sa.ForeignKey("inbox_messages.id"), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("source_key", sa.String(256), nullable=False),
        sa.Column("photo_id", sa.String(64), nullable=False),
        sa.Column("content_type", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_at", TS, nullable=False),
        sa.UniqueConstraint("channel", "source_key"),
    )
    op.create_index("ix_inbound_media_inbox_message_id", "inbound_media", ["inbox_message_id"])
    op.create_table(
        "delivery_statuses",
        sa.Column("id", ID, primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("provider_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("error_code", sa.String(16), nullable=True),
        sa.Column("received_at", TS, nullable=False),
    )
    op.create_index("ix_delivery_provider", "delivery_statuses", ["provider_id", "id"])
    op.create_table(
        "sms_continuations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("channel", "recipient"),
    )
    op.create_table(
        "telegram_button_choices",
        sa.Column("id", ID, primary_key=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "telegram_locations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("sender", sa.String(64), nullable=False, unique=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("shared_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("telegram_locations", "telegram_button_choices", "sms_continuations", "delivery_statuses",
                  "inbound_media", "channel_opt_outs"):
        op.drop_table(table)
