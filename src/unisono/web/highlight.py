"""Findings shown where they are in a message: the text cut at the findings' stored offsets;
a conversation as the pages show it, each message with its pieces and its mood."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from unisono.interactions.detail import Detail


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


@dataclass(frozen=True)
class Shown:
    """A message of a conversation: who wrote it and when, its pieces, and the customer's mood
    in it as the analysis read it (sentiment -1, 0 or 1, signals)."""

    message: dict[str, Any]
    pieces: list[Segment]
    sentiment: int | None = None
    signals: tuple[str, ...] = ()


def conversation(detail: Detail, *, findings: bool = True) -> list[Shown]:
    """The interaction's messages, cut at its findings (numbered as the page lists them) unless
    ``findings`` is false (a blind review)."""
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for number, finding in enumerate(detail.findings if findings else [], start=1):
        if finding["message"] is not None and finding["start"] is not None:
            spans.setdefault(finding["message"], []).append(
                (finding["start"], finding["end"], number)
            )
    moods = {m["message"]: m for m in detail.reading.messages} if detail.reading else {}
    shown = []
    for index, message in enumerate(detail.interaction.messages):
        mood = moods.get(index, {})
        pieces = segments(message.get("text") or "", spans.get(index, []))
        shown.append(Shown(message, pieces, mood.get("sentiment"), tuple(mood.get("signals", ()))))
    return shown
