"""Quantities in French and English text: durations, amounts, percentages, counts and rates.

``parse_quantity("4,99 €/mois")`` reads one value strictly (a bible fact); ``find_quantities``
finds every value in free text (an agent's reply). Both fold case and accents, read numbers in
digits or words, and name units canonically so that "dix jours" and "10 j" compare equal.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from unisono.language.numbers import HALVES, is_number_word, read_number_words
from unisono.language.text import fold

Dimension = Literal["duration", "money", "percent", "count"]

# surface form (folded words) -> (dimension, canonical unit, factor)
_UNIT_FORMS: dict[tuple[str, ...], tuple[Dimension, str, Decimal]] = {}


def _add(dimension: Dimension, unit: str, forms: str, factor: str = "1") -> None:
    for form in forms.split(","):
        _UNIT_FORMS[tuple(form.split())] = (dimension, unit, Decimal(factor))


_add(
    "duration",
    "business_day",
    "jours ouvres,jour ouvre,jours ouvrables,jour ouvrable,"
    "business days,business day,working days,working day,j ouvres",
)
_add("duration", "second", "s,sec,secs,seconde,secondes,second,seconds")
_add("duration", "minute", "min,mins,mn,minute,minutes")
_add("duration", "hour", "h,hr,hrs,heure,heures,hour,hours")
_add("duration", "day", "j,jour,jours,journee,journees,day,days")
_add("duration", "week", "sem,semaine,semaines,week,weeks,wk,wks")
_add("duration", "week", "fortnight,fortnights", "2")
_add("duration", "month", "mois,month,months")
_add("duration", "year", "an,ans,annee,annees,year,years,yr,yrs")
_add("money", "EUR", "eur,euro,euros,€")
_add("money", "EUR", "centime,centimes,cts", "0.01")
_add("money", "USD", "usd,dollar,dollars,$")
_add("money", "GBP", "gbp,£,pound sterling,pounds sterling")
_add("money", "CHF", "chf,francs suisses,franc suisse")
_add("percent", "%", "%,pour cent,pourcent,percent,per cent,pct")

_LONGEST_FORM = max(len(form) for form in _UNIT_FORMS)
_CURRENCY_PREFIXES = {"€": "EUR", "$": "USD", "£": "GBP", "eur": "EUR", "usd": "USD", "chf": "CHF"}
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800}
_MONTHS = {"month": 1, "year": 12}
_RATE_MARKERS = {"par", "per", "/"}
_ONE_ARTICLES = {"un", "une", "a", "an"}
_ARTICLES = {"la", "le", "l", "les", "the", "each", "chaque"}
_SPANS_OF_DAYS = {"huitaine", "quinzaine"}  # « sous huitaine »: days, even without « de jours »
_WITHIN = {"dans", "within"}  # « dans l'heure », « within the hour »: one hour
_SINGLE = {"seul", "seule", "single"}  # « une seule fois »: a count of one
_KNOWN_UNIT_WORDS = sorted({w for form in _UNIT_FORMS for w in form if len(w) >= 3})
_TOKEN = re.compile(
    r"(?P<number>\d{1,3}(?: \d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?)"
    r"|(?P<word>[a-z]+)|(?P<symbol>[€$£%/])"
)


@dataclass(frozen=True)
class Quantity:
    """A value with its unit; ``per`` makes it a rate ("5 EUR par jour": per="day")."""

    value: Decimal
    unit: str
    dimension: Dimension
    per: str | None = None

    def base(self) -> tuple[Decimal, str]:
        """The value in a base unit, so that equal amounts compare equal (2 weeks = 14 days)."""
        if self.unit in _SECONDS:
            return self.value * _SECONDS[self.unit], "second"
        if self.unit in _MONTHS:
            return self.value * _MONTHS[self.unit], "month"
        return self.value, self.unit

    def same_as(self, other: Quantity) -> bool:
        """Whether both state the same value (units converted; a rate only matches a rate)."""
        return self.base() == other.base() and self.per == other.per


@dataclass(frozen=True)
class Found:
    """A quantity found in a text, with its place (character offsets) in that text."""

    quantity: Quantity
    start: int
    end: int


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def parse_quantity(text: str) -> Quantity:
    """Read ``text`` as exactly one value with its unit; raise ValueError saying why not."""
    folded = fold(text)
    tokens = _tokenize(folded)
    reader = _Reader(folded, tokens, strict=True)
    found = reader.read(0)
    if found is None:
        raise ValueError(
            f"cannot read {text!r} as a value: write a number and its unit, e.g. "
            "'14 jours', '4,90 EUR', '5 %', '3 colis', '5 EUR par jour'"
        )
    quantity, end = found
    if end < len(tokens):
        rest = text[tokens[end].start :].strip()
        raise ValueError(f"unexpected {rest!r} after the value in {text!r}")
    return quantity


def find_quantities(text: str) -> list[Found]:
    """Every quantity stated in ``text``, in order."""
    folded = fold(text)
    tokens = _tokenize(folded)
    reader = _Reader(folded, tokens, strict=False)
    found: list[Found] = []
    index = 0
    while index < len(tokens):
        result = reader.read(index)
        if result is None:
            index += 1
            continue
        quantity, end = result
        found.append(Found(quantity, tokens[index].start, tokens[end - 1].end))
        index = end
    return found


def _tokenize(folded: str) -> list[_Token]:
    return [
        _Token(str(match.lastgroup), match.group(), match.start(), match.end())
        for match in _TOKEN.finditer(folded)
    ]


def _lemma(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


class _Reader:
    """Reads one quantity at a time from the tokens of a folded text."""

    def __init__(self, text: str, tokens: list[_Token], *, strict: bool) -> None:
        self.text = text
        self.tokens = tokens
        self.words = [t.text if t.kind != "number" else "" for t in tokens]
        self.strict = strict

    def read(self, index: int) -> tuple[Quantity, int] | None:
        prefixed = self._currency_prefix(index)
        if prefixed is not None:
            return prefixed
        number = self._number(index)
        if number is None:
            return None
        value, after = number
        unit = self._unit(after)
        if unit is None:
            if after == index + 1 and self.words[index] in _ONE_ARTICLES:
                if after < len(self.words) and self.words[after] in _SINGLE:
                    return self._count(value, after + 1)  # « une seule fois », « a single code »
                return None  # "un remboursement": an article, not a count
            if self.words[after - 1] in _SPANS_OF_DAYS:
                return Quantity(value, "day", "duration"), after
            return self._count(value, after)
        if self._symbol_first(index, after):
            return None  # "a £15 voucher": the article of an amount written symbol first
        index = after
        (dimension, name, factor), index = unit
        value, index = self._fraction_after_unit(value * factor, name, index)
        per, index = self._per(index)
        return Quantity(value, name, dimension, per), index

    def _token(self, index: int) -> _Token | None:
        return self.tokens[index] if index < len(self.tokens) else None

    def _punctuation_before(self, index: int) -> bool:
        before, token = self._token(index - 1), self._token(index)
        if before is None or token is None:
            return False
        return any(char in ",;:.!?()" for char in self.text[before.end : token.start])

    def _adjacent(self, index: int) -> bool:
        before, token = self._token(index - 1), self._token(index)
        return before is not None and token is not None and before.end == token.start

    def _number(self, index: int) -> tuple[Decimal, int] | None:
        token = self._token(index)
        if token is None:
            return None
        if token.kind == "number":
            return _decimal(token.text), index + 1
        if self._the_unit(index):
            return Decimal(1), index + 1
        if not is_number_word(token.text):
            return None
        read = read_number_words(self.words, index)
        if read is None:
            return None
        value, end = read
        if self.words[end : end + 3] == ["and", "a", "half"]:  # "one and a half years"
            return value + Decimal("0.5"), end + 3
        return read

    def _the_unit(self, index: int) -> bool:
        """« dans l'heure », « within the hour »: the article stands for one."""
        return (
            0 < index < len(self.words) - 1
            and self.words[index] in ("l", "the")
            and self.words[index - 1] in _WITHIN
            and self.words[index + 1] in ("heure", "hour")
        )

    def _symbol_first(self, index: int, unit: int) -> bool:
        """A number in words, then a currency symbol with its digits (« a £15 »)."""
        symbol, digits = self._token(unit), self._token(unit + 1)
        return (
            self.tokens[index].kind == "word"
            and symbol is not None
            and symbol.text in _CURRENCY_PREFIXES
            and symbol.kind == "symbol"
            and digits is not None
            and digits.kind == "number"
            and self._adjacent(unit + 1)
        )

    def _unit(self, index: int) -> tuple[tuple[Dimension, str, Decimal], int] | None:
        for size in range(_LONGEST_FORM, 0, -1):
            form = tuple(t.text for t in self.tokens[index : index + size])
            if len(form) == size and form in _UNIT_FORMS:
                return _UNIT_FORMS[form], index + size
        return None

    def _currency_prefix(self, index: int) -> tuple[Quantity, int] | None:
        token, following = self._token(index), self._token(index + 1)
        if token is None or token.text not in _CURRENCY_PREFIXES or following is None:
            return None
        if following.kind != "number":
            return None
        per, end = self._per(index + 2)
        value = _decimal(following.text)
        return Quantity(value, _CURRENCY_PREFIXES[token.text], "money", per), end

    def _fraction_after_unit(self, value: Decimal, unit: str, index: int) -> tuple[Decimal, int]:
        token = self._token(index)
        if token is not None and token.kind == "number" and self._adjacent(index):
            if unit == "hour" and len(token.text) == 2 and int(token.text) < 60:
                return value + Decimal(token.text) / 60, index + 1  # "1h30"
            if unit in ("EUR", "USD", "GBP", "CHF") and len(token.text) == 2:
                return value + Decimal(token.text) / 100, index + 1  # "4€99"
        words = self.words[index : index + 3]
        if words[:2] == ["et", "demi"] or words[:2] == ["et", "demie"]:
            return value + Decimal("0.5"), index + 2  # "un an et demi"
        if words == ["and", "a", "half"]:
            return value + Decimal("0.5"), index + 3
        return value, index

    def _per(self, index: int) -> tuple[str | None, int]:
        marker = self._token(index)
        if marker is None or self._punctuation_before(index):
            return None, index  # "5 jours ouvrés, par courrier": a new clause, not a rate
        english_article = marker.text in ("a", "an")
        if marker.text not in _RATE_MARKERS and not english_article:
            return None, index
        target = index + 1
        if self._token(target) is not None and self.words[target] in _ARTICLES:
            target += 1
        unit = self._unit(target)
        if unit is not None and not self._symbol_first(index, target):
            (_, name, _), end = unit
            return name, end
        noun = self._token(target)
        if english_article or noun is None or noun.kind != "word":
            return None, index
        return _lemma(noun.text), target + 1

    def _count(self, value: Decimal, index: int) -> tuple[Quantity, int]:
        noun = self._token(index)
        if noun is None or noun.kind != "word" or noun.text in HALVES:
            return Quantity(value, "", "count"), index
        if self.strict:
            _reject_misspelt_unit(noun.text)
        per, end = self._per(index + 1)
        if self.strict and per is None:
            end = len(self.tokens)  # "2 tentatives de livraison": the words qualify the count
        return Quantity(value, _lemma(noun.text), "count", per), end


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the token pattern only lets digits in
        raise ValueError(f"not a number: {text!r}") from error


def _reject_misspelt_unit(word: str) -> None:
    close = difflib.get_close_matches(word, _KNOWN_UNIT_WORDS, n=1, cutoff=0.8)
    if close:
        raise ValueError(f"unknown unit {word!r}: did you mean {close[0]!r}?")
