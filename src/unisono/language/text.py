"""Text normalisation shared by every language feature: case and accents folded, offsets kept."""

from __future__ import annotations

import re

from unisono.language.folding import fold

__all__ = ["fold", "squash_spaces"]

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def squash_spaces(text: str) -> str:
    """Collapse every run of (non-breaking, thin, ordinary) spaces into one space."""
    return _SPACES.sub(" ", text).strip()
