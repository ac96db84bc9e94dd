"""One interaction as a reader opens it: the conversation, its findings, QA scores, surveys and
the standards that applied to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from unisono.accounts.permissions import DataScope
from unisono.audit import models as audit
from unisono.audit.queries import FindingFilters, findings
from unisono.bible import models as bible
from unisono.interactions import models
from unisono.interactions.search import in_scope
from unisono.interactions.standards import applicable_versions
from unisono.language.models import InteractionLanguage


@dataclass(frozen=True)
class Detail:
    """Everything the interaction page shows."""

    interaction: models.Interaction
    findings: list[dict[str, Any]]
    scores: list[audit.QaScore]
    standards: list[bible.StandardVersion]  # those that applied, by standard id
    reading: InteractionLanguage | None = None  # the customer's language, mood and signals


def interaction_detail(*, session: Session, external_id: str, scope: DataScope) -> Detail | None:
    """The interaction ``external_id`` if ``scope`` may see it, else None."""
    row = session.scalars(
        select(models.Interaction)
        .where(models.Interaction.external_id == external_id)
        .options(
            selectinload(models.Interaction.customer),
            selectinload(models.Interaction.agent),
            selectinload(models.Interaction.team),
            selectinload(models.Interaction.surveys),
        )
    ).one_or_none()
    if row is None or not in_scope(row, scope):
        return None
    found = findings(session=session, filters=FindingFilters(interaction=external_id, limit=None))
    scores = list(
        session.scalars(select(audit.QaScore).where(audit.QaScore.interaction_id == row.id))
    )
    standards = applicable_versions(session=session, external_id=external_id)
    cited = {(f["standard_id"], f["standard_version"]) for f in found if f["standard_id"]}
    known = {(v.standard_id, v.version) for v in standards}
    for standard_id, number in sorted(cited - known):  # a finding's standard not in force now
        version = session.scalars(
            select(bible.StandardVersion).where(
                bible.StandardVersion.standard_id == standard_id,
                bible.StandardVersion.version == number,
            )
        ).first()
        if version is not None:
            standards.append(version)
    reading = session.get(InteractionLanguage, row.id)
    return Detail(row, found, scores, standards, reading)
