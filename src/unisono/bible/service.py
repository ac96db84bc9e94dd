"""The bible's services: load a validated bible as new versions, and read versions back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.bible import models
from unisono.bible.loader import Bible, StandardFile
from unisono.bible.schemas import ALL_CHANNELS, BibleConfig, Reason, StandardDoc
from unisono.bible.source import InvalidBibleError, Problem
from unisono.bible.versions import canonical_document, content_hash
from unisono.bible.workflow import transition_error


@dataclass
class LoadReport:
    """What a load changed: standards created, given a new version, unchanged or archived."""

    created: list[str] = field(default_factory=list)
    updated: list[tuple[str, int]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    bible_revision: int | None = None  # the new revision of bible.yml, None when unchanged


def load_bible(*, session: Session, bible: Bible, now: dt.datetime) -> LoadReport:
    """Store ``bible``: a new version for each changed standard, all or nothing."""
    current = current_versions(session=session)
    prepared = [(s, canonical_document(s.doc)) for s in bible.standards]
    problems = [
        problem
        for standard, _ in prepared
        if (problem := _transition_problem(standard, current.get(standard.doc.id))) is not None
    ]
    if problems:
        raise InvalidBibleError(problems)
    report = LoadReport(bible_revision=_store_config(session, bible, now))
    for standard, document in prepared:
        _store_standard(
            session,
            standard,
            document=document,
            current=current.get(standard.doc.id),
            now=now,
            report=report,
        )
    loaded = {standard.doc.id for standard in bible.standards}
    for standard_id, version in sorted(current.items()):
        if standard_id not in loaded and version.status != "archived":
            _archive(session, version, now)
            report.archived.append(standard_id)
    session.flush()
    return report


def store_standard(*, session: Session, standard: StandardFile, now: dt.datetime) -> LoadReport:
    """Store one validated standard as a new version when it changed (an edit in the web app);
    InvalidBibleError when its status may not follow the current one."""
    current = current_versions(session=session).get(standard.doc.id)
    problem = _transition_problem(standard, current)
    if problem is not None:
        raise InvalidBibleError([problem])
    report = LoadReport()
    _store_standard(session, standard, document=canonical_document(standard.doc),
                    current=current, now=now, report=report)  # fmt: skip
    session.flush()
    return report


def current_versions(*, session: Session) -> dict[str, models.StandardVersion]:
    """The version in force of every standard, by standard id."""
    rows = session.scalars(
        select(models.StandardVersion).where(models.StandardVersion.valid_to.is_(None))
    )
    return {row.standard_id: row for row in rows}


def _transition_problem(
    standard: StandardFile, current: models.StandardVersion | None
) -> Problem | None:
    if current is None:
        return None
    message = transition_error(current.status, standard.doc.status)
    if message is None:
        return None
    return standard.source.problem(("status",), f"{message} (version {current.version})")


def _store_config(session: Session, bible: Bible, now: dt.datetime) -> int | None:
    config = bible.config
    document = config.model_dump(mode="json", exclude_defaults=True)
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    latest = session.scalars(
        select(models.BibleRevision).order_by(models.BibleRevision.id.desc()).limit(1)
    ).first()
    _sync_channels(session, config)
    _sync_reasons(session, config)
    if latest is not None and latest.content_hash == digest:
        return None
    revision = models.BibleRevision(
        loaded_at=now,
        source=str(bible.config_source.path),
        content_hash=digest,
        company=config.company,
        vision=config.vision,
        language=config.language,
        formality=config.effective_formality,
        fcr_window_s=int(config.fcr_window.total_seconds()),
        document=document,
        forbidden=[
            models.ForbiddenExpression(expression=f.expression, replacement=f.replacement)
            for f in config.forbidden
        ],
    )
    session.add(revision)
    session.flush()
    return revision.id


def _sync_channels(session: Session, config: BibleConfig) -> None:
    existing = {c.id: c for c in session.scalars(select(models.Channel))}
    for channel in existing.values():
        channel.active = channel.id in config.channels
    for position, (channel_id, label) in enumerate(config.channels.items()):
        row = existing.get(channel_id) or models.Channel(id=channel_id)
        row.label, row.position, row.active = label, position, True
        session.add(row)
    session.flush()


def _sync_reasons(session: Session, config: BibleConfig) -> None:
    existing = {r.id: r for r in session.scalars(select(models.Reason))}
    for reason in existing.values():
        reason.active = False
    position = 0

    def place(nodes: list[Reason], parent: str | None) -> None:
        nonlocal position
        for node in nodes:
            row = existing.get(node.id) or models.Reason(id=node.id)
            row.parent_id, row.label, row.stage = parent, node.label, node.stage
            row.examples, row.position, row.active = list(node.examples), position, True
            position += 1
            session.add(row)
            session.flush()  # a parent row exists before its children refer to it
            place(node.children, node.id)

    place(config.reasons, None)


def _store_standard(
    session: Session,
    standard: StandardFile,
    *,
    document: dict[str, Any],
    current: models.StandardVersion | None,
    now: dt.datetime,
    report: LoadReport,
) -> None:
    digest = content_hash(document, standard.body)
    if current is not None and current.content_hash == digest:
        report.unchanged.append(standard.doc.id)
        return
    if current is None:
        session.add(models.Standard(id=standard.doc.id, created_at=now))
        number = 1
        report.created.append(standard.doc.id)
    else:
        current.valid_to = now
        session.flush()  # the old version stops being current before the new one starts
        number = current.version + 1
        report.updated.append((standard.doc.id, number))
    session.add(
        _new_version(
            standard.doc,
            document,
            body=standard.body,
            source_path=standard.relative_path,
            number=number,
            now=now,
        )
    )


def _archive(session: Session, version: models.StandardVersion, now: dt.datetime) -> None:
    """A standard whose file is gone gets an archived version (its history stays)."""
    document = {**version.document, "status": "archived"}
    doc = StandardDoc.model_validate(document)
    version.valid_to = now
    session.flush()
    session.add(
        _new_version(
            doc,
            document,
            body=version.body,
            source_path=version.source_path,
            number=version.version + 1,
            now=now,
        )
    )


def _new_version(
    doc: StandardDoc,
    document: dict[str, Any],
    *,
    body: str,
    source_path: str,
    number: int,
    now: dt.datetime,
) -> models.StandardVersion:
    slas = []
    if doc.sla is not None:
        for kind in ("first_response", "resolution"):
            for channel, target in (getattr(doc.sla, kind) or {}).items():
                slas.append(
                    models.StandardSla(
                        kind=kind,
                        channel_id=None if channel == ALL_CHANNELS else channel,
                        target_s=int(target.total_seconds()),
                    )
                )
    return models.StandardVersion(
        standard_id=doc.id,
        version=number,
        valid_from=now,
        valid_to=None,
        content_hash=content_hash(document, body),
        source_path=source_path,
        title=doc.title,
        section=doc.section,
        status=doc.status,
        owner=doc.owner,
        review_every_s=int(doc.review_every.total_seconds()),
        reviewed_on=doc.reviewed_on,
        next_review_on=doc.next_review_on,
        impact=doc.impact,
        body=body,
        required=list(doc.required),
        document=document,
        reasons=[models.StandardReason(reason_id=reason) for reason in dict.fromkeys(doc.reasons)],
        channels=[
            models.StandardChannel(channel_id=channel)
            for channel in dict.fromkeys(doc.channels or [])
        ],
        facts=[_fact_row(name, fact) for name, fact in doc.facts.items()],
        slas=slas,
        answers=[
            models.StandardAnswer(channel_id=channel, text=text)
            for channel, text in doc.answers.items()
        ],
        forbidden=[
            models.ForbiddenExpression(expression=f.expression, replacement=f.replacement)
            for f in doc.forbidden
        ],
    )


def _fact_row(name: str, fact: Any) -> models.StandardFact:
    quantity = fact.quantity
    base_value, base_unit = quantity.base()
    return models.StandardFact(
        name=name,
        raw=fact.raw,
        dimension=quantity.dimension,
        value=float(quantity.value),
        unit=quantity.unit,
        per=quantity.per,
        base_value=float(base_value),
        base_unit=base_unit,
    )
