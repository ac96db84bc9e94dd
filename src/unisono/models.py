"""Every domain's tables, imported once so that they join ``Base.metadata`` (for Alembic)."""

from __future__ import annotations

import unisono.accounts.models
import unisono.audit.models
import unisono.bible.models
import unisono.consistency.models
import unisono.core.changes
import unisono.interactions.models
import unisono.language.models
import unisono.metrics.models
import unisono.reviews.models  # noqa: F401
from unisono.core.db import Base

metadata = Base.metadata
