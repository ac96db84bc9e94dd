"""What the assistant knows of each standard, read from the stored bible in force or from a
bible folder (for evaluations and benchmarks): one shape for both."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from unisono.bible.loader import Bible
from unisono.bible.queries import (
    active_channels,
    active_reasons,
    current_standards,
    latest_revision,
)
from unisono.bible.schemas import Reason


@dataclass(frozen=True)
class Entry:
    """One standard as the assistant serves it."""

    standard_id: str
    version: int
    title: str
    section: str
    reasons: tuple[str, ...]
    channels: tuple[str, ...]  # empty: every channel
    answers: dict[str, str]
    facts: dict[str, str]
    forbidden: tuple[tuple[str, str | None], ...]  # (expression, replacement)
    text: str  # what it is searched by


@dataclass(frozen=True)
class Library:
    """The bible as the assistant serves it: its standards, reasons, global rules."""

    company: str
    entries: tuple[Entry, ...]
    reason_labels: dict[str, str]
    reason_examples: dict[str, tuple[str, ...]]
    forbidden: tuple[tuple[str, str | None], ...]
    channels: tuple[str, ...]
    placeholders: dict[str, str] = field(default_factory=dict)


def _searchable(*parts: str, reasons: tuple[str, ...], library: dict[str, str],
                examples: dict[str, tuple[str, ...]]) -> str:  # fmt: skip
    """The words a standard is found by: its own, and its reasons' labels and examples."""
    found = list(parts)
    for reason in reasons:
        found += [library.get(reason, ""), *examples.get(reason, ())]
    return "\n".join(found)


def stored_library(session: Session) -> Library:
    """The bible in force, as stored."""
    revision = latest_revision(session=session)
    reasons = active_reasons(session=session)
    labels = {r.id: r.label for r in reasons}
    examples = {r.id: tuple(r.examples or ()) for r in reasons}
    entries = []
    for version in current_standards(session=session):
        owned = tuple(r.reason_id for r in version.reasons)
        answers = {a.channel_id: a.text for a in version.answers}
        channels = tuple(c.channel_id for c in version.channels)
        text = _searchable(
            version.title, version.title, *(version.document.get("examples") or ()),
            version.body, *answers.values(), reasons=owned, library=labels, examples=examples,
        )  # fmt: skip
        entries.append(Entry(
            version.standard_id, version.version, version.title, version.section, owned,
            channels, answers, {f.name: f.raw for f in version.facts},
            tuple((f.expression, f.replacement) for f in version.forbidden), text,
        ))  # fmt: skip
    active = [channel.id for channel in active_channels(session=session)]
    document = revision.document if revision else {}
    return Library(
        company=revision.company if revision else "",
        entries=tuple(entries),
        reason_labels=labels,
        reason_examples=examples,
        forbidden=tuple((f.expression, f.replacement) for f in revision.forbidden)
        if revision
        else (),
        channels=tuple(active),
        placeholders=dict(document.get("placeholders", {})),
    )


def _walk(
    nodes: list[Reason] | None, labels: dict[str, str], examples: dict[str, tuple[str, ...]]
) -> None:
    for node in nodes or ():
        labels[node.id] = node.label
        examples[node.id] = tuple(node.examples or ())
        _walk(node.children, labels, examples)


def folder_library(folder: Bible) -> Library:
    """A bible folder (its published standards), as the assistant would serve it loaded."""
    labels: dict[str, str] = {}
    examples: dict[str, tuple[str, ...]] = {}
    _walk(folder.config.reasons, labels, examples)
    entries = []
    for standard in folder.standards:
        doc = standard.doc
        if doc.status != "published":
            continue
        owned = tuple(doc.reasons)
        answers = dict(doc.answers)
        text = _searchable(
            doc.title, doc.title, *doc.examples, standard.body, *answers.values(),
            reasons=owned, library=labels, examples=examples,
        )  # fmt: skip
        entries.append(Entry(
            doc.id, 1, doc.title, doc.section, owned, tuple(doc.channels or ()), answers,
            {name: fact.raw for name, fact in doc.facts.items()},
            tuple((f.expression, f.replacement) for f in doc.forbidden), text,
        ))  # fmt: skip
    config = folder.config
    return Library(
        company=config.company,
        entries=tuple(entries),
        reason_labels=labels,
        reason_examples=examples,
        forbidden=tuple((f.expression, f.replacement) for f in config.forbidden),
        channels=tuple(config.channels),
        placeholders=dict(config.placeholders),
    )
