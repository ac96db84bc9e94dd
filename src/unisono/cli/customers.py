"""``unisono customer ID``: one customer's timeline across every channel (customer 360)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated

import typer

from unisono.cli.options import (
    DbOption,
    JsonOption,
    database_session,
    fail,
    print_json,
    print_table,
)
from unisono.core.durations import describe_duration
from unisono.interactions.queries import Timeline, TimelineEntry, customer_timeline


def customer(
    customer_id: Annotated[str, typer.Argument(help="The customer's id in the source system.")],
    messages: Annotated[bool, typer.Option(help="Show each conversation too.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One customer's interactions on every channel, with surveys and repeat contacts."""
    with database_session(db) as session:
        timeline = customer_timeline(session=session, customer_id=customer_id)
    if timeline is None:
        fail(f"no customer {customer_id!r}")
    if as_json:
        print_json(asdict(timeline) | {"repeat_contacts": timeline.repeat_contacts})
        return
    _print(timeline, with_messages=messages)


def _print(timeline: Timeline, *, with_messages: bool) -> None:
    contact = " · ".join(part for part in (timeline.email, timeline.phone) if part)
    typer.echo(
        f"{timeline.name or timeline.id} ({timeline.id}){' — ' + contact if contact else ''}"
    )
    channels = ", ".join(timeline.channels) or "no channel"
    window = describe_duration(timeline.fcr_window, "en")
    typer.echo(
        f"{len(timeline.entries)} interactions on {channels}; "
        f"{timeline.repeat_contacts} repeat contacts within {window}"
    )
    print_table(
        ["opened", "id", "channel", "reason", "agent (team)", "status", "1st response", "surveys",
         "repeat of"],
        [_row(entry) for entry in timeline.entries],
    )  # fmt: skip
    if with_messages:
        for entry in timeline.entries:
            typer.echo(f"\n— {entry.id} ({entry.channel}, {_when(entry.opened_at)})")
            for message in entry.messages:
                typer.echo(f"  [{message['from']}] {message['text']}")


def _row(entry: TimelineEntry) -> list[str]:
    waited = (
        describe_duration(entry.first_response_at - entry.opened_at, "en")
        if entry.first_response_at
        else "—"
    )
    who = entry.agent or "—"
    if entry.team:
        who += f" ({entry.team})"
    surveys = ", ".join(f"{kind} {score}" for kind, score in sorted(entry.surveys.items()))
    return [
        _when(entry.opened_at), entry.id, entry.channel, entry.reason or "—", who, entry.status,
        waited, surveys or "—", entry.repeat_of or "",
    ]  # fmt: skip


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
