"""Metrics: daily rollups of interaction facts, and the days to rebuild.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 22:13:37.644051
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import unisono.core.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daily_facts",
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("interactions", sa.Integer(), nullable=False),
        sa.Column(
            "dimensions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("facts", sa.LargeBinary(), nullable=False),
        sa.Column("built_at", unisono.core.db.EpochSeconds(), nullable=False),
        sa.Column("bible", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_daily_facts")),
    )
    op.create_table(
        "stale_days",
        sa.Column("day", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_stale_days")),
    )


def downgrade() -> None:
    op.drop_table("stale_days")
    op.drop_table("daily_facts")
