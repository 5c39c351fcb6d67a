"""households and visits: a household's place (for the 亮灯图), the history of its colour and tags, custom
tags per community, the monthly visit lists and visits, grid workers' monthly lights, and the monthly runs
done (issue 21)

Revision ID: 0015_households_visits
Revises: 0014_china_channels
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_households_visits"
down_revision = "0014_china_channels"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True))
    op.create_table(
        "custom_tags",
        sa.Column("id", ID, primary_key=True),
        sa.Column("unit_id", ID, sa.ForeignKey("org_units.id"), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("created_by_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("unit_id", "name"),
    )
    op.create_table(
        "visits",
        sa.Column("id", ID, primary_key=True),
        sa.Column("household_id", ID, sa.ForeignKey("households.id"), nullable=False),
        sa.Column("worker_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("visited_at", TS, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("ticket_id", ID, sa.ForeignKey("tickets.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_visits_household", "visits", ["household_id", "visited_at"])
    op.create_table(
        "household_changes",
        sa.Column("id", ID, primary_key=True),
        sa.Column("household_id", ID, sa.ForeignKey("households.id"), nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("old_value", sa.String(64), nullable=False),
        sa.Column("new_value", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(256), nullable=False),
        sa.Column("changed_by_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("visit_id", ID, sa.ForeignKey("visits.id"), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_household_changes_household", "household_changes", ["household_id", "created_at"])
    op.create_table(
        "visit_tasks",
        sa.Column("id", ID, primary_key=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("household_id", ID, sa.ForeignKey("households.id"), nullable=False),
        sa.Column("unit_id", ID, sa.ForeignKey("org_units.id"), nullable=False),
        sa.Column("worker_id", ID, sa.ForeignKey("people.id"), nullable=True),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("visit_id", ID, sa.ForeignKey("visits.id"), nullable=True),
        sa.Column("reminded_at", TS, nullable=True),
        sa.Column("escalated_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("month", "household_id"),
    )
    op.create_index("ix_visit_tasks_worker_month", "visit_tasks", ["worker_id", "month"])
    op.create_index("ix_visit_tasks_unit_month", "visit_tasks", ["unit_id", "month"])
    op.create_table(
        "worker_month_lights",
        sa.Column("id", ID, primary_key=True),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("unit_id", ID, sa.ForeignKey("org_units.id"), nullable=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("on_time_rate", sa.Float(), nullable=True),
        sa.Column("visit_rate", sa.Float(), nullable=True),
        sa.Column("satisfaction", sa.Float(), nullable=True),
        sa.Column("open_count", sa.Integer(), nullable=False),
        sa.Column("overdue_count", sa.Integer(), nullable=False),
        sa.Column("light", sa.String(8), nullable=False),
        sa.Column("flagged_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("person_id", "month"),
    )
    op.create_table(
        "monthly_runs",
        sa.Column("id", ID, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("done_at", TS, nullable=False),
        sa.UniqueConstraint("kind", "month", "scope"),
    )


def downgrade() -> None:
    op.drop_table("monthly_runs")
    op.drop_table("worker_month_lights")
    op.drop_table("visit_tasks")
    op.drop_table("household_changes")
    op.drop_table("visits")
    op.drop_table("custom_tags")
    with op.batch_alter_table("households") as batch:
        batch.drop_column("lon")
        batch.drop_column("lat")
