"""`unisono bible check`: every problem reported as path:line: field: message, exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unisono.bible.loader import read_bible
from unisono.bible.source import InvalidBibleError

STANDARD = """\
---
id: {id}
title: Un standard
section: processes
reasons: [livraison.retard]
channels: [email, chat]
owner: qualite@example.com
status: published
review_every: 90d
reviewed_on: 2026-10-01
impact: Le client est servi plus vite.
---
Corps.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(InvalidBibleError) as raised:
        read_bible(folder)
    return [str(problem) for problem in raised.value.problems]


def test_the_minimal_bible_has_no_problems(cli_nodb, minimal_bible):
    result = cli_nodb("bible", "check", str(minimal_bible))
    assert result.exit_code == 0, result
    assert "no problems — 2 standards, 4 contact reasons, 4 channels" in result.stdout


def test_each_kind_of_problem_is_reported_at_its_line(minimal_bible):
    write(
        minimal_bible,
        "processes/errors.md",
        """\
---
id: erreurs
title: Plein d'erreurs
section: proceses
reasons: [livraison.inconnue]
channels: [email, fax]
owner: qualite@example.com
status: published
review_every: 90 jours
impact: Aucun.
facts:
  delai: bientôt
  frais: 14 jourz
sla: {first_response: {phone: 4h}}
answers:
  email: "Bonjour {client}, sous {delai}."
slas: {}
---
""",
    )
    write(minimal_bible, "processes/twin.md", STANDARD.format(id="vision"))
    found = problems_of(minimal_bible)
    path = minimal_bible / "processes"
    assert found == (
        [
            f"{path}/errors.md:4: section: 'proceses' is not one of: 'fundamentals', "
            "'communication', 'processes' or 'performance'",
            f"{path}/errors.md:5: reasons[0]: unknown contact reason 'livraison.inconnue' "
            "(known: commande, commande.annulation, livraison, livraison.retard)",
            f"{path}/errors.md:6: channels[1]: unknown channel 'fax' "
            "(known: chat, email, phone, social)",
            f"{path}/errors.md:9: review_every: bad duration '90 jours': write a number and a "
            "unit without a space (s, m, h, d or w), e.g. 30s, 2m, 4h, 5d, 1h30m",
            f"{path}/errors.md:12: facts.delai: cannot read 'bientôt' as a value: write a number "
            "and its unit, e.g. '14 jours', '4,90 EUR', '5 %', '3 colis', '5 EUR par jour'",
            f"{path}/errors.md:13: facts.frais: unknown unit 'jourz': did you mean 'jour'?",
            f"{path}/errors.md:17: slas: unknown field; did you mean 'sla'?",
            f"{path}/vision.md:2: id: duplicate standard id 'vision': also in {path}/twin.md:2",
        ]
    )


def test_problems_in_a_valid_shape_are_found_once_the_shape_is_right(minimal_bible):
    write(
        minimal_bible,
        "processes/scope.md",
        STANDARD.format(id="portee").replace(
            "---\nCorps",
            "sla: {first_response: {phone: 4h}}\n"
            'answers:\n  email: "Bonjour {client}, merci."\n'
            "---\nCorps",
        ),
    )
    found = problems_of(minimal_bible)
    path = minimal_bible / "processes/scope.md"
    assert found == [
        f"{path}:12: sla.first_response.phone: channel 'phone' is not one of the standard's: "
        "email, chat",
        f"{path}:14: answers.email: unknown placeholder {{client}} (known: agent_name, company, "
        "customer_name, delivery_date, order_id, ticket_id, tracking_number)",
    ]


def test_bible_yml_problems(minimal_bible):
    config = minimal_bible / "bible.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("fcr_window: 7d", "fcr_window: sept jours")
    text = text.replace('  mon: "08:00-20:00"', '  mon: "20:00-08:00"')
    text = text.replace("      - id: commande.annulation", "      - id: annulation")
    text = text.replace("language: fr", "language: de")
    config.write_text(text, encoding="utf-8")
    found = problems_of(minimal_bible)
    assert f"{config}:3: language: 'de' is not a valid id" not in found
    assert any(p.startswith(f"{config}:3: language:") for p in found)
    assert any(p.startswith(f"{config}:5: fcr_window: bad duration 'sept jours'") for p in found)
    assert any(p.startswith(f"{config}:9: business_hours.mon: bad opening hours") for p in found)
    assert (
        f"{config}:26: reasons[1].children[0].id: 'annulation' must extend its parent's id: "
        "commande.<name>" in found
    )


def test_malformed_yaml_points_at_the_broken_line(minimal_bible):
    standard = minimal_bible / "processes/vision.md"
    standard.write_text(
        standard.read_text(encoding="utf-8").replace("title: Notre vision", 'title: "Notre vision'),
        encoding="utf-8",
    )
    found = problems_of(minimal_bible)
    assert len(found) == 1
    assert found[0].startswith(f"{standard}:3: malformed YAML: found unexpected end of stream")


def test_a_standard_without_front_matter(minimal_bible):
    write(minimal_bible, "notes.md", "# Des notes\n")
    assert problems_of(minimal_bible) == [
        f"{minimal_bible}/notes.md:1: no front matter: a standard starts with a '---' line, "
        "its YAML fields, and another '---' line before the Markdown body"
    ]


def test_a_missing_folder_or_config(tmp_path, cli_nodb):
    result = cli_nodb("bible", "check", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert f"{tmp_path}/nowhere/bible.yml:1: no such folder" in result.stderr
    result = cli_nodb("bible", "check", str(tmp_path))
    assert f"{tmp_path}/bible.yml:1: no bible.yml: a bible folder has bible.yml at its root" in (
        result.stderr
    )


def test_check_reports_json_and_fails(cli_nodb, minimal_bible):
    standard = minimal_bible / "processes/vision.md"
    standard.write_text(
        standard.read_text(encoding="utf-8").replace("status: published", "status: publie"),
        encoding="utf-8",
    )
    result = cli_nodb("bible", "check", str(minimal_bible), "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["problems"] == [
        {
            "path": str(standard),
            "line": 6,
            "field": "status",
            "message": "'publie' is not one of: 'draft', 'review', 'published' or 'archived'",
        }
    ]


def test_two_standards_may_not_give_one_fact_different_values(minimal_bible):
    twin = STANDARD.format(id="autre").replace(
        "---\nCorps",
        "facts:\n  delai_remboursement: 2 semaines\n  frais_de_retour: 5 EUR\n---\nCorps",
    )
    write(minimal_bible, "processes/autre.md", twin)
    found = problems_of(minimal_bible)
    # "2 semaines" is the same value as "14 jours": only the fee contradicts
    original = minimal_bible / "processes/remboursement-retard.md"
    assert found == [
        f"{original}:15: facts.frais_de_retour: '0 EUR' contradicts '5 EUR' for the same fact in "
        f"{minimal_bible}/processes/autre.md:14"
    ]


def test_targets_belong_to_the_performance_section(minimal_bible):
    write(
        minimal_bible,
        "processes/cibles.md",
        STANDARD.format(id="cibles").replace("---\nCorps", "targets: {csat: 90 %}\n---\nCorps"),
    )
    path = minimal_bible / "processes/cibles.md"
    assert problems_of(minimal_bible) == [
        f"{path}:12: targets: targets belong to standards of the performance section"
    ]
