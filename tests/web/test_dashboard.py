"""The dashboard: the period's figures are the metrics service's, scoped to the reader, in the
reader's language; the consistency index and the largest divergences come from the kept report,
said to be out of date when the data changed, and never a number when there is none."""

from __future__ import annotations

import datetime as dt
import json
import re

from sqlalchemy import delete

from tests.web.conftest import csrf_of, sign_in
from unisono.accounts.users import find_user
from unisono.consistency.models import StoredReport
from unisono.consistency.store import kept_report
from unisono.core.changes import bump_data_version
from unisono.core.db import make_engine, session_scope
from unisono.metrics.service import Filters, Query, last_day, metrics


def _metrics(url: str, filters: Filters | None = None, days: int = 30) -> dict:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            until = last_day(session=session)
            return metrics(
                session=session,
                query=Query(
                    until - dt.timedelta(days=days - 1), until, filters=filters or Filters()
                ),
            )
    finally:
        engine.dispose()


def _agent_of(url: str, username: str) -> str:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            user = find_user(session=session, username=username)
            assert user is not None
            assert user.agent is not None
            return user.agent
    finally:
        engine.dispose()


def _kpi(page: str, label: str) -> str:
    found = re.search(rf'<div class="label">{label}</div>\s*<div class="value">([^<]+)</div>', page)
    assert found is not None, label
    return found.group(1).replace("\u202f", " ").replace("\xa0", " ")


def test_the_dashboard_shows_the_period_metrics(web, seeded_url):
    sign_in(web, "direction")
    page = web.get("/?days=90").text
    expected = _metrics(seeded_url, days=90)
    assert _kpi(page, "Interactions") == f"{expected['volume']:,}".replace(",", " ")
    assert _kpi(page, "CSAT") == f"{round(expected['csat']['value'])} %"
    nps = expected["nps"]
    if nps["small_sample"]:  # never a bare number on a tiny sample
        assert '<div class="label">NPS</div>\n  <div class="value muted">—</div>' in page
    else:
        assert _kpi(page, "NPS") == str(round(nps["value"]))
    assert "Standards à revoir" in page
    chart = json.loads(
        re.search(
            r'<script type="application/json" id="trend-data">(.*?)</script>', page, re.S
        ).group(1)
    )
    assert len(chart["weeks"]) == 12
    assert sum(chart["volume"]) > 0


def test_an_agent_dashboard_counts_their_interactions_only(web, seeded_url):
    sign_in(web, "conseiller")
    page = web.get("/").text
    expected = _metrics(seeded_url, Filters(agent=_agent_of(seeded_url, "conseiller")))
    assert _kpi(page, "Interactions") == str(expected["volume"])
    assert "vos interactions" in page


def test_switching_to_english_changes_words_dates_and_numbers(web):
    csrf = sign_in(web, "qualite")
    french = web.get("/?days=90").text
    assert "Tableau de bord" in french
    assert "intervalle à 95" in french
    answer = web.post(
        "/account/language",
        data={"language": "en", "next": "/?days=90", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert answer.headers["location"] == "/?days=90"
    english = web.get("/?days=90").text
    assert "<h1>Dashboard</h1>" in english
    assert "95% interval" in english
    assert re.search(r"\b(Sep|Oct|Nov|Dec) \d+, 2026", english)  # dates the English way
    assert re.search(r"\d+ (sept|oct|nov|déc)\.? 2026", french)
    web.cookies.clear()
    sign_in(web, "qualite")
    assert "<h1>Dashboard</h1>" in web.get("/").text  # the choice is kept with the user
    assert csrf_of(web.get("/").text)


def _kept(url: str) -> dict:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            kept = kept_report(session=session)
            assert kept is not None
            return kept.report
    finally:
        engine.dispose()


def _card(page: str) -> str:
    found = re.search(
        r'<section class="card"[^>]*id="consistency-card">(.*?)</section>', page, re.S
    )
    assert found is not None
    return found.group(1)


def test_the_consistency_card_shows_the_kept_index_and_largest_divergences(web, seeded_url):
    report = _kept(seeded_url)
    sign_in(web, "direction")
    card = _card(web.get("/").text)
    index = report["index"]
    assert f'<span class="big">{round(index["value"])}<small> / 100</small>' in card
    low, high = (round(v) for v in index["ci95"])
    assert f"intervalle à 95 % {low}–{high}" in card.replace("\xa0", " ")
    assert "perdus entre canaux" in card
    assert "entre conseillers" in card
    links = re.findall(r'href="/consistency#divergence-(\d+)">([^<]+)</a>', card)
    shown = report["divergences"][:5]
    assert shown  # the seeded demo has its planted divergences
    assert [(int(n), label) for n, label in links] == [
        (d["rank"], d["reason_label"].replace("'", "&#39;")) for d in shown
    ]
    assert "avant les derniers changements" not in card  # up to date


def test_the_card_says_when_the_data_changed_and_agents_do_not_get_it(web, seeded_url, tmp_path):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        bump_data_version(session.connection())  # as an import or a survey answer would
    engine.dispose()
    sign_in(web, "qualite")
    card = _card(web.get("/").text)
    assert "avant les derniers changements des données" in card
    assert "unisono analyze" in card
    web.cookies.clear()
    sign_in(web, "conseiller")
    assert 'id="consistency-card"' not in web.get("/").text


def test_without_a_kept_report_the_card_shows_no_number(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        session.execute(delete(StoredReport))
    engine.dispose()
    sign_in(web, "qualite")
    card = _card(web.get("/").text)
    assert 'class="big"' not in card
    assert "pas encore été calculé" in card
    assert "unisono analyze" in card
