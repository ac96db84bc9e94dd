"""QA scores: weighted criteria, N/A criteria dropped, critical fails, scores with and without."""

from __future__ import annotations

import datetime as dt

from unisono.audit.checks.base import (
    AuditContext,
    BibleRules,
    Fact,
    Finding,
    Message,
    StandardRules,
)
from unisono.audit.scorecards import Criterion, Scorecard, score
from unisono.language.quantities import parse_quantity

CARD = Scorecard(
    "grille",
    1,
    (
        Criterion("accueil", "Accueil", 5, False, False, ("greeting",)),
        Criterion("exactitude", "Exactitude", 20, True, False, ("fact_contradiction",)),
        Criterion("empathie", "Empathie", 10, False, False, ("empathy", "apology")),
        Criterion("ton", "Ton", 10, False, False, ("formality", "forbidden_expression")),
        Criterion("script", "Script", 10, False, False, ("off_standard_answer",)),
        Criterion("securite", "Sécurité", 0, True, True, ()),
    ),
)
NOW = dt.datetime(2026, 10, 1, 8, tzinfo=dt.UTC)


def context(language: str = "fr") -> AuditContext:
    standard = StandardRules(
        "remboursement",
        1,
        "processes",
        "Remboursement",
        facts=(Fact("delai", "14 jours", parse_quantity("14 jours")),),
        required=("greeting", "empathy", "apology"),
    )
    return AuditContext(
        "T-1",
        "email",
        "livraison.retard",
        language,
        (Message(0, "agent", NOW, "Bonjour"),),
        (standard,),
        BibleRules("Exemple", "fr", "vous"),
        NOW,
    )


def found(kind: str, **detail: str) -> Finding:
    return Finding(kind, "remboursement", 1, "…", detail=detail)  # type: ignore[arg-type]


def test_a_clean_interaction_scores_100_and_na_criteria_drop_out():
    result = score(CARD, context(), [])
    # no approved answer for the channel: "script" is N/A; "securite" is manual: N/A for now
    assert result.criteria == {
        "accueil": 1.0,
        "exactitude": 1.0,
        "empathie": 1.0,
        "ton": 1.0,
        "script": None,
        "securite": None,
    }
    assert (result.score, result.score_without_critical, result.critical_failed) == (
        100,
        100,
        False,
    )


def test_partial_criteria_and_weights():
    result = score(
        CARD,
        context(),
        [found("missing_required", element="apology"), found("forbidden_expression")],
    )
    assert result.criteria["empathie"] == 0.5
    assert result.criteria["ton"] == 0.5
    # (5·1 + 20·1 + 10·0.5 + 10·0.5) / 45
    assert result.score == 100 * 35 / 45


def test_a_failed_critical_criterion_sets_the_score_to_zero_and_keeps_the_plain_one():
    result = score(CARD, context(), [found("fact_contradiction", fact="delai")])
    assert result.critical_failed
    assert result.score == 0.0
    assert result.score_without_critical == 100 * 25 / 45


def test_formality_does_not_apply_in_english():
    result = score(CARD, context("en"), [])
    assert result.criteria["ton"] == 1.0  # forbidden expressions still apply
    partial = score(CARD, context("en"), [found("forbidden_expression")])
    assert partial.criteria["ton"] == 0.0
