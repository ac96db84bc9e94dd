"""SLA breaches: the first response and the resolution against the targets of the most specific
applicable standard for the interaction's channel (elapsed time, as the metrics count it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from unisono.audit.checks.base import AuditContext, Finding, Kind, StandardRules
from unisono.core.durations import describe_duration

ALL = "*"


class SlaCheck:
    """A finding per missed target: the time it took, and the target."""

    kind: Kind = "sla_breach"

    def run(self, context: AuditContext) -> Iterable[Finding]:
        """The missed first-response and resolution targets."""
        ends = {"first_response": context.first_response_at, "resolution": context.resolved_at}
        for sla, ended in ends.items():
            found = _target(context.standards, context.channel, sla)
            if found is None or ended is None:
                continue
            standard, target = found
            took = int((ended - context.opened_at).total_seconds())
            if took <= target:
                continue
            language = context.bible.language
            yield Finding(
                kind=self.kind, standard_id=standard.standard_id,
                standard_version=standard.version,
                evidence=f"{sla.replace('_', ' ')}: {_words(took, language)}",
                expected=_words(target, language), found=_words(took, language),
                detail={"sla": sla, "target_s": target, "took_s": took},
            )  # fmt: skip


def _target(
    standards: Iterable[StandardRules], channel: str, sla: str
) -> tuple[StandardRules, int] | None:
    """The first standard (the most specific) with a target for this channel (or all)."""
    for standard in standards:
        targets: Mapping[str, int] = getattr(standard, f"{sla}_s")
        if channel in targets:
            return standard, targets[channel]
        if ALL in targets:
            return standard, targets[ALL]
    return None


def _words(seconds: int, language: str) -> str:
    return describe_duration(dt.timedelta(seconds=seconds), language)
