"""How a Zendesk ticket becomes a canonical interaction (docs/importers.md, "Zendesk").

Every value is mapped by an explicit table: channels (``via.channel``), statuses, the binary
satisfaction rating to CSAT. A ticket that a table does not cover is rejected with the fix,
never mapped by a guess.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from unisono.interactions.importers.base import SourceError
from unisono.interactions.importers.spool import Spool

CHANNELS: dict[str, str] = {
    "email": "email",
    "voice": "phone",
    "web": "web_form",  # Zendesk's "Web form" (also tickets agents open in the agent interface)
    "web_form": "web_form",
    "web_widget": "web_form",
    "help_center": "web_form",
    "chat": "chat",
    "chat_transcript": "chat",
    "native_messaging": "chat",
    "twitter": "social",
    "twitter_dm": "social",
    "facebook": "social",
    "facebook_post": "social",
    "facebook_message": "social",
    "instagram_dm": "social",
}
STATUSES = {
    "new": "open",
    "open": "open",
    "pending": "pending",
    "hold": "pending",
    "solved": "resolved",
    "closed": "closed",
}
GOOD, BAD = ("good", "good_with_comment"), ("bad", "bad_with_comment")
NOT_ANSWERED = ("offered", "unoffered")
BOT_VIAS = ("rule", "system")  # triggers, automations and Zendesk itself
SYSTEM_USER = -1  # the author id Zendesk gives its own events
CsatScore = Annotated[int, Field(ge=1, le=5)]


class TicketError(ValueError):
    """A ticket that cannot be mapped, with why."""


class Satisfaction(BaseModel):
    """The CSAT score given for Zendesk's two answers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    good: CsatScore = 5
    bad: CsatScore = 1


class ZendeskSettings(BaseModel):
    """What ``ImportOptions.extra`` may say to the Zendesk reader."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    channels: dict[str, str] = {}  # via.channel -> channel, over CHANNELS
    satisfaction: Satisfaction = Satisfaction()
    reasons: dict[str, str] = {}  # ticket tag -> contact reason
    users: Path | None = None  # a users export, for tickets exported without side-loads

    @classmethod
    def from_extra(cls, extra: dict[str, Any]) -> ZendeskSettings:
        """The settings, or a SourceError naming the option at fault."""
        try:
            return cls.model_validate(extra)
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise SourceError(f"option {where}: {problem['msg']}") from error

    def reason(self, tags: list[str]) -> str | None:
        """The contact reason of the first tag the reasons table knows."""
        return next((self.reasons[tag] for tag in tags if tag in self.reasons), None)

    def channel(self, via: str) -> str | None:
        """The canonical channel of a Zendesk ``via.channel``, if a table maps it."""
        return self.channels.get(via, CHANNELS.get(via))


class Directory:
    """Users, groups and metric sets side-loaded with the tickets, on disk, by id."""

    def __init__(self, spool: Spool) -> None:
        self._spool = spool

    def add(self, kind: str, item: dict[str, Any]) -> None:
        """Keep what the mapping needs of a side-loaded ``users``, ``groups`` or
        ``metric_sets`` item."""
        if kind == "metric_sets":
            key, kept = item.get("ticket_id"), {"solved_at": item.get("solved_at")}
        else:
            key = item.get("id")
            fields = ("name", "email", "role", "external_id", "phone")
            kept = {field: item.get(field) for field in fields}
        if key is not None:
            self._spool.add(f"{kind}:{key}", kept)

    def get(self, kind: str, key: Any) -> dict[str, Any]:
        """The item of that kind and id, or an empty dict."""
        found = None if key is None else self._spool.first(f"{kind}:{key}")
        return found if isinstance(found, dict) else {}


def interaction(
    ticket: dict[str, Any], directory: Directory, settings: ZendeskSettings
) -> dict[str, Any]:
    """The canonical interaction of one ticket; raise TicketError with why not."""
    if ticket.get("id") is None:
        raise TicketError("no ticket id")
    status = STATUSES.get(str(ticket.get("status")))
    if status is None:
        raise TicketError(
            f"status {ticket.get('status')!r} is not mapped (deleted tickets are not imported)"
        )
    data: dict[str, Any] = {
        "id": f"zendesk-{ticket['id']}",
        "channel": _channel(ticket, settings),
        "reason": settings.reason(ticket.get("tags") or []),
        "customer": _customer(ticket, directory),
        "agent": _agent(ticket, directory),
        "team": _team(ticket, directory),
        "opened_at": ticket.get("created_at"),
        "resolved_at": _resolved_at(ticket, directory)
        if status in ("resolved", "closed")
        else None,
        "status": status,
        "messages": _messages(ticket, directory),
        "surveys": _surveys(ticket.get("satisfaction_rating"), settings.satisfaction),
    }
    return {key: value for key, value in data.items() if value is not None}


def _via(item: dict[str, Any]) -> dict[str, Any]:
    via = item.get("via")
    return via if isinstance(via, dict) else {}


def _channel(ticket: dict[str, Any], settings: ZendeskSettings) -> str:
    via = str(_via(ticket).get("channel"))
    channel = settings.channel(via)
    if channel is None:
        raise TicketError(
            f'Zendesk channel "{via}" is not mapped: add it to the channels option, '
            f'e.g. {{"{via}": "email"}}'
        )
    return channel


def _customer(ticket: dict[str, Any], directory: Directory) -> dict[str, Any]:
    requester = ticket.get("requester_id")
    if requester is None:
        raise TicketError("no requester_id")
    user = directory.get("users", requester)
    if not user:  # no side-load: an e-mail ticket still says who wrote it
        sender = (_via(ticket).get("source") or {}).get("from") or {}
        user = {"name": sender.get("name"), "email": sender.get("address")}
    customer = {
        # A Zendesk user's external_id is the id of the customer in the company's own systems.
        "id": str(user.get("external_id") or f"zendesk-user-{requester}"),
        **{field: user.get(field) for field in ("name", "email", "phone")},
    }
    return {key: value for key, value in customer.items() if value}


def _agent(ticket: dict[str, Any], directory: Directory) -> str | None:
    assignee = ticket.get("assignee_id")
    if assignee is None:
        return None
    user = directory.get("users", assignee)
    email = user.get("email") or ticket.get("assignee_email")
    if email:
        return str(email).partition("@")[0]
    return str(user.get("name") or f"zendesk-user-{assignee}")


def _team(ticket: dict[str, Any], directory: Directory) -> str | None:
    group = ticket.get("group_id")
    if group is None:
        return None
    return str(directory.get("groups", group).get("name") or f"zendesk-group-{group}")


def _resolved_at(ticket: dict[str, Any], directory: Directory) -> Any:
    metric_set = ticket.get("metric_set") or directory.get("metric_sets", ticket["id"])
    dates = ticket.get("dates") or {}
    return metric_set.get("solved_at") or dates.get("solved_at") or ticket.get("updated_at")


def _messages(ticket: dict[str, Any], directory: Directory) -> list[dict[str, Any]]:
    comments = ticket.get("comments", ticket.get("comment_events"))
    if comments is None:  # no comments exported: the description is the first one
        comments = [
            {
                "author_id": ticket.get("submitter_id", ticket.get("requester_id")),
                "created_at": ticket.get("created_at"),
                "body": ticket.get("description") or "",
                "via": _via(ticket),
            }
        ]
    messages = []
    for number, comment in enumerate(comments, start=1):
        text = str(comment.get("plain_body") or comment.get("body") or "").strip()
        if comment.get("public") is False or not text:
            continue  # internal notes are not said to the customer
        if not comment.get("created_at"):
            raise TicketError(f"comment {number} has no created_at")
        author = _author(comment, ticket, directory)
        messages.append({"from": author, "at": comment["created_at"], "text": text})
    return messages


def _author(comment: dict[str, Any], ticket: dict[str, Any], directory: Directory) -> str:
    via = str(_via(comment).get("channel"))
    author = comment.get("author_id")
    if via in BOT_VIAS or via.startswith("answer_bot") or author == SYSTEM_USER:
        return "bot"
    if author == ticket.get("requester_id"):
        return "customer"
    role = directory.get("users", author).get("role")
    # Without a users side-load, anyone but the requester is taken as an agent (documented).
    return "customer" if role == "end-user" else "agent"


def _surveys(rating: Any, satisfaction: Satisfaction) -> list[dict[str, Any]]:
    if not isinstance(rating, dict) or rating.get("score") in (None, *NOT_ANSWERED):
        return []
    score = str(rating["score"])
    if score not in GOOD + BAD:
        raise TicketError(f"satisfaction score {score!r} is not mapped")
    survey: dict[str, Any] = {
        "kind": "csat",
        "score": satisfaction.good if score in GOOD else satisfaction.bad,
    }
    if rating.get("comment"):
        survey["comment"] = str(rating["comment"])
    if rating.get("updated_at") or rating.get("created_at"):
        survey["at"] = rating.get("updated_at") or rating.get("created_at")
    return [survey]
