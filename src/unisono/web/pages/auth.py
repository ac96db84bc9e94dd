"""Signing in and out, and the reader's language."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from unisono.accounts.signin import ThrottledError, authenticate, close_session, open_session
from unisono.accounts.users import set_language
from unisono.core.clock import utcnow
from unisono.web.deps import SESSION_COOKIE, DbSession, Principal, Require, find_principal
from unisono.web.i18n import LANGUAGES
from unisono.web.templating import render

router = APIRouter(include_in_schema=False)
# Before sign-in there is no session to hold a CSRF token: the sign-in form carries one that
# must match this cookie (double submit), so another site cannot sign a browser in.
LOGIN_CSRF_COOKIE = "unisono_login_csrf"
Reader = Annotated[Principal, Depends(Require("dashboard.view"))]


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never ``//elsewhere``)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_page(
    request: Request,
    session: DbSession,
    *,
    next_: str,
    error: str | None = None,
    status_code: int = 200,
    username: str = "",
) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = render(
        request,
        session,
        None,
        "login.html.j2",
        status_code=status_code,
        login_csrf=token,
        next=safe_next(next_),
        error=error,
        username=username,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_is_https(request),
        path="/login",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, session: DbSession, next: str = "/") -> Response:
    """The sign-in page (signed-in readers go straight on)."""
    if find_principal(request, session) is not None:
        return RedirectResponse(safe_next(next), status.HTTP_303_SEE_OTHER)
    return _login_page(request, session, next_=next)


@router.post("/login", response_class=HTMLResponse)
def login(  # noqa: PLR0917 - each form field is a parameter
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    login_csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password (throttled), open a session and go on to ``next``."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie, login_csrf):
        return _login_page(request, session, next_=next, error="expired", status_code=403)
    address = request.client.host if request.client else "unknown"
    try:
        user = authenticate(
            session=session, username=username, password=password, address=address, now=utcnow()
        )
    except ThrottledError as throttled:
        minutes = max(1, round(throttled.retry_after.total_seconds() / 60))
        return _login_page(
            request,
            session,
            next_=next,
            error=f"throttled:{minutes}",
            status_code=429,
            username=username,
        )
    if user is None:
        return _login_page(
            request, session, next_=next, error="invalid", status_code=401, username=username
        )
    lifetime = dt.timedelta(hours=request.app.state.settings.session_hours)
    opened = open_session(session=session, user=user, now=utcnow(), lifetime=lifetime)
    response = RedirectResponse(safe_next(next), status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        SESSION_COOKIE,
        opened.token,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_is_https(request),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, session: DbSession, _: Reader) -> Response:
    """End this browser's session."""
    close_session(session=session, token=request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status.HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/account/language")
def choose_language(
    session: DbSession,
    reader: Reader,
    language: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Read the app in French or English from now on."""
    if language in LANGUAGES and reader.user is not None:
        set_language(session=session, user_id=reader.user.id, language=language)
    return RedirectResponse(safe_next(next), status.HTTP_303_SEE_OTHER)
