"""What routes share: a database session per request, and the API token check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from unisono.accounts.models import ApiToken
from unisono.accounts.service import check_token
from unisono.core.clock import utcnow
from unisono.core.db import session_scope


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed once when the route succeeds."""
    with session_scope(request.app.state.engine) as session:
        yield session


DbSession = Annotated[Session, Depends(get_session)]
_bearer = HTTPBearer(auto_error=False, description="An API token: `unisono token create NAME`.")


def api_token(
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiToken:
    """The API token of the request; 401 when it is missing, unknown or revoked."""
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing API token: send `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token = check_token(session=session, token=credentials.credentials, now=utcnow())
    if token is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "unknown or revoked API token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token


Integration = Annotated[ApiToken, Depends(api_token)]
