"""Search over the whole bible: BM25 (``bm25s``) over each standard's words — title, reasons'
labels and examples, procedure, approved answers — read as the classifier reads them
(:func:`~unisono.language.text.terms` of normalised text, with the customer-service concepts),
so that « comment me faire rembourser ? » finds the refund standards whatever their wording."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from unisono.language.concepts import concepts
from unisono.language.text import normalise, terms

if TYPE_CHECKING:  # bm25s is imported where an index is built (it brings SciPy)
    import bm25s

__all__ = ["SearchIndex", "search_terms"]

# Words too common in customer service to tell standards apart (after lemmas).
_COMMON_WORDS = (
    "le la les un une des de du et a au aux en je j vous nous votre vos mon ma mes ce cet cette "
    "est sont pour par sur dans que qui quoi ne pas plus il elle on me se sa son ses y l d n s "
    "c qu bonjour merci the and to of i you your my is are for on in it be can do how what"
)
_COMMON = frozenset(_COMMON_WORDS.split())


def search_terms(text: str) -> list[str]:
    """The words a text is searched (or indexed) by."""
    normalised = normalise(text)
    return [t for t in terms(normalised) if t not in _COMMON and t != "#"] + concepts(normalised)


@dataclass
class SearchIndex:
    """A BM25 index of documents known by their keys."""

    keys: tuple[str, ...]
    bm25: bm25s.BM25

    @classmethod
    def build(cls, documents: Sequence[tuple[str, str]]) -> SearchIndex:
        """Index ``(key, text)`` documents."""
        import bm25s  # noqa: PLC0415  (here, not at the top: it brings SciPy)

        bm25 = bm25s.BM25()
        bm25.index([search_terms(text) or ["-"] for _, text in documents], show_progress=False)
        return cls(tuple(key for key, _ in documents), bm25)

    def scores(self, query: str) -> NDArray[np.float32]:
        """The BM25 score of every document for ``query``, in the order of ``keys``."""
        words = search_terms(query)
        if not words or not self.keys:
            return np.zeros(len(self.keys), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(words), dtype=np.float32)
