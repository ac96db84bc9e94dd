"""Text normalisation shared by every language feature: case and accents folded (offsets kept),
spaces squashed, and the word form the classifiers and the retrieval read (:func:`normalise`).

One place for every part of Unisono: the audit matches phrases on :func:`fold` text, the
reason classifier, the sentiment lexicons and the bible search all read :func:`normalise`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unisono.language.folding import fold, matching_form

__all__ = ["fold", "lemma", "normalise", "squash_spaces", "terms"]

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # « toooujours » -> « toujours », « !!!! » kept apart
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_TERM = re.compile(r"[a-z]+|#")
# Endings stripped to reach a shared form (a light lemma): plural, feminine, common verb and
# noun endings, French first. Longest first; a word keeps at least four letters.
_ENDINGS = (
    "issements", "issement", "ements", "ement", "ations", "ation", "erions", "eriez",
    "aient", "erait", "eront", "erons", "ees", "ent", "ons", "ait", "ais",
    "ant", "ez", "er", "ee", "es", "e", "s", "x", "ing", "ed",
)  # fmt: skip


def squash_spaces(text: str) -> str:
    """Collapse every run of (non-breaking, thin, ordinary) spaces into one space."""
    return _SPACES.sub(" ", text).strip()


def normalise(text: str) -> str:
    """The form classifiers read: folded, one apostrophe and one dash, letters repeated for
    emphasis reduced, every number written ``#`` (an order number says nothing of the
    reason)."""
    folded = _REPEATS.sub(r"\1", matching_form(text))
    return squash_spaces(_NUMBER.sub(" # ", folded))


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """A light lemma of a folded word: « remboursements », « rembourse », « remboursee »
    share « rembours »."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def terms(text: str) -> list[str]:
    """The lemmas of the words of already :func:`normalise`-d text, in order."""
    return [lemma(word) for word in _TERM.findall(text)]
