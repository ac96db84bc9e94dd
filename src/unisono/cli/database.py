"""``unisono init``: create or migrate the database."""

from __future__ import annotations

import typer
from sqlalchemy.exc import OperationalError

from unisono.cli.options import DbOption, JsonOption, engine_for, fail, print_json
from unisono.core.migrate import upgrade


def init(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Create the database, or migrate it to this version's schema."""
    engine = engine_for(db)
    try:
        before, after = upgrade(engine)
    except OperationalError as error:
        fail(f"cannot reach the database: {error.orig}")
    finally:
        engine.dispose()
    url = engine.url.render_as_string()
    if as_json:
        print_json({"database": url, "from": before, "to": after})
    elif before == after:
        typer.echo(f"{url}: up to date (schema {after})")
    else:
        typer.echo(f"{url}: schema {before or 'empty'} → {after}")
