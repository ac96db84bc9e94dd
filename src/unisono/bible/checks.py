"""Rules that span several fields or files of a bible, beyond what each field's shape says."""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

from unisono.bible.schemas import ALL_CHANNELS, BibleConfig, Fact, StandardDoc
from unisono.bible.source import Problem, SourceDocument
from unisono.bible.vocabulary import ELEMENTS, PLACEHOLDERS, TARGETS


def check_config(source: SourceDocument) -> Iterator[Problem]:
    """The reasons tree has unique ids, each extending its parent's; no built-in is redefined.

    It reads the raw data, so that these problems are reported even beside shape errors.
    """
    yield from _check_reasons(source.data.get("reasons"), ("reasons",), None, set(), source)
    for key, builtin, kind in (
        ("placeholders", PLACEHOLDERS, "placeholder"),
        ("elements", ELEMENTS, "element"),
    ):
        declared = source.data.get(key)
        for name in declared if isinstance(declared, dict) else ():
            if name in builtin:
                yield source.problem((key, name), f"{name!r} is a built-in {kind}")


def _check_reasons(
    nodes: Any,
    loc: tuple[str | int, ...],
    parent: str | None,
    seen: set[str],
    source: SourceDocument,
) -> Iterator[Problem]:
    for index, node in enumerate(nodes if isinstance(nodes, list) else ()):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            continue
        here, reason = (*loc, index), node["id"]
        if reason in seen:
            yield source.problem((*here, "id"), f"duplicate contact reason {reason!r}")
        seen.add(reason)
        if parent is not None and not reason.startswith(parent + "."):
            yield source.problem(
                (*here, "id"), f"{reason!r} must extend its parent's id: {parent}.<name>"
            )
        yield from _check_reasons(node.get("children"), (*here, "children"), reason, seen, source)


def check_standard(
    doc: StandardDoc, config: BibleConfig, source: SourceDocument
) -> Iterator[Problem]:
    """Channels within the standard's own, placeholders known, facts and targets sound."""
    yield from _check_channel_scope(doc, source)
    yield from _check_placeholders(doc, config, source)
    for name in doc.facts:
        if name in PLACEHOLDERS or name in config.placeholders:
            yield source.problem(("facts", name), f"{name!r} is already a placeholder name")
    if doc.targets and doc.section != "performance":
        yield source.problem(("targets",), "targets belong to standards of the performance section")
    if doc.scorecard and doc.section != "performance":
        yield source.problem(("scorecard",), "a scorecard belongs to the performance section")
    ids = [criterion.id for criterion in doc.scorecard]
    for index, name in enumerate(ids):
        if name in ids[:index]:
            yield source.problem(("scorecard", index, "id"), f"duplicate criterion {name!r}")
    for metric, target in doc.targets.items():
        kinds = TARGETS.get(metric)
        if kinds is None:
            yield source.problem(
                ("targets", metric), f"unknown indicator (known: {', '.join(TARGETS)})"
            )
        elif target.quantity.dimension not in kinds:
            yield source.problem(
                ("targets", metric),
                f"{target.raw!r} is a {target.quantity.dimension}; "
                f"a target for {metric} is a {' or a '.join(kinds)}",
            )


def _check_channel_scope(doc: StandardDoc, source: SourceDocument) -> Iterator[Problem]:
    if doc.channels is None:
        return
    own = ", ".join(doc.channels)
    named: list[tuple[tuple[str, ...], str]] = [(("answers", c), c) for c in doc.answers]
    if doc.sla is not None:
        for kind in ("first_response", "resolution"):
            targets = getattr(doc.sla, kind) or {}
            named += [(("sla", kind, channel), channel) for channel in targets]
    for loc, channel in named:
        if channel != ALL_CHANNELS and channel not in doc.channels:
            yield source.problem(loc, f"channel {channel!r} is not one of the standard's: {own}")


def _check_placeholders(
    doc: StandardDoc, config: BibleConfig, source: SourceDocument
) -> Iterator[Problem]:
    known = set(PLACEHOLDERS) | set(config.placeholders) | set(doc.facts)
    for channel, answer in doc.answers.items():
        try:
            fields = [
                (name, spec, conversion)
                for _, name, spec, conversion in string.Formatter().parse(answer)
                if name is not None
            ]
        except ValueError as error:
            yield source.problem(
                ("answers", channel), f"bad braces ({error}); write {{{{ and }}}} for literal ones"
            )
            continue
        for name, spec, conversion in fields:
            if name not in known:
                yield source.problem(
                    ("answers", channel),
                    f"unknown placeholder {{{name}}} (known: {', '.join(sorted(known))})",
                )
            elif spec or conversion:
                yield source.problem(
                    ("answers", channel), f"placeholder {{{name}}} takes no format or conversion"
                )


def check_unique_ids(sources: list[SourceDocument]) -> Iterator[Problem]:
    """Each standard id is used by one file only (read raw: a file with other errors counts)."""
    first: dict[str, SourceDocument] = {}
    for source in sources:
        standard_id = source.data.get("id")
        if not isinstance(standard_id, str):
            continue
        if standard_id in first:
            other = first[standard_id]
            yield source.problem(
                ("id",),
                f"duplicate standard id {standard_id!r}: "
                f"also in {other.path}:{other.line_of(('id',))}",
            )
        else:
            first[standard_id] = source


def check_consistent_facts(
    standards: list[tuple[StandardDoc, SourceDocument]],
) -> Iterator[Problem]:
    """A fact name means one policy value: two standards may not give it different values."""
    first: dict[str, tuple[Fact, SourceDocument]] = {}
    for doc, source in standards:
        for name, fact in doc.facts.items():
            if name not in first:
                first[name] = (fact, source)
                continue
            other, other_source = first[name]
            if not fact.quantity.same_as(other.quantity):
                yield source.problem(
                    ("facts", name),
                    f"{fact.raw!r} contradicts {other.raw!r} for the same fact in "
                    f"{other_source.path}:{other_source.line_of(('facts', name))}",
                )
