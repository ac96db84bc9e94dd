"""Sentences and quotations in a message, as character offsets into its text.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space (not after a title such as
« M. » or a decimal point), or at a line break; surrounding spaces are left out. A quotation is
text between « », “ ” or "" that the writer reports (a customer's words, a label), unless it
fills a whole line: a phone script writes what is said between « » line by line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Span", "inside", "quotations", "sentence_at", "sentences"]


class Span(NamedTuple):
    """``text[start:end]``."""

    start: int
    end: int


# Written to start with a set of characters: the engine then jumps from one to the next.
_END = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[»”\"')\]]*(?=\s))")
_TITLES = re.compile(r"(?:^|[\s(])(?:m|mme|mlle|mr|mrs|ms|dr|st|ste|no|n°|cf|ex|p|vs|etc)\.$", re.I)
_QUOTE = re.compile(r"«([^«»\n]*)»|“([^“”\n]*)”|\"([^\"\n]*)\"")


@lru_cache(maxsize=8192)
def sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text``, in order, without their surrounding spaces."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group() != "\n" and _TITLES.search(text, max(0, match.start() - 6), end):
            continue  # "M. Martin", "cf. ci-dessous": not the end of a sentence
        _add(spans, text, start, end)
        start = end
    _add(spans, text, start, len(text))
    return tuple(spans)


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    part = text[start:end]
    kept = part.strip()
    if kept:
        first = start + len(part) - len(part.lstrip())
        spans.append(Span(first, first + len(kept)))


def sentence_at(spans: tuple[Span, ...], offset: int) -> Span | None:
    """The sentence of ``spans`` that holds the character at ``offset``."""
    for span in spans:
        if span.start <= offset < span.end:
            return span
    return None


@lru_cache(maxsize=8192)
def quotations(text: str) -> tuple[Span, ...]:
    """Quoted passages of ``text`` (the quotes included), except quotes that fill a line."""
    found: list[Span] = []
    for match in _QUOTE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start : match.start()], text[match.end() : line_end]
        if not before.strip() and not after.strip(" \t.!?…"):
            continue  # « what is said », line by line: the writer's own words
        found.append(Span(match.start(), match.end()))
    return tuple(found)


def inside(spans: tuple[Span, ...], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps one of ``spans``."""
    return any(span.start < end and start < span.end for span in spans)
