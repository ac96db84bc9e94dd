"""The Zendesk reader on a realistic export, in its two shapes: the API's export document with
side-loads, and the full JSON export (one ticket per line)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from unisono.interactions.importers.base import (
    Importer,
    ImportOptions,
    Record,
    Rejected,
    SourceError,
)
from unisono.interactions.importers.zendesk import ZendeskImporter
from unisono.interactions.schemas import Vocabulary, validate_interaction

FIXTURES = Path(__file__).parents[2] / "fixtures" / "zendesk"
DOCUMENT = FIXTURES / "incremental-export.zendesk.json"
LINES = FIXTURES / "full-export.zendesk.jsonl"
VOCABULARY = Vocabulary(
    channels=frozenset({"phone", "email", "chat", "social", "web_form"}),
    reasons=frozenset({"livraison.retard", "remboursement"}),
    timezone=ZoneInfo("Europe/Paris"),
)
REASONS = {"livraison_retard": "livraison.retard", "remboursement": "remboursement"}
IMPORTER: Importer = ZendeskImporter()  # the reader is an Importer


def read(path: Path, **extra: Any) -> list[Record | Rejected]:
    return list(IMPORTER.read(path, ImportOptions(extra=extra)))


def records(items: list[Record | Rejected]) -> dict[str, dict[str, Any]]:
    found = {}
    for item in items:
        if isinstance(item, Record):
            assert isinstance(item.data, dict)
            found[item.data["id"]] = item.data
    return found


def rejected(items: list[Record | Rejected]) -> dict[int, str]:
    return {item.line: item.reason for item in items if isinstance(item, Rejected)}


def test_document_maps_a_solved_email_ticket_completely() -> None:
    ticket = records(read(DOCUMENT, reasons=REASONS))["zendesk-101"]

    assert ticket == {
        "id": "zendesk-101",
        "channel": "email",
        "reason": "livraison.retard",
        "customer": {"id": "C-17", "name": "Léa Martin", "email": "lea.martin@example.com"},
        "agent": "a.durand",
        "team": "N1-Lyon",
        "opened_at": "2026-10-01T07:12:00Z",
        "resolved_at": "2026-10-01T13:45:00Z",  # the metric set's solved_at
        "status": "resolved",
        "messages": [
            {
                "from": "customer",
                "at": "2026-10-01T07:12:00Z",
                "text": "Bonjour,\nmon colis devait arriver hier. Commande 4512.\nLéa Martin",
            },
            {
                "from": "bot",  # a trigger's automatic reply
                "at": "2026-10-01T07:12:02Z",
                "text": "Nous avons bien reçu votre demande n°101 et vous répondrons sous 4 h.",
            },
            # the internal note of 07:40 is not a message to the customer
            {
                "from": "agent",
                "at": "2026-10-01T08:02:00Z",
                "text": "Bonjour Madame Martin,\nnous avons relancé le transporteur : votre "
                "colis sera livré demain.\nBonne journée, Alice",
            },
            {"from": "customer", "at": "2026-10-01T13:40:00Z", "text": "Merci, bien reçu !"},
        ],
        "surveys": [{"kind": "csat", "score": 5, "comment": "Très réactif, merci !"}],
    }


def test_document_maps_statuses_satisfaction_and_authors() -> None:
    found = records(read(DOCUMENT, reasons=REASONS))

    call = found["zendesk-102"]
    assert (call["channel"], call["status"], call["team"]) == ("phone", "closed", "N1-Lille")
    assert call["resolved_at"] == "2026-10-06T12:00:09Z"  # no metric set: the last update
    assert call["surveys"] == [
        {"kind": "csat", "score": 1, "comment": "Trois appels pour être remboursé."}
    ]
    assert call["customer"]["id"] == "zendesk-user-2002"  # no external_id
    assert [m["from"] for m in call["messages"]] == ["agent"]  # the call note is private

    chat = found["zendesk-103"]
    assert (chat["channel"], chat["status"], chat["surveys"]) == ("chat", "open", [])  # offered
    assert "resolved_at" not in chat
    # A copied end-user writes as the customer's side; the empty comment is no message.
    assert [m["from"] for m in chat["messages"]] == ["customer", "agent", "customer"]

    tweet = found["zendesk-106"]
    assert (tweet["channel"], tweet["status"], tweet["surveys"]) == ("social", "pending", [])
    # No comments exported: the description is the requester's first message.
    assert tweet["messages"] == [
        {
            "from": "customer",
            "at": "2026-10-05T15:45:00Z",
            "text": "@MaisonAubepine toujours pas de nouvelles de ma commande 4520",
        }
    ]


def test_document_rejects_unmapped_tickets_by_position() -> None:
    items = read(DOCUMENT)

    assert [item.line for item in items] == [1, 2, 3, 4, 5, 6]
    assert rejected(items) == {
        4: 'ticket 104: Zendesk channel "api" is not mapped: add it to the channels option, '
        'e.g. {"api": "email"}',
        5: "ticket 105: status 'deleted' is not mapped (deleted tickets are not imported)",
    }
    raw = next(item.raw for item in items if item.line == 4)
    assert isinstance(raw, str)
    assert json.loads(raw)["id"] == 104


def test_options_override_channels_and_satisfaction() -> None:
    found = records(
        read(DOCUMENT, channels={"api": "web_form"}, satisfaction={"good": 4, "bad": 2})
    )

    assert found["zendesk-104"]["channel"] == "web_form"
    assert found["zendesk-104"]["surveys"] == []  # unoffered
    assert found["zendesk-101"]["surveys"][0]["score"] == 4
    assert found["zendesk-102"]["surveys"][0]["score"] == 2
    assert "reason" not in found["zendesk-101"]  # no reasons table: Unisono classifies


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"satisfaction": {"good": 10}}, "option satisfaction.good: Input should be less than"),
        ({"satisfaction": {"neutral": 3}}, "option satisfaction.neutral: Extra inputs"),
        ({"channels": ["voice"]}, "option channels: Input should be a valid dictionary"),
        ({"users": "/nowhere/users.jsonl"}, "option users: /nowhere/users.jsonl: not a file"),
    ],
)
def test_bad_options_are_source_errors(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(".", r"\.")):
        read(DOCUMENT, **extra)


@pytest.mark.parametrize("path", [DOCUMENT, LINES])
def test_every_record_is_a_valid_interaction(path: Path) -> None:
    found = records(read(path, reasons=REASONS, users=str(FIXTURES / "users.jsonl")))

    assert len(found) == 4
    for data in found.values():
        validate_interaction(data, VOCABULARY)


def test_json_lines_reject_a_broken_line_and_go_on() -> None:
    items = read(LINES)

    assert [item.line for item in items] == [1, 2, 3, 4, 5, 6, 7]
    assert rejected(items)[4].startswith("not JSON: ")
    assert sorted(records(items)) == ["zendesk-101", "zendesk-102", "zendesk-103", "zendesk-106"]
    progress = [item.progress for item in items]
    assert progress == sorted(progress)
    assert progress[-1] == LINES.stat().st_size


def test_json_lines_without_users_fall_back_on_ids_and_the_sender() -> None:
    found = records(read(LINES))

    first = found["zendesk-101"]
    # The e-mail's sender names the customer; the agent and team are known by id only.
    assert first["customer"] == {
        "id": "zendesk-user-2001",
        "name": "Léa Martin",
        "email": "lea.martin@example.com",
    }
    assert (first["agent"], first["team"]) == ("zendesk-user-3001", "zendesk-group-401")
    assert first["resolved_at"] == "2026-10-01T13:45:00Z"  # the embedded metric_set
    # Without users, anyone but the requester is taken as an agent (documented).
    assert [m["from"] for m in found["zendesk-103"]["messages"]] == ["customer", "agent", "agent"]


def test_json_lines_with_a_users_export_match_the_document() -> None:
    from_lines = records(read(LINES, users=str(FIXTURES / "users.jsonl")))
    from_document = records(read(DOCUMENT))

    for key, data in from_lines.items():
        expected = dict(from_document[key])
        expected["team"] = data["team"]  # groups are not in a users export
        assert data == expected


def test_a_file_that_is_no_zendesk_export_is_refused(tmp_path: Path) -> None:
    array = tmp_path / "tickets.zendesk.json"
    array.write_text('[{"id": 1}]', encoding="utf-8")
    garbage = tmp_path / "garbage.zendesk.json"
    garbage.write_text("tickets: none", encoding="utf-8")

    with pytest.raises(SourceError, match="neither a Zendesk export"):
        read(array)
    with pytest.raises(SourceError, match="not JSON"):
        read(garbage)


def export(path: Path, tickets: int) -> None:
    """A document with as many users as tickets, side-loaded after the tickets."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"tickets": [')
        for number in range(tickets):
            ticket = {
                "id": number,
                "via": {"channel": "email"},
                "status": "open",
                "requester_id": 10**6 + number,
                "created_at": "2026-10-01T07:12:00Z",
                "comments": [
                    {
                        "author_id": 10**6 + number,
                        "created_at": "2026-10-01T07:12:00Z",
                        "body": "x" * 200,
                    }
                ],
            }
            out.write(("," if number else "") + json.dumps(ticket))
        out.write('], "users": [')
        for number in range(tickets):
            user = {"id": 10**6 + number, "name": f"Client {number}", "role": "end-user"}
            out.write(("," if number else "") + json.dumps(user))
        out.write("]}")


def peak_memory(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for item in IMPORTER.read(path, ImportOptions()) if isinstance(item, Record))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_whatever_the_size_of_the_document(tmp_path: Path) -> None:
    small, large = tmp_path / "small.zendesk.json", tmp_path / "large.zendesk.json"
    export(small, 1_000)  # larger than the parser's buffers, which hold a few hundred tickets
    export(large, 10_000)

    small_count, small_peak = peak_memory(small)
    large_count, large_peak = peak_memory(large)

    assert (small_count, large_count) == (1_000, 10_000)
    assert large_peak < 1.5 * small_peak  # 10 times the tickets, not 10 times the memory
