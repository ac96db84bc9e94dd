"""``unisono serve``: the web application and its REST API."""

from __future__ import annotations

from typing import Annotated

import typer

from unisono.cli.options import DbOption, engine_for, fail
from unisono.core.config import get_settings
from unisono.core.migrate import DatabaseNotReadyError, ensure_current


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (UNISONO_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (UNISONO_PORT).")] = None,
    db: DbOption = None,
) -> None:
    """Serve the REST API (its description at /docs) until interrupted."""
    settings = get_settings()
    if db is not None:
        settings = settings.model_copy(update={"database_url": db})
    engine = engine_for(settings.resolved_database_url)
    try:
        ensure_current(engine)
    except DatabaseNotReadyError as error:
        fail(str(error))
    finally:
        engine.dispose()
    # imported here, not at the top: the web stack would slow every other command's start
    import uvicorn  # noqa: PLC0415

    from unisono.web.app import create_app  # noqa: PLC0415

    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port)
