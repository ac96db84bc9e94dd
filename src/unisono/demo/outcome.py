"""How an interaction ended: resolution, status, what the export cuts, what the truth records."""

from __future__ import annotations

import bisect
import random
from typing import Any

from unisono.demo.draft import Built, Contact, Draft
from unisono.demo.pace import Pace
from unisono.demo.timeline import Clock


class Outcome:
    """Closes interactions as of the export instant (later messages are not there yet)."""

    def __init__(self, clock: Clock, rng: random.Random, export_at: int) -> None:
        self.clock, self.rng, self.export_at = clock, rng, export_at
        self.pace = Pace(clock, rng)

    def finish(self, draft: Draft, contact: Contact) -> Built:
        """The record and its truth, as the export at the end of the period sees them."""
        export, opened = self.export_at, contact.opened
        kept = bisect.bisect_left(draft.times, export)  # the export cuts what comes later
        answered = [
            t for t, a in zip(draft.times[:kept], draft.authors, strict=False) if a == "agent"
        ]
        resolved = self.pace.resolution(draft, contact, answered)
        if resolved is not None and resolved >= export:
            resolved = None
        planted = [p for p in draft.planted if p["message"] < kept]
        if answered:
            planted += self._missing(draft)
        planted += self._breaches(draft, opened, answered[0] if answered else None, resolved)
        if resolved is not None:
            status = "closed" if resolved < export - 4 * 86_400 else "resolved"
        else:
            status = "pending" if answered and draft.authors[kept - 1] == "agent" else "open"
        scene, rules = draft.scene, draft.rules
        hide = self.rng.random() < 0.05  # no reason given: Unisono will classify it
        record: dict[str, Any] = {"id": scene.ticket_id, "channel": contact.channel}
        if not hide:
            record["reason"] = contact.reason
        record.update(
            customer=scene.customer.record(), agent=draft.agent.login, team=draft.team.name,
            opened_at=self.clock.iso(opened),
            resolved_at=self.clock.iso(resolved) if resolved is not None else None,
            status=status, messages=draft.messages[:kept], surveys=[],
        )  # fmt: skip
        truth = {
            "id": scene.ticket_id, "agent": draft.agent.login, "team": draft.team.name,
            "channel": contact.channel, "reason": contact.reason, "reason_in_record": not hide,
            "language": scene.lang, "emotion": contact.emotion, "attempt": contact.attempt,
            "repeat_of": contact.previous[0] if contact.previous else None,
            "standard": rules.standard, "standard_status": rules.status, "planted": planted,
            "facts": [f for f in draft.facts if f["message"] < kept],
        }  # fmt: skip
        experience = _experience(draft, contact, planted, resolved)
        return Built(record, truth, experience, resolved, draft.times[kept - 1])

    def _missing(self, draft: Draft) -> list[dict[str, Any]]:
        """The required greeting or closing the advisor left out (of every message)."""
        missing = []
        for element, present in (("greeting", draft.plan.greet), ("closing", draft.plan.close)):
            standard = draft.rules.required_by.get(element)
            if not present and standard is not None:
                missing.append(
                    {"kind": "missing_required", "element": element, "standard": standard}
                )
        return missing

    def _breaches(
        self, draft: Draft, opened: int, first: int | None, resolved: int | None
    ) -> list[dict[str, Any]]:
        """Service levels missed, on elapsed time (business-hours time given beside it)."""
        breaches = []
        for sla, target, end in (
            ("first_response", draft.rules.first_response, first),
            ("resolution", draft.rules.resolution, resolved),
        ):
            if target is None:
                continue
            elapsed = (end if end is not None else self.export_at) - opened
            if elapsed > target[0]:
                business = self.clock.business_seconds(opened, end) if end is not None else None
                breaches.append(
                    {"kind": "sla_breach", "sla": sla, "standard": target[1], "target_s": target[0],
                     "actual_s": elapsed if end is not None else None, "business_s": business}
                )  # fmt: skip
        return breaches


def _experience(
    draft: Draft, contact: Contact, planted: list[dict[str, Any]], resolved: int | None
) -> float:
    """How well it went for the customer, 0–1: what surveys and repeat contacts follow from."""
    score = 0.82 + 0.15 * (draft.agent.habits.skill - 0.7) - (0.18 if resolved is None else 0.0)
    score -= sum(_PENALTIES[p["kind"]] for p in planted)
    score -= min(0.25, 0.12 * (contact.attempt - 1))
    score += _MOODS.get(contact.emotion, 0.0)
    return min(1.0, max(0.0, score))


_PENALTIES = {
    "fact_contradiction": 0.14,
    "sla_breach": 0.09,
    "forbidden_expression": 0.10,
    "formality": 0.05,
    "missing_required": 0.04,
}
_MOODS = {"angry": -0.10, "frustrated": -0.05, "grateful": 0.05}
