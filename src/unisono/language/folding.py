"""Fast case and accent folding, one character for one, for matching phrases in replies.

:func:`fold` lower-cases and strips accents through a translation table filled on first use
(``unisono.language.text.fold`` is this one); :func:`match_form` also writes every
apostrophe as ``'`` and every dash as ``-``, so that patterns need to know only one of each.
Both keep offsets: the character at ``i`` of the result comes from the character at ``i`` of
the text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "match_form", "matching_form"]

_APOSTROPHES = "'’‘`´ʼ′"
_DASHES = "-‐‑‒–—−"


class _FoldTable(dict[int, str]):
    """Code point -> its folded character, computed once per code point."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        value = base if len(base) == 1 else (" " if not base else char)
        self[code] = value
        return value


_FOLD = _FoldTable()
_MATCH = _FoldTable()
_MATCH.update({ord(c): "'" for c in _APOSTROPHES})
_MATCH.update({ord(c): "-" for c in _DASHES})


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # "İ" lowers to two characters: keep such a character as it is, so offsets still match
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, one character for one."""
    return _lower(text).translate(_FOLD)


def matching_form(text: str) -> str:
    """``text`` folded, with one apostrophe and one dash (not cached: for texts seen once)."""
    return _lower(text).translate(_MATCH)


@lru_cache(maxsize=8192)
def match_form(text: str) -> str:
    """``text`` folded, with one apostrophe and one dash: the form phrases are matched on."""
    return matching_form(text)
