"""Text normalisation shared by every language feature: case and accents folded, offsets kept."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, one character for one, so offsets still match."""
    out = []
    for char in text.lower():
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else (" " if not base else char))
    return "".join(out)


def squash_spaces(text: str) -> str:
    """Collapse every run of (non-breaking, thin, ordinary) spaces into one space."""
    return _SPACES.sub(" ", text).strip()
