"""Numbers written in words, in French and English (``quatre-vingt-dix``, ``twenty-one``)."""

from __future__ import annotations

from decimal import Decimal

UNITS = {
    # French
    "zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS = {
    "cent": 100, "cents": 100, "hundred": 100,
    "mille": 1000, "thousand": 1000,
    "million": 1_000_000, "millions": 1_000_000,
    "milliard": 1_000_000_000, "milliards": 1_000_000_000, "billion": 1_000_000_000,
}  # fmt: skip
# "un", "une", "a", "an" mean one only at the start of a number ("un an", "a hundred").
ARTICLES = {"un", "une", "a", "an"}
# "une quinzaine de jours": an approximate number, read as its round value.
COLLECTIVES = {
    "huitaine": 8, "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20,
    "trentaine": 30, "centaine": 100, "dozen": 12,
}  # fmt: skip
CONNECTORS = {"et", "and"}
ONE_INSIDE = {"un", "une"}  # "vingt et un", "cent un": French "one" inside a number
HALVES = {"demi", "demie", "half"}


def is_number_word(word: str) -> bool:
    """Whether ``word`` (folded) can start a number written in words."""
    return word in UNITS or word in ARTICLES or word in COLLECTIVES or word in HALVES


def read_number_words(words: list[str], start: int) -> tuple[Decimal, int] | None:
    """Read the number written in words from ``words[start]``; return (value, next index)."""
    if start >= len(words):
        return None
    first = words[start]
    if first in HALVES:
        following = words[start + 1] if start + 1 < len(words) else ""
        return Decimal("0.5"), start + (2 if following in ("a", "an") else 1)  # "half an hour"
    if first in COLLECTIVES:
        return _skip_de(words, Decimal(COLLECTIVES[first]), start + 1)
    index = start
    if first in ARTICLES:
        following = words[index + 1] if index + 1 < len(words) else ""
        if following in HALVES:  # "une demi-heure", "a half"
            return Decimal("0.5"), index + 2
        if following in COLLECTIVES:  # "une quinzaine de jours"
            return _skip_de(words, Decimal(COLLECTIVES[following]), index + 2)
        if following not in MULTIPLIERS:
            return Decimal(1), index + 1
        index += 1
    total, current, index = _read_integer(words, index, first in ARTICLES)
    if index == start:
        return None
    return Decimal(total + current), index


def _read_integer(words: list[str], index: int, one_before: bool) -> tuple[int, int, int]:
    """The classic accumulator: units add up, "cent"/"mille"/… multiply what came before."""
    total, current = 0, 1 if one_before else 0
    previous = ""
    while index < len(words):
        word = words[index]
        if word in ONE_INSIDE and (previous in CONNECTORS or previous in MULTIPLIERS):
            current += 1
        elif word in UNITS:
            value = UNITS[word]
            if value in (20, 80) and current % 100 == 4 and word.startswith("vingt"):
                current += 76  # "quatre-vingt": 4 × 20, not 4 + 20
            else:
                current += value
        elif word in MULTIPLIERS:
            multiplier = MULTIPLIERS[word]
            if multiplier == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * multiplier
                current = 0
        elif word in CONNECTORS and previous and _continues_number(words, index + 1):
            pass  # "vingt et un", "one hundred and five"
        else:
            break
        previous = word
        index += 1
    return total, current, index


def _continues_number(words: list[str], index: int) -> bool:
    return index < len(words) and (words[index] in UNITS or words[index] in ONE_INSIDE)


def _skip_de(words: list[str], value: Decimal, index: int) -> tuple[Decimal, int]:
    if index < len(words) and words[index] in ("de", "d", "of"):
        index += 1
    return value, index
