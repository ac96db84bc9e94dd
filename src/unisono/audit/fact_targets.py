"""What a value in a reply may state, in the context of some standards, and the words that
announce each: the *targets* the fact check chooses from.

- every fact of the standards (the first standard stating it owns it);
- the amounts the approved answers leave to the agent (``{amount}``: « votre remboursement de
  {amount} »), which are no fact: an amount announced like them is not read as a fee;
- the values the approved answers write out (« au plus tard sous 14 jours » written in the
  answer rather than as a fact): a value said as the answer says it is approved.

A target's cues (:mod:`unisono.audit.fact_cues`) are weighed by how few targets of the same
kind share them (« délai » says little among durations). For a French bible, English replies
are read with the English words of the word families too. The words of a fact's name that
tell only its kind (« délai », « time ») do not name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from unisono.audit.checks.base import BibleRules, Fact, StandardRules
from unisono.audit.fact_cues import (
    AFTER_WEIGHTS,
    BEFORE_WEIGHTS,
    Draft,
    Group,
    fact_drafts,
    group,
    merge,
    name_cues,
    placeholder_contexts,
    widen,
    written_values,
)
from unisono.language.cues import content_stems
from unisono.language.families import COUNTED, KIND_WORDS, in_english, related
from unisono.language.folding import match_form
from unisono.language.quantities import Quantity
from unisono.language.statements import UnitTrigger

__all__ = [
    "AFTER_WEIGHTS", "BEFORE_WEIGHTS", "Book", "Group", "Index", "Target", "book", "group"
]  # fmt: skip

_AMOUNT = re.compile(r"amount|montant|price|prix|tarif|solde|balance|total|somme|sum")
_NAMES = frozenset({"customer_name", "agent_name", "company"})
Index = Mapping[str, tuple[tuple[int, float], ...]]


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


def book(standards: tuple[StandardRules, ...], bible: BibleRules) -> Book:
    """The targets of a context's standards (most specific first) under ``bible``."""
    drafts = fact_drafts(standards)
    named = {d.name: d for d in drafts}
    for name, cues in placeholder_contexts(standards).items():
        if name in named:
            merge(named[name].cues, cues)
        elif name not in _NAMES and _is_amount(name, bible.placeholders):
            drafts.append(Draft(name, ("money", "*"), name_cues(name, cues), counted=False))
    drafts += written_values(standards)
    widen(drafts, bible.language)
    english_too = bible.language == "fr"
    spread = _spread(drafts)
    targets = tuple(_target(d, spread, bible.language) for d in drafts)
    facts = [d.fact for d in drafts if d.fact is not None]
    nouns = [f.quantity.unit for f in facts if f.quantity.dimension == "count"]
    nouns += [other for noun in nouns for group in COUNTED if noun in group for other in group]
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


def _spread(drafts: list[Draft]) -> dict[tuple[Group, str], float]:
    """Per kind and stem, a weight that falls as the facts of that kind lean more on the stem
    (the sum of the squares of their weights for it: a word of one fact's name that another
    fact's answer has in passing still says the first); an amount placeholder shares with
    every amount."""
    totals: dict[tuple[Group, str], float] = {}
    for draft in drafts:
        if draft.counted:
            for stem, weight in draft.cues.items():
                totals[draft.group, stem] = totals.get((draft.group, stem), 0.0) + weight**2
    weights = {key: 1.0 / max(1.0, total) ** 0.5 for key, total in totals.items()}
    for draft in drafts:
        for stem in draft.cues:
            if draft.group == ("money", "*"):
                shared = sum(n for (g, s), n in totals.items() if s == stem and g[0] == "money")
                weights[draft.group, stem] = 1.0 / max(1.0, shared) ** 0.5
            weights.setdefault((draft.group, stem), 1.0)
    return weights


def _target(draft: Draft, spread: dict[tuple[Group, str], float], language: str) -> Target:
    cues = {stem: weight * spread[draft.group, stem] for stem, weight in draft.cues.items()}
    both = dict(cues)
    named = set()
    if draft.fact is not None:
        named = set(content_stems(draft.name.replace("_", " "))) - KIND_WORDS
        named |= set(related(named, language))
    if language == "fr":
        for stem, weight in cues.items():
            merge(both, dict.fromkeys(in_english([stem]), weight))
        named |= set(in_english(named))
    return Target(
        draft.name, draft.fact, draft.standard, draft.quantity, cues, both, frozenset(named)
    )


def _is_amount(name: str, labels: Mapping[str, str]) -> bool:
    return bool(_AMOUNT.search(name) or _AMOUNT.search(match_form(labels.get(name, ""))))
