"""What a value in a reply may state, in the context of some standards, and the words that
announce each: the *targets* the fact check chooses from.

- every fact of the standards (the first standard stating it owns it);
- the amounts the approved answers leave to the agent (``{amount}``: « votre remboursement de
  {amount} »), which are no fact: an amount announced like them is not read as a fee;
- the values the approved answers write out (« au plus tard sous 14 jours » written in the
  answer rather than as a fact): a value said as the answer says it is approved.

A target's cues (:mod:`unisono.language.cues`) are the stems of its name and of the words the
approved answers put before (and just after) it, each weighed by closeness, then by how few
targets of the same kind share it (« délai » says little among durations). For a French bible,
English replies are read with the glossary's English words too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from unisono.audit.checks.base import BibleRules, Fact, StandardRules
from unisono.language.cues import content_stems, english
from unisono.language.folding import match_form
from unisono.language.quantities import Quantity
from unisono.language.statements import UnitTrigger, every_value

__all__ = ["AFTER_WEIGHTS", "BEFORE_WEIGHTS", "Book", "Group", "Target", "book", "group"]

BEFORE_WEIGHTS = (1.0, 1.0, 0.8, 0.8, 0.6, 0.6, 0.4, 0.4)  # nearest word first
AFTER_WEIGHTS = (0.6, 0.5, 0.4)
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
_SENTENCE_END = re.compile(r"[.!?…\n]")
_AMOUNT = re.compile(r"amount|montant|price|prix|tarif|solde|balance|total|somme|sum")
_NAMES = frozenset({"customer_name", "agent_name", "company"})
Group = tuple[str, str]
Index = Mapping[str, tuple[tuple[int, float], ...]]
Weighted = list[tuple[str, float]]


@dataclass(frozen=True)
class Target:
    """Something a value may state, and the cue stems (stem -> weight) that announce it."""

    name: str
    fact: Fact | None  # None: an amount left to the agent, or a value an answer writes out
    standard: StandardRules | None  # the standard stating the fact
    quantity: Quantity | None  # the fact's value, or the answer's; None: any amount
    cues: Mapping[str, float]
    cues_english: Mapping[str, float]  # with the glossary's English words (French bibles)
    named: frozenset[str]  # the cue stems from the target's name (and their English words)


@dataclass(frozen=True)
class Book:
    """The targets of a context, and the units worth reading in its replies."""

    targets: tuple[Target, ...]
    trigger: UnitTrigger
    english: bool  # the bible is French: English replies are read with English cues
    index: Mapping[str, tuple[tuple[int, float], ...]]  # stem -> (target, weight), cues
    index_english: Mapping[str, tuple[tuple[int, float], ...]]  # the same, cues_english
    _kinds: dict[tuple[str, bool], Index] = field(default_factory=dict, compare=False)

    def index_for(self, dimension: str, *, english: bool) -> Index:
        """The index of the targets a value of ``dimension`` may state (and amounts)."""
        key = dimension, english
        found = self._kinds.get(key)
        if found is None:
            full = self.index_english if english else self.index
            found = self._kinds[key] = {
                stem: kept
                for stem, entries in full.items()
                if (kept := tuple(e for e in entries if self._may_state(e[0], dimension)))
            }
        return found

    def _may_state(self, number: int, dimension: str) -> bool:
        quantity = self.targets[number].quantity
        return dimension == "money" if quantity is None else quantity.dimension == dimension


@dataclass
class _Draft:
    name: str
    group: Group
    cues: dict[str, float]
    fact: Fact | None = None
    standard: StandardRules | None = None
    quantity: Quantity | None = None
    counted: bool = True  # shares of stems count it (facts only)


def book(standards: tuple[StandardRules, ...], bible: BibleRules) -> Book:
    """The targets of a context's standards (most specific first) under ``bible``."""
    drafts = list(_facts(standards))
    named = {d.name for d in drafts}
    contexts = _placeholder_contexts(standards)
    for name, cues in contexts.items():
        if name in named:
            _merge(next(d for d in drafts if d.name == name).cues, cues)
        elif name not in _NAMES and _is_amount(name, bible.placeholders):
            drafts.append(_Draft(name, ("money", "*"), _name_cues(name, cues), counted=False))
    drafts += _written_values(standards)
    english_too = bible.language == "fr"
    targets = tuple(_target(d, _spread(drafts), english_too) for d in drafts)
    facts = [d.fact for d in drafts if d.fact is not None]
    nouns = [f.quantity.unit for f in facts if f.quantity.dimension == "count"]
    trigger = UnitTrigger((f.quantity.dimension for f in facts), nouns)
    index = _index(t.cues for t in targets)
    return Book(targets, trigger, english_too, index, _index(t.cues_english for t in targets))


def _index(
    cues: Iterable[Mapping[str, float]],
) -> dict[str, tuple[tuple[int, float], ...]]:
    """Stem -> the targets it announces, with its weight for each."""
    index: dict[str, list[tuple[int, float]]] = {}
    for number, weights in enumerate(cues):
        for stem, weight in weights.items():
            index.setdefault(stem, []).append((number, weight))
    return {stem: tuple(found) for stem, found in index.items()}


def group(quantity: Quantity) -> Group:
    """Values that may be taken for one another: the same kind (and currency, or noun)."""
    unit = quantity.unit if quantity.dimension in ("money", "count") else ""
    return quantity.dimension + ("/rate" if quantity.per else ""), unit


def _facts(standards: tuple[StandardRules, ...]) -> Iterator[_Draft]:
    seen: set[str] = set()
    for standard in standards:
        for fact in standard.facts:
            if fact.name not in seen:
                seen.add(fact.name)
                cues = _name_cues(fact.name, {})
                if fact.quantity.dimension == "count":
                    _merge(cues, dict.fromkeys(content_stems(fact.quantity.unit), 1.0))
                yield _Draft(fact.name, group(fact.quantity), cues, fact, standard, fact.quantity)


def _name_cues(name: str, context: dict[str, float]) -> dict[str, float]:
    cues = dict(context)
    _merge(cues, dict.fromkeys(content_stems(name.replace("_", " ")), 1.0))
    return cues


def _merge(into: dict[str, float], cues: Mapping[str, float]) -> None:
    for stem, weight in cues.items():
        into[stem] = max(into.get(stem, 0.0), weight)


def _placeholder_contexts(standards: tuple[StandardRules, ...]) -> dict[str, dict[str, float]]:
    """Per placeholder, the stems the approved answers put around it, with their closeness."""
    found: dict[str, dict[str, float]] = {}
    for standard in standards:
        for answer in standard.answers.values():
            plain = _plain(answer)
            for match in _PLACEHOLDER.finditer(answer):
                cues = found.setdefault(match.group(1), {})
                _merge(cues, dict(_around(plain, match.start(), match.end())))
    return found


def _written_values(standards: tuple[StandardRules, ...]) -> Iterator[_Draft]:
    """The values the approved answers write out, one target per value and kind."""
    drafts: dict[tuple[Group, tuple[object, ...]], _Draft] = {}
    for standard in standards:
        for answer in standard.answers.values():
            plain = _plain(answer)
            for value in every_value(plain):
                quantity = value.quantity
                if quantity.dimension == "count" and not quantity.unit:
                    continue
                key = group(quantity), (*quantity.base(), quantity.per)
                name = f"« {plain[value.start : value.end]} »"
                draft = drafts.setdefault(key, _Draft(name, key[0], {}, quantity=quantity))
                draft.counted = False
                _merge(draft.cues, dict(_around(plain, value.start, value.end)))
    yield from drafts.values()


def _plain(answer: str) -> str:
    """The answer with its placeholders blanked (offsets kept)."""
    return _PLACEHOLDER.sub(lambda m: " " * len(m.group()), answer)


def _around(text: str, start: int, end: int) -> Weighted:
    """The stems before and after ``text[start:end]`` in its sentence, with their closeness."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    before = content_stems(text[begin:start])[::-1]
    after = content_stems(text[end : stop.start() if stop else None])
    return [*zip(before, BEFORE_WEIGHTS, strict=False), *zip(after, AFTER_WEIGHTS, strict=False)]


def _spread(drafts: list[_Draft]) -> dict[tuple[Group, str], float]:
    """Per kind and stem, a weight that falls as more facts of that kind share the stem; an
    amount placeholder shares with every amount."""
    counts: dict[tuple[Group, str], int] = {}
    for draft in drafts:
        if draft.counted:
            for stem in draft.cues:
                counts[draft.group, stem] = counts.get((draft.group, stem), 0) + 1
    weights = {key: 1.0 / count**0.5 for key, count in counts.items()}
    for draft in drafts:
        for stem in draft.cues:
            if draft.group == ("money", "*"):
                shared = sum(n for (g, s), n in counts.items() if s == stem and g[0] == "money")
                weights[draft.group, stem] = 1.0 / max(1, shared) ** 0.5
            weights.setdefault((draft.group, stem), 1.0)
    return weights


def _target(draft: _Draft, spread: dict[tuple[Group, str], float], english_too: bool) -> Target:
    cues = {stem: weight * spread[draft.group, stem] for stem, weight in draft.cues.items()}
    both = dict(cues)
    if english_too:
        for stem, weight in cues.items():
            _merge(both, dict.fromkeys(english([stem]), weight))
    named = set(content_stems(draft.name.replace("_", " "))) if draft.fact else set()
    if english_too:
        named |= set(english(sorted(named)))
    return Target(
        draft.name, draft.fact, draft.standard, draft.quantity, cues, both, frozenset(named)
    )


def _is_amount(name: str, labels: Mapping[str, str]) -> bool:
    return bool(_AMOUNT.search(name) or _AMOUNT.search(match_form(labels.get(name, ""))))
