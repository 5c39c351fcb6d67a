"""council: topics, one ballot each, the ballot audit trail and notices

Revision ID: 0004_council_topics
Revises: 0004_council
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_council_topics"
down_revision = "0004_council"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "council_topics",
        sa.Column("id", ID, nullable=False),
        sa.Column("title", sa.String(128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("electorate", sa.JSON(), nullable=False),
        sa.Column("per_household", sa.Boolean(), nullable=False),
        sa.Column("allow_change", sa.Boolean(), nullable=False),
        sa.Column("allow_proxy", sa.Boolean(), nullable=False),
        sa.Column("secret", sa.Boolean(), nullable=False),
        sa.Column("quorum_percent", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reject_reason", sa.Text(), nullable=True),
        sa.Column("unit_id", ID, sa.ForeignKey("org_units.id"), nullable=True),
        sa.Column("proposer_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("approver_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("opens_at", TS, nullable=True),
        sa.Column("closes_at", TS, nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "council_ballots",
        sa.Column("id", ID, nullable=False),
        sa.Column("topic_id", ID, sa.ForeignKey("council_topics.id"), nullable=False),
        sa.Column("voter_key", sa.String(32), nullable=False),
        sa.Column("option", sa.Integer(), nullable=False),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("cast_by_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("proxy", sa.Boolean(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("cast_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("topic_id", "voter_key", name="uq_one_ballot_each"),
    )
    op.create_table(
        "council_ballot_events",
        sa.Column("id", ID, nullable=False),
        sa.Column("topic_id", ID, sa.ForeignKey("council_topics.id"), nullable=False),
        sa.Column("voter_key", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("option", sa.Integer(), nullable=False),
        sa.Column("previous_option", sa.Integer(), nullable=True),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("cast_by_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("proxy", sa.Boolean(), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ballot_events_topic", "council_ballot_events", ["topic_id", "id"])
    op.create_table(
        "council_notices",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("topic_id", ID, sa.ForeignKey("council_topics.id"), nullable=True),
        sa.Column("electorate", sa.JSON(), nullable=False),
        sa.Column("author_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("posted_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("topic_id"),
    )


def downgrade() -> None:
    op.drop_table("council_notices")
    op.drop_index("ix_ballot_events_topic", table_name="council_ballot_events")
    op.drop_table("council_ballot_events")
    op.drop_table("council_ballots")
    op.drop_table("council_topics")
