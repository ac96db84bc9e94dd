"""The web application: the REST API (and, as they come, the pages), one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from unisono import __version__
from unisono.core.config import Settings, get_settings
from unisono.core.db import make_engine
from unisono.web.api import assist, customers, interactions, metrics, webhooks
from unisono.web.api.intake import interaction_schemas
from unisono.web.pages import surveys


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
    for router in (interactions.router, customers.router, webhooks.router, metrics.router):
        app.include_router(router, prefix="/api/v1")
    app.include_router(assist.router, prefix="/api/v1")
    app.include_router(surveys.router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


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
