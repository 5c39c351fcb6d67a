"""staff queue pages: where a staff member's 我的工单 list got to, for 更多

Revision ID: 0013_staff_queue_pages
Revises: 0007_knowledge_misses
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_staff_queue_pages"
down_revision = "0011_vote_questions"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_queue_pages",
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("next_offset", sa.Integer(), nullable=False),
        sa.Column("shown_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("staff_queue_pages")
