"""Language analysis: the customer's language, classified reasons and mood per interaction;
where an interaction's reason comes from.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("reason_origin", sa.String(length=10), nullable=True))
    op.execute("UPDATE interactions SET reason_origin = 'record' WHERE reason_id IS NOT NULL")
    op.create_table(
        "interaction_language",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("reason_confidence", sa.Float(), nullable=True),
        sa.Column("sentiment", sa.SmallInteger(), nullable=True),
        sa.Column("first_sentiment", sa.SmallInteger(), nullable=True),
        sa.Column("last_sentiment", sa.SmallInteger(), nullable=True),
        sa.Column("mood_change", sa.SmallInteger(), nullable=True),
        sa.Column("frustration", sa.Boolean(), nullable=False),
        sa.Column("urgency", sa.Boolean(), nullable=False),
        sa.Column("churn_threat", sa.Boolean(), nullable=False),
        sa.Column("escalation_threat", sa.Boolean(), nullable=False),
        sa.Column("gratitude", sa.Boolean(), nullable=False),
        sa.Column("messages", _JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_language_interaction_id_interactions"),
        ),
        sa.PrimaryKeyConstraint("interaction_id", name=op.f("pk_interaction_language")),
    )


def downgrade() -> None:
    op.drop_table("interaction_language")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("reason_origin")
