"""``unisono suggest`` and ``unisono ask``: the approved answer for a customer message, and
search over the bible — what agents, self-service and chatbots are told alike."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from unisono.assist.service import UnknownChannelError, current_assistant, search, suggest_reply
from unisono.cli.options import DbOption, JsonOption, database_session, fail, print_json
from unisono.core.config import get_settings


def _values(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--set {pair!r}: write NAME=VALUE (for example order_id=CMD-1234)")
        values[name.strip()] = value
    return values


def suggest(
    text: Annotated[str, typer.Argument(help="The customer's message.")],
    channel: Annotated[str, typer.Option(help="The channel to answer on (email, chat, …).")],
    customer: Annotated[
        str | None, typer.Option(help="The customer's id: their record fills placeholders.")
    ] = None,
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="A placeholder's value, NAME=VALUE (repeatable)."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The contact reason of a message, the standard that applies and its approved answer."""
    values = _values(set_values or [])
    with database_session(db) as session:
        try:
            found = suggest_reply(session=session, data_dir=get_settings().data_dir, text=text,
                                  channel=channel, customer_id=customer, values=values)  # fmt: skip
        except UnknownChannelError as error:
            fail(f"--channel: {error}")
        except KeyError:
            fail(f"--customer {customer!r}: no such customer")
    if as_json:
        print_json(dataclasses.asdict(found))
        return
    label = f" — {found.reason_label}" if found.reason_label else ""
    typer.echo(f"reason: {found.reason}{label} (confidence {found.confidence:.2f})")
    if found.standard_id is None:
        typer.echo("no published process standard for this reason on this channel")
    else:
        typer.echo(f"standard: {found.standard_id} v{found.standard_version}")
        typer.echo(f"\n{found.answer or '(no approved answer for this channel)'}\n")
    for name, value in found.facts.items():
        typer.echo(f"fact to mention: {name} = {value}")
    if found.missing_placeholders:
        typer.echo(f"to complete: {', '.join(found.missing_placeholders)}")
    avoid = [a["expression"] or "" for a in found.avoid]
    typer.echo(f"avoid: {'; '.join(avoid)}")


def ask(
    question: Annotated[str, typer.Argument(help="A free-text question.")],
    channel: Annotated[
        str | None, typer.Option(help="Show the approved answers for this channel.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many standards.", min=1)] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search the whole bible: the standards that answer a question, best first."""
    with database_session(db) as session:
        assistant = current_assistant(session=session, data_dir=get_settings().data_dir)
        try:
            matches = search(assistant, question=question, channel=channel, limit=limit)
        except UnknownChannelError as error:
            fail(f"--channel: {error}")
    if as_json:
        print_json([dataclasses.asdict(match) for match in matches])
        return
    if not matches:
        typer.echo("nothing in the bible answers this")
    for match in matches:
        typer.echo(f"{match.score:.2f}  {match.standard_id} — {match.title} ({match.section})")
        if match.answer:
            typer.echo(f"      {match.answer.splitlines()[0]}")
