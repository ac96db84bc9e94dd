"""`unisono import` from each kind of source, end to end, on the demo bible's channels."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from unisono.demo.service import demo_bible_path


@pytest.fixture
def demo_db(cli) -> str:
    result = cli("bible", "load", str(demo_bible_path()))
    assert result.exit_code == 0, result
    return cli.db_url


def run(cli, *args: str) -> dict:
    result = cli("import", *args, "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def rejects_of(summary: dict) -> dict[int, str]:
    if summary["rejects"] is None:
        return {}
    lines = Path(summary["rejects"]).read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["line"]: json.loads(line)["reason"] for line in lines}


def test_a_helpdesk_csv_export(cli, demo_db, tmp_path):
    source = FIXTURES / "csv"
    mapping = str(source / "tickets-fr.mapping.yml")
    rejects = str(tmp_path / "r.jsonl")
    summary = run(cli, str(source / "tickets-fr.csv"), "--mapping", mapping, "--rejects", rejects)
    refused = rejects_of(summary)
    assert summary["imported"] == 2
    assert sorted(refused) == [8, 9, 10, 11]  # the physical line where each row starts
    assert refused[8].startswith("reason: unknown contact reason 'remboursement'")
    assert refused[9] == "11 fields where the header has 17"
    assert "is not a date in the format" in refused[10]
    assert refused[11] == 'surveys.nps ("Note NPS"): "neuf" is not a number'
    again = run(
        cli, str(source / "tickets-fr.csv"), "--mapping", str(source / "tickets-fr.mapping.yml")
    )
    assert (again["imported"], again["unchanged"]) == (0, summary["imported"])
    timeline = json.loads(cli("customer", "C-17", "--json").stdout)
    assert timeline["entries"][0]["channel"] == "email"
    assert timeline["entries"][0]["messages"][1]["from"] == "agent"


def test_a_message_per_row_csv_with_scattered_interactions(cli, demo_db):
    source = FIXTURES / "csv"
    summary = run(
        cli, str(source / "messages.csv"), "--mapping", str(source / "messages.mapping.yml")
    )
    assert summary["imported"] >= 2
    assert summary["rejected"] >= 1


@pytest.mark.parametrize("name", ["incremental-export.zendesk.json", "full-export.zendesk.jsonl"])
def test_a_zendesk_export(cli, demo_db, tmp_path, name):
    shutil.copy(FIXTURES / "zendesk" / name, tmp_path / name)
    summary = run(cli, str(tmp_path / name))
    assert summary["imported"] >= 3
    refused = rejects_of(summary)
    assert any("deleted" in reason for reason in refused.values())
    assert any("api" in reason for reason in refused.values())


def test_an_mbox_of_support_threads(cli, demo_db):
    summary = run(cli, str(FIXTURES / "email" / "support.mbox"))
    assert summary["imported"] >= 2
    ids = [
        e["id"]
        for e in json.loads(cli("customer", "paul.girard@example.com", "--json").stdout)["entries"]
    ]
    assert ids


def test_a_folder_of_eml_files(cli, demo_db):
    summary = run(cli, str(FIXTURES / "email" / "conversation"), "--format", "eml")
    assert summary["imported"] >= 1
    assert run(cli, str(FIXTURES / "email" / "conversation"), "--format", "eml")["unchanged"] >= 1
