"""The CSV reader on real exports: a French helpdesk export, a windows-1252 telephony export,
and a file of messages whose interactions are scattered."""

from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from unisono.interactions.importers.base import (
    Importer,
    ImportOptions,
    Record,
    Rejected,
    SourceError,
)
from unisono.interactions.importers.csv import CsvImporter
from unisono.interactions.schemas import Vocabulary, validate_interaction

FIXTURES = Path(__file__).parents[2] / "fixtures" / "csv"
PARIS = ZoneInfo("Europe/Paris")
VOCABULARY = Vocabulary(
    channels=frozenset({"phone", "email", "chat", "social", "web_form"}),
    reasons=frozenset({"livraison.retard", "remboursement"}),
    timezone=PARIS,
)
IMPORTER: Importer = CsvImporter()  # the reader is an Importer


def read(
    name: str, mapping: str | Path, timezone: ZoneInfo | None = PARIS
) -> list[Record | Rejected]:
    mapping_path = mapping if isinstance(mapping, Path) else FIXTURES / mapping
    options = ImportOptions(mapping=mapping_path, timezone=timezone)
    return list(IMPORTER.read(FIXTURES / name, options))


def records(items: list[Record | Rejected]) -> dict[str, Record]:
    found = {}
    for item in items:
        if isinstance(item, Record):
            assert isinstance(item.data, dict)
            found[item.data["id"]] = item
    return found


def rejected(items: list[Record | Rejected]) -> dict[int, str]:
    return {item.line: item.reason for item in items if isinstance(item, Rejected)}


def test_french_export_reads_the_good_rows_and_rejects_the_bad_ones_by_line() -> None:
    items = read("tickets-fr.csv", "tickets-fr.mapping.yml")

    assert [item.line for item in items] == [2, 8, 9, 10, 11, 13]
    assert list(records(items)) == ["T-1001", "T-1002", "T-1006"]
    reasons = rejected(items)
    assert reasons[9] == "11 fields where the header has 17"
    assert reasons[10] == (
        'opened_at ("Date ouverture"): "31/09/2026 10:00" is not a date in the format '
        "%d/%m/%Y %H:%M"
    )
    assert reasons[11] == 'surveys.nps ("Note NPS"): "neuf" is not a number'
    assert next(i for i in items if i.line == 9).raw.startswith("T-1003;Tchat;")


def test_french_export_maps_every_column_to_the_canonical_shape() -> None:
    found = records(read("tickets-fr.csv", "tickets-fr.mapping.yml"))

    assert found["T-1001"].data == {
        "id": "T-1001",
        "channel": "email",
        "reason": "livraison.retard",
        "customer": {"id": "C-17", "name": "Léa Martin", "email": "lea.martin@example.com"},
        "agent": "a.durand",
        "team": "N1-Lyon",
        "opened_at": "2026-10-01T09:12:00+02:00",
        "resolved_at": "2026-10-01T15:40:00+02:00",
        "status": "resolved",
        "messages": [
            {
                "from": "customer",
                "at": "2026-10-01T09:12:00+02:00",
                "text": "Bonjour,\nmon colis devait arriver hier et je n'ai toujours rien reçu.\n"
                "Merci de vérifier.",
            },
            {
                "from": "agent",
                "at": "2026-10-01T10:02:00+02:00",
                "text": "Bonjour Madame Martin,\nnous avons relancé le transporteur : votre "
                'colis sera livré demain.\n"Bonne journée" !',
            },
        ],
        "surveys": [
            {"kind": "nps", "score": 9},
            {"kind": "csat", "score": 5, "comment": "Très réactif, merci"},
        ],
    }
    # Empty cells are left out; an untranslated-looking "  tchat " still matches "Tchat".
    assert found["T-1002"].data["customer"] == {"id": "C-18", "name": "Marc Petit"}
    assert "resolved_at" not in found["T-1002"].data
    assert found["T-1006"].data["channel"] == "chat"
    assert found["T-1006"].data["surveys"] == [
        {"kind": "csat", "score": 4, "comment": "Bien, mais\nun peu long"}
    ]


def test_french_export_records_say_where_they_come_from() -> None:
    items = read("tickets-fr.csv", "tickets-fr.mapping.yml")
    first = records(items)["T-1001"]

    assert first.line == 2  # the record spans lines 2 to 6
    assert isinstance(first.raw, str)
    assert first.raw.count("\n") == 4
    assert first.raw.startswith("T-1001;E-mail;")
    progress = [item.progress for item in items]
    assert progress == sorted(progress)
    assert progress[-1] == (FIXTURES / "tickets-fr.csv").stat().st_size


@pytest.mark.parametrize(
    ("name", "mapping"),
    [
        ("tickets-fr.csv", "tickets-fr.mapping.yml"),
        ("appels-cp1252.tsv", "appels.mapping.yml"),
        ("messages.csv", "messages.mapping.yml"),
    ],
)
def test_every_record_is_a_valid_interaction(name: str, mapping: str) -> None:
    found = records(read(name, mapping))

    assert found
    for record in found.values():
        assert isinstance(record.data, dict)
        validate_interaction(record.data, VOCABULARY)


def test_without_a_time_zone_times_stay_naive_for_validation_to_place() -> None:
    found = records(read("tickets-fr.csv", "tickets-fr.mapping.yml", timezone=None))
    data = found["T-1001"].data
    assert isinstance(data, dict)

    assert data["opened_at"] == "2026-10-01T09:12:00"
    interaction = validate_interaction(data, VOCABULARY)
    assert interaction.opened_at.utcoffset() is not None
    assert interaction.opened_at.isoformat() == "2026-10-01T09:12:00+02:00"


def test_windows_1252_tab_separated_export_with_defaults_and_a_mapped_scale() -> None:
    items = read("appels-cp1252.tsv", "appels.mapping.yml")
    found = records(items)

    assert not rejected(items)
    assert found["A-501"].data == {
        "id": "A-501",
        "channel": "phone",
        "reason": "remboursement",
        "customer": {"id": "+33612345678", "name": "Hélène Faure", "phone": "+33612345678"},
        "agent": "b.leroy",
        "team": "N1-Lille",
        "opened_at": "2026-10-06T09:00:00+02:00",
        "resolved_at": "2026-10-06T09:12:00+02:00",
        "status": "resolved",
        "messages": [],
        "surveys": [{"kind": "csat", "score": 5}],  # 10 on the 1-10 scale
    }
    assert found["A-502"].data["customer"]["name"] == "François Dubœuf"
    assert found["A-502"].data["surveys"] == [{"kind": "csat", "score": 2}]  # 3 on 1-10


def test_message_rows_are_grouped_by_interaction_even_when_scattered() -> None:
    items = read("messages.csv", "messages.mapping.yml")

    # M-3's rows are contiguous: it comes as soon as they end; M-1 and M-2 wait for the end.
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Rejected", 7),
        ("Rejected", 9),
        ("Record", 6),
        ("Record", 2),
        ("Record", 3),
    ]
    reasons = rejected(items)
    assert reasons[7] == 'message.at ("at"): "le 7 octobre" is not an ISO 8601 date'
    assert reasons[9] == 'id ("ticket"): empty'
    found = records(items)
    size = (FIXTURES / "messages.csv").stat().st_size
    assert found["M-3"].progress < size
    assert found["M-1"].progress == size
    assert found["M-1"].data == {
        "id": "M-1",
        "channel": "chat",
        "customer": {"id": "C-30", "email": "zoe@example.com"},
        "agent": "a.durand",
        "opened_at": "2026-10-07T09:00:00+02:00",
        "messages": [
            {
                "from": "customer",
                "at": "2026-10-07T09:00:00+02:00",
                "text": "Bonjour, ma commande 7781 n'est pas arrivée.",
            },
            {
                "from": "bot",
                "at": "2026-10-07T09:00:05+02:00",
                "text": "Un conseiller va vous répondre.",
            },
            {
                "from": "agent",
                "at": "2026-10-07T09:03:00+02:00",
                "text": "Je regarde tout de suite.",
            },
            {
                "from": "agent",
                "at": "2026-10-07T09:20:00+02:00",
                "text": "Votre colis arrive demain.\nBonne journée !",
            },
        ],
        "surveys": [{"kind": "csat", "score": 4}],
    }
    assert found["M-1"].raw.splitlines()[0].startswith("M-1,Client,")
    assert len(found["M-1"].raw.splitlines()) == 5  # four rows, the last on two lines
    assert [m["from"] for m in found["M-2"].data["messages"]] == ["customer", "agent"]
    assert [m["text"] for m in found["M-3"].data["messages"]] == ["Bonjour", "Bonjour et bienvenue"]


def test_delimiter_is_sniffed_when_the_mapping_does_not_give_it(tmp_path: Path) -> None:
    text = (FIXTURES / "tickets-fr.mapping.yml").read_text(encoding="utf-8")
    mapping = tmp_path / "mapping.yml"
    mapping.write_text(text.replace('delimiter: ";"\n', ""), encoding="utf-8")

    assert list(records(read("tickets-fr.csv", mapping))) == ["T-1001", "T-1002", "T-1006"]


def write_mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mapping.yml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = (
    "columns: {id: 'N° ticket', channel: Canal, customer.id: 'ID client', "
    "opened_at: 'Date ouverture'}\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            MINIMAL.replace("Canal", "Canal de contact"),
            'columns.channel: no column "Canal de contact" in tickets-fr.csv (its columns: '
            '"N° ticket", "Canal", "motif", "ID client", "Nom\xa0client", "Email", ',
        ),
        (
            MINIMAL.replace("channel:", "canal:"),
            "columns.canal: not a field of the interaction layout",
        ),
        (MINIMAL.replace("id: 'N° ticket', ", ""), "columns.id: required"),
        (
            MINIMAL.replace("channel: Canal, ", ""),
            "columns.channel: required (or give defaults.channel)",
        ),
        (MINIMAL + "delimiter: ';;'\n", "delimiter: one character"),
        (MINIMAL + "layout: ticket\n", "layout: Input should be 'interaction' or 'message'"),
        (MINIMAL + "colums: {}\n", "colums: Extra inputs are not permitted"),
        (MINIMAL + "values: {team: {A: B}}\n", "values.team: not a mapped column"),
        (MINIMAL + "defaults: {id: X}\n", "defaults.id: only channel, reason, agent, team, status"),
        (MINIMAL + "encoding: klingon\n", "encoding: unknown encoding 'klingon'"),
        ("columns: [id\n", "cannot read the mapping"),
    ],
)
def test_mapping_errors_name_the_key_at_fault(tmp_path: Path, text: str, message: str) -> None:
    mapping = write_mapping(tmp_path, text)

    with pytest.raises(SourceError) as raised:
        read("tickets-fr.csv", mapping)

    assert str(raised.value).startswith(f"{mapping}: ")
    assert message in str(raised.value)


def test_a_mapping_is_required() -> None:
    with pytest.raises(SourceError, match="needs a column mapping file"):
        list(IMPORTER.read(FIXTURES / "tickets-fr.csv", ImportOptions()))


def test_a_file_in_no_known_encoding_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(b"id;canal\r\n1;\x81\x8d\r\n")  # bytes windows-1252 leaves undefined
    mapping = write_mapping(
        tmp_path, "columns: {id: id, channel: canal, customer.id: id, opened_at: id}\n"
    )

    with pytest.raises(SourceError, match=r"cannot decode the file .*give `encoding`"):
        list(IMPORTER.read(source, ImportOptions(mapping=mapping)))


def scattered_messages(path: Path, interactions: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("ticket;from;at;text;channel;customer\n")
        for turn in range(3):  # every interaction's rows are spread over the whole file
            for number in range(interactions):
                out.write(
                    f"T-{number};Client;2026-10-07 09:0{turn};Message {turn};chat;C-{number}\n"
                )


def peak_memory(path: Path, mapping: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(
            1
            for item in IMPORTER.read(path, ImportOptions(mapping=mapping))
            if isinstance(item, Record)
        )
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_when_interactions_are_scattered(tmp_path: Path) -> None:
    mapping = write_mapping(
        tmp_path,
        "layout: message\ncolumns: {id: ticket, message.from: from, message.at: at, "
        "message.text: text, channel: channel, customer.id: customer}\n",
    )
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    scattered_messages(small, 500)
    scattered_messages(large, 10_000)

    small_count, small_peak = peak_memory(small, mapping)
    large_count, large_peak = peak_memory(large, mapping)

    assert (small_count, large_count) == (500, 10_000)
    assert large_peak < 2 * small_peak  # 20 times the rows, not 20 times the memory


def test_the_full_example_of_the_docs_gives_what_the_docs_say(tmp_path: Path) -> None:
    docs = Path(__file__).parents[3] / "docs" / "importers.md"
    section = docs.read_text(encoding="utf-8").split("## CSV", 1)[1].split("\n## ", 1)[0]
    example = section.split("### A full example", 1)[1]
    blocks = dict(re.findall(r"```(\w+)\n(.*?)```", example, re.DOTALL))
    source, mapping = tmp_path / "tickets.csv", tmp_path / "tickets.mapping.yml"
    source.write_bytes(b"\xef\xbb\xbf" + blocks["text"].encode("utf-8"))
    mapping.write_text(blocks["yaml"], encoding="utf-8")

    items = list(IMPORTER.read(source, ImportOptions(mapping=mapping, timezone=PARIS)))

    assert [item.data for item in items if isinstance(item, Record)] == [json.loads(blocks["json"])]
