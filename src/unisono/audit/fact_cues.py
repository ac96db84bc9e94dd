"""Where the words that announce a fact come from, all read from the bible:

- the words of its name (``delai_remboursement``: « délai », « rembours… »);
- the words the approved answers put around its placeholder (« remboursé sous
  {delai_remboursement} »), and around the values they write out;
- the words the standard's own text puts around its value (« Contrôle et émission du
  remboursement : sous 48 heures après la réception à l'entrepôt »): the procedure says in
  plain words what each value is for, as agents then say it;
- the words of the same families (:mod:`unisono.language.families`: « bloqué » for
  « blocage », « adhésion » for « cotisation »), weighed a little less.

Each cue stem has a closeness weight: 1 for the words of the name and the nearest words, less
for words further away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from unisono.audit.checks.base import Fact, StandardRules
from unisono.language.cues import content_stems
from unisono.language.families import related
from unisono.language.quantities import Quantity
from unisono.language.statements import BOUND_STEMS, Statement, every_value

__all__ = [
    "AFTER_WEIGHTS",
    "BEFORE_WEIGHTS",
    "Draft",
    "Group",
    "fact_drafts",
    "group",
    "merge",
    "name_cues",
    "placeholder_contexts",
    "widen",
    "written_values",
]

BEFORE_WEIGHTS = (1.0, 1.0, 0.8, 0.8, 0.6, 0.6, 0.4, 0.4)  # nearest word first
AFTER_WEIGHTS = (0.8, 0.7, 0.6, 0.5)  # in a reply
_TEXT_AFTER = (0.6, 0.5, 0.4, 0.4, 0.3, 0.3)  # in the bible: « 30 minutes qui suivent … »
TEXT_WEIGHT = 0.8  # the standard's text, beside its approved answers
FAMILY_WEIGHT = 0.8  # a word of the same family, beside the word itself
_WIDENED = 0.8  # only the words that say most (the name, the nearest words) bring their families
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
_SENTENCE_END = re.compile(r"[.!?…;](?!\d)|\n")  # a clause after « ; » is about something else
_NOT_WIDENED = frozenset(BOUND_STEMS["min"] + BOUND_STEMS["max"])  # « jusqu'à » is no « plafond »
_EARLIER = 0.5  # weight of the words before an earlier value of the sentence: they announce it
_WRAPPED = re.compile(r"\n[ \t]*(?![-*#|>\s]|\d+[.)])")  # a line that goes on the one before
Group = tuple[str, str]
Weighted = list[tuple[str, float]]


@dataclass
class Draft:
    """A target being gathered: its name, kind, and cue stems so far."""

    name: str
    group: Group
    cues: dict[str, float]
    fact: Fact | None = None
    standard: StandardRules | None = None
    quantity: Quantity | None = None
    counted: bool = True  # shares of stems count it (facts only)


def group(quantity: Quantity) -> Group:
    """Values that may be taken for one another: the same kind (and currency, or noun)."""
    unit = quantity.unit if quantity.dimension in ("money", "count") else ""
    return quantity.dimension + ("/rate" if quantity.per else ""), unit


def fact_drafts(standards: tuple[StandardRules, ...]) -> list[Draft]:
    """One draft per fact (the first standard stating it owns it), cued by its name and by
    the words its standard's text puts around its value."""
    drafts: dict[str, Draft] = {}
    for standard in standards:
        for fact in standard.facts:
            if fact.name not in drafts:
                cues = name_cues(fact.name, {})
                if fact.quantity.dimension == "count":
                    merge(cues, dict.fromkeys(content_stems(fact.quantity.unit), 1.0))
                drafts[fact.name] = Draft(
                    fact.name, group(fact.quantity), cues, fact, standard, fact.quantity
                )
    for standard in standards:
        _text_cues(standard, [drafts[f.name] for f in standard.facts])
    return list(drafts.values())


def name_cues(name: str, context: dict[str, float]) -> dict[str, float]:
    """``context`` and the stems of the words of ``name`` (weight 1)."""
    cues = dict(context)
    merge(cues, dict.fromkeys(content_stems(name.replace("_", " ")), 1.0))
    return cues


def merge(into: dict[str, float], cues: Mapping[str, float]) -> None:
    """Add ``cues`` to ``into``, keeping the higher weight of a stem in both."""
    for stem, weight in cues.items():
        into[stem] = max(into.get(stem, 0.0), weight)


def placeholder_contexts(standards: tuple[StandardRules, ...]) -> dict[str, dict[str, float]]:
    """Per placeholder, the stems the approved answers (and the standards' texts) put around
    it, with their closeness."""
    found: dict[str, dict[str, float]] = {}
    for standard in standards:
        texts = [(a, 1.0) for a in standard.answers.values()] + [(_prose(standard), TEXT_WEIGHT)]
        for text, weight in texts:
            plain = _plain(text)
            matches = list(PLACEHOLDER.finditer(text))
            spans = [match.span() for match in matches]
            for match, (earlier, later) in zip(matches, _neighbours(spans), strict=True):
                words = _around(plain, match.start(), match.end(), earlier, later)
                merge(found.setdefault(match.group(1), {}), {s: w * weight for s, w in words})
    return found


def written_values(standards: tuple[StandardRules, ...]) -> Iterator[Draft]:
    """The values the approved answers write out, one target per value and kind."""
    drafts: dict[tuple[Group, tuple[object, ...]], Draft] = {}
    for standard in standards:
        for answer in standard.answers.values():
            plain = _plain(answer)
            for value in _values(plain):
                quantity = value.quantity
                key = group(quantity), (*quantity.base(), quantity.per)
                name = f"« {plain[value.start : value.end]} »"
                draft = drafts.setdefault(key, Draft(name, key[0], {}, quantity=quantity))
                draft.counted = False
                merge(draft.cues, dict(_around(plain, value.start, value.end)))
    yield from drafts.values()


def widen(drafts: Iterable[Draft], language: str) -> None:
    """Add to each draft the words of the families of its strongest cue words."""
    for draft in drafts:
        widened: dict[str, float] = {}
        for stem, weight in draft.cues.items():
            if weight >= _WIDENED and stem not in _NOT_WIDENED:
                merge(widened, dict.fromkeys(related([stem], language), weight * FAMILY_WEIGHT))
        for stem, weight in widened.items():
            if stem not in draft.cues:
                draft.cues[stem] = weight


def _text_cues(standard: StandardRules, drafts: list[Draft]) -> None:
    """The words around each value of the standard's text that is the value of one of its
    facts: the fact among those with that value whose cues the words match best. A value
    written as a bound (« jusqu'à 5 jours ouvrés », « 2 jours ouvrés ou plus ») is cued by
    its bound too."""
    if not standard.body or not drafts:
        return
    text = _plain(_prose(standard))
    values = _values(text)
    spans = [(value.start, value.end) for value in values]
    for value, (earlier, later) in zip(values, _neighbours(spans), strict=True):
        words = _around(text, value.start, value.end, earlier, later)
        same = [d for d in drafts if d.quantity is not None and d.quantity.same_as(value.quantity)]
        if len(same) > 1:
            same = _best_matches(same, words)
        if len(same) == 1:
            if value.bound is not None:
                words += [(stem, 1.0) for stem in BOUND_STEMS[value.bound]]
            merge(same[0].cues, {stem: w * TEXT_WEIGHT for stem, w in words})


def _best_matches(drafts: list[Draft], words: Weighted) -> list[Draft]:
    """The drafts whose cues ``words`` match best (several when tied, none when no match)."""
    scores = [sum(c * d.cues.get(s, 0.0) for s, c in words) for d in drafts]
    best = max(scores)
    return [d for d, score in zip(drafts, scores, strict=True) if score == best and best > 0]


def _values(text: str) -> list[Statement]:
    """The values of ``text`` that may state a fact (not a bare number)."""
    found = every_value(text, rules=True)
    return [v for v in found if v.quantity.dimension != "count" or v.quantity.unit]


def _prose(standard: StandardRules) -> str:
    """The standard's text with its wrapped lines joined (a list item is one sentence), and
    its tables as sentences (:func:`_table_rows`)."""
    return _WRAPPED.sub(" ", _table_rows(standard.body.replace("**", "")))


def _table_rows(text: str) -> str:
    """Each row of a Markdown table as one sentence that names its cells by their column
    (« mode Standard à domicile, délai 3 jours ouvrés, frais 4,90 EUR »): a value in a table
    is announced by its column and its row, not by the headers of the other columns."""
    lines = text.split("\n")
    out: list[str] = []
    header: list[str] | None = None
    for line in lines:
        if not line.lstrip().startswith("|"):
            header = None
            out.append(line)
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not all(set(cell) <= set("-: ") for cell in cells):
            named = [f"{name} {cell}" for name, cell in zip(header, cells, strict=False)]
            out.append(", ".join(named) + ".")
    return "\n".join(out)


def _plain(answer: str) -> str:
    """The answer with its placeholders blanked (offsets kept)."""
    return PLACEHOLDER.sub(lambda m: " " * len(m.group()), answer)


def _neighbours(spans: Sequence[tuple[int, int]]) -> list[tuple[int | None, int | None]]:
    """Per value (start, end), where the value before it ends and the value after it starts."""
    ends: list[int | None] = [None, *(end for _, end in spans[:-1])]
    starts: list[int | None] = [*(start for start, _ in spans[1:]), None]
    return list(zip(ends, starts, strict=True)) if spans else []


def _around(
    text: str, start: int, end: int, earlier: int | None = None, later: int | None = None
) -> Weighted:
    """The stems before and after ``text[start:end]`` in its sentence, with their closeness;
    those before an earlier value of the sentence (ending at ``earlier``) weigh less, and
    those after the next value (starting at ``later``) are that value's."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    finish = stop.start() if stop else len(text)
    if later is not None:
        finish = min(finish, later)
    cut = begin if earlier is None else max(begin, earlier)
    near = content_stems(text[cut:start])[::-1]
    far = content_stems(text[begin:cut])[::-1]
    weights = iter(BEFORE_WEIGHTS)
    before = list(zip(near, weights, strict=False))
    before += [(stem, weight * _EARLIER) for stem, weight in zip(far, weights, strict=False)]
    after = content_stems(text[end:finish])
    return [*before, *zip(after, _TEXT_AFTER, strict=False)]
