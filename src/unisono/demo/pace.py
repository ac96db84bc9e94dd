"""How fast things happen: queues, answers in opening hours, customers' replies, resolution."""

from __future__ import annotations

import math
import random

from unisono.demo.draft import Contact, Draft
from unisono.demo.timeline import Clock

# Reasons that take investigations or several teams: fewer solved in the first contact.
HEAVY = frozenset(
    {"livraison.colis_perdu", "sav.garantie", "retour.vendeur_partenaire", "compte.donnees",
     "livraison.colis_endommage", "livraison.retard", "retour.remboursement"}
)  # fmt: skip
_SOLVED_IN_CONTACT = {"phone": 0.7, "chat": 0.65, "social": 0.25, "email": 0.6, "web_form": 0.6}
_WRITTEN_MEDIAN = {"social": 900.0, "email": 3600.0, "web_form": 5400.0}
_LOG_12 = math.log(12.0)
_LOG_40 = math.log(40.0)


class Pace:
    """Delays, drawn for each step of a conversation."""

    def __init__(self, clock: Clock, rng: random.Random) -> None:
        self.clock, self.rng = clock, rng

    def first_response(self, opened: int, channel: str, speed: float) -> int:
        """When an advisor first answers: a queue on the phone and chat, opening hours otherwise."""
        rng = self.rng
        if channel == "phone":
            return opened + min(900, int(rng.lognormvariate(_LOG_12, 0.7) * speed)) + 1
        if channel == "chat":
            return opened + min(3600, int(rng.lognormvariate(_LOG_40, 0.85) * speed)) + 2
        median = _WRITTEN_MEDIAN.get(channel, 5400.0)
        delay = int(rng.lognormvariate(math.log(median), 0.9) * speed) + 30
        return self.clock.add_business(opened, delay)

    def customer_turn(self, t: int, channel: str) -> int:
        rng = self.rng
        if channel == "phone":
            return t + rng.randint(10, 60)
        if channel == "chat":
            return t + rng.randint(15, 150)
        median = 1200.0 if channel == "social" else 4 * 3600.0
        return t + int(rng.lognormvariate(math.log(median), 1.0)) + 60

    def agent_turn(self, t: int, channel: str, speed: float) -> int:
        rng = self.rng
        if channel == "phone":
            return t + rng.randint(20, 120)
        if channel == "chat":
            return t + int(rng.randint(20, 120) * speed)
        median = 1800.0 if channel == "social" else 3 * 3600.0
        return self.clock.add_business(t, int(rng.lognormvariate(math.log(median), 0.8) * speed))

    def resolution(self, draft: Draft, contact: Contact, answered: list[int]) -> int | None:
        """When the request is solved: during the contact, or later by the back office."""
        rng = self.rng
        if not answered or rng.random() < 0.025:
            return None  # not answered yet, or stuck: waiting for the customer, or forgotten
        solved = _SOLVED_IN_CONTACT.get(contact.channel, 0.5) * (
            0.7 + 0.4 * draft.agent.habits.skill
        )
        if contact.reason in HEAVY:
            solved *= 0.55
        last = answered[-1]  # the advisor's last word: what came after does not delay it
        if rng.random() < solved:
            return last + rng.randint(5, 300)
        target = draft.rules.resolution[0] if draft.rules.resolution else 86_400
        delay = rng.lognormvariate(math.log(0.12 * target), 0.8) * math.sqrt(draft.speed)
        return self.clock.add_business(last, max(900, int(delay)))  # the back office works days
