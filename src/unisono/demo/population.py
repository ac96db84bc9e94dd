"""Who is in the demo: customers (derived from their number, never stored) and agents in teams.

Customers are computed from their index with a hash, so that a million of them cost no memory
and the same index always gives the same person. Agents are few; each has habits (speed, a fact
they get wrong, pet expressions to avoid, forgotten greetings…) that the generator plants and the
ground truth records, so that later analyses have something real to find.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from unisono.demo.names import EN_FEMALE, EN_LAST, EN_MALE, FR_FEMALE, FR_LAST, FR_MALE

_MASK = (1 << 64) - 1


def mix(value: int) -> int:
    """splitmix64: a cheap, well-spread 64-bit hash of an integer."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def ascii_login(text: str) -> str:
    """``Hélène N'Diaye`` → ``helene-ndiaye``-style fragments for logins and e-mail addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded.lower().replace("'", "").replace(" ", "-")


@dataclass(slots=True)  # not frozen: a million of them are made, and frozen ones cost more
class Customer:
    """A customer as the interaction records show them."""

    id: str
    first: str
    last: str
    female: bool
    language: str  # "fr" or "en"
    email: str
    phone: str | None

    @property
    def name(self) -> str:
        """First and last name, as written in a greeting (« Bonjour Léa Martin »)."""
        return f"{self.first} {self.last}"

    def formal(self) -> str:
        """« Madame Martin », « Mr Smith »: how advisors address them on the phone."""
        if self.language == "en":
            return f"{'Ms' if self.female else 'Mr'} {self.last}"
        return f"{'Madame' if self.female else 'Monsieur'} {self.last}"

    def record(self) -> dict[str, str]:
        """The ``customer`` object of an interaction record."""
        shown = {"id": self.id, "name": self.name, "email": self.email}
        if self.phone is not None:
            shown["phone"] = self.phone
        return shown


_DOMAINS = ("example.com", "example.net", "example.org")  # reserved: no real mailbox is named


class Customers:
    """``count`` customers, each derived from its index; about one in ten does not speak the
    bible's language (English customers of a French bible, French ones of an English bible)."""

    def __init__(
        self, count: int, seed: int, *, language: str = "fr", foreign: float = 0.1
    ) -> None:
        self.count = max(1, count)
        self.salt = mix(seed ^ 0xC057)
        self.foreign_cut = int(foreign * 1000)
        self.english_by_default = language == "en"
        self.width = max(6, len(str(self.count)))

    def pick(self, rng: random.Random) -> int:
        """A customer index; low indices come back more often (loyal or unlucky customers)."""
        return int(self.count * rng.random() ** 1.35)

    def get(self, index: int) -> Customer:
        """The customer with this index (always the same person)."""
        h = mix(index ^ self.salt)
        english = (h % 1000 < self.foreign_cut) != self.english_by_default
        female = (h >> 10) & 1 == 1
        firsts = (
            (EN_FEMALE if female else EN_MALE) if english else (FR_FEMALE if female else FR_MALE)
        )
        lasts = EN_LAST if english else FR_LAST
        first, last = firsts[(h >> 11) % len(firsts)], lasts[(h >> 20) % len(lasts)]
        return Customer(
            id=f"C-{index + 1:0{self.width}d}",
            first=first,
            last=last,
            female=female,
            language="en" if english else "fr",
            email=_email(first, last, h >> 32),
            phone=_phone(english, h >> 40) if (h >> 36) % 5 < 3 else None,
        )


def _email(first: str, last: str, h: int) -> str:
    f, l_ = _ascii(first), _ascii(last)
    pattern = h % 5
    if pattern == 0:
        local = f"{f}.{l_}"
    elif pattern == 1:
        local = f"{f[0]}{l_}"
    elif pattern == 2:
        local = f"{f}{l_}{h % 90 + 10}"
    elif pattern == 3:
        local = f"{l_}.{f}"
    else:
        local = f"{f}.{l_}{h % 90 + 10}"
    return f"{local}@{_DOMAINS[(h >> 8) % 3]}"


@cache
def _ascii(name: str) -> str:
    return ascii_login(name)


def _phone(english: bool, h: int) -> str:
    # Numbers reserved for fiction: ARCEP's 06 39 98 xx xx, Ofcom's 07700 900xxx.
    if english:
        return f"+44 7700 900{h % 1000:03d}"
    return f"+33 6 39 98 {h % 100:02d} {(h >> 7) % 100:02d}"


@dataclass(frozen=True)
class Habits:
    """How an agent works, as probabilities per interaction (or per fact they state)."""

    speed: float = 1.0  # multiplies their response delays
    skill: float = 0.7  # 0–1: first-contact resolution and warmth
    wrong_fact: str | None = None  # the fact they state wrongly…
    wrong_choice: int = 0  # …with which of its wrong values…
    p_wrong: float = 0.0  # …and how often
    pet_expressions: tuple[int, ...] = ()  # indices in the bible's list of expressions to avoid
    p_forbidden: float = 0.03
    p_no_greeting: float = 0.01
    p_no_closing: float = 0.02
    p_tu: float = 0.0
    p_equivalent: float = 0.2  # states facts in an equivalent form ("2 semaines" for 14 jours)


@dataclass(frozen=True)
class Agent:
    """An advisor, by login (``camille.dupont``)."""

    login: str
    first: str
    last: str
    team: str
    english: bool
    habits: Habits


@dataclass(frozen=True)
class Divergence:
    """A team habit: a share of its replies state ``fact`` with one of its wrong values."""

    fact: str
    choice: int
    share: float


@dataclass(frozen=True)
class Team:
    """A team, the channels it takes (weights) and its members."""

    name: str
    channels: dict[str, float]
    speed: float
    agents: tuple[Agent, ...]
    divergence: Divergence | None = None


@dataclass(frozen=True)
class _TeamPlan:
    name: str
    size: int
    channels: dict[str, float]
    speed: float


_PLANS = (
    _TeamPlan("N1-Lyon", 10, {"phone": 0.55, "email": 0.45, "web_form": 0.5}, 1.0),
    _TeamPlan("N1-Nantes", 9, {"phone": 0.45, "email": 0.4, "web_form": 0.5}, 1.3),
    _TeamPlan("N2-Expertise", 6, {"email": 0.15, "web_form": 0.05}, 1.15),
    _TeamPlan("Chat-Rennes", 7, {"chat": 1.0}, 1.0),
    _TeamPlan("Social-Media", 4, {"social": 1.0}, 0.9),
)
SECOND_LINE = "N2-Expertise"


def build_teams(
    rng: random.Random, facts_by_channel: dict[str, list[str]], forbidden_count: int
) -> list[Team]:
    """The demo's five teams and 36 agents, with their habits drawn from ``rng``."""
    names = _agent_names(rng, sum(plan.size for plan in _PLANS))
    teams = []
    for plan in _PLANS:
        members = [names.pop() for _ in range(plan.size)]
        main = max(plan.channels, key=lambda channel: plan.channels[channel])
        facts = facts_by_channel.get(main) or facts_by_channel.get("*", [])
        agents = tuple(
            _agent(
                rng,
                first=first,
                last=last,
                team=plan.name,
                position=position,
                facts=facts,
                forbidden_count=forbidden_count,
            )
            for position, (first, last) in enumerate(members)
        )
        teams.append(Team(plan.name, plan.channels, plan.speed, agents))
    return _with_divergences(teams, facts_by_channel)


def _agent_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    logins: set[str] = set()
    while len(names) < count:
        firsts = FR_FEMALE if rng.random() < 0.6 else FR_MALE
        if rng.random() < 0.05:
            firsts = EN_FEMALE if rng.random() < 0.5 else EN_MALE
        first, last = rng.choice(firsts), rng.choice(FR_LAST if rng.random() < 0.95 else EN_LAST)
        login = f"{ascii_login(first)}.{ascii_login(last)}"
        if login not in logins and first not in {n[0] for n in names}:
            logins.add(login)
            names.append((first, last))
    return names


def _agent(
    rng: random.Random,
    *,
    first: str,
    last: str,
    team: str,
    position: int,
    facts: Sequence[str],
    forbidden_count: int,
) -> Agent:
    """One agent; their position in the team decides which habit they carry (if any)."""
    skill = min(0.95, max(0.35, rng.gauss(0.72, 0.12)))
    habits = Habits(speed=rng.uniform(0.75, 1.25), skill=skill, p_equivalent=rng.uniform(0.1, 0.45))
    chat_or_social = team in ("Chat-Rennes", "Social-Media")
    if position == 1 and facts:  # one agent per team believes a wrong value of a common fact
        habits = replace(habits, wrong_fact=rng.choice(facts[:4]), p_wrong=rng.uniform(0.45, 0.8))
        habits = replace(habits, wrong_choice=0 if rng.random() < 0.7 else 1)
    if position in (2, 5) and forbidden_count:  # pet expressions to avoid
        pets = tuple(sorted(rng.sample(range(forbidden_count), min(2, forbidden_count))))
        habits = replace(habits, pet_expressions=pets, p_forbidden=rng.uniform(0.3, 0.55))
    if position == 3:
        habits = replace(habits, speed=rng.uniform(2.2, 3.2), skill=skill - 0.1)  # slow
    if position == 4 and not chat_or_social:
        habits = replace(habits, p_no_greeting=0.3, p_no_closing=0.25)
    if position == 6:
        habits = replace(habits, p_no_closing=0.35)
    if position in (2, 4) and chat_or_social:
        habits = replace(habits, p_tu=rng.uniform(0.2, 0.4))  # tutoie customers
    english = position in (0, 3) or first in EN_FEMALE or first in EN_MALE
    login = f"{ascii_login(first)}.{ascii_login(last)}"
    return Agent(login, first, last, team, english, habits)


def _with_divergences(teams: list[Team], facts_by_channel: dict[str, list[str]]) -> list[Team]:
    """The chat team and a first-line team each state one common fact wrongly, as a team."""
    chat_facts = facts_by_channel.get("chat", [])
    mail_facts = [f for f in facts_by_channel.get("email", []) if f not in chat_facts[:1]]
    plans = {"Chat-Rennes": (chat_facts, 0.35), "N1-Nantes": (mail_facts, 0.25)}
    result = []
    for team in teams:
        facts, share = plans.get(team.name, ([], 0.0))
        divergence = Divergence(facts[0], 0, share) if facts else None
        result.append(Team(team.name, team.channels, team.speed, team.agents, divergence))
    return result
