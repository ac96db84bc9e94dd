"""The consistency report kept for the web app: computed at the end of `unisono analyze`, the
same as `unisono consistency`, and out of date as soon as interactions, survey answers or
analysis results change — until the next analysis computes it again."""

from __future__ import annotations

import json

from tests.interactions.factories import write_jsonl
from tests.reviews.factories import analysed, bible_with_scorecard, late_parcels
from unisono.consistency.store import KeptReport, kept_report
from unisono.core.db import make_engine, session_scope


def _kept(url: str) -> KeptReport | None:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return kept_report(session=session)
    finally:
        engine.dispose()


def test_analyze_keeps_the_report_and_data_changes_outdate_it(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=10)
    kept = _kept(cli.db_url)
    assert kept is not None
    assert kept.up_to_date
    computed = json.loads(cli("consistency", "--json").stdout)
    assert kept.report["index"] == computed["index"]
    assert kept.report["divergences"] == computed["divergences"]

    assert cli("analyze").exit_code == 0  # nothing new: the kept report stays as it was
    assert _kept(cli.db_url).computed_at == kept.computed_at

    more = late_parcels(11)[-1:]  # one more interaction
    more[0]["id"] = "T-NEW"
    assert cli("import", str(write_jsonl(tmp_path / "more.jsonl", more))).exit_code == 0
    assert not _kept(cli.db_url).up_to_date
    answer = json.loads(cli("analyze", "--json").stdout)
    assert answer["analyzed"] == 1
    again = _kept(cli.db_url)
    assert again.up_to_date
    assert again.report["index"]["interactions"] == kept.report["index"]["interactions"] + 1
    assert answer["consistency_index"] == again.report["index"]["value"]


def test_a_survey_answer_alone_outdates_the_report(cli, tmp_path):
    analysed(cli, tmp_path, per_agent=3)
    assert _kept(cli.db_url).up_to_date
    answers = tmp_path / "answers.csv"
    answers.write_text("interaction_id,kind,score\nT-00001,nps,2\n", encoding="utf-8")
    assert cli("survey", "import", str(answers)).exit_code == 0
    assert not _kept(cli.db_url).up_to_date


def test_nothing_is_kept_without_interactions_or_when_asked_not_to(cli, tmp_path):
    assert cli("bible", "load", str(bible_with_scorecard(tmp_path))).exit_code == 0
    assert cli("analyze").exit_code == 0
    assert _kept(cli.db_url) is None  # a bible, no interaction: nothing to compute
    path = write_jsonl(tmp_path / "late.jsonl", late_parcels(2))
    assert cli("import", str(path)).exit_code == 0
    assert cli("analyze", "--no-consistency").exit_code == 0
    assert _kept(cli.db_url) is None
