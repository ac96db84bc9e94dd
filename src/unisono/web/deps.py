"""What routes share: a database session per request, and who is asking.

Every page and API route depends on ``Require(action)``: it finds the principal (a signed-in
user from the session cookie, or an integration from its API token), refuses the anonymous
(401, or a redirect to the sign-in page for pages) and those whose role may not perform the
action (403), and checks the CSRF token of every form a signed-in browser sends.
"""

from __future__ import annotations

import hmac
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from unisono.accounts.models import User, WebSession
from unisono.accounts.permissions import INTEGRATION, DataScope, allowed, data_scope
from unisono.accounts.service import check_token
from unisono.accounts.signin import read_session
from unisono.core.clock import utcnow
from unisono.core.db import session_scope

SESSION_COOKIE = "unisono_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed once when the route succeeds."""
    with session_scope(request.app.state.engine) as session:
        yield session


def _committed_before_the_answer() -> dict[str, str]:
    # FastAPI 0.121+ may close a yield dependency after the response is sent: a browser
    # following a redirect after a POST could then read the database before the commit. The
    # "function" scope commits as soon as the route returns (older versions always did).
    return {"scope": "function"} if "scope" in inspect.signature(Depends).parameters else {}


DbSession = Annotated[Session, Depends(get_session, **_committed_before_the_answer())]


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user (with their browser session) or an integration."""

    role: str
    name: str
    scope: DataScope
    language: str
    user: User | None = None
    web_session: WebSession | None = None


class SignInRequiredError(Exception):
    """A page was asked for without a session: the app answers with the sign-in page."""


def is_api(request: Request) -> bool:
    """Whether the request is for the REST API (JSON errors) rather than a page."""
    return request.url.path.startswith("/api/")


def find_principal(request: Request, session: Session) -> Principal | None:
    """The principal of the request: an API token wins over a session cookie."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = check_token(session=session, token=header[7:].strip(), now=utcnow())
        if token is None:
            return None
        return Principal(INTEGRATION, token.name, DataScope(), "en")
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    found = read_session(session=session, token=cookie, now=utcnow())
    if found is None:
        return None
    user = found.user
    scope = data_scope(user.role, team=user.team, agent=user.agent)
    return Principal(user.role, user.username, scope, user.language, user, found)


class Require:
    """A dependency that lets through only principals whose role may perform ``action``."""

    def __init__(self, action: str) -> None:
        self.action = action

    async def __call__(self, request: Request, session: DbSession) -> Principal:
        principal = find_principal(request, session)
        if principal is None:
            if not is_api(request):
                raise SignInRequiredError
            bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "unknown or revoked API token" if bearer
                else "sign in, or send an API token as `Authorization: Bearer <token>`",
                headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip
        if not allowed(principal.role, self.action):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"the role {principal.role!r} may not {self.action}"
            )
        if principal.web_session is not None and request.method not in _SAFE_METHODS:
            await _check_csrf(request, principal.web_session)
        return principal

    def __repr__(self) -> str:
        return f"Require({self.action!r})"


async def _check_csrf(request: Request, web_session: WebSession) -> None:
    """A browser's unsafe request must carry its session's CSRF token (form field or header)."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, web_session.csrf_token):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "the form's security token is missing or out of date: reload the page and try again",
        )
