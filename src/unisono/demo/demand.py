"""When customers get in touch, on which channel and about what.

Volumes follow the calendar (Mondays busy, Sundays quiet, sales in January, Black Friday and
Christmas in November and December), a carrier incident week that sends delivery complaints up,
and the time of day (office hours for the phone and the chat; e-mails and forms also at night).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random

from unisono.demo.orders import PRODUCT_COUNT, order_number, tracking_number
from unisono.demo.playbook import Playbook
from unisono.demo.population import Customers
from unisono.demo.timeline import SLOT, Clock, arrival_slots

CHANNEL_SHARES = {"phone": 0.34, "email": 0.25, "chat": 0.21, "web_form": 0.12, "social": 0.08}
LIVE = frozenset({"phone", "chat"})  # answered only while open
REASON_WEIGHTS = {
    "livraison.suivi": 14, "livraison.retard": 12, "retour.demande": 9, "retour.remboursement": 8,
    "livraison.colis_endommage": 5, "livraison.colis_perdu": 4, "commande.modification": 4,
    "commande.annulation": 4, "produit.disponibilite": 4, "produit.conseil": 4,
    "livraison.delais_options": 4, "paiement.refus": 3, "paiement.code_promo": 3, "sav.garantie": 3,
    "compte.acces": 3, "sav.piece_manquante": 2.5, "paiement.carte_cadeau": 2,
    "fidelite.points": 2, "services.montage": 2, "retour.vendeur_partenaire": 2,
    "paiement.facilite": 1.5, "compte.donnees": 1.5, "fidelite.adhesion": 1, "services.reprise": 1,
}  # fmt: skip
# Some reasons come more on some channels: questions before buying on the chat, delivery
# complaints in public on social networks, photos of damage through the web form…
AFFINITY = {
    "chat": {"produit": 2.0, "livraison.delais_options": 2.0, "paiement.facilite": 2.0},
    "social": {"livraison.retard": 2.5, "livraison.colis_perdu": 2.5, "*": 0.6},
    "phone": {"livraison.colis_perdu": 1.3, "paiement.refus": 1.4},
    "email": {"retour": 1.3, "sav": 1.4, "compte.donnees": 2.0},
    "web_form": {"sav": 1.5, "livraison.colis_endommage": 1.5},
}
INCIDENT = {"livraison.retard": 3.0, "livraison.colis_perdu": 2.5, "livraison.suivi": 1.5}
_WEEKDAY = (1.3, 1.15, 1.05, 1.0, 0.95, 0.6, 0.25)
_MONTH = (1.15, 0.9, 0.95, 0.95, 0.9, 1.0, 1.05, 0.8, 0.95, 1.0, 1.15, 1.3)
_EMOTIONS = ("neutral", "frustrated", "urgent", "angry", "grateful")
_FIRST_MOOD = (0.58, 0.17, 0.08, 0.06, 0.11)
_DELIVERY_MOOD = (0.4, 0.27, 0.1, 0.15, 0.08)
_REPEAT_MOOD = (0.2, 0.45, 0.07, 0.26, 0.02)


def day_weights(clock: Clock, days: list[dt.date]) -> list[float]:
    """How busy each day is, relative to the others."""
    weights = []
    for day in days:
        weight = _WEEKDAY[day.weekday()] * _MONTH[day.month - 1]
        if not clock.ranges[day.weekday()] and not clock.always_open:
            weight = min(weight, 0.25)  # closed: only e-mails, forms and posts come in
        black_friday = _black_friday(day.year)
        if (day - black_friday).days in (3, 4):
            weight *= 1.6  # the Monday and Tuesday after Black Friday: where is my parcel?
        if (day.month, day.day) in ((12, 25), (1, 1), (5, 1)):
            weight *= 0.3
        weights.append(weight)
    return weights


def _black_friday(year: int) -> dt.date:
    last = dt.date(year, 11, 30)
    return last - dt.timedelta(days=(last.weekday() - 4) % 7)


def quotas(total: int, weights: list[float]) -> list[int]:
    """``total`` split over the days in proportion to ``weights`` (largest remainders)."""
    whole = sum(weights) or 1.0
    shares = [total * w / whole for w in weights]
    counts = [int(share) for share in shares]
    order = sorted(range(len(shares)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


class Demand:
    """Draws new contacts: channel, opening time, reason, customer, mood, order."""

    def __init__(self, playbook: Playbook, clock: Clock, customers: Customers, rng: random.Random):
        self.clock, self.customers, self.rng = clock, customers, rng
        self.channels = playbook.channels
        self.channel_weights = [CHANNEL_SHARES.get(c, 0.05) for c in self.channels]
        self.channel_cumulative = list(itertools.accumulate(self.channel_weights))
        self.reason_weights = {r: float(REASON_WEIGHTS.get(r, 2.0)) for r in playbook.reasons}
        self.tables = {
            (channel, incident): _cumulative(playbook, self.reason_weights, channel, incident)
            for channel in self.channels
            for incident in (False, True)
        }
        self.slots = {
            (weekday, inside): arrival_slots(clock, weekday, inside=inside)
            for weekday in range(7)
            for inside in (True, False)
        }

    def contacts(self, day: dt.date, count: int, incident: bool) -> list[tuple[int, str, str]]:
        """``count`` new contacts on ``day``: (opening instant, channel, reason)."""
        rng, start = self.rng, self.clock.day_start(day)
        weekday = day.weekday()
        open_day = bool(self.slots[weekday, True][0])
        found = []
        for _ in range(count):
            channel = rng.choices(self.channels, cum_weights=self.channel_cumulative)[0]
            while channel in LIVE and not open_day:
                channel = rng.choices(self.channels, cum_weights=self.channel_cumulative)[0]
            inside = open_day and (channel in LIVE or rng.random() < 0.8)
            starts, cumulative = self.slots[weekday, inside]
            slot = starts[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])]
            opened = self.clock.to_utc(self.clock.local(start) + slot + rng.randrange(SLOT))
            reasons, weights = self.tables[channel, incident]
            reason = reasons[bisect.bisect_left(weights, rng.random() * weights[-1])]
            found.append((opened, channel, reason))
        return found

    def mood(self, reason: str, attempt: int) -> str:
        """The customer's emotion when they get in touch."""
        if attempt > 1:
            shares = _REPEAT_MOOD
        elif reason.startswith("livraison.") and reason != "livraison.delais_options":
            shares = _DELIVERY_MOOD
        else:
            shares = _FIRST_MOOD
        return self.rng.choices(_EMOTIONS, weights=shares)[0]

    def order(self) -> tuple[str, str, int]:
        """A new order: its number, its parcel's tracking number, the product."""
        rng = self.rng
        return order_number(rng), tracking_number(rng), rng.randrange(PRODUCT_COUNT)


def _cumulative(
    playbook: Playbook, base: dict[str, float], channel: str, incident: bool
) -> tuple[list[str], list[float]]:
    reasons = [r for r in playbook.reasons if playbook.covers(r, channel)] or playbook.reasons
    affinity = AFFINITY.get(channel, {})
    weights = []
    for reason in reasons:
        factor = affinity.get(reason, affinity.get(reason.split(".")[0], affinity.get("*", 1.0)))
        weights.append(base[reason] * factor * (INCIDENT.get(reason, 1.0) if incident else 1.0))
    return reasons, list(itertools.accumulate(weights))
