"""The rules the checks apply, read from a bible folder (for tests and evaluations) or from the
stored versions of the standards (for the audit of stored interactions)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from unisono.audit.checks.base import BibleRules, Fact, Forbidden, StandardRules
from unisono.bible import models as bible_models
from unisono.bible.loader import Bible
from unisono.bible.schemas import ALL_CHANNELS, StandardDoc
from unisono.language.quantities import parse_quantity


def from_bible(bible: Bible) -> tuple[BibleRules, dict[str, StandardRules]]:
    """The rules of a bible folder: bible.yml's, and each standard's (version 1)."""
    config = bible.config
    rules = BibleRules(
        company=config.company,
        language=config.language,
        formality=config.effective_formality,
        forbidden=tuple(Forbidden(f.expression, f.replacement) for f in config.forbidden),
        elements={name: tuple(element.phrases) for name, element in config.elements.items()},
        placeholders=dict(config.placeholders),
    )
    standards = {s.doc.id: _from_doc(s.doc, s.body, version=1) for s in bible.standards}
    return rules, standards


def _from_doc(doc: StandardDoc, body: str, *, version: int) -> StandardRules:
    targets = {
        kind: (getattr(doc.sla, kind) or {}) if doc.sla else {}
        for kind in ("first_response", "resolution")
    }
    return StandardRules(
        standard_id=doc.id,
        version=version,
        section=doc.section,
        title=doc.title,
        facts=tuple(Fact(name, fact.raw, fact.quantity) for name, fact in doc.facts.items()),
        forbidden=tuple(Forbidden(f.expression, f.replacement) for f in doc.forbidden),
        required=tuple(doc.required),
        answers=dict(doc.answers),
        body=body,
        first_response_s={c: int(t.total_seconds()) for c, t in targets["first_response"].items()},
        resolution_s={c: int(t.total_seconds()) for c, t in targets["resolution"].items()},
    )


def from_revision(revision: bible_models.BibleRevision) -> BibleRules:
    """The rules of a stored bible.yml."""
    document = revision.document
    return BibleRules(
        company=revision.company,
        language=revision.language,
        formality=revision.formality,
        forbidden=tuple(Forbidden(f.expression, f.replacement) for f in revision.forbidden),
        elements={
            name: tuple(spec["phrases"]) for name, spec in document.get("elements", {}).items()
        },
        placeholders=dict(document.get("placeholders", {})),
    )


def from_version(version: bible_models.StandardVersion) -> StandardRules:
    """The rules of a stored standard version."""
    targets: dict[str, dict[str, int]] = {"first_response": {}, "resolution": {}}
    for sla in version.slas:
        targets[sla.kind][_channel(sla.channel_id)] = sla.target_s
    return StandardRules(
        standard_id=version.standard_id,
        version=version.version,
        section=version.section,
        title=version.title,
        facts=tuple(Fact(f.name, f.raw, parse_quantity(f.raw)) for f in version.facts),
        forbidden=tuple(Forbidden(f.expression, f.replacement) for f in version.forbidden),
        required=tuple(version.required),
        answers={a.channel_id: a.text for a in version.answers},
        body=version.body,
        first_response_s=targets["first_response"],
        resolution_s=targets["resolution"],
    )


def _channel(channel_id: str | None) -> str:
    return ALL_CHANNELS if channel_id is None else channel_id


def load_versions(session: Session, ids: list[int]) -> dict[int, StandardRules]:
    """The rules of these stored standard versions, by version row id."""
    version = bible_models.StandardVersion
    rows = session.scalars(
        select(version)
        .where(version.id.in_(ids))
        .options(
            selectinload(version.facts),
            selectinload(version.slas),
            selectinload(version.answers),
            selectinload(version.forbidden),
        )
    )
    return {row.id: from_version(row) for row in rows}
