"""The labelled replies of the audit evaluation: reading and validating them, and building the
audit context each item is checked in.

An item is one interaction (JSON Lines, ``replies-*.jsonl`` beside this file)::

    {"id": "fr-livraison-retard-01", "bible": "demo", "standard": "livraison-retard",
     "channel": "email", "messages": [{"from": "customer", "text": "..."},
                                      {"from": "agent", "text": "..."}],
     "labels": {"fact_contradiction": [], "forbidden_expression": [],
                "missing_required": [], "formality": false},
     "note": "why the item is here", "tags": ["paraphrase"], "language": "en"}

``tags`` and ``language`` are optional. ``labels`` may hold only some kinds (the held-out
files, ``facts-holdout-*.jsonl``, label fact contradictions only): an item is scored for the
kinds it labels. The context of an item (see README.md) holds the item's
standard and, when the bible has one, the communication standard written for the item's channel.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unisono.audit.checks.base import AuditContext, BibleRules, Message, StandardRules
from unisono.audit.rules import from_bible
from unisono.bible.loader import read_bible

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIBLES = {"demo": ROOT / "examples" / "bible", "en": HERE / "bible-en"}
LABELLED_KINDS = ("fact_contradiction", "forbidden_expression", "missing_required", "formality")
TAGS = frozenset({"paraphrase", "not_a_fact", "variant", "lookalike", "trap"})
AUTHORS = frozenset({"customer", "agent", "bot"})
OPENED_AT = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
MESSAGE_GAP = dt.timedelta(minutes=3)


class DatasetError(Exception):
    """The labelled set is malformed; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class LoadedBible:
    """A bible of the evaluation, with what the contexts need from it."""

    name: str
    rules: BibleRules
    standards: Mapping[str, StandardRules]
    channels: frozenset[str]  # the channels of bible.yml
    scope: Mapping[str, frozenset[str] | None]  # standard id -> its channels (None: all)
    reasons: Mapping[str, tuple[str, ...]]  # standard id -> its contact reasons
    by_channel: Mapping[str, str]  # channel -> id of the communication standard written for it


@dataclass(frozen=True)
class Item:
    """One labelled interaction."""

    id: str
    bible: str
    standard: str
    channel: str
    messages: tuple[tuple[str, str], ...]  # (from, text)
    labels: Mapping[str, Any]
    note: str
    tags: frozenset[str] = field(default_factory=frozenset)
    language: str | None = None
    source: str = ""  # file:line

    def gold(self, kind: str) -> frozenset[str]:
        """The labelled names for a list kind (facts, expressions, elements)."""
        return frozenset(self.labels[kind])

    def labelled(self, kind: str) -> bool:
        """Whether the item is labelled for ``kind`` (a set may label only some kinds)."""
        return kind in self.labels

    @property
    def clean(self) -> bool:
        """Labelled for every kind, and no finding of any is expected."""
        return all(k in self.labels for k in LABELLED_KINDS) and not any(
            self.labels[k] for k in LABELLED_KINDS
        )


def load_bible(name: str) -> LoadedBible:
    """Read one of the evaluation's bibles (``demo`` or ``en``)."""
    bible = read_bible(BIBLES[name])
    rules, standards = from_bible(bible)
    scope: dict[str, frozenset[str] | None] = {}
    reasons: dict[str, tuple[str, ...]] = {}
    by_channel: dict[str, str] = {}
    for standard in bible.standards:
        doc = standard.doc
        scope[doc.id] = frozenset(doc.channels) if doc.channels else None
        reasons[doc.id] = tuple(doc.reasons)
        if doc.section == "communication" and doc.channels:
            for channel in doc.channels:
                by_channel.setdefault(channel, doc.id)
    return LoadedBible(
        name, rules, standards, frozenset(bible.config.channels), scope, reasons, by_channel
    )


def load_bibles() -> dict[str, LoadedBible]:
    """Both bibles of the evaluation."""
    return {name: load_bible(name) for name in BIBLES}


def read_items(paths: Iterable[Path]) -> list[Item]:
    """The items of these JSON Lines files, in order; raises DatasetError on malformed lines."""
    items: list[Item] = []
    problems: list[str] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                items.append(_item(json.loads(line), where))
            except (ValueError, KeyError, TypeError) as error:
                problems.append(f"{where}: {error}")
    if problems:
        raise DatasetError(problems)
    return items


def default_paths() -> list[Path]:
    """The labelled files of the development set beside this module."""
    return sorted(HERE.glob("replies*.jsonl"))


def holdout_paths() -> list[Path]:
    """The held-out files beside this module (fact contradictions only): never tuned on."""
    return sorted(HERE.glob("facts-holdout-*.jsonl"))


def _item(raw: dict[str, Any], where: str) -> Item:
    messages = tuple((str(m["from"]), str(m["text"])) for m in raw["messages"])
    return Item(
        id=str(raw["id"]),
        bible=str(raw["bible"]),
        standard=str(raw["standard"]),
        channel=str(raw["channel"]),
        messages=messages,
        labels=dict(raw["labels"]),
        note=str(raw["note"]),
        tags=frozenset(raw.get("tags", ())),
        language=raw.get("language"),
        source=where,
    )


def context_standards(item: Item, bible: LoadedBible) -> tuple[StandardRules, ...]:
    """The item's standard, then the communication standard of its channel (if another)."""
    standards = [bible.standards[item.standard]]
    written_for_channel = bible.by_channel.get(item.channel)
    if written_for_channel is not None and written_for_channel != item.standard:
        standards.append(bible.standards[written_for_channel])
    return tuple(standards)


def build_context(item: Item, bible: LoadedBible) -> AuditContext:
    """The audit context of an item: its messages three minutes apart, its standards."""
    messages = tuple(
        Message(index, author, OPENED_AT + index * MESSAGE_GAP, text)
        for index, (author, text) in enumerate(item.messages)
    )
    first_reply = next((m.at for m in messages if m.author == "agent"), None)
    reasons = bible.reasons.get(item.standard, ())
    return AuditContext(
        interaction_id=item.id,
        channel=item.channel,
        reason=reasons[0] if reasons else None,
        language=item.language or bible.rules.language,
        messages=messages,
        standards=context_standards(item, bible),
        bible=bible.rules,
        opened_at=OPENED_AT,
        first_response_at=first_reply,
    )


def validate(items: Sequence[Item], bibles: Mapping[str, LoadedBible]) -> list[str]:
    """Every problem of the set: unknown names, labels outside the item's context, …"""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for item in items:
        if item.id in seen:
            problems.append(f"{item.source}: id {item.id!r} already used at {seen[item.id]}")
        seen[item.id] = item.source
        problems += [f"{item.source} ({item.id}): {p}" for p in _item_problems(item, bibles)]
    return problems


def _item_problems(item: Item, bibles: Mapping[str, LoadedBible]) -> list[str]:
    bible = bibles.get(item.bible)
    if bible is None:
        return [f"unknown bible {item.bible!r} (known: {', '.join(sorted(bibles))})"]
    if item.standard not in bible.standards:
        return [f"unknown standard {item.standard!r} in bible {item.bible!r}"]
    problems = _shape_problems(item, bible)
    if not item.labels or not set(item.labels) <= set(LABELLED_KINDS):
        return [*problems, f"labels must have some of the keys {', '.join(LABELLED_KINDS)}"]
    standards = context_standards(item, bible)
    facts = {f.name for s in standards for f in s.facts}
    expressions = {f.expression for f in bible.rules.forbidden} | {
        f.expression for s in standards for f in s.forbidden
    }
    required = set(bible.standards[item.standard].required)
    allowed = {
        "fact_contradiction": facts,
        "forbidden_expression": expressions,
        "missing_required": required,
    }
    for kind, names in allowed.items():
        if kind not in item.labels:
            continue
        labelled = item.labels[kind]
        if not isinstance(labelled, list) or not all(isinstance(n, str) for n in labelled):
            problems.append(f"labels.{kind} must be a list of names")
            continue
        if len(set(labelled)) != len(labelled):
            problems.append(f"labels.{kind} repeats a name")
        problems += [
            f"labels.{kind}: {name!r} is not in the item's context" for name in labelled
            if name not in names
        ]  # fmt: skip
    if "paraphrase" in item.tags and item.labels.get("fact_contradiction"):
        problems.append("a paraphrase item (right values in other words) has a fact label")
    if "formality" not in item.labels:
        return problems
    if not isinstance(item.labels["formality"], bool):
        problems.append("labels.formality must be true or false")
    elif item.labels["formality"] and bible.rules.formality != "vous":
        problems.append("labels.formality is true but the bible does not ask for vous")
    return problems


def _shape_problems(item: Item, bible: LoadedBible) -> list[str]:
    problems = []
    if item.channel not in bible.channels:
        problems.append(f"unknown channel {item.channel!r}")
    scope = bible.scope[item.standard]
    if scope is not None and item.channel not in scope:
        problems.append(f"standard {item.standard!r} does not apply to {item.channel!r}")
    if not item.messages or all(author != "agent" for author, _ in item.messages):
        problems.append("no agent message")
    problems += [f"unknown author {a!r}" for a, _ in item.messages if a not in AUTHORS]
    problems += [f"unknown tag {t!r}" for t in sorted(item.tags - TAGS)]
    if item.language not in (None, "fr", "en"):
        problems.append(f"unknown language {item.language!r}")
    if not item.note.strip():
        problems.append("empty note")
    return problems
