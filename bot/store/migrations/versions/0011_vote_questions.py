"""vote questions: the last vote question the bot asked each person, so the answer is read as its answer

Revision ID: 0011_vote_questions
Revises: 0007_knowledge_misses
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_vote_questions"
down_revision = "0010_broadcasts_templates"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "council_vote_questions",
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("topic_ids", sa.JSON(), nullable=False),
        sa.Column("choice", sa.String(64), nullable=True),
        sa.Column("member_ids", sa.JSON(), nullable=False),
        sa.Column("proxy", sa.Boolean(), nullable=False),
        sa.Column("asked_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("council_vote_questions")
