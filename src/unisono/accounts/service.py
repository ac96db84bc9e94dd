"""API tokens: created once (shown once), checked on every API request, revoked by name."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from unisono.accounts.models import ApiToken

TOKEN_PREFIX = "uns_"  # noqa: S105 - a prefix that makes leaked tokens easy to spot


class TokenError(ValueError):
    """A token cannot be created or revoked as asked."""


def _digest(token: str) -> str:
    # Tokens are 256 random bits: a plain hash is enough (no password stretching needed).
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, session: Session, name: str, now: dt.datetime) -> str:
    """A new token named ``name``; the clear text is returned once and never stored."""
    if session.scalar(select(ApiToken.id).where(ApiToken.name == name)) is not None:
        raise TokenError(f"a token named {name!r} already exists: revoke it or choose a new name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(name=name, token_hash=_digest(token), created_at=now))
    session.flush()
    return token


def check_token(*, session: Session, token: str, now: dt.datetime) -> ApiToken | None:
    """The live token matching ``token`` (its last use recorded), or None."""
    found = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    ).one_or_none()
    if found is not None:
        found.last_used_at = now
    return found


def revoke_token(*, session: Session, name: str, now: dt.datetime) -> None:
    """Stop the token named ``name`` from working."""
    found = session.scalars(
        select(ApiToken).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))
    ).one_or_none()
    if found is None:
        raise TokenError(f"no live token named {name!r}")
    found.revoked_at = now


def list_tokens(*, session: Session) -> list[ApiToken]:
    """Every token, live or revoked, by name."""
    return list(session.scalars(select(ApiToken).order_by(ApiToken.name)))
