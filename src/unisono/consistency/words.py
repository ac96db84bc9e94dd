"""Texts as hashed counts of their words and pairs of adjacent words: the matrix of
scikit-learn's ``HashingVectorizer(preprocessor=fold, ngram_range=(1, 2), alternate_sign=False,
norm=None, dtype=float32)``, built faster. Replies share many lines (greetings, signatures, the
sentences of macros): each distinct line is read once and each distinct word or pair hashed once,
where the vectorizer reads and hashes every occurrence."""

from __future__ import annotations

import re
from itertools import chain
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unisono.language.text import fold

__all__ = ["hashed_counts"]

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern
Ints = NDArray[np.int64]


def hashed_counts(texts: list[str], n_features: int) -> Any:
    """A CSR matrix, a row per text, a column per hashed word or pair (float32 counts).

    A text's words are those of its lines one after the other (no word spans a line break), so
    its counts are those of its lines plus the pairs made of a line's last word and the next
    word (the rare text that does not fold line by line is read whole)."""
    from scipy import sparse  # noqa: PLC0415

    lines = [text.split("\n") if _by_lines(text) else [text] for text in texts]
    distinct = {line: code for code, line in enumerate(dict.fromkeys(chain.from_iterable(lines)))}
    tokens = [_TOKEN.findall(fold(line)) for line in distinct]
    vocabulary = {w: code for code, w in enumerate(dict.fromkeys(chain.from_iterable(tokens)))}
    words = list(vocabulary)
    sizes = np.fromiter(map(len, tokens), np.int64, len(tokens))
    codes = np.fromiter(map(vocabulary.__getitem__, chain.from_iterable(tokens)), np.int64)
    if not codes.size:
        return sparse.csr_matrix((len(texts), n_features), dtype=np.float32)
    ends = np.cumsum(sizes)
    per_line = _line_counts(words, codes, sizes, ends, n_features)
    # which lines each text is made of, and the pairs that span two of its lines
    occurrences = np.fromiter(map(distinct.__getitem__, chain.from_iterable(lines)), np.int64)
    text_of = np.repeat(np.arange(len(texts)), np.fromiter(map(len, lines), np.int64))
    made_of = sparse.csr_matrix(
        (np.ones(occurrences.size, dtype=np.float32), (text_of, occurrences)),
        shape=(len(texts), sizes.size),
    )
    worded = sizes[occurrences] > 0
    text_of, occurrences = text_of[worded], occurrences[worded]
    spanning = np.flatnonzero(text_of[1:] == text_of[:-1])
    # each line's first and last word (clipped for lines without words, never read)
    first, last = codes.take(ends - sizes, mode="clip"), codes.take(ends - 1, mode="clip")
    across = _counts(
        words,
        text_of[spanning],
        last[occurrences[spanning]],
        first[occurrences[spanning + 1]],
        (len(texts), n_features),
    )
    counts = made_of @ per_line + across
    counts.sum_duplicates()  # also sorts each row's columns, as the vectorizer leaves them
    return counts


def _line_counts(words: list[str], codes: Ints, sizes: Ints, ends: Ints, n_features: int) -> Any:
    """A row per distinct line: its words and pairs of adjacent words."""
    within = np.ones(codes.size, dtype=bool)
    within[ends[sizes > 0] - 1] = False  # a line's last word starts no pair of that line
    starts = np.flatnonzero(within)
    line_of = np.repeat(np.arange(sizes.size), sizes)
    return _counts(
        words,
        np.concatenate([line_of, line_of[starts]]),
        np.concatenate([codes, codes[starts]]),
        np.concatenate([np.full(codes.size, -1), codes[starts + 1]]),
        (sizes.size, n_features),
    )


def _by_lines(text: str) -> bool:
    """Whether ``text`` folds as its lines do: not when a letter grows in lower case (« İ »),
    as ``fold`` then lowers it letter by letter, every « Σ » to « σ », not « ς » at a word's
    end."""
    return len(text.lower()) == len(text)


def _counts(words: list[str], rows: Ints, left: Ints, right: Ints, shape: tuple[int, int]) -> Any:
    """Counts of the words ``left`` (``right`` = -1) and pairs ``left right``, in their rows."""
    from scipy import sparse  # noqa: PLC0415
    from sklearn.utils import murmurhash3_32  # noqa: PLC0415

    grams, which = _distinct(left * (len(words) + 1) + right + 1)
    first, second = np.divmod(grams, len(words) + 1)
    names = [
        words[a] if b == 0 else f"{words[a]} {words[b - 1]}"
        for a, b in zip(first.tolist(), second.tolist(), strict=True)
    ]
    hashes = np.fromiter(map(murmurhash3_32, names), np.int64, len(names))
    columns = (np.abs(hashes) % shape[1])[which]
    return sparse.csr_matrix((np.ones(rows.size, dtype=np.float32), (rows, columns)), shape=shape)


def _distinct(keys: Ints) -> tuple[Ints, Ints]:
    """``np.unique(keys, return_inverse=True)``, by a stable sort: twice as fast on these keys,
    which come partly in order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    new = np.ones(ordered.size, dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty_like(order)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse
