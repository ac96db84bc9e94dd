"""Each metric's definition (PRODUCT.md, docs/metrics.md) pinned on small hand-built cases,
through `unisono import` and `unisono metrics --json`, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest

from tests.conftest import FIXTURES
from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction, write_jsonl

Z = 1.959963984540054


def contact(number: int, *, opened: str, **overrides) -> dict:
    """An interaction of its own (customer C-<n>) unless overridden; no survey by default."""
    record = interaction(
        id=f"T-{number}",
        customer={"id": f"C-{number}"},
        opened_at=opened,
        resolved_at=None,
        status="open",
        surveys=[],
        messages=[],
    )
    record.update(overrides)
    return record


def at(day: int, clock: str = "10:00:00", offset: str = "+02:00") -> str:
    return f"2026-09-{day:02d}T{clock}{offset}"


@pytest.fixture
def measure(cli, tmp_path):
    """Import these interactions, then return `metrics --json` with these options."""
    load_minimal_bible(cli, cli.db_url)

    def run(records: list[dict], *options: str) -> dict:
        path = write_jsonl(tmp_path / "data.jsonl", records)
        imported = cli("import", str(path), "--json")
        assert json.loads(imported.stdout)["rejected"] == 0, imported
        result = cli(
            "metrics", "--since", "2026-01-01", "--until", "2026-12-31", "--json", *options
        )
        assert result.exit_code == 0, result
        return json.loads(result.stdout)

    return run


def survey(kind: str, score: int) -> list[dict]:
    return [{"kind": kind, "score": score}]


def test_no_answers_at_all(measure):
    report = measure([contact(1, opened=at(1))])
    assert report["volume"] == 1
    assert report["nps"] == {
        "value": None,
        "ci95": [None, None],
        "n": 0,
        "promoters": 0,
        "detractors": 0,
        "small_sample": True,
    }
    assert report["csat"]["value"] is None
    assert report["first_response_time"] == {
        "median_s": None,
        "p90_s": None,
        "n": 0,
        "small_sample": True,
    }


def test_nps_with_its_variance_and_interval(measure):
    scores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 10]  # 5 promoters, 3 detractors, n = 10
    report = measure(
        [contact(n, opened=at(1), surveys=survey("nps", s)) for n, s in enumerate(scores)]
    )
    p, d = 5 / 10, 3 / 10
    assert report["nps"]["value"] == 100 * (p - d)
    half = Z * math.sqrt(100**2 * (p + d - (p - d) ** 2) / 10)
    assert report["nps"]["ci95"] == [100 * (p - d) - half, 100 * (p - d) + half]
    assert (report["nps"]["promoters"], report["nps"]["detractors"], report["nps"]["n"]) == (
        5,
        3,
        10,
    )


def test_all_promoters(measure):
    report = measure(
        [contact(n, opened=at(1), surveys=survey("nps", 9 + n % 2)) for n in range(40)]
    )
    assert report["nps"]["value"] == 100.0
    assert report["nps"]["ci95"] == [100.0, 100.0]
    assert report["nps"]["small_sample"] is False


def test_csat_top_two_box_and_mean_ces_mean_and_easy(measure):
    records = [
        contact(
            n, opened=at(1), surveys=[{"kind": "csat", "score": c}, {"kind": "ces", "score": e}]
        )
        for n, (c, e) in enumerate([(5, 7), (4, 5), (3, 4), (1, 1)])
    ]
    report = measure(records)
    assert (report["csat"]["value"], report["csat"]["mean"], report["csat"]["n"]) == (50.0, 3.25, 4)
    assert (report["ces"]["mean"], report["ces"]["pct_easy"], report["ces"]["n"]) == (4.25, 50.0, 4)


def test_response_times_exclude_bots_and_cross_the_dst_change(measure):
    bot_only = contact(
        1,
        opened=at(1),
        messages=[
            {"from": "customer", "at": at(1), "text": "?"},
            {"from": "bot", "at": at(1, "10:00:05"), "text": "Bien reçu"},
        ],
    )
    # 01:30 summer time, answered at 02:30 winter time: two hours later, not one
    across = contact(
        2,
        opened="2026-10-25T01:30:00+02:00",
        messages=[{"from": "agent", "at": "2026-10-25T02:30:00+01:00", "text": "Bonjour"}],
    )
    report = measure([bot_only, across])
    assert report["first_response_time"]["n"] == 1
    assert report["first_response_time"]["median_s"] == 7200


def test_median_and_p90_are_exact(measure):
    waits = [60, 120, 180, 240, 300, 600, 3600, 7200, 86400, 7]
    records = [
        contact(
            n,
            opened=at(2),
            messages=[{"from": "agent", "at": at(2, f"10:{0:02d}:00"), "text": "x"}],
        )
        for n in range(len(waits))
    ]
    for record, wait in zip(records, waits, strict=True):
        opened = np.datetime64("2026-09-02T08:00:00") + np.timedelta64(wait, "s")
        record["messages"][0]["at"] = f"{opened}+00:00"
    report = measure(records)
    assert report["first_response_time"]["median_s"] == float(np.percentile(waits, 50))
    assert report["first_response_time"]["p90_s"] == float(np.percentile(waits, 90))


def test_a_missing_resolved_time_is_left_out(measure):
    resolved = contact(1, opened=at(3), resolved_at=at(3, "12:00:00"), status="resolved")
    open_one = contact(2, opened=at(3))
    report = measure([resolved, open_one])
    assert report["resolution_time"] == {
        "median_s": 7200.0,
        "p90_s": 7200.0,
        "n": 1,
        "small_sample": True,
    }


def test_a_repeat_contact_on_day_7_but_not_on_day_8(measure):
    done = {"status": "resolved", "resolved_at": None}
    records = [
        contact(1, opened=at(1), customer={"id": "A"}, **done),
        contact(2, opened=at(8), customer={"id": "A"}, **done),  # 7 days later: a repeat
        contact(3, opened=at(1), customer={"id": "B"}, **done),
        contact(4, opened=at(9), customer={"id": "B"}, **done),  # 8 days later: a first contact
    ]
    report = measure(records)
    # first contacts: T-1, T-3, T-4; T-1 was followed within 7 days: not resolved first time
    assert (report["fcr"]["n"], report["fcr"]["value"]) == (3, 100 * 2 / 3)
    assert (report["repeat_contacts"]["n"], report["repeat_contacts"]["value"]) == (4, 25.0)


def test_an_interaction_reopened_no_longer_counts_as_resolved(cli, measure, tmp_path):
    closed = contact(1, opened=at(1), status="resolved", resolved_at=at(1, "11:00:00"))
    assert measure([closed])["fcr"]["value"] == 100.0
    reopened = {**closed, "status": "open", "resolved_at": None}
    assert measure([reopened])["fcr"]["value"] == 0.0


def test_sla_against_the_standard_of_the_reason_and_channel(measure):
    # remboursement-retard (livraison.retard): first response e-mail 4h, chat 2m; resolution 48h
    def answered(number, channel, minutes, resolved_hours=None):
        reply = np.datetime64("2026-09-04T08:00:00") + np.timedelta64(minutes, "m")
        extra = {}
        if resolved_hours is not None:
            done = np.datetime64("2026-09-04T08:00:00") + np.timedelta64(resolved_hours, "h")
            extra = {"status": "resolved", "resolved_at": f"{done}+00:00"}
        return contact(
            number,
            opened="2026-09-04T08:00:00+00:00",
            channel=channel,
            messages=[{"from": "agent", "at": f"{reply}+00:00", "text": "x"}],
            **extra,
        )

    report = measure(
        [
            answered(1, "email", 239, 47),
            answered(2, "email", 241, 49),
            answered(3, "chat", 1),
            answered(4, "chat", 3),
            answered(5, "phone", 5),
        ]
    )
    sla = report["sla"]
    # phone has no first-response target: 4 decided, 2 met; resolution: 2 decided, 1 met
    assert (sla["first_response_met"], sla["first_response_n"]) == (50.0, 4)
    assert (sla["resolution_met"], sla["resolution_n"]) == (50.0, 2)


def test_an_agent_who_wrote_before_the_opening_answered_at_once(measure):
    # an outbound call logged after its first agent message: no negative time, no crash
    record = contact(
        1,
        opened="2026-09-01T10:00:00+02:00",
        resolved_at="2026-09-01T11:00:00+02:00",
        status="resolved",
        messages=[{"from": "agent", "at": "2026-08-30T09:00:00+02:00", "text": "Bonjour"}],
    )
    for options in ((), ("--business-hours",)):
        report = measure([record], *options)
        assert report["first_response_time"]["median_s"] == 0
        assert report["first_response_time"]["n"] == 1


def test_business_hours(measure):
    # no business hours in the minimal bible for Wednesday: Tue 19:00 → Thu 09:00 is 1 hour
    # (Tuesday 19:00-20:00 in the bible), Thursday is closed too
    record = contact(
        1,
        opened="2026-09-01T19:00:00+02:00",
        messages=[{"from": "agent", "at": "2026-09-03T09:00:00+02:00", "text": "x"}],
    )
    assert measure([record], "--business-hours")["first_response_time"]["median_s"] == 3600.0


def test_groups_filters_and_series(measure):
    records = [
        contact(
            n,
            opened=at(1 + n % 20),
            channel=("email", "chat")[n % 2],
            reason=("livraison.retard", "commande.annulation")[n % 3 == 0],
        )
        for n in range(60)
    ]
    by_channel = measure(records, "--by", "channel")["groups"]
    assert [(g["key"], g["volume"]) for g in by_channel] == [("chat", 30), ("email", 30)]
    filtered = measure(records, "--reason", "livraison")
    assert filtered["volume"] == 40
    assert filtered["filters"] == {"reason": "livraison"}
    weeks = measure(records, "--by", "week")["groups"]
    assert [g["key"] for g in weeks] == ["2026-08-31", "2026-09-07", "2026-09-14"]
    assert sum(g["volume"] for g in weeks) == 60
    assert all(g["small_sample"] for g in weeks)


def test_retention_and_churn(cli, measure):
    records = [
        contact(1, opened="2026-03-10T10:00:00+01:00", customer={"id": "A"}),  # churns
        contact(2, opened="2026-08-15T10:00:00+02:00", customer={"id": "B"}),  # stays
        contact(3, opened="2026-09-10T10:00:00+02:00", customer={"id": "C"}),  # new
    ]
    measure(records)
    result = cli(
        "metrics", "--since", "2026-09-01", "--until", "2026-09-30", "--retention", "--json"
    )
    kept = json.loads(result.stdout)["retention"]
    # active at the start: A and B (within 180 days); at the end: B and C; new: C
    assert kept == {
        "value": 50.0,
        "churn": 50.0,
        "customers_at_start": 2,
        "customers_at_end": 2,
        "new_customers": 1,
        "active_within_days": 180,
    }


def test_a_new_version_of_a_standard_is_measured_against_from_then_on(cli, measure, tmp_path):
    # an e-mail answered after 3 hours meets the 4-hour target of remboursement-retard …
    record = contact(
        1,
        opened="2026-09-04T08:00:00+00:00",
        channel="email",
        messages=[{"from": "agent", "at": "2026-09-04T11:00:00+00:00", "text": "x"}],
    )
    assert measure([record])["sla"]["first_response_met"] == 100.0
    # … a stricter version loaded now applies to contacts from now on, not to this one
    bible = tmp_path / "bible"
    shutil.copytree(FIXTURES / "bible-minimal", bible)
    standard = bible / "processes" / "remboursement-retard.md"
    standard.write_text(
        standard.read_text(encoding="utf-8").replace("email: 4h", "email: 1h"), encoding="utf-8"
    )
    assert cli("bible", "load", str(bible)).exit_code == 0
    report = json.loads(
        cli("metrics", "--since", "2026-01-01", "--until", "2026-12-31", "--json").stdout
    )
    assert report["sla"]["first_response_met"] == 100.0
    later = contact(
        2,
        opened="2027-01-04T08:00:00+00:00",
        channel="email",
        messages=[{"from": "agent", "at": "2027-01-04T11:00:00+00:00", "text": "x"}],
    )
    path = write_jsonl(tmp_path / "later.jsonl", [later])
    assert json.loads(cli("import", str(path), "--json").stdout)["imported"] == 1
    report = json.loads(
        cli("metrics", "--since", "2027-01-01", "--until", "2027-01-31", "--json").stdout
    )
    assert report["sla"]["first_response_met"] == 0.0
