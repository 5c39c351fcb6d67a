"""china channels: WeChat access tokens shared by every process, a WeChat user's last location, the
phone number a WeChat follower linked (and the one-time codes that prove it), and the staff member a WeCom
member is

Revision ID: 0014_china_channels
Revises: 0007_knowledge_misses
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_china_channels"
down_revision = "0013_staff_queue_pages"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "wechat_access_tokens",
        sa.Column("id", ID, primary_key=True),
        sa.Column("key", sa.String(128), nullable=False, unique=True),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
    )
    op.create_table(
        "wechat_locations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("sender", sa.String(128), nullable=False, unique=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("label", sa.String(256), nullable=False),
        sa.Column("shared_at", TS, nullable=False),
    )
    op.create_table(
        "wechat_identities",
        sa.Column("id", ID, primary_key=True),
        sa.Column("address", sa.String(128), nullable=False, unique=True),
        sa.Column("phone", sa.String(128), nullable=True),
        sa.Column("linked_at", TS, nullable=False),
    )
    op.create_table(
        "wecom_members",
        sa.Column("id", ID, primary_key=True),
        sa.Column("userid", sa.String(64), nullable=False, unique=True),
        sa.Column("phone", sa.String(128), nullable=False, unique=True),
        sa.Column("linked_at", TS, nullable=False),
    )
    op.create_table(
        "wechat_link_codes",
        sa.Column("id", ID, primary_key=True),
        sa.Column("address", sa.String(128), nullable=False, unique=True),
        sa.Column("phone", sa.String(128), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("wechat_link_codes")
    op.drop_table("wecom_members")
    op.drop_table("wechat_identities")
    op.drop_table("wechat_locations")
    op.drop_table("wechat_access_tokens")
