"""`unisono analyze` and `unisono audit`: incremental, re-run on changes, the contract shape."""

from __future__ import annotations

import json

from tests.bible.test_bible_load import edit
from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction, write_jsonl


def late(number: int, hours: int, **overrides) -> dict:
    """An e-mail about a late parcel answered after ``hours`` hours (the target is 4 h)."""
    return interaction(
        id=f"T-{number}",
        opened_at="2026-10-01T08:00:00+00:00",
        resolved_at=None,
        status="open",
        surveys=[],
        messages=[
            {"from": "agent", "at": f"2026-10-01T{8 + hours:02d}:00:00+00:00", "text": "Bonjour"}
        ],
        **overrides,
    )


def test_findings_in_the_contract_shape_and_incremental_runs(cli, tmp_path):
    load_minimal_bible(cli, cli.db_url)
    path = write_jsonl(tmp_path / "a.jsonl", [late(1, 5), late(2, 1)])
    cli("import", str(path))
    assert json.loads(cli("analyze", "--json").stdout)["analyzed"] == 2
    findings = json.loads(cli("audit", "--json").stdout)
    breach = next(f for f in findings if f["kind"] == "sla_breach")
    assert {
        k: breach[k]
        for k in ("interaction_id", "kind", "standard_id", "standard_version", "expected", "found")
    } == {
        "interaction_id": "T-1",
        "kind": "sla_breach",
        "standard_id": "remboursement-retard",
        "standard_version": 1,
        "expected": "4 h",
        "found": "5 h",
    }
    assert breach["evidence"] == "first response: 5 h"
    # nothing changed: nothing to analyse; an interaction changes: only it is analysed again
    assert json.loads(cli("analyze", "--json").stdout)["analyzed"] == 0
    cli("import", str(write_jsonl(path, [late(1, 5), late(2, 6)])))
    again = json.loads(cli("analyze", "--json").stdout)
    assert again["analyzed"] == 1
    assert again["findings"]["sla_breach"] == 1
    assert len(json.loads(cli("audit", "--kind", "sla_breach", "--json").stdout)) == 2
    only = json.loads(cli("audit", "--interaction", "T-2", "--json").stdout)
    assert {f["interaction_id"] for f in only} == {"T-2"}


def test_a_new_version_of_a_standard_means_analysing_again(cli, minimal_bible, tmp_path):
    assert cli("bible", "load", str(minimal_bible)).exit_code == 0
    cli("import", str(write_jsonl(tmp_path / "a.jsonl", [late(1, 3)])))
    assert "sla_breach" not in json.loads(cli("analyze", "--json").stdout)["findings"]
    edit(minimal_bible / "processes/remboursement-retard.md", "email: 4h", "email: 2h")
    assert cli("bible", "load", str(minimal_bible)).exit_code == 0
    # the interaction happened before the new version: it is judged by the version then in
    # force, but it is analysed again (the bible changed) and still meets that target
    again = json.loads(cli("analyze", "--json").stdout)
    assert again["analyzed"] == 1
    assert "sla_breach" not in again["findings"]


def test_worker_processes_find_what_one_process_finds(cli, databases, tmp_path, monkeypatch):
    from unisono.audit import service  # noqa: PLC0415

    records = [late(n, n % 7) for n in range(60)]
    serial = load_minimal_bible(cli, cli.db_url)
    parallel = load_minimal_bible(cli, databases.like(cli.db_url))
    path = write_jsonl(tmp_path / "a.jsonl", records)
    for url in (serial, parallel):
        cli("import", str(path), "--db", url)
    cli("analyze", "--db", serial)
    monkeypatch.setattr(service, "PARALLEL_FROM", 1)
    monkeypatch.setattr(service, "BATCH", 25)
    assert json.loads(cli("analyze", "--db", parallel, "--json").stdout)["analyzed"] == 60

    def everything(url: str) -> list:
        found = json.loads(cli("audit", "--limit", "0", "--json", "--db", url).stdout)
        return sorted(json.dumps(f, sort_keys=True) for f in found)

    assert everything(parallel) == everything(serial)
    assert json.loads(cli("qa", "--json", "--db", parallel).stdout) == json.loads(
        cli("qa", "--json", "--db", serial).stdout
    )
