"""The service bible: revisions of bible.yml, channels, reasons, versioned standards.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import unisono.core.db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "bible_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loaded_at", unisono.core.db.EpochSeconds(), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("vision", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("formality", sa.String(length=4), nullable=True),
        sa.Column("fcr_window_s", sa.Integer(), nullable=False),
        sa.Column(
            "document",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bible_revisions")),
    )
    op.create_table(
        "channels",
        sa.Column("id", sa.String(length=50), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channels")),
    )
    op.create_table(
        "reasons",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("parent_id", sa.String(length=200), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column(
            "examples",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["reasons.id"], name=op.f("fk_reasons_parent_id_reasons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reasons")),
    )
    op.create_table(
        "standards",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("created_at", unisono.core.db.EpochSeconds(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standards")),
    )
    op.create_table(
        "standard_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_from", unisono.core.db.EpochSeconds(), nullable=False),
        sa.Column("valid_to", unisono.core.db.EpochSeconds(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_path", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("review_every_s", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("impact", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "required",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "document",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standards.id"],
            name=op.f("fk_standard_versions_standard_id_standards"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_versions")),
        sa.UniqueConstraint(
            "standard_id", "version", name=op.f("uq_standard_versions_standard_id")
        ),
    )
    op.create_index(
        "ix_standard_versions_current",
        "standard_versions",
        ["standard_id"],
        unique=True,
        sqlite_where=sa.text("valid_to IS NULL"),
        postgresql_where=sa.text("valid_to IS NULL"),
    )

    op.create_table(
        "forbidden_expressions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bible_revision_id", sa.Integer(), nullable=True),
        sa.Column("standard_version_id", sa.Integer(), nullable=True),
        sa.Column("expression", sa.String(length=500), nullable=False),
        sa.Column("replacement", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "(bible_revision_id IS NULL) <> (standard_version_id IS NULL)",
            name=op.f("ck_forbidden_expressions_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["bible_revision_id"],
            ["bible_revisions.id"],
            name=op.f("fk_forbidden_expressions_bible_revision_id_bible_revisions"),
        ),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name=op.f("fk_forbidden_expressions_standard_version_id_standard_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forbidden_expressions")),
    )
    op.create_table(
        "standard_answers",
        sa.Column("standard_version_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channels.id"], name=op.f("fk_standard_answers_channel_id_channels")
        ),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name=op.f("fk_standard_answers_standard_version_id_standard_versions"),
        ),
        sa.PrimaryKeyConstraint(
            "standard_version_id", "channel_id", name=op.f("pk_standard_answers")
        ),
    )
    op.create_table(
        "standard_channels",
        sa.Column("standard_version_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channels.id"], name=op.f("fk_standard_channels_channel_id_channels")
        ),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name=op.f("fk_standard_channels_standard_version_id_standard_versions"),
        ),
        sa.PrimaryKeyConstraint(
            "standard_version_id", "channel_id", name=op.f("pk_standard_channels")
        ),
    )
    op.create_table(
        "standard_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_version_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("raw", sa.String(length=200), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("per", sa.String(length=100), nullable=True),
        sa.Column("base_value", sa.Float(), nullable=False),
        sa.Column("base_unit", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name=op.f("fk_standard_facts_standard_version_id_standard_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_facts")),
        sa.UniqueConstraint(
            "standard_version_id", "name", name=op.f("uq_standard_facts_standard_version_id")
        ),
    )
    op.create_table(
        "standard_reasons",
        sa.Column("standard_version_id", sa.Integer(), nullable=False),
        sa.Column("reason_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["reason_id"], ["reasons.id"], name=op.f("fk_standard_reasons_reason_id_reasons")
        ),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name=op.f("fk_standard_reasons_standard_version_id_standard_versions"),
        ),
        sa.PrimaryKeyConstraint(
            "standard_version_id", "reason_id", name=op.f("pk_standard_reasons")
        ),
    )
    op.create_table(
        "standard_slas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_version_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel_id", sa.String(length=50), nullable=True),
        sa.Column("target_s", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('first_response', 'resolution')", name=op.f("ck_standard_slas_kind")
        ),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["channels.id"], name=op.f("fk_standard_slas_channel_id_channels")
        ),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name=op.f("fk_standard_slas_standard_version_id_standard_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard_slas")),
        sa.UniqueConstraint(
            "standard_version_id",
            "kind",
            "channel_id",
            name=op.f("uq_standard_slas_standard_version_id"),
        ),
    )


def downgrade() -> None:

    op.drop_table("standard_slas")
    op.drop_table("standard_reasons")
    op.drop_table("standard_facts")
    op.drop_table("standard_channels")
    op.drop_table("standard_answers")
    op.drop_table("forbidden_expressions")
    op.drop_index("ix_standard_versions_current", table_name="standard_versions")

    op.drop_table("standard_versions")
    op.drop_table("standards")
    op.drop_table("reasons")
    op.drop_table("channels")
    op.drop_table("bible_revisions")
