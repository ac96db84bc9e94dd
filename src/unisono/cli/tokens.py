"""``unisono token …``: API tokens for the integrations that push interactions."""

from __future__ import annotations

from typing import Annotated

import typer

from unisono.accounts.service import TokenError, create_token, list_tokens, revoke_token
from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    fail,
    print_json,
    print_table,
)
from unisono.core import clock

app = typer.Typer(help="API tokens: create, list, revoke.")
Name = Annotated[str, typer.Argument(help="A name that says who uses it (e.g. zendesk-sync).")]


@app.command("create")
def create(name: Name, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Create a token; it is shown once, keep it in the integration's secrets."""
    with database_session(db) as session:
        try:
            token = create_token(session=session, name=name, now=clock.utcnow())
        except TokenError as error:
            fail(str(error))
    if as_json:
        print_json({"name": name, "token": token})
    else:
        typer.echo(f"{token}\n(shown once: send it as `Authorization: Bearer <token>`)")


@app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every token, with when it was last used."""
    with database_session(db) as session:
        rows = [
            {"name": t.name, "created_at": t.created_at, "last_used_at": t.last_used_at,
             "revoked_at": t.revoked_at}
            for t in list_tokens(session=session)
        ]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    moments = ("created_at", "last_used_at", "revoked_at")
    print_table(
        ["name", "created", "last used", "revoked"],
        [[str(row["name"]), *(str(row[key] or "—") for key in moments)] for row in rows],
    )


@app.command("revoke")
def revoke(name: Name, db: DbOption = None) -> None:
    """Stop a token from working."""
    with database_session(db) as session:
        try:
            revoke_token(session=session, name=name, now=clock.utcnow())
        except TokenError as error:
            fail(str(error))
    typer.echo(f"token {name!r} revoked")
