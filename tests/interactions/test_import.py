"""`unisono import` of JSON Lines: every good record in, every bad one listed with why, nothing
twice, and a killed import finished by running it again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session, selectinload

from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction, many, write_jsonl
from unisono.core.db import make_engine
from unisono.interactions import models


def run_import(cli, path: Path, *args: str) -> dict:
    result = cli(
        "import", str(path), "--rejects", str(path.with_suffix(".rejects")), "--json", *args
    )
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def snapshot(url: str) -> dict[str, list]:
    """The database's interactions, customers, agents, teams and surveys, by external ids."""
    engine = make_engine(url)
    with Session(engine) as session:
        row = models.Interaction
        rows = session.scalars(
            select(row)
            .order_by(row.external_id)
            .options(
                *(selectinload(part) for part in (row.customer, row.agent, row.team, row.surveys))
            )
        )
        interactions = [
            (i.external_id, i.channel_id, i.reason_id, i.status, i.opened_at, i.first_response_at,
             i.resolved_at, i.messages, i.customer.external_id,
             i.agent.external_id if i.agent else None, i.team.name if i.team else None,
             sorted((s.kind, s.score, s.at, s.comment) for s in i.surveys))
            for i in rows
        ]  # fmt: skip
        customers = session.execute(
            select(models.Customer.external_id, models.Customer.name).order_by(
                models.Customer.external_id
            )
        ).all()
        counts = {
            name: session.scalar(select(func.count()).select_from(model))
            for name, model in (("agents", models.Agent), ("teams", models.Team),
                                ("surveys", models.Survey))
        }  # fmt: skip
    engine.dispose()
    return {"interactions": interactions, "customers": [tuple(c) for c in customers], **counts}


def test_an_interaction_is_stored_with_its_parts(cli, bible_db, tmp_path):
    path = write_jsonl(tmp_path / "one.jsonl", [interaction()])
    assert run_import(cli, path) == {
        "imported": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "rejects": None,
    }
    stored = snapshot(bible_db)["interactions"][0]
    external_id, channel, reason, status, opened, first_response, resolved, messages = stored[:8]
    assert (external_id, channel, reason, status) == (
        "T-1001",
        "email",
        "livraison.retard",
        "resolved",
    )
    assert opened.isoformat() == "2026-10-01T07:12:00+00:00"
    # the bot's acknowledgement is not a response: the agent's message at 10:02 is
    assert first_response.isoformat() == "2026-10-01T08:02:00+00:00"
    assert resolved.isoformat() == "2026-10-01T13:40:00+00:00"
    assert [m["from"] for m in messages] == ["customer", "bot", "agent"]
    assert stored[8:] == ("C-17", "a.durand", "N1-Lyon",
                          [("nps", 9, opened.replace(day=2, hour=6, minute=0), "Top")])  # fmt: skip


def test_bad_records_are_listed_with_their_line_and_the_good_ones_kept(cli, bible_db, tmp_path):
    records = [
        interaction(id="T-1"),
        '{"id": "T-2", "channel": ',
        interaction(id=""),
        interaction(id="T-4", channel="fax"),
        interaction(id="T-5", surveys=[{"kind": "csat", "score": 6}]),
        interaction(id="T-6", opened_at="hier matin"),
        interaction(id="T-7", resolved_at="2026-09-30T10:00:00+02:00"),
        interaction(id="T-8", reason="livraison.inconnue"),
        "",
        interaction(id="T-10"),
    ]
    path = write_jsonl(tmp_path / "mixed.jsonl", records)
    summary = run_import(cli, path)
    assert (summary["imported"], summary["rejected"]) == (2, 7)
    rejects = [json.loads(line) for line in Path(summary["rejects"]).read_text().splitlines()]
    reasons = {reject["line"]: reject["reason"] for reject in rejects}
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7, 8]
    assert reasons[2].startswith("Invalid JSON: EOF while parsing")
    assert reasons[3] == "id: String should have at least 1 character"
    assert reasons[4].startswith("channel: unknown channel 'fax' (the bible's channels: chat,")
    assert reasons[5] == "surveys[0].csat.score: Input should be less than or equal to 5"
    assert reasons[6].startswith("opened_at: Input should be a valid datetime")
    assert reasons[7].startswith("resolved_at: 2026-09-30T10:00:00+02:00 is before opened_at")
    assert reasons[8].startswith("reason: unknown contact reason 'livraison.inconnue'")
    assert json.loads(rejects[1]["record"])["id"] == ""  # the record itself, to fix and re-import
    assert [row[0] for row in snapshot(bible_db)["interactions"]] == ["T-1", "T-10"]


def test_reimporting_updates_and_never_duplicates(cli, bible_db, tmp_path):
    records = many(50)
    path = write_jsonl(tmp_path / "batch.jsonl", records)
    assert run_import(cli, path)["imported"] == 50
    before = snapshot(bible_db)
    assert run_import(cli, path) == {
        "imported": 0,
        "updated": 0,
        "unchanged": 50,
        "rejected": 0,
        "rejects": None,
    }
    assert snapshot(bible_db) == before
    records[3]["status"] = "closed"
    records[4]["surveys"] = [{"kind": "csat", "score": 2}]
    records.append(interaction(id="T-NEW"))
    summary = run_import(cli, write_jsonl(path, records))
    assert (summary["imported"], summary["updated"], summary["unchanged"]) == (1, 2, 48)
    after = snapshot(bible_db)
    assert len(after["interactions"]) == 51
    changed = {row[0]: row for row in after["interactions"]}
    assert changed["T-000003"][3] == "closed"
    assert changed["T-000004"][11] == [("csat", 2, None, None)]
    assert after["surveys"] == before["surveys"] + 1  # T-NEW; T-000004: nps replaced by csat


def test_the_same_id_twice_in_a_file_keeps_the_last(cli, bible_db, tmp_path):
    path = write_jsonl(tmp_path / "twice.jsonl", [interaction(status="open"), interaction()])
    assert run_import(cli, path)["imported"] == 1
    assert snapshot(bible_db)["interactions"][0][3] == "resolved"


def test_times_without_offset_are_read_in_the_bible_time_zone(cli, bible_db, tmp_path):
    record = interaction(opened_at="2026-10-25T01:30:00", resolved_at="2026-10-25T04:30:00",
                         messages=[], surveys=[])  # fmt: skip
    summary = run_import(cli, write_jsonl(tmp_path / "naive.jsonl", [record]))
    assert summary["imported"] == 1
    _, _, _, _, opened, _, resolved, *_ = snapshot(bible_db)["interactions"][0]
    # Europe/Paris: 01:30 is still summer time (+02:00), 04:30 is winter time (+01:00)
    assert (opened.isoformat(), resolved.isoformat()) == (
        "2026-10-24T23:30:00+00:00",
        "2026-10-25T03:30:00+00:00",
    )


def test_import_needs_a_bible(cli, tmp_path):
    result = cli("import", str(write_jsonl(tmp_path / "a.jsonl", [interaction()])))
    assert result.exit_code == 1
    assert "no bible loaded yet: run `unisono bible load PATH` first" in result.stderr


def test_unknown_format_and_missing_file(cli, bible_db, tmp_path):
    result = cli("import", str(tmp_path / "export.xlsx"))
    assert "cannot tell the format of export.xlsx: give --format" in result.stderr
    result = cli("import", str(tmp_path / "nothing.jsonl"))
    assert result.exit_code == 1
    assert "nothing.jsonl" in result.stderr


def test_a_killed_import_finishes_on_a_second_run(cli, bible_db, databases, tmp_path):
    """Kill the import half-way (with its worker process), run it again: the database is the
    one a single clean run makes."""
    path = write_jsonl(tmp_path / "big.jsonl", many(10_000))
    command = [sys.executable, "-m", "unisono", "import", str(path), "--db", bible_db]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = create_engine(bible_db.replace("postgresql://", "postgresql+psycopg://"))
    deadline, workers = time.monotonic() + 60, set()
    while time.monotonic() < deadline:
        workers |= _children(process.pid)
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT count(*) FROM interactions")).scalar_one()
        if stored >= 2000:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    engine.dispose()
    assert 0 < stored < 10_000, "the import should have been killed half-way"
    partial = snapshot(bible_db)
    assert len(partial["interactions"]) % 2000 == 0  # whole batches only, never half of one
    summary = run_import(cli, path)
    assert summary["imported"] + summary["unchanged"] == 10_000
    assert summary["unchanged"] == len(partial["interactions"])
    clean = load_minimal_bible(cli, databases.like(bible_db))
    run_import(cli, path, "--db", clean)
    assert snapshot(bible_db) == snapshot(clean)
    time.sleep(1.5)  # the orphaned worker notices its parent is gone within a second
    assert workers, "a source this large is read by a worker process"
    assert not [pid for pid in workers if _alive(pid)]


def _children(pid: int) -> set[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return {int(line) for line in found.stdout.split()}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
