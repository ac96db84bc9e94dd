"""The data version, and the consistency report as last computed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import unisono.core.db

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(version, [{"id": 1, "number": 0}])
    op.create_table(
        "consistency_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bible", sa.String(length=50), nullable=False),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
        sa.Column("computed_at", unisono.core.db.EpochSeconds(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("report", _JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consistency_reports")),
    )


def downgrade() -> None:
    op.drop_table("consistency_reports")
    op.drop_table("data_version")
