"""`metrics --json` on generated data equals a computation written here from the definitions
alone (plain Python and numpy on the JSON Lines file), to the last digit."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict

import numpy as np
import pytest

from unisono.bible.loader import read_bible
from unisono.demo.generator import generate, write_jsonl
from unisono.demo.service import demo_bible_path

WINDOW = 7 * 86_400
Z = 1.959963984540054


def seconds(text: str) -> int:
    return int(dt.datetime.fromisoformat(text).timestamp())


def sla_rules(kind: str) -> list[tuple]:
    """(standard id, section, reasons, channels, target channel, seconds) of every published
    standard's targets."""
    rules = []
    for standard in read_bible(demo_bible_path()).standards:
        doc = standard.doc
        if doc.status != "published" or doc.section not in ("processes", "communication"):
            continue
        for channel, target in ((getattr(doc.sla, kind) if doc.sla else None) or {}).items():
            rules.append(
                (
                    doc.id,
                    doc.section,
                    tuple(doc.reasons),
                    tuple(doc.channels) if doc.channels else None,
                    None if channel == "*" else channel,
                    int(target.total_seconds()),
                )
            )
    return rules


def target(rules, reason: str | None, channel: str) -> int | None:
    def covers(rule_reason: str) -> bool:
        return reason is not None and (
            reason == rule_reason or reason.startswith(rule_reason + ".")
        )

    candidates = []
    for standard_id, section, reasons, channels, own, limit in rules:
        if (reasons and not any(covers(r) for r in reasons)) or (
            channels and channel not in channels
        ):
            continue
        if own not in (None, channel):
            continue
        depth = max((r.count(".") + 1 for r in reasons if covers(r)), default=0)
        # processes first, the deepest reason, the fewest reasons named, by id; own channel first
        order = (section != "processes", -depth, len(reasons), standard_id, own is None)
        candidates.append((order, limit))
    return min(candidates)[1] if candidates else None


def expected(records: list[dict]) -> dict:
    """Every metric of the overall report, from the definitions."""
    surveys = {
        kind: [s["score"] for r in records for s in r["surveys"] if s["kind"] == kind]
        for kind in ("nps", "csat", "ces")
    }
    nps = surveys["nps"]
    p, d = sum(s >= 9 for s in nps) / len(nps), sum(s <= 6 for s in nps) / len(nps)
    value = 100 * (p - d)
    half = Z * math.sqrt(100**2 * (p + d - (p - d) ** 2) / len(nps))
    first_response, resolution, sla_first, sla_resolution = [], [], [], []
    rules = {kind: sla_rules(kind) for kind in ("first_response", "resolution")}
    for record in records:
        opened = seconds(record["opened_at"])
        agent = [seconds(m["at"]) for m in record["messages"] if m["from"] == "agent"]
        waited = min(agent) - opened if agent else None
        took = seconds(record["resolved_at"]) - opened if record.get("resolved_at") else None
        if waited is not None:
            first_response.append(waited)
        if took is not None:
            resolution.append(took)
        for took_s, kind, into in (
            (waited, "first_response", sla_first),
            (took, "resolution", sla_resolution),
        ):
            limit = target(rules[kind], record.get("reason"), record["channel"])
            if limit is not None and took_s is not None:
                into.append(took_s <= limit)
    first_contacts, successes, repeats, with_reason = _fcr(records)
    return {
        "volume": len(records),
        "nps": (value, [value - half, value + half], len(nps)),
        "csat": (
            100 * sum(s >= 4 for s in surveys["csat"]) / len(surveys["csat"]),
            sum(surveys["csat"]) / len(surveys["csat"]),
        ),
        "ces": (
            sum(surveys["ces"]) / len(surveys["ces"]),
            100 * sum(s >= 5 for s in surveys["ces"]) / len(surveys["ces"]),
        ),
        "fcr": (100 * successes / first_contacts, first_contacts),
        "repeat_contacts": (100 * repeats / with_reason, with_reason),
        "first_response_time": (
            float(np.percentile(first_response, 50)),
            float(np.percentile(first_response, 90)),
            len(first_response),
        ),
        "resolution_time": (
            float(np.percentile(resolution, 50)),
            float(np.percentile(resolution, 90)),
            len(resolution),
        ),
        "sla": (
            100 * sum(sla_first) / len(sla_first),
            100 * sum(sla_resolution) / len(sla_resolution),
        ),
    }


def _fcr(records: list[dict]) -> tuple[int, int, int, int]:
    by_pair = defaultdict(list)
    for record in records:
        if record.get("reason"):
            by_pair[(record["customer"]["id"], record["reason"])].append(record)
    first_contacts = successes = repeats = 0
    for contacts in by_pair.values():
        contacts.sort(key=lambda r: (seconds(r["opened_at"]), r["id"]))
        times = [seconds(r["opened_at"]) for r in contacts]
        for index, record in enumerate(contacts):
            repeat = index > 0 and times[index] - times[index - 1] <= WINDOW
            followed = index + 1 < len(times) and times[index + 1] - times[index] <= WINDOW
            repeats += repeat
            if not repeat:
                first_contacts += 1
                successes += record["status"] in ("resolved", "closed") and not followed
    with_reason = sum(len(c) for c in by_pair.values())
    return first_contacts, successes, repeats, with_reason


@pytest.fixture
def generated(cli, tmp_path):
    bible = read_bible(demo_bible_path())
    records = list(generate(bible, interactions=4000, seed=11, end=dt.date(2026, 11, 30)))
    path = tmp_path / "generated.jsonl"
    with path.open("wb") as out:
        write_jsonl(records, out)
    assert cli("bible", "load", str(demo_bible_path())).exit_code == 0
    assert json.loads(cli("import", str(path), "--json").stdout)["imported"] == 4000
    return records


def test_overall_metrics_match_the_definitions(cli, generated):
    report = json.loads(
        cli("metrics", "--since", "2026-01-01", "--until", "2026-12-31", "--json").stdout
    )
    want = expected(generated)
    assert report["volume"] == want["volume"]
    assert (report["nps"]["value"], report["nps"]["ci95"], report["nps"]["n"]) == want["nps"]
    assert (report["csat"]["value"], report["csat"]["mean"]) == want["csat"]
    assert (report["ces"]["mean"], report["ces"]["pct_easy"]) == want["ces"]
    assert (report["fcr"]["value"], report["fcr"]["n"]) == want["fcr"]
    assert (report["repeat_contacts"]["value"], report["repeat_contacts"]["n"]) == want[
        "repeat_contacts"
    ]
    for name in ("first_response_time", "resolution_time"):
        block = report[name]
        assert (block["median_s"], block["p90_s"], block["n"]) == want[name]
    assert (report["sla"]["first_response_met"], report["sla"]["resolution_met"]) == want["sla"]


def test_metrics_by_channel_match_the_definitions(cli, generated):
    report = json.loads(
        cli(
            "metrics", "--since", "2026-01-01", "--until", "2026-12-31", "--by", "channel", "--json"
        ).stdout
    )
    for group in report["groups"]:
        mine = [r for r in generated if r["channel"] == group["key"]]
        want = expected(mine)
        assert group["volume"] == want["volume"]
        assert (group["nps"]["value"], group["nps"]["n"]) == (want["nps"][0], want["nps"][2])
        for name in ("first_response_time", "resolution_time"):
            block = group[name]
            assert (block["median_s"], block["p90_s"], block["n"]) == want[name]
        assert (group["sla"]["first_response_met"], group["sla"]["resolution_met"]) == want["sla"]
