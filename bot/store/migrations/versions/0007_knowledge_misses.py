"""knowledge misses: questions the knowledge base could not answer, for staff, and their question tickets

Revision ID: 0007_knowledge_misses
Revises: 0006_audit_log
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_knowledge_misses"
down_revision = "0006_audit_log"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "knowledge_misses",
        sa.Column("id", ID, primary_key=True),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_message_id", ID, sa.ForeignKey("inbox_messages.id"), nullable=True, unique=True),
        sa.Column("asked_at", TS, nullable=False),
        sa.Column("ticket_id", ID, sa.ForeignKey("tickets.id"), nullable=True),
    )
    op.create_index("ix_knowledge_misses_address_asked_at", "knowledge_misses", ["address", "asked_at"])


def downgrade() -> None:
    op.drop_index("ix_knowledge_misses_address_asked_at", table_name="knowledge_misses")
    op.drop_table("knowledge_misses")
