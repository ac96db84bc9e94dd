"""Reviews in the pages: an auditor reviews an interaction on the scorecard (the automatic values
prefilled, a departure needs a reason), submits; the interaction's agent sees it and disputes; a
manager decides. Whoever acts is the signed-in user; each sees only the reviews of their scope."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.web.conftest import csrf_of, sign_in
from unisono.accounts.users import find_user
from unisono.audit.models import QaScore
from unisono.core.db import make_engine, session_scope
from unisono.interactions import models as hub
from unisono.reviews.models import Review


def _agents_interactions(url: str, count: int = 2) -> tuple[str, list[str], str]:
    """The demo agent's login, some of their scored interactions, and another agent's one."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            agent = find_user(session=session, username="conseiller").agent
            mine = select(hub.Interaction.external_id).join(hub.Agent).join(QaScore)
            own = list(session.scalars(mine.where(hub.Agent.external_id == agent).limit(count)))
            other = session.scalar(mine.where(hub.Agent.external_id != agent).limit(1))
            return agent, own, other
    finally:
        engine.dispose()


def _start(web, csrf: str, interaction: str) -> int:
    answer = web.post(
        f"/interactions/{interaction}/reviews", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    return int(answer.headers["location"].rsplit("/", 1)[1])


def _form(page: str) -> dict[str, str]:
    """The values the scorecard form sends as it is (the selected options, the reasons)."""
    form = page[
        page.index('id="scorecard-form"') : page.index("</form>", page.index('id="scorecard-form"'))
    ]
    fields = {}
    for name, options in re.findall(r'<select name="(value-[\w]+)".*?>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        fields[name] = chosen.group(1) if chosen else ""
    for name, value in re.findall(r'name="(reason-[\w]+)"[^>]*value="([^"]*)"', form):
        fields[name] = value
    return fields


def test_an_auditor_reviews_as_themselves_and_sees_the_score(web, seeded_url):
    _, own, _ = _agents_interactions(seeded_url)
    csrf = sign_in(web, "qualite")
    page = web.get(f"/interactions/{own[0]}").text
    assert "Évaluer cette interaction" in page
    number = _start(web, csrf, own[0])
    assert _start(web, csrf, own[0]) == number  # the same review again, not a second one
    page = web.get(f"/reviews/{number}").text
    assert f"Évaluation n° {number}" in page
    fields = _form(page)
    assert fields["value-securite"] == ""  # manual: to score
    automatic = fields["value-accueil"]
    departed = "0.0" if automatic != "0.0" else "1.0"
    # a departure from the automatic value without a reason is refused, nothing kept
    refused = web.post(f"/reviews/{number}", data={**fields, "value-accueil": departed,
                                                   "csrf_token": csrf})  # fmt: skip
    assert refused.status_code == 422
    assert "Accueil et salutation personnalisée : dites pourquoi" in refused.text
    # submitting before every criterion is scored: the values are kept, submitting waits
    fields |= {"value-accueil": departed, "reason-accueil": "Pas de « bonjour »"}
    waiting = web.post(f"/reviews/{number}", data={**fields, "action": "submit",
                                                   "csrf_token": csrf})  # fmt: skip
    assert waiting.status_code == 422
    assert "Notez d’abord chaque critère" in waiting.text
    assert "Sécurité et données personnelles" in waiting.text
    fields["value-securite"] = "1.0"
    done = web.post(f"/reviews/{number}", data={**fields, "action": "submit", "csrf_token": csrf},
                    follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    page = web.get(done.headers["location"]).text
    assert "Évaluation rendue." in page
    review = _review(seeded_url, number)
    assert (review.auditor, review.status) == ("qualite", "submitted")
    assert f'<div class="value" id="review-score">{round(review.score)}<small>' in page
    assert "Pas de « bonjour »" in page
    assert [e.actor for e in review.events] == ["qualite", "qualite", "qualite", "qualite"]


def _review(url: str, number: int) -> Review:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            review = session.get(Review, number)
            _ = review.events, review.criteria  # loaded before the session closes
            session.expunge(review)
            return review
    finally:
        engine.dispose()


def _submitted(web, csrf: str, interaction: str) -> int:
    number = _start(web, csrf, interaction)
    fields = _form(web.get(f"/reviews/{number}").text) | {"value-securite": "1.0"}
    answer = web.post(f"/reviews/{number}", data={**fields, "action": "submit", "csrf_token": csrf},
                      follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text
    return number


def test_the_agent_disputes_and_a_manager_decides(web, seeded_url):
    agent, own, other = _agents_interactions(seeded_url)
    csrf = sign_in(web, "qualite")
    first, second = _submitted(web, csrf, own[0]), _submitted(web, csrf, own[1])
    elsewhere = _submitted(web, csrf, other)
    web.cookies.clear()

    csrf = sign_in(web, "conseiller")
    listed = web.get("/reviews").text
    assert f'href="/reviews/{first}"' in listed
    assert f'href="/reviews/{elsewhere}"' not in listed
    assert web.get(f"/reviews/{elsewhere}").status_code == 404
    assert web.get(f"/api/v1/reviews/{elsewhere}").status_code == 404
    assert {r["id"] for r in web.get("/api/v1/reviews").json()} == {first, second}
    page = web.get(f"/reviews/{first}").text
    assert "Contester cette évaluation" in page
    why = "<b>J'ai bien salué</b> la cliente"
    answer = web.post(f"/reviews/{first}/dispute", follow_redirects=False,
                      data={"csrf_token": csrf, "why": why, "value-accueil": "1.0"})  # fmt: skip
    assert answer.status_code == 303
    page = web.get(f"/reviews/{first}").text
    assert "&lt;b&gt;J&#39;ai bien salué&lt;/b&gt; la cliente" in page
    web.post(f"/reviews/{second}/dispute", data={"csrf_token": csrf, "why": "Non",
                                                 "value-ton": "1.0"})  # fmt: skip
    refused = web.post(
        f"/reviews/{first}/decision", data={"csrf_token": csrf, "decision": "accepted"}
    )
    assert refused.status_code == 403  # an agent does not decide
    web.cookies.clear()

    csrf = sign_in(web, "direction")
    assert f'href="/reviews/{first}"' in web.get("/reviews?tab=disputed").text
    web.post(f"/reviews/{first}/decision", data={"csrf_token": csrf, "decision": "accepted",
                                                 "note": "Oui"})  # fmt: skip
    web.post(f"/reviews/{second}/decision", data={"csrf_token": csrf, "decision": "rejected"})
    accepted, rejected = _review(seeded_url, first), _review(seeded_url, second)
    assert accepted.status == "submitted"
    assert {c.criterion: c.value for c in accepted.criteria}["accueil"] == 1.0
    assert rejected.status == "locked"
    assert [e.actor for e in accepted.events][-2:] == [agent, "direction"]
    web.cookies.clear()

    csrf = sign_in(web, "conseiller")
    locked = web.get(f"/reviews/{second}").text
    assert "Contester cette évaluation" not in locked
    assert "rejetée : notes verrouillées" in locked
    again = web.post(f"/reviews/{second}/dispute", data={"csrf_token": csrf, "why": "Encore",
                                                         "value-ton": "1.0"})  # fmt: skip
    assert again.status_code == 422
    assert "locked" in again.text


def test_a_team_lead_sees_their_team_s_submitted_reviews_only(web, seeded_url):
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        team = find_user(session=session, username="equipe").team
        base = select(hub.Interaction.external_id).join(hub.Team).join(QaScore)
        theirs = session.scalar(base.where(hub.Team.name == team).limit(1))
        not_theirs = session.scalar(base.where(hub.Team.name != team).limit(1))
    engine.dispose()
    csrf = sign_in(web, "qualite")
    draft = _start(web, csrf, theirs)
    shown = _submitted(web, csrf, not_theirs)
    web.cookies.clear()
    sign_in(web, "equipe")
    assert web.get(f"/reviews/{draft}").status_code == 404  # a draft is the auditor's
    assert web.get(f"/reviews/{shown}").status_code == 404  # another team's
    page = web.get("/reviews").text
    assert "À faire" not in page
    assert f'href="/reviews/{shown}"' not in page


def test_the_month_s_sample_is_drawn_for_the_signed_in_auditor(web, seeded_url):
    csrf = sign_in(web, "qualite")
    assert "Échantillon du mois" in web.get("/reviews/sample").text
    answer = web.post("/reviews/sample", follow_redirects=False, data={
        "csrf_token": csrf, "per_agent": "2", "spotlight-negative_sentiment": "1",
        "per_spotlight": "3"})  # fmt: skip
    assert answer.status_code == 303
    drawn = int(re.search(r"drawn=(\d+)", answer.headers["location"]).group(1))
    page = web.get(answer.headers["location"]).text
    assert f"{drawn} évaluations vous sont attribuées." in page
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        reviews = list(session.scalars(select(Review)))
    engine.dispose()
    assert len(reviews) == drawn > 3
    assert {r.auditor for r in reviews} == {"qualite"}
    assert sum(r.sample == "spotlight:negative_sentiment" for r in reviews) == 3
    listed = set(re.findall(r'href="/reviews/(\d+)"', page))
    assert len(listed) == min(drawn, 50)
    assert drawn > 50
    second = web.get("/reviews?tab=todo&page=2").text
    rest = set(re.findall(r'href="/reviews/(\d+)"', second))
    assert len(rest) == min(drawn - 50, 50)
    assert not rest & listed
    assert "Page 2 sur" in second
    assert 'rel="prev"' in second
    bad = web.post("/reviews/sample", data={"csrf_token": csrf, "since": "2026-12-01",
                                            "until": "2026-11-01"})  # fmt: skip
    assert bad.status_code == 422
    assert "Rien n’a été modifié" in bad.text


def test_review_text_is_escaped_and_forms_need_their_token(web, seeded_url):
    _, own, _ = _agents_interactions(seeded_url, 1)
    csrf = sign_in(web, "qualite")
    number = _start(web, csrf, own[0])
    fields = _form(web.get(f"/reviews/{number}").text)
    fields |= {"value-securite": "0.0", "reason-securite": "<script>alert(1)</script>"}
    assert web.post(f"/reviews/{number}", data={**fields, "csrf_token": csrf}).status_code == 200
    page = web.get(f"/reviews/{number}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    forged = web.post(f"/reviews/{number}", data={**fields, "csrf_token": "forged"})
    assert forged.status_code == 403
    assert csrf_of(page) == csrf
