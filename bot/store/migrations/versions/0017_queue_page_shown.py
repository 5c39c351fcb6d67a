"""staff queue pages remember which tickets were shown, so 更多 shows each once while tickets come and go
(blind test 29, B80: a ticket closed between 我的工单 and 更多 shifted the offset, one shown twice)

Revision ID: 0017_queue_page_shown
Revises: 0016_china2
"""

import sqlalchemy as sa
from alembic import op

revision = "0017_queue_page_shown"
down_revision = "0016_china2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_queue_pages") as batch:
        batch.add_column(sa.Column("shown_ids", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("staff_queue_pages") as batch:
        batch.drop_column("shown_ids")
