"""The service-level targets that applied to interactions: those of the most specific standard
that applies and has a target for their channel (the order the audit reads standards in,
:func:`unisono.interactions.standards.specificity`), in the version in force when they were
opened."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, select

from unisono.bible import models as bible
from unisono.interactions.standards import Specificity, covers, specificity

NO_TARGET = -1
_Scope = dict[int, list[str]]
KINDS = ("first_response", "resolution")


@dataclass(frozen=True)
class Rule:
    """One standard version's target for one kind of SLA and one channel (None: every one)."""

    standard_id: str
    section: str
    reasons: tuple[str, ...]  # empty: every reason
    channels: tuple[str, ...]  # empty: every channel
    channel: str | None
    kind: str
    seconds: int
    since: int  # epoch seconds; the first version counts from the beginning of time
    until: int  # epoch seconds; the version in force counts until the end of time

    def order(self, reason: str | None) -> tuple[Specificity, bool]:
        """Where the rule comes for ``reason``: its standard's specificity, then a target for
        the channel before one for every channel (the first rule that applies counts)."""
        standard = specificity(
            section=self.section, reasons=self.reasons, standard_id=self.standard_id,
            reason=reason,
        )  # fmt: skip
        return standard, self.channel is None

    def applies(self, reason: str | None, channel: str) -> bool:
        """Whether the rule covers this reason and channel (time aside)."""
        reason_ok = not self.reasons or any(covers(r, reason) for r in self.reasons)
        channel_ok = not self.channels or channel in self.channels
        return reason_ok and channel_ok and self.channel in (None, channel)


def load_rules(connection: Connection) -> list[Rule]:
    """Every SLA target of every published process or communication standard version."""
    version = bible.StandardVersion
    versions = connection.execute(
        select(
            version.id,
            version.standard_id,
            version.section,
            version.version,
            version.valid_from,
            version.valid_to,
        ).where(version.status == "published", version.section.in_(("processes", "communication")))
    ).all()
    ids = [row.id for row in versions]
    reasons, channels = _scopes(connection, ids)
    slas = connection.execute(
        select(bible.StandardSla).where(bible.StandardSla.standard_version_id.in_(ids))
    ).all()
    spans = {row.id: _span(row.version, row.valid_from, row.valid_to) for row in versions}
    owners = {row.id: (row.standard_id, row.section) for row in versions}
    return [
        Rule(
            *owners[sla.standard_version_id],
            tuple(reasons.get(sla.standard_version_id, ())),
            tuple(channels.get(sla.standard_version_id, ())),
            sla.channel_id, sla.kind, sla.target_s, *spans[sla.standard_version_id],
        )
        for sla in slas
    ]  # fmt: skip


def _span(number: int, since: object, until: object) -> tuple[int, int]:
    start = -(2**62) if number == 1 else int(since.timestamp())  # type: ignore[attr-defined]
    end = 2**62 if until is None else int(until.timestamp())  # type: ignore[attr-defined]
    return start, end


def _scopes(connection: Connection, ids: list[int]) -> tuple[_Scope, _Scope]:
    """The reasons and the channels each standard version is limited to."""
    reasons: _Scope = {}
    channels: _Scope = {}
    owner = bible.StandardReason.standard_version_id
    for version_id, reason in connection.execute(
        select(owner, bible.StandardReason.reason_id).where(owner.in_(ids))
    ):
        reasons.setdefault(version_id, []).append(reason)
    owner = bible.StandardChannel.standard_version_id
    for version_id, channel in connection.execute(
        select(owner, bible.StandardChannel.channel_id).where(owner.in_(ids))
    ):
        channels.setdefault(version_id, []).append(channel)
    return reasons, channels


def targets(
    rules: list[Rule],
    kind: str,
    *,
    reasons: list[str],
    channels: list[str],
    reason_codes: NDArray[np.int16],
    channel_codes: NDArray[np.uint8],
    opened: NDArray[np.int64],
) -> NDArray[np.int32]:
    """The target in seconds of each interaction (NO_TARGET when none applies); codes index
    ``reasons`` and ``channels`` (reason code -1: no reason)."""
    result = np.full(opened.size, NO_TARGET, dtype=np.int32)
    combos, inverse = np.unique(
        np.stack([reason_codes.astype(np.int32), channel_codes.astype(np.int32)]), axis=1,
        return_inverse=True,
    )  # fmt: skip
    inverse = inverse.ravel()
    for index, (reason_code, channel_code) in enumerate(combos.T):
        reason = reasons[reason_code] if reason_code >= 0 else None
        channel = channels[channel_code]
        candidates = [r for r in rules if r.kind == kind and r.applies(reason, channel)]
        rows = np.flatnonzero(inverse == index)
        for rule in sorted(candidates, key=lambda r: r.order(reason), reverse=True):
            inside = (opened[rows] >= rule.since) & (opened[rows] < rule.until)
            result[rows[inside]] = rule.seconds  # the most specific rule is written last
    return result
