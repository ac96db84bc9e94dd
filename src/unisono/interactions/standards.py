"""The standards that applied to an interaction when it happened: by channel, by contact reason
(a standard for ``livraison`` applies to ``livraison.retard``), in the version then in force.

Versions are never rewritten, so this is computed when needed rather than stored: an import
writes nothing more, and a bible loaded later does not change what applied in the past.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, and_, exists, or_, select, true
from sqlalchemy.orm import Session

from unisono.bible import models as bible
from unisono.interactions import models

APPLICABLE_SECTIONS = ("communication", "processes")  # the ones that say how to handle a contact
Specificity = tuple[bool, int, int, str]


def covers(named: str, reason: str | None) -> bool:
    """Whether a standard naming the reason ``named`` applies to ``reason`` (or a child)."""
    return reason is not None and (reason == named or reason.startswith(named + "."))


def specificity(
    *, section: str, reasons: Collection[str], standard_id: str, reason: str | None
) -> Specificity:
    """The order in which the standards that apply to an interaction are read, the most
    specific first (its SLA targets and approved answer are the ones that count): processes
    before communication; the deepest reason named; then the fewest reasons named (a standard
    for late parcels before a transversal one for every complaint); then by id."""
    depth = max((r.count(".") + 1 for r in reasons if covers(r, reason)), default=0)
    return section != "processes", -depth, len(reasons), standard_id


def applicable_versions_query(*, by_reason: bool = True) -> Select[int, int]:
    """``(interaction id, standard version id)`` for every interaction and standard that
    applied to it: published then, for its channel (or every channel) and its reason or one of
    the reason's parents (or every reason). An interaction older than the first load of a
    standard is judged by that first version. ``by_reason=False`` leaves the reason out (for
    interactions whose reason is being classified: the caller matches reasons itself). Of the
    interaction it reads only the reason, the channel and the opening time (the consistency
    report reads it for one interaction per class of those: keep it so)."""
    interaction, version = models.Interaction, bible.StandardVersion
    channel, reason = bible.StandardChannel, bible.StandardReason
    in_force = and_(
        or_(version.version == 1, version.valid_from <= interaction.opened_at),
        or_(version.valid_to.is_(None), interaction.opened_at < version.valid_to),
    )
    for_channel = or_(
        ~exists().where(channel.standard_version_id == version.id),
        exists().where(
            channel.standard_version_id == version.id, channel.channel_id == interaction.channel_id
        ),
    )
    for_reason = or_(
        ~exists().where(reason.standard_version_id == version.id),
        exists().where(
            reason.standard_version_id == version.id,
            or_(
                interaction.reason_id == reason.reason_id,
                interaction.reason_id.startswith(reason.reason_id + "."),
            ),
        ),
    )
    return (
        select(interaction.id, version.id)
        .join(version, in_force)
        .where(version.status == "published", version.section.in_(APPLICABLE_SECTIONS))
        .where(for_channel, for_reason if by_reason else true())
    )


def applicable_versions(*, session: Session, external_id: str) -> list[bible.StandardVersion]:
    """The standard versions that applied to the interaction ``external_id``, by standard id."""
    pairs = applicable_versions_query().where(models.Interaction.external_id == external_id)
    ids = [version_id for _, version_id in session.execute(pairs)]
    return list(
        session.scalars(
            select(bible.StandardVersion)
            .where(bible.StandardVersion.id.in_(ids))
            .order_by(bible.StandardVersion.standard_id)
        )
    )
