"""`unisono user …`: accounts with a role, passwords hashed with Argon2id."""

from __future__ import annotations

import json

from sqlalchemy import select

from unisono.accounts.models import User
from unisono.core.db import make_engine, session_scope


def _create(cli, *args: str, password: str = "correct horse battery"):
    cli.runner.input = None
    return cli.runner.invoke(
        __import__("unisono.cli.app", fromlist=["app"]).app,
        ["user", "create", *args, "--password-stdin", "--db", cli.db_url],
        input=password + "\n",
    )


def test_create_and_list_users(cli):
    assert (
        _create(
            cli, "Claire", "--role", "team_lead", "--team", "N1-Lyon", "--name", "Claire M."
        ).exit_code
        == 0
    )
    assert (
        _create(
            cli, "a.durand", "--role", "agent", "--agent", "a.durand", "--language", "en"
        ).exit_code
        == 0
    )
    listed = json.loads(cli("user", "list", "--json").stdout)
    assert [(u["username"], u["role"], u["team"], u["agent"], u["language"]) for u in listed] == [
        ("a.durand", "agent", None, "a.durand", "en"),
        ("claire", "team_lead", "N1-Lyon", None, "fr"),
    ]
    engine = make_engine(cli.db_url)
    with session_scope(engine) as session:
        stored = session.scalars(select(User.password_hash)).all()
    engine.dispose()
    assert all(h.startswith("$argon2id$") and "correct horse" not in h for h in stored)


def test_bad_requests_say_what_is_wrong(cli):
    assert (
        "at least 10 characters" in _create(cli, "bob", "--role", "admin", password="short").stderr
    )
    assert "choose one of" in _create(cli, "bob", "--role", "boss").stderr
    assert "needs --agent" in _create(cli, "bob", "--role", "agent").stderr
    assert "needs --team" in _create(cli, "bob", "--role", "team_lead").stderr
    assert _create(cli, "bob", "--role", "admin").exit_code == 0
    assert "already exists" in _create(cli, "BOB", "--role", "admin").stderr
    assert "no user named" in cli("user", "disable", "nobody").stderr


def test_update_and_disable(cli):
    assert _create(cli, "marc", "--role", "quality_manager").exit_code == 0
    assert cli("user", "update", "marc", "--role", "cx_head", "--language", "en").exit_code == 0
    assert cli("user", "disable", "marc").exit_code == 0
    [user] = json.loads(cli("user", "list", "--json").stdout)
    assert (user["role"], user["language"], user["disabled"]) == ("cx_head", "en", True)
    assert cli("user", "enable", "marc").exit_code == 0
    assert json.loads(cli("user", "list", "--json").stdout)[0]["disabled"] is False
