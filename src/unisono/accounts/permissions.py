"""Who may do what: the one table of access rules, used by every page and API route alike.

Each route declares the one action it performs; a principal (a signed-in user, or an API token
used by an integration) may perform it when its role is listed for the action. What rows it then
sees is its scope: everything, its team's interactions, or its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["admin", "cx_head", "quality_manager", "team_lead", "agent"]
ROLES: tuple[Role, ...] = ("admin", "cx_head", "quality_manager", "team_lead", "agent")
INTEGRATION = "integration"  # the role of an API token: a system, not a person

ROLE_LABELS = {
    "admin": {"fr": "Administrateur", "en": "Administrator"},
    "cx_head": {"fr": "Direction de l'expérience client", "en": "Head of customer experience"},
    "quality_manager": {"fr": "Responsable qualité / auditeur", "en": "Quality manager / auditor"},
    "team_lead": {"fr": "Responsable d'équipe", "en": "Team lead"},
    "agent": {"fr": "Conseiller", "en": "Agent"},
}

_PEOPLE = frozenset(ROLES)
_MANAGERS = frozenset({"admin", "cx_head", "quality_manager"})
_AUDITORS = frozenset({"admin", "quality_manager"})

PERMISSIONS: dict[str, frozenset[str]] = {
    # pages and reads for people
    "dashboard.view": _PEOPLE,
    "bible.read": _PEOPLE,
    "bible.edit": _MANAGERS,  # write a new version (draft or review)
    "bible.publish": frozenset({"admin", "cx_head"}),  # publish or archive a standard
    "interactions.read": _PEOPLE | {INTEGRATION},  # within the principal's scope
    "customers.read": _MANAGERS | {"team_lead", INTEGRATION},  # the timeline, within the scope
    "metrics.read": _PEOPLE | {INTEGRATION},  # within the scope
    "audit.read": _PEOPLE,  # findings and QA scores, within the scope
    "assist.use": _PEOPLE | {INTEGRATION},  # suggested answers, search over the bible
    "consistency.read": _MANAGERS | {"team_lead", INTEGRATION},  # the index, heat maps
    "consistency.compute": _MANAGERS,  # compute the kept report again, now
    # reviews within the scope: a team lead their team's, an agent their own (submitted ones)
    "reviews.read": _PEOPLE | {INTEGRATION},
    "reviews.conduct": _AUDITORS,  # review as oneself: start, score, submit, draw the sample
    "reviews.dispute": frozenset({"agent"}),  # dispute a review of one's own interaction
    "reviews.decide": _MANAGERS,  # decide a dispute
    "calibration.read": _MANAGERS | {INTEGRATION},  # sessions and their agreement reports
    "calibration.manage": _AUDITORS,  # create and close sessions
    # integrations
    "interactions.write": frozenset({INTEGRATION}),
    "surveys.link": frozenset({INTEGRATION}),
    "reviews.write": frozenset({INTEGRATION}),  # acting for the person its request names
}

Scope = Literal["all", "team", "own"]
SCOPES: dict[str, Scope] = {
    "admin": "all",
    "cx_head": "all",
    "quality_manager": "all",
    "team_lead": "team",
    "agent": "own",
    INTEGRATION: "all",
}


def allowed(role: str, action: str) -> bool:
    """Whether ``role`` may perform ``action`` (an unknown action is allowed to nobody)."""
    return role in PERMISSIONS.get(action, frozenset())


@dataclass(frozen=True)
class DataScope:
    """The interactions a principal sees: all of them, a team's, or an agent's own.

    A team lead without a team, or an agent without an agent login, sees nothing rather than
    everything."""

    team: str | None = None
    agent: str | None = None
    nothing: bool = False

    @property
    def everything(self) -> bool:
        """Whether no restriction applies."""
        return not self.nothing and self.team is None and self.agent is None


def data_scope(role: str, *, team: str | None, agent: str | None) -> DataScope:
    """The scope of a principal of ``role`` linked to ``team`` and ``agent``."""
    kind = SCOPES[role]
    if kind == "all":
        return DataScope()
    if kind == "team":
        return DataScope(team=team) if team else DataScope(nothing=True)
    return DataScope(agent=agent) if agent else DataScope(nothing=True)
