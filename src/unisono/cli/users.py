"""``unisono user …``: the people who sign in to the web app, and their roles."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from unisono.accounts.permissions import ROLES
from unisono.accounts.users import (
    UserError,
    create_user,
    disable_user,
    enable_user,
    list_users,
    set_password,
    update_user,
)
from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    fail,
    print_json,
    print_table,
)
from unisono.core import clock

app = typer.Typer(help="Web app users: create, list, change, disable.")
Username = Annotated[str, typer.Argument(help="The name they sign in with (lower case).")]
RoleOption = Annotated[str | None, typer.Option(help=f"One of: {', '.join(ROLES)}.")]
AgentOption = Annotated[
    str | None, typer.Option(help="The agent login their interactions carry (agents).")
]
TeamOption = Annotated[str | None, typer.Option(help="The team name they lead (team leads).")]
LanguageOption = Annotated[str | None, typer.Option(help="fr or en.")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command("create")
def create(
    username: Username,
    role: RoleOption = None,
    name: Annotated[str | None, typer.Option(help="The name the app shows.")] = None,
    agent: AgentOption = None,
    team: TeamOption = None,
    language: LanguageOption = "fr",
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Create a user; the password is asked for (or read from stdin), and stored hashed."""
    if role is None:
        fail(f"--role is required: one of {', '.join(ROLES)}")
    password = _password(password_stdin)
    with database_session(db) as session:
        try:
            create_user(
                session=session,
                username=username,
                password=password,
                role=role,
                now=clock.utcnow(),
                display_name=name,
                agent=agent,
                team=team,
                language=language or "fr",
            )
        except UserError as error:
            fail(str(error))
    typer.echo(f"user {username.lower()!r} created ({role})")


@app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every user with their role, links and last sign-in."""
    with database_session(db) as session:
        rows = [
            {
                "username": u.username,
                "name": u.display_name,
                "role": u.role,
                "agent": u.agent,
                "team": u.team,
                "language": u.language,
                "last_login_at": u.last_login_at,
                "disabled": u.disabled_at is not None,
            }
            for u in list_users(session=session)
        ]
    if as_json:
        print_json(rows)
        return
    print_table(
        ["username", "name", "role", "agent", "team", "language", "last sign-in", "disabled"],
        [
            [
                str(r["username"]),
                str(r["name"]),
                str(r["role"]),
                str(r["agent"] or "—"),
                str(r["team"] or "—"),
                str(r["language"]),
                str(r["last_login_at"] or "—"),
                "yes" if r["disabled"] else "",
            ]
            for r in rows
        ],
    )


@app.command("update")
def update(
    username: Username,
    role: RoleOption = None,
    agent: AgentOption = None,
    team: TeamOption = None,
    language: LanguageOption = None,
    db: DbOption = None,
) -> None:
    """Change a user's role, agent, team or language."""
    with database_session(db) as session:
        try:
            update_user(
                session=session,
                username=username,
                role=role,
                agent=agent,
                team=team,
                language=language,
            )
        except UserError as error:
            fail(str(error))
    typer.echo(f"user {username!r} updated")


@app.command("set-password")
def password(
    username: Username, password_stdin: PasswordStdin = False, db: DbOption = None
) -> None:
    """Give a user a new password (their sessions end)."""
    new = _password(password_stdin)
    with database_session(db) as session:
        try:
            set_password(session=session, username=username, password=new)
        except UserError as error:
            fail(str(error))
    typer.echo(f"password of {username!r} changed")


@app.command("disable")
def disable(username: Username, db: DbOption = None) -> None:
    """Stop a user from signing in (their sessions end at once)."""
    with database_session(db) as session:
        try:
            disable_user(session=session, username=username, now=clock.utcnow())
        except UserError as error:
            fail(str(error))
    typer.echo(f"user {username!r} disabled")


@app.command("enable")
def enable(username: Username, db: DbOption = None) -> None:
    """Let a disabled user sign in again."""
    with database_session(db) as session:
        try:
            enable_user(session=session, username=username)
        except UserError as error:
            fail(str(error))
    typer.echo(f"user {username!r} enabled")
