"""The consistency page: the kept report's index, heat maps with their numbers (small cells
greyed, not compared), the divergences with their evidence; computing it again on request; what
a team lead may open; text from the data always escaped."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from tests.web.conftest import sign_in
from tests.web.divergent import WRONG
from unisono.accounts.users import create_user, find_user
from unisono.consistency.models import StoredReport
from unisono.consistency.store import kept_report
from unisono.core.changes import bump_data_version
from unisono.core.clock import utcnow
from unisono.core.db import make_engine, session_scope


def _report(url: str) -> dict:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return kept_report(session=session).report
    finally:
        engine.dispose()


def test_the_page_shows_the_index_heat_maps_and_divergences(web, seeded_url):
    report = _report(seeded_url)
    sign_in(web, "qualite")
    page = web.get("/consistency").text
    assert f'<div class="big">{round(report["index"]["value"])}<small>' in page
    # every cell of the channel map is there, its number written (small ones greyed, no number)
    heat = re.search(r'<table class="heatmap" id="heat-channel">(.*?)</table>', page, re.S).group(1)
    cells = report["heatmaps"]["reason_channel"]["cells"]
    drawn = re.findall(r'<td class="cell (\w+)"[^>]*>\s*<span class="score">([^<]*)</span>', heat)
    assert len(drawn) == len(cells)
    for (band, number), cell in zip(drawn, _in_page_order(report, cells), strict=True):
        if cell["small_sample"]:
            assert (band, number) == ("small", "·")
        else:
            assert number == str(round(cell["consistency"]))
            assert band.startswith("c")
    assert 'id="heat-team"' in page
    # the planted divergence, first, with its numbers and evidence
    first = report["divergences"][0]
    assert (first["metric"], first["group"]["team"]) == ("fact_contradictions", "N1-Nantes")
    block = page[page.index('id="divergence-1"') : page.index('id="divergence-2"')]
    assert "l’équipe N1-Nantes sur E-mail" in block
    assert f"« {WRONG} »" in block
    assert "delai_enquete_transporteur = « 5 jours ouvrés »" in block
    assert "la bible dit « 48 heures »" in block
    examples = re.findall(r'<a href="/interactions/(D-\d+)">', block)
    assert examples
    assert all(e["interaction_id"] in examples for e in first["examples"])
    assert web.get(f"/interactions/{examples[0]}").status_code == 200


def _in_page_order(report: dict, cells: list[dict]) -> list[dict]:
    heat = report["heatmaps"]["reason_channel"]
    rows, columns = heat["rows"], heat["columns"]
    return sorted(cells, key=lambda c: (rows.index(c["reason"]), columns.index(c["channel"])))


def test_out_of_date_reports_say_so_and_managers_compute_again(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        bump_data_version(session.connection())
    engine.dispose()
    csrf = sign_in(web, "qualite")
    assert "avant les derniers changements des données" in web.get("/consistency").text
    answer = web.post("/consistency/compute", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 303
    page = web.get(answer.headers["location"]).text
    assert "Calculé sur les données actuelles." in page
    assert "avant les derniers changements des données" not in page


def test_a_team_lead_reads_it_without_opening_other_teams_interactions(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        team = find_user(session=session, username="equipe").team
    engine.dispose()
    assert team != "N1-Nantes"
    csrf = sign_in(web, "equipe")
    page = web.get("/consistency").text
    block = page[page.index('id="divergence-1"') : page.index('id="divergence-2"')]
    assert "D-0" in block  # quoted
    assert '<a href="/interactions/D-0' not in block  # but not linked: not their team's
    refused = web.post("/consistency/compute", data={"csrf_token": csrf}, follow_redirects=False)
    assert refused.status_code == 403
    assert "Recalculer maintenant" not in page


def test_text_from_the_data_is_escaped(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        row = session.scalars(select(StoredReport)).one()
        report = dict(row.report)
        divergence = dict(report["divergences"][0])
        divergence["reason_label"] = "<script>alert('label')</script>"
        divergence["examples"] = [
            {**divergence["examples"][0], "quote": "<img src=x onerror=alert(1)>"}
        ]
        report["divergences"] = [divergence, *report["divergences"][1:]]
        session.execute(update(StoredReport).values(report=report))
    engine.dispose()
    sign_in(web, "admin")
    for page in (web.get("/consistency").text, web.get("/").text):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in page
    assert "<img src=x" not in web.get("/consistency").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in web.get("/consistency").text


def test_before_any_interaction_the_page_says_how_to_get_one(client, cli):
    engine = make_engine(cli.db_url)
    with session_scope(engine) as session:
        create_user(session=session, username="qm", password="a-long-password",
                    role="quality_manager", now=utcnow())  # fmt: skip
    engine.dispose()
    sign_in(client, "qm", "a-long-password")
    for page in (client.get("/consistency").text, client.get("/").text):
        assert 'class="big"' not in page
        assert "Rien à mesurer pour l’instant" in page
