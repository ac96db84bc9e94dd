"""How advisors state a bible fact: right (in several equivalent forms) or wrong.

For each fact, :func:`fact_forms` lists the forms that state the same value ("14 jours",
"2 semaines", "quatorze jours", "two weeks") and a few plausible wrong values ("30 jours", the
value of a neighbouring fact, first), in French and English. Every form is read back with
:func:`~unisono.language.quantities.parse_quantity` and kept only when it means what it should,
so that the ground truth never calls a correct paraphrase wrong, nor a wrong value right.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from unisono.language.quantities import Quantity, parse_quantity

_FR_UNITS = {
    "second": ("seconde", "secondes", "une"),
    "minute": ("minute", "minutes", "une"),
    "hour": ("heure", "heures", "une"),
    "day": ("jour", "jours", "un"),
    "week": ("semaine", "semaines", "une"),
    "month": ("mois", "mois", "un"),
    "year": ("an", "ans", "un"),
    "business_day": ("jour ouvré", "jours ouvrés", "un"),
}
_EN_UNITS = {
    "second": ("second", "seconds"),
    "minute": ("minute", "minutes"),
    "hour": ("hour", "hours"),
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "year": ("year", "years"),
    "business_day": ("business day", "business days"),
}
_SECONDS = {"minute": 60, "hour": 3600, "day": 86_400, "week": 604_800}
_LIMITS = {"minute": 120, "hour": 72, "day": 60, "week": 12}  # beyond, nobody says it that way
_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
_FR_PER = {"day": "jour", "week": "semaine", "month": "mois", "year": "an", "EUR": "euro"}
_EN_PER = {"day": "day", "week": "week", "month": "month", "year": "year", "EUR": "euro"}

_FR_SMALL = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)  # fmt: skip
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_EN_SMALL = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy"}


@dataclass(frozen=True)
class FactForms:
    """The ways to state one fact: ``correct[lang]`` (canonical first) and wrong values."""

    name: str
    expected: str
    quantity: Quantity
    correct: dict[str, tuple[str, ...]]
    wrong: tuple[dict[str, tuple[str, ...]], ...]  # one entry per wrong value


def fact_forms(
    name: str, raw: str, quantity: Quantity, others: list[Quantity], language: str
) -> FactForms:
    """Every validated correct form and up to four wrong values of the fact ``name``.

    ``language`` is the bible's: there, the bible's own wording comes first.
    """
    correct = {}
    for lang in ("fr", "en"):
        forms = [raw] if lang == language and _reads_as(raw, quantity) else []
        for value, unit in _equivalents(quantity):
            forms += [
                f for f in _render(value, unit, quantity, raw, lang) if _reads_as(f, quantity)
            ]
        correct[lang] = tuple(dict.fromkeys(forms))
    wrong = []
    for value, unit in _wrong_values(quantity, others):
        target = Quantity(value, unit, quantity.dimension, quantity.per)
        forms_by_lang = {
            lang: tuple(
                f
                for f in _render(value, unit, quantity, raw, lang)
                if _reads_as(f, target) and not _reads_as(f, quantity)
            )
            for lang in ("fr", "en")
        }
        if forms_by_lang[language]:
            wrong.append(forms_by_lang)
    return FactForms(name, raw, quantity, correct, tuple(wrong[:4]))


def _reads_as(text: str, quantity: Quantity) -> bool:
    try:
        return parse_quantity(text).same_as(quantity)
    except ValueError:
        return False


def _equivalents(quantity: Quantity) -> list[tuple[Decimal, str]]:
    """The same value in its own unit and in other units people use for it."""
    found = [(quantity.value, quantity.unit)]
    base, base_unit = quantity.base()
    if base_unit == "second" and quantity.per is None:
        for unit, size in _SECONDS.items():
            value = base / size
            if unit != quantity.unit and value == int(value) and 1 <= value <= _LIMITS[unit]:
                found.append((Decimal(int(value)), unit))
        if base == 1800:
            found.append((Decimal("0.5"), "hour"))  # "une demi-heure"
    if base_unit == "month" and quantity.per is None:
        if quantity.unit == "year":
            found.append((base, "month"))
        elif base % 12 == 0:
            found.append((base / 12, "year"))
    return found


def _wrong_values(quantity: Quantity, others: list[Quantity]) -> list[tuple[Decimal, str]]:
    """Plausible wrong values: a neighbouring fact's value first, then near misses."""
    alike = Counter(
        (other.value, other.unit)
        for other in others
        if other.unit == quantity.unit and other.per == quantity.per and not other.same_as(quantity)
    )
    found = [key for key, _ in alike.most_common(2)]
    found += _near_misses(quantity.value, quantity.unit, quantity.dimension)
    unique: list[tuple[Decimal, str]] = []
    for candidate in found:
        probe = Quantity(candidate[0], candidate[1], quantity.dimension, quantity.per)
        if not probe.same_as(quantity) and not any(
            Quantity(v, u, quantity.dimension, quantity.per).same_as(probe) for v, u in unique
        ):
            unique.append(candidate)
    return unique


def _near_misses(value: Decimal, unit: str, dimension: str) -> list[tuple[Decimal, str]]:
    """Values an advisor might say instead: doubled, halved, a week more, working days…"""
    if dimension == "money":
        if value == 0:
            return [(Decimal("4.90"), unit), (Decimal(5), unit)]
        if value >= 100:
            return [(value * 2, unit), (value / 2, unit)]
        return [(value + 1, unit), (value * 2, unit)]
    half = [(value / 2, unit)] if value >= 2 and value % 2 == 0 else []
    if unit == "day":
        return [(value * 2, unit), *half, (value, "business_day"), (value + 7, unit)]
    if unit == "business_day":
        return [(value + 2, unit), (value, "day"), (value * 2, unit)]
    if unit == "year":
        return [(value + 1, unit), (value * 2, unit)]
    if unit in ("hour", "minute", "second"):
        return [(value * 2, unit), *half]
    return [(value * 2, unit), (value + 1, unit), *half]


def _render(value: Decimal, unit: str, quantity: Quantity, raw: str, lang: str) -> list[str]:
    """The forms ``value`` in ``unit`` takes in ``lang`` (digits, words, symbols)."""
    if quantity.dimension == "duration":
        return _duration(value, unit, lang, quantity.per)
    if quantity.dimension == "money":
        return _money(value, unit, lang, quantity.per)
    if quantity.dimension == "percent":
        number = _digits(value, lang)
        if lang == "fr":
            return [f"{number} %", f"{number}%", *_words(value, lang, " pour cent")]
        return [f"{number}%", f"{number} percent"]
    return _count(value, quantity, raw) if lang == "fr" else []


def _duration(value: Decimal, unit: str, lang: str, per: str | None) -> list[str]:
    rate = (
        (f" par {_FR_PER.get(per, per)}" if lang == "fr" else f" per {_EN_PER.get(per, per)}")
        if per
        else ""
    )
    if lang == "fr":
        singular, plural, article = _FR_UNITS[unit]
        if value == Decimal("0.5"):
            return [f"une demi-{singular}{rate}"]
        name = singular if value < 2 else plural
        words = [f"{article} {name}{rate}"] if value == 1 else _words(value, lang, f" {name}{rate}")
        return [f"{_digits(value, lang)} {name}{rate}", *words]
    singular, plural = _EN_UNITS[unit]
    if value != int(value):
        return []  # "0.5 hours": nobody writes that
    name = singular if value == 1 else plural
    words = [f"one {name}{rate}"] if value == 1 else _words(value, lang, f" {name}{rate}")
    return [f"{_digits(value, lang)} {name}{rate}", *words]


def _money(value: Decimal, currency: str, lang: str, per: str | None) -> list[str]:
    number, symbol = _digits(value, lang, money=True), _SYMBOLS.get(currency, currency)
    if lang == "fr":
        rate = f" par {_FR_PER.get(per, per)}" if per else ""
        forms = [f"{number} {currency}{rate}", f"{number} {symbol}{rate}"]
        if currency == "EUR":
            forms.append(f"{number} euro{'s' if value >= 2 else ''}{rate}")
        return forms
    rate = f" per {_EN_PER.get(per, per)}" if per else ""
    return [f"{symbol}{number}{rate}", f"{number} {currency}{rate}"]


def _count(value: Decimal, quantity: Quantity, raw: str) -> list[str]:
    """A count keeps the bible's own noun: only the number changes (and the plural with it)."""
    head, _, rest = raw.partition(" ")
    if not head[:1].isdigit() or not rest:
        return []
    noun, _, tail = rest.partition(" ")
    if value >= 2 and quantity.value < 2 and not noun.endswith(("s", "x")):
        noun += "s"
    elif value < 2 <= quantity.value and noun.endswith("s"):
        noun = noun[:-1]
    words = f"{noun} {tail}".strip()
    return [f"{_digits(value, 'fr')} {words}", *_words(value, "fr", f" {words}")]


def _digits(value: Decimal, lang: str, *, money: bool = False) -> str:
    if value == int(value):
        whole = int(value)
        if lang == "fr" and whole >= 1000:
            return f"{whole:,}".replace(",", " ")
        return str(whole)
    text = f"{value:.2f}" if money else str(value.normalize())
    return text.replace(".", ",") if lang == "fr" else text


def _words(value: Decimal, lang: str, suffix: str) -> list[str]:
    """The number in words (integers below 70, as people write them), or nothing."""
    if value != int(value) or not 0 <= value < 70:
        return []
    return [_number_words(int(value), lang) + suffix]


def _number_words(number: int, lang: str) -> str:
    small, tens = (_FR_SMALL, _FR_TENS) if lang == "fr" else (_EN_SMALL, _EN_TENS)
    if number < 20:
        return small[number]
    ten, unit = divmod(number, 10)
    if unit == 0:
        return tens[ten]
    if lang == "fr":
        return f"{tens[ten]} et un" if unit == 1 else f"{tens[ten]}-{small[unit]}"
    return f"{tens[ten]}-{small[unit]}"
