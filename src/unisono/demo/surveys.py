"""Satisfaction surveys after demo interactions: who answers, what score, what comment.

As the demo bible's survey standard says: one survey per closed interaction, sent two hours
after it (at the end of the conversation on the chat), never more than one per customer in 30
days. Scores follow how the interaction went, the customer's own leaning and some noise.
"""

from __future__ import annotations

import math
import random
from typing import Any

from unisono.demo.population import mix
from unisono.demo.timeline import Clock

_PRESSURE = 30 * 86_400  # at most one survey per customer in this time
_SENT_AFTER = 2 * 3600
SURVEY_COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "good": (
            "Conseillère très aimable et efficace.",
            "Réponse rapide et claire, merci.",
            "Problème réglé en un seul contact, bravo.",
            "Très bon accueil, à l'écoute.",
            "Rien à redire, parfait.",
        ),
        "mixed": ("Correct mais un peu long.", "Bien, mais j'ai dû répéter ma demande.", "RAS."),
        "bad": (
            "Trop d'attente.",
            "J'ai dû relancer plusieurs fois.",
            "Réponse différente à chaque contact !",
            "Conseiller peu aimable.",
            "Toujours pas de solution.",
            "On m'a donné une information fausse.",
        ),
    },
    "en": {
        "good": ("Very helpful and quick, thank you.", "Sorted in one go, great service."),
        "mixed": ("OK but it took a while.", "Fine."),
        "bad": (
            "Far too slow.",
            "I had to chase several times.",
            "Got a different answer every time.",
        ),
    },
}
_ANSWER_RATE = {"phone": 0.36, "chat": 0.5, "email": 0.42, "web_form": 0.42, "social": 0.3}


class Surveys:
    """Sends surveys and writes the answers; remembers recent ones to respect survey pressure."""

    def __init__(self, clock: Clock, rng: random.Random, export_at: int, seed: int) -> None:
        self.clock, self.rng, self.export_at = clock, rng, export_at
        self.salt = mix(seed ^ 0x5E7)
        self.last_sent: dict[int, int] = {}

    def forget_before(self, t: int) -> None:
        """Drop what no longer matters for survey pressure (keeps memory flat over months)."""
        limit = t - _PRESSURE
        self.last_sent = {c: sent for c, sent in self.last_sent.items() if sent >= limit}

    def answers(
        self,
        *,
        customer: int,
        channel: str,
        lang: str,
        resolved: int | None,
        experience: float,
        attempt: int,
    ) -> list[dict[str, Any]]:
        """The survey answers for one interaction (often none)."""
        if resolved is None:
            return []
        sent = resolved + (self.rng.randint(5, 30) if channel == "chat" else _SENT_AFTER)
        last = self.last_sent.get(customer)
        if last is not None and sent - last < _PRESSURE:
            return []
        self.last_sent[customer] = sent
        rng = self.rng
        if rng.random() >= _ANSWER_RATE.get(channel, 0.4):
            return []
        delay = (
            rng.randint(5, 300)
            if channel == "chat"
            else int(rng.lognormvariate(math.log(10_800), 1.2))
        )
        at = sent + delay
        if at + 60 >= self.export_at:
            return []
        scores = self._scores(customer, experience, attempt)
        kinds = [
            k for k, share in (("csat", 0.9), ("ces", 0.5), ("nps", 0.6)) if rng.random() < share
        ]
        kinds = kinds or ["csat"]
        answers = [
            {"kind": kind, "score": scores[kind], "at": self.clock.iso(at + 20 * i)}
            for i, kind in enumerate(kinds)
        ]
        if rng.random() < 0.3:
            tone = "good" if scores["csat"] >= 5 else "bad" if scores["csat"] <= 2 else "mixed"
            answers[-1]["comment"] = rng.choice(SURVEY_COMMENTS[lang][tone])
        return answers

    def _scores(self, customer: int, experience: float, attempt: int) -> dict[str, int]:
        """NPS, CSAT and CES from how it went, the customer's own leaning, and some noise."""
        rng = self.rng
        leaning = ((mix(customer ^ self.salt) % 1000) / 1000 - 0.5) * 0.16  # some like us more
        mood = experience + leaning + rng.gauss(0, 0.1)
        effort = mood - 0.06 * (attempt - 1)  # coming back is effort, whatever the outcome
        return {
            "csat": _clamp(round(1 + 4.6 * mood + rng.gauss(0, 0.5)), 1, 5),
            "ces": _clamp(round(1 + 6.4 * effort + rng.gauss(0, 0.7)), 1, 7),
            "nps": _clamp(round(11 * mood - 0.2 + rng.gauss(0, 1.2)), 0, 10),
        }


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
