"""The web application: the pages and the REST API, one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response, status
from fastapi.exception_handlers import http_exception_handler
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from unisono import __version__
from unisono.core.config import Settings, get_settings
from unisono.core.db import make_engine, session_scope
from unisono.web.api import (
    assist,
    consistency,
    customers,
    interactions,
    metrics,
    reviews,
    webhooks,
)
from unisono.web.api.intake import interaction_schemas
from unisono.web.charts import plotly_js
from unisono.web.deps import SignInRequiredError, find_principal, is_api
from unisono.web.pages import assist as assist_page
from unisono.web.pages import auth, bible, calibration, dashboard, surveys
from unisono.web.pages import consistency as consistency_page
from unisono.web.pages import interactions as interaction_pages
from unisono.web.pages import reviews as review_pages
from unisono.web.templating import render

STATIC = Path(__file__).parent / "static"
# Scripts only from this site (no inline script: customer text can never run); Plotly sets
# inline styles on its charts.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
PUBLIC_PATHS = ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application, on the database of ``settings`` (read from the environment if None)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = make_engine(settings.resolved_database_url)
        yield
        app.state.engine.dispose()

    app = FastAPI(
        title="Unisono",
        version=__version__,
        description="One service bible, the same answer on every channel.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    routers = (interactions.router, customers.router, webhooks.router, metrics.router,
               reviews.router, consistency.router, assist.router)  # fmt: skip
    for router in routers:
        app.include_router(router, prefix="/api/v1")
    for page_router in (
        auth.router,
        dashboard.router,
        bible.router,
        interaction_pages.router,
        review_pages.router,
        calibration.router,
        consistency_page.router,
        assist_page.router,
        surveys.router,
    ):
        app.include_router(page_router)
    app.add_api_route("/static/vendor/plotly.min.js", _plotly, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(SignInRequiredError, _sign_in)
    app.add_exception_handler(StarletteHTTPException, _error_page)
    app.middleware("http")(_security_headers)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _plotly() -> FileResponse:
    """The charting library, from the installed plotly package."""
    return FileResponse(
        plotly_js(),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


async def _sign_in(request: Request, _: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status.HTTP_303_SEE_OTHER)


async def _error_page(request: Request, error: Exception) -> Response:
    """The API answers errors in JSON; pages answer with a page that says what happened."""
    assert isinstance(error, StarletteHTTPException)
    if is_api(request) or request.url.path.startswith(("/static", "/s/")):
        return await http_exception_handler(request, error)
    with session_scope(request.app.state.engine) as session:
        principal = find_principal(request, session)
        return render(
            request,
            session,
            principal,
            "error.html.j2",
            status_code=error.status_code,
            detail=error.detail,
        )


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    if request.url.path in PUBLIC_PATHS:
        return response  # FastAPI's API explorer pages carry their own inline script
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith("/static"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with the canonical interaction's schemas among its components."""
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        document.setdefault("components", {}).setdefault("schemas", {}).update(
            interaction_schemas()
        )
        app.openapi_schema = document
    return app.openapi_schema
