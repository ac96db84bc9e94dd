"""Findings shown where they are in a message: the text cut at the findings' stored offsets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Segment:
    """A piece of a message, and the findings (their numbers on the page) that cover it."""

    text: str
    findings: tuple[int, ...] = ()


def segments(text: str, spans: Sequence[tuple[int, int, int]]) -> list[Segment]:
    """``text`` cut at every ``(start, end, finding number)`` span; spans out of the text's
    bounds are ignored, overlapping ones mark the pieces they share with both numbers."""
    valid = [(s, e, n) for s, e, n in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = tuple(sorted(n for s, e, n in valid if s <= start and end <= e))
        pieces.append(Segment(text[start:end], covering))
    return pieces or [Segment(text)]
