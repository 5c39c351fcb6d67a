"""broadcasts (宣传知识送到家) and their outbox rows; response templates (常用回复) per community

Revision ID: 0010_broadcasts_templates
Revises: 0007_knowledge_misses
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_broadcasts_templates"
down_revision = "0009_staff_accounts"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", ID, primary_key=True),
        sa.Column("topic", sa.String(16), nullable=False),
        sa.Column("title", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("audience_label", sa.String(128), nullable=False),
        sa.Column("grid_ids", sa.JSON(), nullable=False),
        sa.Column("sent_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("opted_out", sa.Integer(), nullable=False),
        sa.Column("unreachable", sa.Integer(), nullable=False),
        sa.Column("sms_parts", sa.Integer(), nullable=False),
        sa.Column("sms_total", sa.Integer(), nullable=False),
    )
    op.create_index("ix_broadcasts_created_at", "broadcasts", ["created_at"])
    op.create_table(
        "broadcast_deliveries",
        sa.Column("id", ID, primary_key=True),
        sa.Column("broadcast_id", ID, sa.ForeignKey("broadcasts.id"), nullable=False),
        sa.Column("outbox_message_id", ID, sa.ForeignKey("outbox_messages.id"), nullable=False, unique=True),
    )
    op.create_index("ix_broadcast_deliveries_broadcast_id", "broadcast_deliveries", ["broadcast_id"])
    op.create_table(
        "reply_templates",
        sa.Column("id", ID, primary_key=True),
        sa.Column("unit_id", ID, sa.ForeignKey("org_units.id"), nullable=False),
        sa.Column("title", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_reply_templates_unit_active", "reply_templates", ["unit_id", "active"])


def downgrade() -> None:
    op.drop_index("ix_reply_templates_unit_active", table_name="reply_templates")
    op.drop_table("reply_templates")
    op.drop_index("ix_broadcast_deliveries_broadcast_id", table_name="broadcast_deliveries")
    op.drop_table("broadcast_deliveries")
    op.drop_index("ix_broadcasts_created_at", table_name="broadcasts")
    op.drop_table("broadcasts")
