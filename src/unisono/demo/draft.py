"""An interaction being written: the contact it answers, what goes wrong, what has been said."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from unisono.demo.playbook import Rules
from unisono.demo.population import Agent, Team
from unisono.demo.wording import Scene, Values


@dataclass(slots=True)
class Contact:
    """A contact to generate: a new one, or a customer coming back about the same thing."""

    opened: int
    channel: str
    reason: str
    customer: int
    emotion: str
    order_id: str
    tracking: str
    product: int
    previous: tuple[str, int] | None = None  # id and opening of the contact it follows
    attempt: int = 1


@dataclass(slots=True)
class Built:
    """A generated interaction, its ground truth and how it went."""

    record: dict[str, Any]
    truth: dict[str, Any]
    experience: float  # 0 (awful) to 1 (perfect), before the customer's own mood
    resolved_at: int | None
    last_at: int


@dataclass(slots=True)
class Plan:
    """What goes wrong in this interaction, decided before anything is written."""

    greet: bool
    close: bool
    tu: tuple[str, str] | None
    forbidden: tuple[str, str, str, str | None] | None  # sentence, expression, found, standard


@dataclass(slots=True)
class Draft:
    """The interaction being written."""

    scene: Scene
    values: Values
    rules: Rules
    agent: Agent
    team: Team
    speed: float
    plan: Plan
    messages: list[dict[str, str]] = field(default_factory=list)
    times: list[int] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    planted: list[dict[str, Any]] = field(default_factory=list)
