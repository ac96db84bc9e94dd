"""Audit: findings, analyses and QA scores.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 22:52:43.960669
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import unisono.core.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "analyses",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=32), nullable=False),
        sa.Column("bible", sa.String(length=50), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("analyzed_at", unisono.core.db.EpochSeconds(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_analyses_interaction_id_interactions"),
        ),
        sa.PrimaryKeyConstraint("interaction_id", name=op.f("pk_analyses")),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("standard_id", sa.String(length=200), nullable=True),
        sa.Column("standard_version", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=True),
        sa.Column("found", sa.Text(), nullable=True),
        sa.Column("message", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column(
            "detail",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_findings_interaction_id_interactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index("ix_findings_interaction", ["interaction_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_findings_kind"), ["kind"], unique=False)

    op.create_table(
        "qa_scores",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("scorecard", sa.String(length=200), nullable=False),
        sa.Column("scorecard_version", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("score_without_critical", sa.Float(), nullable=True),
        sa.Column("critical_failed", sa.Boolean(), nullable=False),
        sa.Column(
            "criteria",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_qa_scores_interaction_id_interactions"),
        ),
        sa.PrimaryKeyConstraint("interaction_id", "scorecard", name=op.f("pk_qa_scores")),
    )


def downgrade() -> None:
    op.drop_table("qa_scores")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_kind"))
        batch_op.drop_index("ix_findings_interaction")

    op.drop_table("findings")
    op.drop_table("analyses")
