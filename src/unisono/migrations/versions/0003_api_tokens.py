"""API tokens for integrations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 21:29:12.005152
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import unisono.core.db

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", unisono.core.db.EpochSeconds(), nullable=False),
        sa.Column("last_used_at", unisono.core.db.EpochSeconds(), nullable=True),
        sa.Column("revoked_at", unisono.core.db.EpochSeconds(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("name", name=op.f("uq_api_tokens_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
