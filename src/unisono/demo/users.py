"""The demo's accounts: one user per role, the team lead and the agent linked to the busiest
team of the generated data and its busiest agent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from unisono.accounts.users import create_user, find_user
from unisono.interactions import models as hub

DEMO_PASSWORD = "unisono-demo"  # noqa: S105 - printed by `unisono demo` on purpose


@dataclass(frozen=True)
class DemoLogin:
    """A demo account as `unisono demo` prints it."""

    username: str
    role: str
    name: str
    team: str | None = None
    agent: str | None = None


def busiest(session: Session) -> tuple[str | None, str | None]:
    """The team with the most interactions, and its agent with the most."""
    team = session.execute(
        select(hub.Team.id, hub.Team.name)
        .join(hub.Interaction, hub.Interaction.team_id == hub.Team.id)
        .group_by(hub.Team.id, hub.Team.name)
        .order_by(func.count().desc(), hub.Team.name)
        .limit(1)
    ).first()
    if team is None:
        return None, None
    agent = session.scalar(
        select(hub.Agent.external_id)
        .join(hub.Interaction, hub.Interaction.agent_id == hub.Agent.id)
        .where(hub.Interaction.team_id == team.id)
        .group_by(hub.Agent.external_id)
        .order_by(func.count().desc(), hub.Agent.external_id)
        .limit(1)
    )
    return team.name, agent


def create_demo_users(*, session: Session, now: dt.datetime) -> list[DemoLogin]:
    """One user per role (password DEMO_PASSWORD), made once."""
    team, agent = busiest(session)
    logins = [
        DemoLogin("admin", "admin", "Administrateur"),
        DemoLogin("direction", "cx_head", "Hélène Dubois"),
        DemoLogin("qualite", "quality_manager", "Marc Lefèvre"),
        DemoLogin("equipe", "team_lead", "Sophie Garnier", team=team),
        DemoLogin("conseiller", "agent", _person(agent) if agent else "Conseiller", agent=agent),
    ]
    for login in logins:
        if find_user(session=session, username=login.username) is None:
            create_user(
                session=session,
                username=login.username,
                password=DEMO_PASSWORD,
                role=login.role,
                now=now,
                display_name=login.name,
                agent=login.agent,
                team=login.team,
            )
    return logins


def _person(login: str) -> str:
    """The name an agent login spells (« thierry.kerbrat » → « Thierry Kerbrat »)."""
    return " ".join(part.title() for part in login.replace("_", ".").split("."))
