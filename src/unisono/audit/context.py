"""Building audit contexts for stored interactions: their messages, the standard versions that
applied to them when they happened (most specific first), and the bible.yml then in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, select, type_coerce
from sqlalchemy.orm import Session

from unisono.audit import rules
from unisono.audit.checks.base import AuditContext, BibleRules, Message, StandardRules
from unisono.bible import models as bible
from unisono.core.db import in_chunks
from unisono.interactions import models
from unisono.interactions.standards import (
    Specificity,
    applicable_versions_query,
    covers,
    specificity,
)
from unisono.language.detect import detect_language
from unisono.language.reasons import UNKNOWN, ReasonModel
from unisono.language.service import Reading, read_interactions


@dataclass
class RulesCache:
    """The rules read so far, kept across batches: they are few and do not change."""

    versions: dict[int, StandardRules] = field(default_factory=dict)
    reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)
    revisions: list[tuple[int, BibleRules]] = field(default_factory=list)  # (loaded at, rules)
    # the standards that applied, ordered: by the version ids and reason (few combinations)
    ordered: dict[tuple[tuple[int, ...], str | None], tuple[StandardRules, ...]] = field(
        default_factory=dict
    )

    def load(self, session: Session, version_ids: set[int]) -> None:
        missing = sorted(version_ids - self.versions.keys())
        if missing:
            self.versions.update(rules.load_versions(session, missing))
            owner = bible.StandardReason.standard_version_id
            for version_id, reason in session.execute(
                select(owner, bible.StandardReason.reason_id).where(owner.in_(missing))
            ):
                self.reasons[version_id] = (*self.reasons.get(version_id, ()), reason)
        if not self.revisions:
            for revision in session.scalars(
                select(bible.BibleRevision).order_by(bible.BibleRevision.id)
            ):
                loaded = int(revision.loaded_at.timestamp())
                self.revisions.append((loaded, rules.from_revision(revision)))

    def bible_at(self, moment: int) -> BibleRules:
        """bible.yml as it was at ``moment`` (its first revision for older interactions)."""
        chosen = self.revisions[0][1]
        for loaded, found in self.revisions:
            if loaded <= moment:
                chosen = found
        return chosen


@dataclass(frozen=True)
class Read:
    """One interaction read for the analysis: its audit context (with the classified reason
    when the record had none) and what its customer's messages say."""

    row_id: int
    content_hash: str  # of the content read: the analysis is stored against it
    context: AuditContext
    reading: Reading


def build_contexts(
    session: Session, ids: Sequence[int], cache: RulesCache, model: ReasonModel | None = None
) -> list[Read]:
    """The audit contexts and readings of these interactions (row ids), in the same order.
    Interactions without a reason from their record get the classifier's first, so that the
    standards of that reason apply to them."""
    connection = session.connection()  # plain rows: the ORM adds nothing to them here
    rows = {row.id: row for chunk in in_chunks(ids) for row in connection.execute(_query(chunk))}
    found = [rows[i] for i in ids if i in rows]
    guessing = {row.id for row in found if row.reason_origin != "record"}
    applied: dict[int, list[int]] = {}
    known = [row.id for row in found if row.id not in guessing]
    for by_reason, subset in ((True, known), (False, sorted(guessing))):
        for chunk in in_chunks(subset):
            pairs = applicable_versions_query(by_reason=by_reason)
            for interaction_id, version_id in session.execute(
                pairs.where(models.Interaction.id.in_(chunk))
            ):
                applied.setdefault(interaction_id, []).append(version_id)
    cache.load(session, {v for versions in applied.values() for v in versions})
    readings = read_interactions(
        [row.messages for row in found], [row.id in guessing for row in found], model,
        default_language=cache.revisions[-1][1].language if cache.revisions else "fr",
    )  # fmt: skip
    read = []
    for row, reading in zip(found, readings, strict=True):
        reason = row.reason_id
        versions = applied.get(row.id, [])
        if reading.guess is not None:
            reason = None if reading.guess.reason == UNKNOWN else reading.guess.reason
            versions = [v for v in versions if _applies(cache.reasons.get(v, ()), reason)]
        read.append(Read(row.id, row.content_hash, _context(row, reason, versions, cache), reading))
    return read


def _applies(owned: tuple[str, ...], reason: str | None) -> bool:
    """Whether a standard for the reasons ``owned`` (none: every reason) applies to ``reason``."""
    return not owned or any(covers(r, reason) for r in owned)


def _query(chunk: Sequence[int]) -> Any:
    interaction = models.Interaction
    return (
        select(
            interaction.id,
            interaction.external_id,
            interaction.content_hash,
            interaction.channel_id,
            interaction.reason_id,
            interaction.reason_origin,
            type_coerce(interaction.opened_at, BigInteger).label("opened"),
            interaction.first_response_at,
            interaction.resolved_at,
            interaction.messages,
            models.Customer.name.label("customer_name"),
            models.Agent.external_id.label("agent"),
        )
        .join(models.Customer, models.Customer.id == interaction.customer_id)
        .outerjoin(models.Agent, models.Agent.id == interaction.agent_id)
        .where(interaction.id.in_(chunk))
    )


def _context(
    row: Any, reason: str | None, version_ids: list[int], cache: RulesCache
) -> AuditContext:
    messages = tuple(
        Message(index, m["from"], dt.datetime.fromisoformat(m["at"]), m["text"])
        for index, m in enumerate(row.messages)
    )
    rules_then = cache.bible_at(row.opened)
    replies = " ".join(m.text for m in messages if m.author == "agent")
    standards = standards_of(cache, version_ids, reason)
    return AuditContext(
        interaction_id=row.external_id,
        channel=row.channel_id,
        reason=reason,
        language=detect_language(replies, default=rules_then.language),
        messages=messages,
        standards=standards,
        bible=rules_then,
        opened_at=dt.datetime.fromtimestamp(row.opened, dt.UTC),
        first_response_at=row.first_response_at,
        resolved_at=row.resolved_at,
        customer_name=row.customer_name,
        agent=row.agent,
    )


def standards_of(
    cache: RulesCache, version_ids: list[int], reason: str | None
) -> tuple[StandardRules, ...]:
    """The standard versions that applied (loaded in ``cache``), most specific first."""
    key = (tuple(version_ids), reason)
    found = cache.ordered.get(key)
    if found is None:
        found = cache.ordered[key] = tuple(
            sorted(
                (cache.versions[v] for v in version_ids),
                key=lambda s: _specificity(s, cache, version_ids, reason),
            )
        )
    return found


def _specificity(
    standard: StandardRules, cache: RulesCache, version_ids: list[int], reason: str | None
) -> Specificity:
    version_id = next(v for v in version_ids if cache.versions[v] is standard)
    return specificity(
        section=standard.section,
        reasons=cache.reasons.get(version_id, ()),
        standard_id=standard.standard_id,
        reason=reason,
    )
