"""Every domain's tables, imported once for Alembic and for metadata checks."""

from __future__ import annotations


def load_all_models() -> None:
    """Import each domain's models so that their tables join ``Base.metadata``."""
    import unisono.bible.models  # noqa: F401
