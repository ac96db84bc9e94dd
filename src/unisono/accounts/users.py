"""People's accounts: created with a role, a password hashed with Argon2id, a language, and the
agent login or team their data is scoped to."""

from __future__ import annotations

import datetime as dt
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from unisono.accounts.models import User, WebSession
from unisono.accounts.permissions import ROLES

MIN_PASSWORD_LENGTH = 10
LANGUAGES = ("fr", "en")
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,99}$")
_HASHER = PasswordHasher()  # Argon2id with argon2-cffi's current recommended parameters
# Verified against when the username is unknown, so that a miss takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class UserError(ValueError):
    """A user cannot be created or changed as asked."""


def create_user(
    *,
    session: Session,
    username: str,
    password: str,
    role: str,
    now: dt.datetime,
    display_name: str | None = None,
    agent: str | None = None,
    team: str | None = None,
    language: str = "fr",
) -> User:
    """A new user; UserError says what is wrong with the request."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise UserError(
            f"username {username!r}: use 2 to 100 lower-case letters, digits, '.', '_', '-' or '@'"
        )
    if find_user(session=session, username=username) is not None:
        raise UserError(f"a user named {username!r} already exists")
    _check_profile(role=role, language=language, agent=agent, team=team)
    user = User(
        username=username,
        display_name=(display_name or username).strip(),
        password_hash=hash_password(password),
        role=role,
        agent=agent,
        team=team,
        language=language,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return user


def _check_profile(*, role: str, language: str, agent: str | None, team: str | None) -> None:
    if role not in ROLES:
        raise UserError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    if language not in LANGUAGES:
        raise UserError(f"language {language!r}: choose fr or en")
    if role == "agent" and not agent:
        raise UserError("an agent needs --agent: the agent login their interactions carry")
    if role == "team_lead" and not team:
        raise UserError("a team lead needs --team: the team name their interactions carry")


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password``; UserError when it is too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return _HASHER.hash(password)


def password_matches(user: User | None, password: str) -> bool:
    """Whether ``password`` is ``user``'s (a dummy check of the same cost when there is none)."""
    try:
        return _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password) and bool(user)
    except (VerificationError, InvalidHashError):
        return False


def find_user(*, session: Session, username: str) -> User | None:
    """The user with this username (any case), or None."""
    return session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).one_or_none()


def list_users(*, session: Session) -> list[User]:
    """Every user, by username."""
    return list(session.scalars(select(User).order_by(User.username)))


def _existing(session: Session, username: str) -> User:
    user = find_user(session=session, username=username)
    if user is None:
        raise UserError(f"no user named {username!r}")
    return user


def set_password(*, session: Session, username: str, password: str) -> None:
    """Give ``username`` a new password and sign them out everywhere."""
    user = _existing(session, username)
    user.password_hash = hash_password(password)
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def update_user(
    *,
    session: Session,
    username: str,
    role: str | None = None,
    agent: str | None = None,
    team: str | None = None,
    language: str | None = None,
) -> User:
    """Change what is given of a user's role, links and language."""
    user = _existing(session, username)
    user.role = role or user.role
    user.agent = agent if agent is not None else user.agent
    user.team = team if team is not None else user.team
    user.language = language or user.language
    _check_profile(role=user.role, language=user.language, agent=user.agent, team=user.team)
    return user


def set_language(*, session: Session, user_id: int, language: str) -> None:
    """The language ``user_id`` reads the app in."""
    if language not in LANGUAGES:
        raise UserError(f"language {language!r}: choose fr or en")
    user = session.get(User, user_id)
    if user is not None:
        user.language = language


def disable_user(*, session: Session, username: str, now: dt.datetime) -> None:
    """Stop ``username`` from signing in, and end their sessions."""
    user = _existing(session, username)
    user.disabled_at = now
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def enable_user(*, session: Session, username: str) -> None:
    """Let a disabled user sign in again."""
    _existing(session, username).disabled_at = None
