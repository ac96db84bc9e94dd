"""`unisono analyze` reads the customers' side in the same pass as the audit: reasons classified
for records without one (before the standards are chosen), mood and signals stored, metrics by
reason counting classified reasons; re-runs skip what is up to date."""

from __future__ import annotations

import json

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction, write_jsonl
from unisono.core.db import make_engine
from unisono.language.models import InteractionLanguage


def contact(number: int, said: str, *, reason: str | None = None, **overrides) -> dict:
    """An e-mail whose customer says ``said``, answered late (the standard's target is 4 h)."""
    record = interaction(
        id=f"T-{number}", opened_at="2026-10-01T08:00:00+00:00", resolved_at=None,
        status="open", surveys=[],
        messages=[
            {"from": "customer", "at": "2026-10-01T08:00:00+00:00", "text": said},
            {"from": "agent", "at": "2026-10-01T14:00:00+00:00", "text": "Bonjour, je regarde."},
            {"from": "customer", "at": "2026-10-01T14:05:00+00:00",
             "text": "Merci beaucoup pour votre aide !"},
        ],
        **overrides,
    )  # fmt: skip
    if reason is None:
        record.pop("reason")
    else:
        record["reason"] = reason
    return record


def rows(url: str, query: str) -> list[tuple]:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = [tuple(row) for row in connection.execute(text(query))]
    engine.dispose()
    return found


def test_reasons_classified_before_the_audit_and_kept_apart_from_imported_ones(cli, tmp_path):
    load_minimal_bible(cli, cli.db_url)
    records = [
        contact(1, "Mon colis devait arriver hier et toujours rien, c'est inadmissible !"),
        contact(2, "Quelle est la capitale de l'Australie ?"),
        contact(3, "Toujours rien reçu", reason="livraison.retard"),
    ]
    path = write_jsonl(tmp_path / "a.jsonl", records)
    assert cli("import", str(path)).exit_code == 0
    summary = json.loads(cli("analyze", "--json").stdout)
    assert summary["analyzed"] == 3
    assert summary["classified_reasons"] == {"livraison.retard": 1, "unknown": 1}
    stored = rows(cli.db_url, "SELECT external_id, reason_id, reason_origin, stage "
                              "FROM interactions ORDER BY external_id")  # fmt: skip
    assert stored == [
        ("T-1", "livraison.retard", "classified", "after-sale"),
        ("T-2", None, "classified", None),
        ("T-3", "livraison.retard", "record", "after-sale"),
    ]
    # the classified reason chose the standard: its SLA applies to T-1 as to T-3, not to T-2
    breaches = json.loads(cli("audit", "--kind", "sla_breach", "--json").stdout)
    assert {(f["interaction_id"], f["standard_id"]) for f in breaches} == {
        ("T-1", "remboursement-retard"), ("T-3", "remboursement-retard"),
    }  # fmt: skip
    engine = make_engine(cli.db_url)
    with Session(engine) as session:
        read = {r.interaction_id: r for r in session.scalars(select(InteractionLanguage))}
    engine.dispose()
    first, second, third = (read[i] for i in sorted(read))
    assert (first.reason, first.language) == ("livraison.retard", "fr")
    assert first.reason_confidence is not None
    assert first.reason_confidence >= 0.3
    assert (second.reason, third.reason, third.reason_confidence) == ("unknown", None, None)
    assert (first.first_sentiment, first.last_sentiment, first.mood_change) == (-1, 1, 2)
    assert (first.frustration, first.gratitude, first.churn_threat) == (True, True, False)
    assert [m["message"] for m in first.messages] == [0, 2]
    # metrics by reason count the classified reason with the imported one
    groups = json.loads(cli("metrics", "--by", "reason", "--since", "2026-09-01",
                            "--until", "2026-10-31", "--json").stdout)["groups"]  # fmt: skip
    volumes = {g["key"]: g["volume"] for g in groups}
    assert volumes.get("livraison.retard") == 2


def test_up_to_date_interactions_are_skipped_and_a_new_content_resets_the_reason(cli, tmp_path):
    load_minimal_bible(cli, cli.db_url)
    path = write_jsonl(tmp_path / "a.jsonl", [contact(1, "Mon colis a du retard, toujours rien")])
    cli("import", str(path))
    cli("analyze")
    assert json.loads(cli("analyze", "--json").stdout)["analyzed"] == 0
    assert rows(cli.db_url, "SELECT reason_id, reason_origin FROM interactions") == [
        ("livraison.retard", "classified")
    ]
    # the same interaction imported again with a reason: the record's reason wins
    cli(
        "import",
        str(write_jsonl(path, [contact(1, "Je veux annuler", reason="commande.annulation")])),
    )
    assert rows(cli.db_url, "SELECT reason_id, reason_origin FROM interactions") == [
        ("commande.annulation", "record")
    ]
    assert json.loads(cli("analyze", "--json").stdout)["analyzed"] == 1
    assert rows(cli.db_url, "SELECT reason FROM interaction_language") == [(None,)]


def test_worker_processes_classify_as_one_process_does_and_mend_a_broken_classifier(
    cli, databases, tmp_path, monkeypatch
):
    """On many interactions the writing process hands the classifier's file to the worker
    processes without reading it; a file that cannot be read is trained again, not trusted."""
    from unisono.audit import service  # noqa: PLC0415

    said = ["Mon colis devait arriver hier, toujours rien", "Quelle heure est-il à Sydney ?",
            "Le livreur n'est jamais passé", "Toujours pas de livraison"]  # fmt: skip
    records = [contact(n, said[n % 4]) for n in range(12)]
    serial = cli.db_url
    parallel = databases.like(serial)
    path = write_jsonl(tmp_path / "a.jsonl", records)
    for url in (serial, parallel):
        load_minimal_bible(cli, url)
        assert cli("import", str(path), "--db", url).exit_code == 0
    monkeypatch.setenv("UNISONO_DATA_DIR", str(tmp_path / "data"))
    alone = json.loads(cli("analyze", "--json", "--db", serial).stdout)["classified_reasons"]
    (kept,) = (tmp_path / "data" / "models").iterdir()
    kept.write_bytes(b"not a model")
    monkeypatch.setattr(service, "PARALLEL_FROM", 1)
    monkeypatch.setattr(service, "BATCH", 5)
    workers = json.loads(cli("analyze", "--json", "--db", parallel).stdout)["classified_reasons"]
    assert workers == alone
    assert alone["livraison.retard"] >= 6  # the delivery messages (one phrasing may miss)
    query = "SELECT external_id, reason_id FROM interactions ORDER BY external_id"
    assert rows(parallel, query) == rows(serial, query)
    assert kept.read_bytes() != b"not a model"  # the file the workers were given: mended
