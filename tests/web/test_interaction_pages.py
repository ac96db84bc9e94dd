"""The interactions' pages: filters and pages computed in SQL, findings highlighted where they
are, customer text always escaped, and each reader kept to their scope."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.interactions.factories import interaction
from tests.web.conftest import sign_in
from unisono.accounts.users import find_user
from unisono.audit.models import Finding
from unisono.core.db import make_engine, session_scope
from unisono.interactions import models as hub
from unisono.language.models import InteractionLanguage

ROW = re.compile(r'<a href="/interactions/([^"]+)">')


def _ids(html: str) -> list[str]:
    return ROW.findall(html)


def _count(url: str, *conditions) -> int:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return (
                session.scalar(select(func.count()).select_from(hub.Interaction).where(*conditions))
                or 0
            )
    finally:
        engine.dispose()


def test_filters_and_pages_match_the_database(web, seeded_url):
    sign_in(web, "qualite")
    page = web.get("/interactions?channel=email").text
    total = _count(seeded_url, hub.Interaction.channel_id == "email")
    assert f"{total} interactions" in page.replace("\u202f", " ").replace("\xa0", " ")
    first = _ids(page)
    assert len(first) == 25
    second = _ids(web.get("/interactions?channel=email&page=2").text)
    assert second
    assert not set(first) & set(second)
    for interaction_id in first[:3]:
        assert "E-mail ·" in web.get(f"/interactions/{interaction_id}").text


def test_finding_and_score_filters(web, seeded_url):
    sign_in(web, "qualite")
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        with_breach = set(
            session.scalars(
                select(hub.Interaction.external_id)
                .join(Finding, Finding.interaction_id == hub.Interaction.id)
                .where(Finding.kind == "sla_breach")
            )
        )
    engine.dispose()
    shown = _ids(web.get("/interactions?finding=sla_breach").text)
    assert shown
    assert set(shown) <= with_breach
    low = web.get("/interactions?max_score=40").text
    scores = [int(s) for s in re.findall(r'<td class="num">(\d+)</td></tr>', low)]
    assert scores
    assert max(scores) <= 40


def test_an_interaction_shows_its_findings_where_they_are(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        finding, external_id = session.execute(
            select(Finding, hub.Interaction.external_id)
            .join(hub.Interaction, hub.Interaction.id == Finding.interaction_id)
            .where(Finding.kind == "fact_contradiction", Finding.start.is_not(None))
            .limit(1)
        ).one()
        message = session.get(hub.Interaction, finding.interaction_id).messages[finding.message]
        quoted = message["text"][finding.start : finding.end]
    engine.dispose()
    sign_in(web, "qualite")
    page = web.get(f"/interactions/{external_id}").text
    marks = re.findall(r'<mark class="finding"[^>]*>(.*?)<sup>', page, re.S)
    assert any(quoted.replace("'", "&#39;") in mark for mark in marks)
    assert "Fait contraire à la bible" in page
    assert "Standard applicable" in page


def test_customer_text_is_shown_as_text_never_run(web, cli_nodb, seeded_url):
    record = interaction(
        id="T-XSS",
        agent=None,
        team=None,
        messages=[
            {
                "from": "customer",
                "at": "2026-11-20T09:00:00+01:00",
                "text": "<script>alert('pwned')</script> <img src=x onerror=alert(1)>",
            }
        ],
        customer={"id": "C-XSS", "name": "<b>Eve</b>"},
        reason=None,
        channel="email",
    )
    created = cli_nodb("token", "create", "xss", "--json", "--db", seeded_url)
    token = re.search(r'"token": "([^"]+)"', created.stdout).group(1)
    answer = web.post(
        "/api/v1/interactions", json=record, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 201, answer.text
    sign_in(web, "admin")
    for page in (web.get("/interactions/T-XSS").text, web.get("/customers/C-XSS").text):
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<b>Eve" not in page
        assert (
            "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
            or "&lt;script&gt;" in page
        )


def test_an_agent_sees_only_their_own_interactions(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        agent = find_user(session=session, username="conseiller").agent
        own = _count(seeded_url, hub.Interaction.agent.has(hub.Agent.external_id == agent))
        other = session.scalar(
            select(hub.Interaction.external_id)
            .where(~hub.Interaction.agent.has(hub.Agent.external_id == agent))
            .limit(1)
        )
    engine.dispose()
    sign_in(web, "conseiller")
    page = web.get("/interactions").text
    assert f"{own} interactions" in page.replace("\u202f", " ")
    assert web.get(f"/interactions/{other}").status_code == 404
    assert web.get(f"/api/v1/interactions/{other}").status_code == 404
    assert (
        web.get(f"/interactions?agent=someone-else&q={other}").text.count("/interactions/T-") == 0
    )


def test_a_team_lead_sees_their_team_and_its_customers_only(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        team = find_user(session=session, username="equipe").team
        mine = _count(seeded_url, hub.Interaction.team.has(hub.Team.name == team))
        customer_id, customer = session.execute(
            select(hub.Customer.id, hub.Customer.external_id)
            .join(hub.Interaction)
            .where(hub.Interaction.team.has(hub.Team.name == team))
            .where(
                hub.Customer.id.in_(
                    select(hub.Interaction.customer_id).where(
                        ~hub.Interaction.team.has(hub.Team.name == team)
                    )
                )
            )
            .limit(1)
        ).one()
    engine.dispose()
    theirs = _count(
        seeded_url,
        hub.Interaction.customer_id == customer_id,
        hub.Interaction.team.has(hub.Team.name == team),
    )
    sign_in(web, "equipe")
    page = web.get("/interactions").text
    assert f"{mine} interactions" in page.replace("\u202f", " ")
    timeline = web.get(f"/customers/{customer}").text
    assert len(_ids(timeline)) == theirs  # their team's contacts, not the customer's others
    metrics = web.get("/api/v1/metrics?by=team").json()
    assert [group["key"] for group in metrics["groups"]] == [team]


def test_sentiment_signal_and_reason_origin_filters(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        mood = InteractionLanguage
        ids = select(hub.Interaction.external_id).join(
            mood, mood.interaction_id == hub.Interaction.id
        )
        negative = set(session.scalars(ids.where(mood.sentiment == -1)))
        leaving = set(session.scalars(ids.where(mood.churn_threat.is_(True))))
        classified = _count(seeded_url, hub.Interaction.reason_origin == "classified")
        angry = session.scalar(ids.where(mood.sentiment == -1, mood.churn_threat.is_(True)))
    engine.dispose()
    assert negative
    assert leaving
    sign_in(web, "qualite")
    page = web.get("/interactions?sentiment=negative").text
    assert f"{len(negative)} interactions" in page.replace("\u202f", " ")
    assert set(_ids(page)) <= negative
    assert '<span class="mood negative">négatif</span>' in page
    page = web.get("/interactions?signal=churn_threat").text
    assert set(_ids(page)) <= leaving
    count = re.search(r"([\d\u202f]+) interactions?", page).group(1).replace("\u202f", "")
    assert int(count) == len(leaving)
    page = web.get("/interactions?origin=classified").text.replace("\u202f", " ")
    assert f"{classified} interaction" in page
    assert web.get("/interactions?signal=nonsense").status_code == 200  # ignored, not an error
    detail = web.get(f"/interactions/{angry}").text
    assert "Humeur du client" in detail
    assert '<span class="mood signal">menace de partir</span>' in detail


def test_the_most_specific_standard_comes_first(web):
    sign_in(web, "qualite")
    page = web.get("/interactions/D-0001").text
    titles = re.findall(r'<h2><a href="/bible/standards/([^"?]+)\?version=\d+">', page)
    assert titles[0] == "livraison-retard"  # before the transversal ones, whatever their ids
    assert "gestes-commerciaux" in titles
    assert "résolue" in page
