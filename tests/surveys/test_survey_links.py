"""Survey links: a signed page per interaction and kind, answered once, in French or English;
answers count in the metrics at once; CSV answers; a re-import keeps them."""

from __future__ import annotations

import json
import re
import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction, write_jsonl
from tests.web.conftest import app_client
from unisono.core.config import Settings
from unisono.surveys.links import secret_key


@pytest.fixture
def survey_app(cli, tmp_path):
    load_minimal_bible(cli, cli.db_url)
    source = write_jsonl(tmp_path / "one.jsonl", [interaction(surveys=[])])
    assert json.loads(cli("import", str(source), "--json").stdout)["imported"] == 1
    with app_client(cli.db_url, tmp_path, webhook_secret=None) as client:
        yield client


def link(cli, tmp_path, kind: str = "csat") -> str:
    result = cli("survey", "link", "T-1001", "--kind", kind)
    assert result.exit_code == 0, result
    return result.stdout.strip().removeprefix("http://127.0.0.1:8000")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("UNISONO_DATA_DIR", str(tmp_path))  # the CLI and the app share the key


def test_a_customer_answers_once(cli, survey_app, tmp_path):
    path = link(cli, tmp_path)
    page = survey_app.get(path, headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert page.status_code == 200
    assert "Êtes-vous satisfait de la réponse apportée à votre demande ?" in page.text
    assert len(re.findall(r'type="radio" name="score"', page.text)) == 5
    answered = survey_app.post(path, data={"score": "5", "comment": "Parfait <b>merci</b>"})
    assert "Merci ! Votre réponse a bien été enregistrée." in answered.text
    again = survey_app.post(path, data={"score": "1"})
    assert "Vous avez déjà répondu" in again.text
    assert "Vous avez déjà répondu" in survey_app.get(path).text
    report = json.loads(
        cli("metrics", "--since", "2026-01-01", "--until", "2026-12-31", "--json").stdout
    )
    assert (report["csat"]["n"], report["csat"]["value"]) == (1, 100.0)  # counted once


def test_english_and_a_missing_score(cli, survey_app, tmp_path):
    path = link(cli, tmp_path, "nps")
    page = survey_app.get(path, headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert "How likely are you to recommend Exemple SA to a friend or colleague?" in page.text
    assert len(re.findall(r'name="score"', page.text)) == 11
    refused = survey_app.post(path + "?lang=en", data={"comment": "no score"})
    assert refused.status_code == 422
    assert "Please choose a score before sending." in refused.text
    assert survey_app.post(path, data={"score": "11"}).status_code == 422


def test_forged_and_expired_links_are_refused(cli, survey_app, tmp_path):
    path = link(cli, tmp_path)
    assert survey_app.get(path[:-3] + "abc").status_code == 404
    settings = Settings(data_dir=tmp_path)

    class OldSigner(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 31 * 86_400

    signer = URLSafeTimedSerializer(secret_key(settings), salt="unisono.survey", signer=OldSigner)
    old = signer.dumps(["T-1001", "csat"])
    page = survey_app.get(f"/s/{old}")
    assert page.status_code == 404
    assert "Ce lien n&#39;est pas ou plus valable." in page.text


def test_a_comment_is_shown_as_text(cli, survey_app, tmp_path):
    path = link(cli, tmp_path, "ces")
    survey_app.post(path, data={"score": "6", "comment": "<script>alert(1)</script>"})
    timeline = json.loads(cli("customer", "C-17", "--json").stdout)
    assert timeline["entries"][0]["surveys"] == {"ces": 6}


def test_answers_from_a_link_survive_a_reimport(cli, survey_app, tmp_path):
    survey_app.post(link(cli, tmp_path), data={"score": "2"})
    changed = write_jsonl(
        tmp_path / "changed.jsonl",
        [
            interaction(
                status="closed", surveys=[{"kind": "csat", "score": 5}, {"kind": "nps", "score": 9}]
            )
        ],
    )
    assert json.loads(cli("import", str(changed), "--json").stdout)["updated"] == 1
    timeline = json.loads(cli("customer", "C-17", "--json").stdout)
    assert timeline["entries"][0]["surveys"] == {"csat": 2, "nps": 9}  # the customer's own csat


def test_answers_from_a_csv_file(cli, survey_app, tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "\ufeffinteraction_id;kind;score;at;comment\n"
        "T-1001;nps;10;2026-10-02T09:00:00+02:00;Très bien\n"
        "T-1001;nps;3;;second answer\n"
        "T-9999;csat;4;;\n"
        "T-1001;csat;9;;\n",
        encoding="utf-8",
    )
    result = json.loads(cli("survey", "import", str(answers), "--json").stdout)
    assert (result["imported"], result["already_answered"]) == (1, 1)
    assert result["rejected"] == [
        {"line": 4, "reason": "interaction_id: no interaction 'T-9999'"},
        {"line": 5, "reason": "score: csat answers go from 1 to 5, not 9"},
    ]
