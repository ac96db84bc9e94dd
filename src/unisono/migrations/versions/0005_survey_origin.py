"""Where a survey answer came from: with its interaction, a survey link, or a CSV file.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 22:36:07.275603
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=10), server_default="record", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_column("origin")
