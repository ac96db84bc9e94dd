"""Scorecards: weighted criteria scored from the automatic checks (or by auditors), the QA score
of an interaction with and without its critical fails (PRODUCT.md, "QA score")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.audit.checks.base import AuditContext, Finding
from unisono.bible import models as bible
from unisono.bible.schemas import AUDIT_CHECKS


@dataclass(frozen=True)
class Criterion:
    """One criterion of a scorecard (see the bible format)."""

    id: str
    label: str
    weight: float
    critical: bool
    manual: bool
    checks: tuple[str, ...]


@dataclass(frozen=True)
class Scorecard:
    """The criteria of the scorecard of a standard version."""

    standard_id: str
    version: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class QaResult:
    """An interaction's score on a scorecard, in percent; None when no criterion applied."""

    score: float | None
    score_without_critical: float | None
    critical_failed: bool
    criteria: dict[str, float | None]  # criterion id -> 1, 0, partial, or None (N/A)


def scorecards_in_force(session: Session) -> list[Scorecard]:
    """The scorecards of the published standards in force."""
    version = bible.StandardVersion
    rows = session.scalars(
        select(version).where(version.valid_to.is_(None), version.status == "published")
    )
    return [_scorecard(row) for row in rows if row.document.get("scorecard")]


def find_scorecard(
    session: Session, standard_id: str | None = None, version: int | None = None
) -> Scorecard:
    """A scorecard: of ``standard_id`` (the version in force, or ``version``), or the only one
    in force; ValueError saying which exist when it is not found or not the only one."""
    if standard_id is None:
        cards = scorecards_in_force(session)
        if len(cards) != 1:
            names = ", ".join(card.standard_id for card in cards) or "none"
            raise ValueError(f"name the scorecard: the scorecards in force are {names}")
        return cards[0]
    row = session.scalars(
        select(bible.StandardVersion)
        .where(bible.StandardVersion.standard_id == standard_id)
        .where(
            bible.StandardVersion.valid_to.is_(None)
            if version is None
            else bible.StandardVersion.version == version
        )
    ).first()
    if row is None or not row.document.get("scorecard"):
        shown = standard_id if version is None else f"{standard_id} v{version}"
        raise ValueError(f"no scorecard {shown!r} in the bible")
    return _scorecard(row)


def _scorecard(row: bible.StandardVersion) -> Scorecard:
    criteria = tuple(
        Criterion(
            c["id"],
            c["label"],
            float(c["weight"]),
            bool(c.get("critical", False)),
            bool(c.get("manual", False)),
            tuple(c.get("checks", ())),
        )
        for c in row.document["scorecard"]
    )
    return Scorecard(row.standard_id, row.version, criteria)


def score(card: Scorecard, context: AuditContext, findings: Sequence[Finding]) -> QaResult:
    """Σ wᵢ·sᵢ / Σ wᵢ over the criteria that apply; a failed critical criterion makes it 0."""
    seen = _Seen(context, findings)
    return combine(card, {c.id: None if c.manual else _criterion(c, seen) for c in card.criteria})


def combine(card: Scorecard, values: dict[str, float | None]) -> QaResult:
    """The score of criteria values (None: not applicable), as defined above."""
    weighted = [(c.weight, values[c.id]) for c in card.criteria if values[c.id] is not None]
    total = sum(weight for weight, _ in weighted)
    plain = None if total == 0 else 100 * sum(w * (v or 0) for w, v in weighted) / total
    failed = any(
        c.critical and values[c.id] is not None and values[c.id] < 1  # type: ignore[operator]
        for c in card.criteria
    )
    return QaResult(0.0 if failed and plain is not None else plain, plain, failed, values)


class _Seen:
    """What the findings say, looked up once per interaction."""

    def __init__(self, context: AuditContext, findings: Sequence[Finding]) -> None:
        self.context = context
        self.kinds = {finding.kind for finding in findings}
        self.missing = {f.detail.get("element") for f in findings if f.kind == "missing_required"}
        self.required = {name for standard in context.standards for name in standard.required}
        self.applies: dict[str, bool] = {}

    def check(self, name: str) -> bool | None:
        """Whether a check (or a required element) passed; None when it does not apply."""
        if name in AUDIT_CHECKS:
            if name not in self.applies:
                self.applies[name] = _applies(name, self.context)
            return None if not self.applies[name] else name not in self.kinds
        if not self.context.replies or name not in self.required:
            return None
        return name not in self.missing


def _criterion(criterion: Criterion, seen: _Seen) -> float | None:
    """The share of the criterion's checks that passed, among those that apply."""
    results = [seen.check(name) for name in criterion.checks]
    applied = [passed for passed in results if passed is not None]
    return None if not applied else sum(applied) / len(applied)


def _applies(kind: str, context: AuditContext) -> bool:
    replies = bool(context.replies)
    standards = context.standards
    if kind == "fact_contradiction":
        return replies and any(s.facts for s in standards)
    if kind == "forbidden_expression":
        return replies
    if kind == "formality":
        return replies and context.language == "fr" and context.bible.formality is not None
    if kind == "off_standard_answer":
        return replies and any(context.channel in s.answers for s in standards)
    # sla_breach: a target for this channel, and the time to measure against it
    targets = [t for s in standards for t in (s.first_response_s, s.resolution_s)]
    measured = context.first_response_at is not None or context.resolved_at is not None
    return measured and any(context.channel in t or "*" in t for t in targets)
