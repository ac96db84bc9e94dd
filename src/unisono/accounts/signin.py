"""Signing in and out: passwords checked with throttling, and server-side browser sessions."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from unisono.accounts.models import LoginAttempt, User, WebSession
from unisono.accounts.users import find_user, password_matches

THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USERNAME = 5  # then that username is refused until the window has passed
MAX_FAILURES_PER_ADDRESS = 20  # and the same from one address trying many usernames


class ThrottledError(Exception):
    """Too many failed sign-ins: try again after ``retry_after``."""

    def __init__(self, retry_after: dt.timedelta) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins: try again in {retry_after}")


@dataclass(frozen=True)
class OpenedSession:
    """A new browser session: the cookie value (shown once) and its CSRF token."""

    token: str
    csrf_token: str
    expires_at: dt.datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(
    *, session: Session, username: str, password: str, address: str, now: dt.datetime
) -> User | None:
    """The user whose password this is, or None (the failure is counted); ThrottledError when
    this username or this address failed too often lately."""
    username = username.strip().lower()[:100]
    since = now - THROTTLE_WINDOW
    _check_throttle(session, LoginAttempt.username == username, now, MAX_FAILURES_PER_USERNAME)
    _check_throttle(session, LoginAttempt.address == address, now, MAX_FAILURES_PER_ADDRESS)
    user = find_user(session=session, username=username)
    if password_matches(user, password) and user is not None and user.disabled_at is None:
        session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
        user.last_login_at = now
        return user
    session.add(LoginAttempt(username=username, address=address[:64], at=now))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))  # keep the table small
    return None


def _check_throttle(session: Session, which: Any, now: dt.datetime, limit: int) -> None:
    count, oldest = session.execute(
        select(func.count(), func.min(LoginAttempt.at)).where(
            which, LoginAttempt.at >= now - THROTTLE_WINDOW
        )
    ).one()
    if count >= limit:
        # min() keeps the column's type on SQLAlchemy 2: an aware datetime
        raise ThrottledError(oldest + THROTTLE_WINDOW - now)


def open_session(
    *, session: Session, user: User, now: dt.datetime, lifetime: dt.timedelta
) -> OpenedSession:
    """A new session for ``user``; only the hash of its token is stored."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now + lifetime
    session.add(
        WebSession(
            token_hash=_digest(token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=expires,
        )
    )
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    session.flush()
    return OpenedSession(token, csrf, expires)


def read_session(*, session: Session, token: str, now: dt.datetime) -> WebSession | None:
    """The live session of this cookie value, with its user; None when unknown, expired or the
    user is disabled."""
    found = session.scalars(
        select(WebSession).where(WebSession.token_hash == _digest(token))
    ).one_or_none()
    if found is None or found.expires_at <= now or found.user.disabled_at is not None:
        return None
    return found


def close_session(*, session: Session, token: str) -> None:
    """Sign this browser out."""
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))
