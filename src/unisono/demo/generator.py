"""Realistic demo interactions for a bible, with the ground truth of what was planted in them.

``generate_with_truth(bible, interactions=N, seed=S, end=D)`` streams ``(record, truth)`` pairs:
``record`` is an interaction in the canonical JSON shape (PRODUCT.md, "Interactions"); ``truth``
says what the generator planted in it (wrong facts, expressions to avoid, missing greeting or
closing, tutoiement, missed service levels), every fact an advisor stated (right or wrong), the
real contact reason (also when the record leaves it out) and the contact it repeats. Records come
in order of opening, numbered ``T-000001``…, over the ``days`` days ending on ``end``.

The same bible, seed and end date always give the same bytes: everything is drawn from one
seeded ``random.Random`` (:class:`~unisono.demo.chance.Chance`), nothing depends on the clock or
on hash order, and nothing is held in memory beyond the contacts still to come (repeat contacts
scheduled for the next days) and a month of survey dates. docs/demo-data.md describes the data.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
from collections.abc import Iterable, Iterator
from typing import IO, Any

import orjson

from unisono.bible.loader import Bible
from unisono.demo.chance import Chance
from unisono.demo.conversation import Builder
from unisono.demo.demand import LIVE, Demand, day_weights, quotas
from unisono.demo.draft import Built, Contact
from unisono.demo.pace import HEAVY
from unisono.demo.playbook import Playbook
from unisono.demo.population import Customers, build_teams
from unisono.demo.surveys import Surveys
from unisono.demo.timeline import Clock

__all__ = ["generate", "generate_with_truth", "write_jsonl", "write_with_truth"]

Record = dict[str, Any]
_BATCH = 1000  # lines written at once


def generate(
    bible: Bible, *, interactions: int, seed: int, end: dt.date, days: int = 180
) -> Iterator[Record]:
    """``interactions`` demo interactions over the ``days`` days ending on ``end``."""
    pairs = generate_with_truth(bible, interactions=interactions, seed=seed, end=end, days=days)
    return (record for record, _ in pairs)


def generate_with_truth(
    bible: Bible, *, interactions: int, seed: int, end: dt.date, days: int = 180
) -> Iterator[tuple[Record, Record]]:
    """Demo interactions, each with the ground truth of what was planted in it."""
    if interactions < 0:
        raise ValueError("the number of interactions cannot be negative")
    if days < 1:
        raise ValueError("the period must last at least one day")
    return _World(bible, interactions=interactions, seed=seed, end=end, days=days).run()


def write_jsonl(records: Iterable[Record], out: IO[bytes]) -> int:
    """Write ``records`` as JSON Lines (one object per line); return how many were written."""
    return write_with_truth(((record, None) for record in records), out, None)


def write_with_truth(
    pairs: Iterable[tuple[Record, Record | None]], out: IO[bytes], truth_out: IO[bytes] | None
) -> int:
    """Write records to ``out`` and their ground truth to ``truth_out``, line for line."""
    count = 0
    lines: list[bytes] = []
    truths: list[bytes] = []
    for record, truth in pairs:
        lines.append(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
        if truth_out is not None:
            truths.append(orjson.dumps(truth, option=orjson.OPT_APPEND_NEWLINE))
        count += 1
        if len(lines) == _BATCH:
            _flush(lines, out, truths, truth_out)
    _flush(lines, out, truths, truth_out)
    return count


def _flush(
    lines: list[bytes], out: IO[bytes], truths: list[bytes], truth_out: IO[bytes] | None
) -> None:
    out.write(b"".join(lines))
    lines.clear()
    if truth_out is not None:
        truth_out.write(b"".join(truths))
        truths.clear()


class _World:
    """One generation run: the bible prepared, the people, the calendar, the contacts to come."""

    def __init__(
        self, bible: Bible, *, interactions: int, seed: int, end: dt.date, days: int
    ) -> None:
        rng = self.rng = Chance(seed)
        self.total = interactions
        self.clock = clock = Clock(bible.config.business_hours)
        self.playbook = playbook = Playbook(bible, rng)
        customers = Customers(
            max(20, int(interactions * 0.62)), seed, language=bible.config.language
        )
        self.demand = Demand(playbook, clock, customers, rng)
        ranked = playbook.facts_by_channel(self.demand.reason_weights)
        teams = build_teams(rng, ranked, len(playbook.global_forbidden))
        self.days = [end - dt.timedelta(days=days - 1 - i) for i in range(days)]
        export_at = clock.day_start(end + dt.timedelta(days=1))
        self.builder = Builder(
            playbook=playbook, clock=clock, customers=customers, teams=teams, rng=rng,
            export_at=export_at,
        )  # fmt: skip
        self.surveys = Surveys(clock, rng, export_at, seed)
        first = rng.randrange(max(1, days - 7))
        self.incident = set(self.days[first : first + 7])  # a carrier's bad week
        self.width = max(6, len(str(interactions)))

    def run(self) -> Iterator[tuple[Record, Record]]:
        """Day after day: new contacts and repeat contacts due, in order of opening."""
        weights = day_weights(self.clock, self.days)
        mean = sum(weights) / len(weights)
        pending: list[tuple[int, int, Contact]] = []
        sequence = itertools.count()
        emitted, carry = 0, 0
        for day, quota, weight in zip(self.days, quotas(self.total, weights), weights, strict=True):
            day_end = self.clock.day_start(day + dt.timedelta(days=1))
            target = quota + carry
            due = sum(1 for item in pending if item[0] < day_end)
            for contact in self._new(day, max(0, target - due)):
                heapq.heappush(pending, (contact.opened, next(sequence), contact))
            load = min(1.6, max(0.8, math.sqrt(weight / mean)))  # busy days answer slower
            before = emitted
            while pending and pending[0][0] < day_end and emitted < self.total:
                contact = heapq.heappop(pending)[2]
                emitted += 1
                built = self._interaction(contact, f"T-{emitted:0{self.width}d}", load)
                repeat = self._repeat(contact, built)
                if repeat is not None:
                    heapq.heappush(pending, (repeat.opened, next(sequence), repeat))
                yield built.record, built.truth
            carry = target - (emitted - before)
            if day.weekday() == 6:
                self.surveys.forget_before(day_end)

    def _new(self, day: dt.date, count: int) -> Iterator[Contact]:
        demand = self.demand
        for opened, channel, reason in demand.contacts(day, count, day in self.incident):
            order, tracking, product = demand.order()
            customer = demand.customers.pick(self.rng)
            mood = demand.mood(reason, 1)
            yield Contact(opened, channel, reason, customer, mood, order, tracking, product)

    def _interaction(self, contact: Contact, ticket_id: str, load: float) -> Built:
        built = self.builder.build(contact, ticket_id, load)
        built.record["surveys"] = self.surveys.answers(
            customer=contact.customer, channel=contact.channel, lang=built.truth["language"],
            resolved=built.resolved_at, experience=built.experience, attempt=contact.attempt,
        )  # fmt: skip
        return built

    def _repeat(self, contact: Contact, built: Built) -> Contact | None:
        """The same customer back about the same thing, more likely after a poor contact."""
        rng = self.rng
        kinds = {p["kind"] for p in built.truth["planted"]}
        chance = 0.05 + 0.3 * max(0.0, 0.75 - built.experience)
        chance += 0.22 * ("fact_contradiction" in kinds) + 0.12 * (built.resolved_at is None)
        chance += 0.05 * ("forbidden_expression" in kinds) + 0.04 * ("sla_breach" in kinds)
        chance += 0.04 * (contact.reason in HEAVY)
        chance = min(0.6, chance * (0.8 if contact.attempt > 1 else 1.0))
        if rng.random() >= chance:
            return None
        opened = built.last_at + 1800 + int(rng.lognormvariate(math.log(1.6 * 86_400), 0.75))
        channel = contact.channel
        if rng.random() < 0.5:
            channel = rng.choices(self.demand.channels, weights=self.demand.channel_weights)[0]
            channel = channel if self.playbook.covers(contact.reason, channel) else contact.channel
        if channel in LIVE and not self.clock.is_open(opened):
            opened = self.clock.add_business(opened, rng.randint(300, 3 * 3600))
        return Contact(
            opened, channel, contact.reason, contact.customer,
            self.demand.mood(contact.reason, contact.attempt + 1), contact.order_id,
            contact.tracking, contact.product, (built.record["id"], contact.opened),
            contact.attempt + 1,
        )  # fmt: skip
