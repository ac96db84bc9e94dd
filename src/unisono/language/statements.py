"""Values a writer states in a text: durations, amounts, percentages and counts that may be a
policy value, as opposed to a time of day (« avant 13 h », « de 8 h 30 à 19 h 30 »), an
opening pattern (« 24h/24 »), an identifier (« MA-9725873 ») or words they quote.

Reading quantities is costly, so only the few words around a unit that matters are read
(:class:`UnitTrigger`): a reply of 500 characters usually has one or two such places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from unisono.language.folding import match_form
from unisono.language.numbers import UNITS, read_number_words
from unisono.language.quantities import Found, Quantity, find_quantities
from unisono.language.sentences import Span, inside, quotations, sentence_at, sentences

__all__ = ["BOUND_STEMS", "Statement", "UnitTrigger", "every_value", "stated_values"]

# Unit words that may follow a number, by dimension (folded; a count's noun is added per fact).
_UNITS = {
    "duration": "jour jours journee journees heure heures semaine semaines mois an ans annee "
    "annees minute minutes seconde secondes ouvre ouvres ouvrable ouvrables day days hour hours "
    "week weeks month months year years yr yrs hr hrs quinzaine huitaine fortnight fortnights",
    "money": "eur euro euros usd dollar dollars gbp chf centime centimes pound pounds",
    "percent": "cent pourcent percent",
}
# Units written as symbols after a number: « (?<=\d) ?(?:h|j|min|mn)(?![a-z]) », « [€$£] », « % »,
# each branch opening with a plain character (what must come before it checked after it): the
# engine then jumps from one such character to the next instead of trying every position.
_SYMBOLS = {
    "duration": r" (?<=\d )(?:h|j|min|mn)(?![a-z])|h(?<=\dh)(?![a-z])|j(?<=\dj)(?![a-z])"
    r"|m(?<=\dm)(?:in|n)(?![a-z])",
    "money": r"€|\$|£",
    "percent": "%",
}
_TIME_WORDS = {
    "a", "avant", "apres", "vers", "des", "jusqu'a", "entre", "partir", "at", "before", "after",
    "until", "till", "by", "around", "from", "between", "midi",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9']+")
_NUMBER = re.compile(
    r"\d|(?<![a-z])(?:une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|septante|huitante|"
    r"octante|nonante|cent|mille|demie?|a|an|one|two|three|four|five|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|dozen|"
    r"huitaine|dizaine|douzaine|quinzaine|vingtaine|trentaine|centaine)(?![a-z])"
    r"|dans l'(?=heure)|within the(?= hour)"
)
_WORDS_BEFORE, _WORDS_AFTER = 6, 4
_IDENTIFIER = re.compile(r"[a-z0-9#°/-]$")
_POSSESSIVES = frozenset({"vos", "votre", "your", "mes", "mon", "ma", "tes", "ton", "ta", "leur"})
_REMAINING = frozenset({"reste", "restent"})  # « il vous reste 3 jours », not « il y reste »
_TO_SOMEONE = frozenset({"vous", "nous", "me", "m'", "te", "t'", "lui", "leur", "en", "m'en"})
_THEIR_CASE = re.compile(
    r"\s(?:de retard|d'attente|late|overdue|of delay|of your|de vos|left)\b(?!\s+(?:avant|before))"
)
# The cue stems a bound stands for: « jusqu'à 500 € » is a maximum, a ceiling.
BOUND_STEMS = {"min": ("minim", "seuil"), "max": ("maxim", "plafo")}
_LIST_MARKER = re.compile(r"\d{1,2}[.)]\s")
# The customer's own case, before the value: « votre commande de », « il y a », « depuis », « it's
# been », « has been stuck at the depot for »; after it: « ago ».
_THEIR_THING = re.compile(r"\b(?:vos|votre|your)\s+[a-z]+\s+(?:de|d'|of)\s*$")
_ELAPSED = re.compile(
    r"\b(?:il y a|depuis|ca fait|cela fait|for the past|it's been|it has been)"
    r"(?:\s+(?:moins|plus|pres) de|\s+environ|\s+over|\s+about)?\s*$"
)
_BEEN_FOR = re.compile(r"\b(?:has|have|had|'s|'ve) been\b[^.;:!?]{0,50}\bfor\s*$")
_AGO = re.compile(r"\s(?:ago|auparavant|plus tot)\b")
# A rule's threshold, though « late » follows: « après 2 jours de retard », « if it is 3 days late »
_THRESHOLD = re.compile(
    r"(?:apres|after|au-dela d[e']|beyond|au bout d[e']|passe)\s*$"
    r"|\b(?:si|if|once|when|lorsqu'?|quand|des que|as soon as)\s[^.;:!?]*$"
)
_CENTS = re.compile(r"\s?([0-9]{2})(?![0-9]|[,.][0-9])(?!\s?(?:€|eur|%))")
_UNIT_WORDS = frozenset(
    {"fois", "jour", "jours", "heure", "heures", "semaine", "semaines", "mois", "an", "ans",
     "minute", "minutes", "times", "day", "days", "hour", "hours", "week", "weeks", "month",
     "months", "year", "years"}
)  # fmt: skip
_UPPER = re.compile(r"(?:jusqu'a|up to|au plus|at most|maximum|plafond|max|pas plus de)\s*$")
_LOWER = re.compile(
    r"(?:a partir de|\bdes|from|at least|au moins|minimum|min|starting at|more than|plus de|"
    r"\bover|au-dela d[e']|beyond|after|apres)\s*$"
)
_UPPER_AFTER = re.compile(
    r"\s*(?:[a-z']+\s+){0,2}?(?:ou moins|or less|au plus(?! tard)|at most|au maximum)\b"
)
_LOWER_AFTER = re.compile(
    r"\s*(?:[a-z']+\s+){0,2}?(?:ou plus|or more|au moins|at least|au minimum)\b"
)
_RANGE_START = re.compile(r"\b(?:de|from|entre|between)\s*$")
_RANGE_NEXT = re.compile(r"\s*(?:a|to|et|and|-)\s*[0-9€$£]")
_RANGE_END = re.compile(
    r"\b(?:de|from|entre|between)\s*[€$£]?\s*[0-9][0-9 .,]*\s*(?:€|eur|euros?|£|\$)?\s*"
    r"(?:a|to|et|and|-)\s*$"
)
_RELATIVE = re.compile(r"\s(?:avant|apres|plus tot|plus tard|before|after|earlier|later)\b")
_MINUTES_OR_RANGE = re.compile(r"\s?(?:[0-9]{2}(?![0-9])|(?:a|-|to)\s?[0-9])")


@dataclass(frozen=True)
class Statement:
    """A value stated in a text, its place, and the sentence it is stated in."""

    quantity: Quantity
    start: int
    end: int
    sentence: Span
    bound: str | None = None  # "min" or "max": « à partir de 10 € », « jusqu'à 500 € »


class UnitTrigger:
    """Where values of some dimensions (and counts of some nouns) may be stated in a text."""

    def __init__(self, dimensions: Iterable[str], nouns: Iterable[str] = ()) -> None:
        kinds = sorted(set(dimensions) & set(_UNITS))
        units = {word for kind in kinds for word in _UNITS[kind].split()}
        units |= {n + ending for n in nouns if n.isalpha() for ending in ("", "s", "x")}
        parts = [_SYMBOLS[kind] for kind in kinds]
        if units:
            parts.append(_by_first_letter(units))
        self.regex = re.compile("|".join(parts)) if parts else None

    def places(self, folded: str) -> list[tuple[int, int]]:
        """The places of the units in ``folded`` (match-form text) that follow a number."""
        if self.regex is None:
            return []
        return [
            match.span()
            for match in self.regex.finditer(folded)
            if _NUMBER.search(folded, max(0, match.start() - 28), match.end() + 6)
        ]


def stated_values(text: str, trigger: UnitTrigger) -> list[Statement]:
    """The values ``text`` states near the units of ``trigger``, outside quotations, times
    of day and identifiers, in order."""
    folded = match_form(text)
    places = trigger.places(folded)
    if not places:
        return []
    spans, quoted = sentences(text), quotations(text)
    found: dict[tuple[int, int], Statement] = {}
    for start, end, sentence in _windows(folded, places, spans):
        for value in _read(text[start:end]):
            begin, stop = start + value.start, start + value.end
            if not any(p[0] < stop and begin < p[1] for p in places):
                continue  # a number the window cut, or no unit that matters
            if inside(quoted, begin, stop) or not _is_statement(folded, value, begin, stop):
                continue
            quantity, stop = _with_cents(folded, value.quantity, stop)
            bound = _bound(folded, sentence.start, begin, stop)
            found.setdefault((begin, stop), Statement(quantity, begin, stop, sentence, bound))
    return [found[key] for key in sorted(found)]


def every_value(text: str, *, rules: bool = False) -> list[Statement]:
    """Every value ``text`` states (read whole: slower), as :func:`stated_values` keeps them;
    ``rules``: the text is a bible's, so none is the customer's own case."""
    folded = match_form(text)
    spans, quoted = sentences(text), quotations(text)
    found = []
    for value in find_quantities(text):
        if inside(quoted, value.start, value.end):
            continue
        if _is_statement(folded, value, value.start, value.end, rules=rules):
            sentence = sentence_at(spans, value.start) or Span(0, len(text))
            quantity, end = _with_cents(folded, value.quantity, value.end)
            bound = _bound(folded, sentence.start, value.start, end)
            found.append(Statement(quantity, value.start, end, sentence, bound))
    return found


def _by_first_letter(words: set[str]) -> str:
    """``\\b(?:word|…)\\b`` as an alternation grouped by first letter, each branch opening with
    its letter (the word start checked after it): the engine tries far fewer."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        groups.setdefault(word[0], []).append(re.escape(word[1:]).replace(r"\ ", " ?"))
    return "|".join(
        f"{re.escape(first)}(?<!\\w{re.escape(first)})(?:{'|'.join(rests)})\\b"
        for first, rests in sorted(groups.items())
    )


@lru_cache(maxsize=16384)
def _read(window: str) -> tuple[Found, ...]:
    """The quantities of a few words (replies repeat their templates: read once)."""
    return tuple(find_quantities(window))


def _windows(
    folded: str, places: list[tuple[int, int]], spans: tuple[Span, ...]
) -> Iterator[tuple[int, int, Span]]:
    """A few words on each side of each unit, within its sentence, overlapping ones merged."""
    current: tuple[int, int, Span] | None = None
    for start, end in places:
        sentence = sentence_at(spans, start) or Span(0, len(folded))
        left = _words_back(folded, start, sentence.start, _WORDS_BEFORE)
        right = _words_forward(folded, end, sentence.end, _WORDS_AFTER)
        if current is not None and current[2] == sentence and left <= current[1]:
            current = (current[0], max(current[1], right), sentence)
            continue
        if current is not None:
            yield current
        current = (left, right, sentence)
    if current is not None:
        yield current


def _words_back(folded: str, offset: int, floor: int, count: int) -> int:
    near = max(floor, offset - 16 * count)  # usually enough, and cheaper than the sentence
    starts = [m.start() for m in _WORD.finditer(folded, near, offset)]
    if near > floor and len(starts) <= count:  # too few (and the first may be cut): rescan
        starts = [m.start() for m in _WORD.finditer(folded, floor, offset)]
    return starts[-count] if len(starts) >= count else floor


def _words_forward(folded: str, offset: int, ceiling: int, count: int) -> int:
    end = offset
    for number, match in enumerate(_WORD.finditer(folded, offset, ceiling)):
        end = match.end()
        if number + 1 == count:
            break
    return end


def _bound(folded: str, floor: int, start: int, end: int) -> str | None:
    """Whether the value is a lower or an upper bound: « dès 49 € », « jusqu'à 500 € », « de
    10 € à 500 € » (the first a minimum, the second a maximum)."""
    before = folded[max(floor, start - 40) : start]
    if _UPPER.search(before) or _RANGE_END.search(before) or _UPPER_AFTER.match(folded, end):
        return "max"
    if _LOWER.search(before) or (_RANGE_START.search(before) and _RANGE_NEXT.match(folded, end)):
        return "min"
    return "min" if _LOWER_AFTER.match(folded, end) else None


def _with_cents(folded: str, quantity: Quantity, end: int) -> tuple[Quantity, int]:
    """« 4 € 90 », « neuf euros quatre-vingt-dix »: the cents written after the currency."""
    if quantity.dimension != "money" or quantity.per or quantity.value != int(quantity.value):
        return quantity, end
    cents = _CENTS.match(folded, end)
    if cents is not None:
        value = Decimal(cents.group(1)) / 100
        return replace(quantity, value=quantity.value + value), cents.end(1)
    following = list(_WORD.finditer(folded, end, end + 40))
    if not following or following[0].group() not in UNITS:  # « 10 € a expiré »: no cents
        return quantity, end
    read = read_number_words([m.group() for m in following], 0)
    if read is None or not 0 < read[0] < 100 or read[0] != int(read[0]):
        return quantity, end
    words_read = read[1]
    if words_read < len(following) and following[words_read].group() in _UNIT_WORDS:
        return quantity, end  # « 5 euros trois fois » is no price in cents
    return replace(quantity, value=quantity.value + read[0] / 100), following[words_read - 1].end()


def _their_case(folded: str, before: list[str], start: int, end: int) -> bool:
    """« vos 240 points », « votre commande de 45 € », « il vous reste 40 points », « trois
    jours de retard », « il y a 3 jours », « 2 days ago » (but « après 2 jours ouvrés de
    retard » is a policy's threshold)."""
    if before and before[-1] in _POSSESSIVES:
        return True
    preceding = folded[max(0, start - 40) : start]
    if _THEIR_THING.search(preceding) or _ELAPSED.search(preceding) or _AGO.match(folded, end):
        return True
    if _BEEN_FOR.search(folded, max(0, start - 70), start):
        return True  # « the parcel has been stuck at the depot for three days »
    if before[-1:] and before[-1] in _REMAINING and before[-2:-1] and before[-2] in _TO_SOMEONE:
        return True
    return bool(_THEIR_CASE.match(folded, end)) and not _THRESHOLD.search(preceding)


def _is_statement(folded: str, value: Found, start: int, end: int, *, rules: bool = False) -> bool:
    """Not a time of day, an opening pattern (24h/24), part of an identifier, nor a value of
    the customer's own case (« vos 240 points », « trois jours de retard ») unless ``rules``
    (a bible's text: « 2 jours ouvrés de retard ou plus » is a threshold)."""
    if start > 0 and _IDENTIFIER.search(folded, start - 1, start):
        return False  # "MA-9725873", "n°12", "#4521"
    line = folded[folded.rfind("\n", 0, start) + 1 : start]
    if _LIST_MARKER.match(folded, start) and not line.strip():
        return False  # "1. Livraison standard": the number of an item in a list
    after = folded[end : end + 4]
    if after[:1] == "/" and after[1:2].isdigit():
        return False  # "24h/24", "7j/7"
    before = _WORD.findall(folded, max(0, start - 32), start)
    if not rules and _their_case(folded, before, start, end):
        return False  # « vos 240 points », « 200 of your points », « trois jours de retard »
    quantity = value.quantity
    if quantity.unit != "hour" or quantity.value > 24:
        return True
    if _MINUTES_OR_RANGE.match(folded, end):
        return False  # "8 h 30", "9 h à 18 h", "9h-18h"
    if _RELATIVE.match(folded, end):
        return True  # "jusqu'à 24 heures avant": a span of time, not a time of day
    if before[-2:-1] in (["partir"], ["compter"]) and before[-1] in ("de", "d'"):
        return False  # "à partir de 9 h"
    return not (before and before[-1] in _TIME_WORDS)
