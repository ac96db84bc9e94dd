"""`unisono bible load`, `history`, `diff`, `show`: new versions for changes, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from unisono.bible import models


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def load(cli, bible: Path) -> dict:
    result = cli("bible", "load", str(bible), "--json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_first_load_creates_every_standard_with_its_parts(cli, minimal_bible, session):
    assert load(cli, minimal_bible) == {
        "created": ["remboursement-retard", "vision"],
        "updated": [],
        "unchanged": [],
        "archived": [],
        "bible_revision": 1,
    }
    version = session.scalars(
        select(models.StandardVersion).where(
            models.StandardVersion.standard_id == "remboursement-retard"
        )
    ).one()
    facts = {fact.name: (fact.base_value, fact.base_unit, fact.raw) for fact in version.facts}
    assert facts == {
        "delai_remboursement": (14 * 86400, "second", "14 jours"),
        "frais_de_retour": (0, "EUR", "0 EUR"),
    }
    slas = {(s.kind, s.channel_id): s.target_s for s in version.slas}
    assert slas == {
        ("first_response", "email"): 4 * 3600,
        ("first_response", "chat"): 120,
        ("resolution", None): 48 * 3600,
    }
    assert sorted(a.channel_id for a in version.answers) == ["chat", "email"]
    assert [r.reason_id for r in version.reasons] == ["livraison.retard"]
    assert [f.expression for f in version.forbidden] == ["ce n'est pas de notre faute"]
    assert version.required == ["greeting", "empathy", "solution", "closing"]
    assert str(version.next_review_on) == "2026-12-30"
    revision = session.scalars(select(models.BibleRevision)).one()
    assert [(f.expression, f.replacement) for f in revision.forbidden] == [
        ("pas de souci", "avec plaisir"),
        ("c'est la procédure", None),
    ]
    assert revision.fcr_window_s == 7 * 86400
    reasons = session.scalars(select(models.Reason).order_by(models.Reason.position)).all()
    assert [(r.id, r.parent_id, r.stage) for r in reasons] == [
        ("livraison", None, "after-sale"),
        ("livraison.retard", "livraison", "after-sale"),
        ("commande", None, "sale"),
        ("commande.annulation", "commande", "sale"),
    ]


def test_reloading_versions_only_what_changed(cli, minimal_bible, session):
    load(cli, minimal_bible)
    # comments and blank lines are not changes
    edit(minimal_bible / "processes/vision.md", "title: Notre vision", "title: Notre vision  # !")
    assert load(cli, minimal_bible)["unchanged"] == ["remboursement-retard", "vision"]
    edit(
        minimal_bible / "processes/remboursement-retard.md",
        "delai_remboursement: 14 jours",
        "delai_remboursement: 10 jours",
    )
    report = load(cli, minimal_bible)
    assert report["updated"] == [{"id": "remboursement-retard", "version": 2}]
    assert report["unchanged"] == ["vision"]
    assert report["bible_revision"] is None
    assert count(session, models.StandardVersion) == 3
    current = session.scalars(
        select(models.StandardVersion.version).where(
            models.StandardVersion.standard_id == "remboursement-retard",
            models.StandardVersion.valid_to.is_(None),
        )
    ).all()
    assert current == [2]

    history = json.loads(cli("bible", "history", "remboursement-retard", "--json").stdout)
    assert [(v["version"], v["changed"]) for v in history["versions"]] == [
        (1, ["created"]),
        (2, ["facts.delai_remboursement"]),
    ]
    assert history["versions"][0]["valid_to"] == history["versions"][1]["valid_from"]

    diff = json.loads(cli("bible", "diff", "remboursement-retard", "1", "2", "--json").stdout)
    assert diff["changes"] == [
        {"field": "facts.delai_remboursement", "before": "14 jours", "after": "10 jours"}
    ]
    text = cli("bible", "diff", "remboursement-retard", "1", "2").stdout
    assert "-  delai_remboursement: 14 jours\n+  delai_remboursement: 10 jours\n" in text

    shown = cli("bible", "show", "remboursement-retard", "--version", "1")
    assert "delai_remboursement: 14 jours" in shown.stdout


def test_a_bible_with_any_problem_loads_nothing(cli, minimal_bible, session):
    edit(minimal_bible / "processes/vision.md", "section: fundamentals", "section: vision")
    result = cli("bible", "load", str(minimal_bible))
    assert result.exit_code == 1
    assert "vision.md:4: section: 'vision' is not one of" in result.stderr
    assert count(session, models.StandardVersion) == 0
    assert count(session, models.BibleRevision) == 0
    assert count(session, models.Channel) == 0


def test_the_status_workflow_is_enforced_on_load(cli, minimal_bible, session):
    path = minimal_bible / "processes/vision.md"
    edit(path, "status: published", "status: draft")
    load(cli, minimal_bible)
    edit(path, "status: draft", "status: published")
    edit(
        minimal_bible / "processes/remboursement-retard.md",
        "frais_de_retour: 0 EUR",
        "frais_de_retour: 5 EUR",
    )
    result = cli("bible", "load", str(minimal_bible))
    assert result.exit_code == 1
    assert (
        f"{path}:6: status: a draft standard cannot become published (next: archived or review)"
        in result.stderr
    )
    assert count(session, models.StandardVersion) == 2  # the other change was not loaded either
    edit(path, "status: published", "status: review")
    assert load(cli, minimal_bible)["updated"] == [
        {"id": "remboursement-retard", "version": 2},
        {"id": "vision", "version": 2},
    ]
    edit(path, "status: review", "status: published")
    assert load(cli, minimal_bible)["updated"] == [{"id": "vision", "version": 3}]


def test_a_standard_whose_file_is_gone_is_archived(cli, minimal_bible, session):
    load(cli, minimal_bible)
    (minimal_bible / "processes/vision.md").unlink()
    assert load(cli, minimal_bible)["archived"] == ["vision"]
    history = json.loads(cli("bible", "history", "vision", "--json").stdout)
    assert [(v["version"], v["status"]) for v in history["versions"]] == [
        (1, "published"),
        (2, "archived"),
    ]
    assert load(cli, minimal_bible)["archived"] == []


def test_unknown_standard_and_version(cli, minimal_bible):
    load(cli, minimal_bible)
    result = cli("bible", "history", "nope")
    assert (result.exit_code, result.stderr) == (1, "error: no standard 'nope'\n")
    result = cli("bible", "diff", "vision", "1", "7")
    assert (result.exit_code, result.stderr) == (1, "error: no version 7 of standard 'vision'\n")


def test_commands_on_an_empty_database_say_what_to_do(cli_nodb, tmp_path, minimal_bible):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = cli_nodb("bible", "load", str(minimal_bible), "--db", url)
    assert result.exit_code == 1
    assert "has no Unisono tables yet: run `unisono init` first" in result.stderr
    assert cli_nodb("init", "--db", url).exit_code == 0
    assert cli_nodb("bible", "load", str(minimal_bible), "--db", url).exit_code == 0
