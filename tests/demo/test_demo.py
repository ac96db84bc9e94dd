"""The demo bible and `unisono demo`: what a new user sees first."""

from __future__ import annotations

import json
import re
from collections import Counter

from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.web.conftest import sign_in
from unisono.bible.loader import read_bible
from unisono.core.config import Settings
from unisono.demo.service import demo_bible_path
from unisono.web.app import create_app


def test_the_demo_bible_is_a_complete_handbook():
    bible = read_bible(demo_bible_path())
    sections = Counter(standard.doc.section for standard in bible.standards)
    assert len(bible.standards) >= 25
    assert set(sections) == {"fundamentals", "communication", "processes", "performance"}
    leaves = [
        r for r in bible.reason_ids() if not any(o.startswith(r + ".") for o in bible.reason_ids())
    ]
    assert len(leaves) >= 12
    stages = {reason.stage for parent in bible.config.reasons for reason in parent.children}
    assert stages == {"pre-sale", "sale", "after-sale"}
    assert len(bible.config.channels) >= 4
    covered = {reason for standard in bible.standards for reason in standard.doc.reasons}
    assert set(leaves) <= covered, "every contact reason has a standard"
    processes = [s for s in bible.standards if s.doc.section == "processes"]
    assert all(s.doc.answers and s.doc.facts and s.doc.sla for s in processes)


def test_demo_loads_the_bible_and_writes_the_handbook(cli_nodb, tmp_path, monkeypatch):
    monkeypatch.setenv("UNISONO_DATA_DIR", str(tmp_path))
    result = cli_nodb("demo", "--no-serve", "--interactions", "1500", "--json")
    assert result.exit_code == 0, result
    report = json.loads(result.stdout)
    assert report["database"] == f"sqlite:///{tmp_path}/demo/unisono-demo.db"
    assert report["standards"] >= 25
    reader = PdfReader(report["handbook_pdf"])
    assert len(reader.pages) > 20
    assert "MAISON AUBÉPINE" in reader.pages[0].extract_text()  # set in small capitals
    # run twice: the demo starts over on a fresh database
    assert report["interactions"] == 1500
    again = json.loads(cli_nodb("demo", "--no-serve", "--interactions", "1500", "--json").stdout)
    assert (again["standards"], again["interactions"]) == (report["standards"], 1500)
    history = cli_nodb("bible", "history", "livraison-retard", "--db", report["database"], "--json")
    assert [v["version"] for v in json.loads(history.stdout)["versions"]] == [1]


def test_generate_writes_the_same_data_for_the_same_seed(cli_nodb, tmp_path):
    first, second, truth = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "t.jsonl"
    args = ("demo", "generate", "--interactions", "200", "--seed", "3", "--end", "2026-11-30")
    assert cli_nodb(*args, "-o", str(first), "--truth", str(truth)).exit_code == 0
    assert cli_nodb(*args, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    truths = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(truths) == 200
    assert [t["id"] for t in truths] == [r["id"] for r in records]


def test_demo_prints_a_login_per_role_that_signs_in(cli_nodb, tmp_path, monkeypatch):
    monkeypatch.setenv("UNISONO_DATA_DIR", str(tmp_path))
    result = cli_nodb("demo", "--no-serve", "--interactions", "300")
    assert result.exit_code == 0, result
    logins = re.findall(r"^  (\w+) +(.+)$", result.stdout.split("sign in as")[1], re.M)
    assert [name for name, _ in logins] == ["admin", "direction", "qualite", "equipe", "conseiller"]
    assert "password for all: unisono-demo" in result.stdout
    database = f"sqlite:///{tmp_path}/demo/unisono-demo.db"
    with TestClient(create_app(Settings(data_dir=tmp_path, database_url=database))) as client:
        for name, _ in logins:
            client.cookies.clear()
            sign_in(client, name)
            assert client.get("/", follow_redirects=False).status_code == 200
