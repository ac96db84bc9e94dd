"""Calibration in the pages: a quality manager creates a session on chosen interactions, each
auditor scores them blind, the report shows the agreement per criterion with poor agreement
flagged; closing it locks the reviews and shows the automatic values."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.web.conftest import sign_in
from unisono.core.db import make_engine, session_scope
from unisono.reviews.models import CalibrationSession, Review


def _score_all(web, csrf: str, session_id: int, items: list[str], values: dict[str, str]) -> None:
    """Score every interaction of the session with ``values`` (the rest not applicable)."""
    for item in items:
        answer = web.post(f"/calibration/{session_id}/reviews", follow_redirects=False,
                          data={"csrf_token": csrf, "interaction": item})  # fmt: skip
        assert answer.status_code == 303, answer.text
        review = answer.headers["location"]
        page = web.get(review).text
        assert "Calibration : notez seul" in page
        assert "automatique :" not in page  # blind: the automatic values are hidden
        assert "Constats de l’audit" not in page
        names = re.findall(r'<select name="value-([\w]+)"', page)
        fields = {f"value-{name}": values.get(name, "na") for name in names}
        done = web.post(review, data={**fields, "action": "submit", "csrf_token": csrf},
                        follow_redirects=False)  # fmt: skip
        assert done.status_code == 303, done.text


def test_a_calibration_session_from_creation_to_its_report(web, seeded_url):
    csrf = sign_in(web, "qualite")
    index = web.get("/calibration").text
    picks = re.findall(r'name="pick-([^"]+)"', index)
    assert len(picks) >= 4
    answer = web.post("/calibration", follow_redirects=False, data={
        "csrf_token": csrf, "name": "Décembre", f"pick-{picks[0]}": "1", f"pick-{picks[1]}": "1",
        "more": f"{picks[2]}, {picks[3]}"})  # fmt: skip
    assert answer.status_code == 303, answer.text
    session_id = int(answer.headers["location"].rsplit("/", 1)[1])
    page = web.get(f"/calibration/{session_id}").text
    assert "L’accord apparaît dès que deux évaluateurs" in page
    items = picks[:4]
    # two auditors agree on the greeting and disagree on the closing
    _score_all(web, csrf, session_id, items, {"accueil": "1.0", "conge": "1.0", "securite": "1.0"})
    web.cookies.clear()
    csrf = sign_in(web, "admin")
    assert web.get("/reviews/1").status_code == 404  # another auditor's, while the session is open
    closing = {"conge": "0.0"}
    _score_all(web, csrf, session_id, items, {"accueil": "1.0", "securite": "1.0", **closing})
    report = web.get(f"/calibration/{session_id}").text
    assert "2 évaluateurs ont rendu leurs notes" in report
    flagged = re.findall(
        r'<tr class="flagged"><td>([^<]+?) <span class="badge bad">accord faible', report
    )
    assert flagged == ["Prise de congé"]
    assert "Automatique et évaluateurs" not in report  # shown once closed
    web.cookies.clear()

    csrf = sign_in(web, "qualite")
    answer = web.post(f"/calibration/{session_id}/close", data={"csrf_token": csrf},
                      follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303
    closed = web.get(answer.headers["location"]).text
    assert "Session clôturée" in closed
    assert "Automatique et évaluateurs (AC1)" in closed
    engine = make_engine(seeded_url)
    with session_scope(engine) as session:
        reviews = list(session.scalars(select(Review)))
        calibration = session.scalars(select(CalibrationSession)).one()
    engine.dispose()
    assert {r.status for r in reviews} == {"locked"}
    assert {r.auditor for r in reviews} == {"qualite", "admin"}
    assert calibration.created_by == "qualite"


def test_who_may_create_read_and_score(web):
    csrf = sign_in(web, "direction")
    page = web.get("/calibration").text
    assert "Nouvelle session" not in page  # reads, does not create
    refused = web.post("/calibration", data={"csrf_token": csrf, "name": "x", "more": "a b"})
    assert refused.status_code == 403
    web.cookies.clear()
    csrf = sign_in(web, "qualite")
    too_few = web.post(
        "/calibration", data={"csrf_token": csrf, "name": "Seul", "more": "T-000001"}
    )
    assert too_few.status_code == 422
    assert "at least two interactions" in too_few.text
    unknown = web.post("/calibration", data={"csrf_token": csrf, "name": "X", "more": "nope, nada"})
    assert unknown.status_code == 422
    assert "no interaction &#39;nope&#39;" in unknown.text


def test_a_session_s_name_is_shown_as_text(web):
    csrf = sign_in(web, "qualite")
    picks = re.findall(r'name="pick-([^"]+)"', web.get("/calibration").text)
    asked = {"csrf_token": csrf, "name": "<script>alert(1)</script>", "more": " ".join(picks[:2])}
    answer = web.post("/calibration", follow_redirects=False, data=asked)
    assert answer.status_code == 303
    for page in (web.get(answer.headers["location"]).text, web.get("/calibration").text):
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
