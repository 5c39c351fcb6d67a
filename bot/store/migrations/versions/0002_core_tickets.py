"""core: ticket lifecycle columns, followers, timers; household building

Revision ID: 0002_core
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_core"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("building_id", ID, nullable=True))
        batch_op.create_foreign_key("fk_households_building_id", "org_units", ["building_id"], ["id"])
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolved_by_id", ID, nullable=True))
        batch_op.add_column(sa.Column("resolution_photo", sa.String(256), nullable=True))
        batch_op.add_column(sa.Column("severity", sa.String(16), nullable=False, server_default="minor"))
        batch_op.add_column(sa.Column("acknowledged_at", TS, nullable=True))
        batch_op.add_column(sa.Column("escalation_level", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("escalated_to_id", ID, nullable=True))
        batch_op.add_column(sa.Column("urge_count", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rating_due_at", TS, nullable=True))
        batch_op.add_column(sa.Column("closed_at", TS, nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", ID, nullable=True))
        batch_op.create_foreign_key("fk_tickets_resolved_by_id", "people", ["resolved_by_id"], ["id"])
        batch_op.create_foreign_key("fk_tickets_escalated_to_id", "people", ["escalated_to_id"], ["id"])
        batch_op.create_foreign_key("fk_tickets_merged_into_id", "tickets", ["merged_into_id"], ["id"])
    op.create_table(
        "ticket_followers",
        sa.Column("id", ID, nullable=False),
        sa.Column("ticket_id", ID, sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ticket_id", "address", "role"),
    )
    op.create_index("ix_ticket_followers_ticket_id", "ticket_followers", ["ticket_id"])
    op.create_table(
        "ticket_timers",
        sa.Column("id", ID, nullable=False),
        sa.Column("ticket_id", ID, sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("deadline", TS, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("outcome", sa.String(64), nullable=True),
        sa.Column("done_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ticket_timers_claimable", "ticket_timers", ["status", "next_attempt_at"])
    op.create_index("ix_ticket_timers_ticket_id", "ticket_timers", ["ticket_id"])


def downgrade() -> None:
    op.drop_table("ticket_timers")
    op.drop_table("ticket_followers")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_constraint("fk_tickets_merged_into_id", type_="foreignkey")
        batch_op.drop_constraint("fk_tickets_escalated_to_id", type_="foreignkey")
        batch_op.drop_constraint("fk_tickets_resolved_by_id", type_="foreignkey")
        for column in ("merged_into_id", "closed_at", "rating_due_at", "rating", "urge_count", "escalated_to_id",
                       "escalation_level", "acknowledged_at", "severity", "resolution_photo", "resolved_by_id"):
            batch_op.drop_column(column)
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_constraint("fk_households_building_id", type_="foreignkey")
        batch_op.drop_column("building_id")
