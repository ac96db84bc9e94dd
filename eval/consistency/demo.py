"""The consistency index on the demo data, against the generator's ground truth: the teams that
state a fact wrongly as a team (docs/demo-data.md) — are they the divergences found?

Generates the demo interactions with their truth, imports and analyses them in a fresh SQLite
database, runs `unisono consistency`, and lists every planted team divergence of the period (a
reason × team × channel with at least 30 interactions, 10 % of them or more with the team's wrong
value) with whether a fact divergence was flagged there — for that team, or for its channel
when the team is alone on it. Exits 1 when one is missed.

Usage: python eval/consistency/demo.py [--interactions N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNISONO = [sys.executable, "-m", "unisono"]


def unisono(*args: str) -> str:
    """Run a command; its standard output."""
    done = subprocess.run([*UNISONO, *args], check=True, capture_output=True, text=True)  # noqa: S603
    return done.stdout


def planted(
    records: Path, truth: Path, since: str, until: str
) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(reason, team, channel) -> (interactions with the team's wrong value, interactions)."""
    opened = {}
    with records.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            opened[record["id"]] = record["opened_at"][:10]
    wrong: Counter[tuple[str, str, str]] = Counter()
    volume: Counter[tuple[str, str, str]] = Counter()
    with truth.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if not since <= opened[item["id"]] <= until:
                continue
            key = (item["reason"], item["team"], item["channel"])
            volume[key] += 1
            sources = {
                p.get("source") for p in item["planted"] if p["kind"] == "fact_contradiction"
            }
            wrong[key] += "team" in sources
    return {
        k: (wrong[k], volume[k]) for k in wrong if volume[k] >= 30 and wrong[k] >= 0.1 * volume[k]
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        records, truth, db = (
            folder / "i.jsonl",
            folder / "truth.jsonl",
            f"sqlite:///{folder}/demo.db",
        )
        unisono(
            "demo",
            "generate",
            "--interactions",
            str(args.interactions),
            "--seed",
            str(args.seed),
            "-o",
            str(records),
            "--truth",
            str(truth),
        )
        unisono("init", "--db", db)
        unisono("bible", "load", str(ROOT / "examples" / "bible"), "--db", db)
        unisono("import", str(records), "--db", db)
        unisono("analyze", "--db", db)
        report = json.loads(
            unisono("consistency", "--json", "--limit", "0", "--bootstrap", "0", "--db", db)
        )
        plants = planted(records, truth, report["period"]["since"], report["period"]["until"])
    flagged = [d for d in report["divergences"] if d["metric"] == "fact_contradictions"]
    print(
        f"The demo ({args.interactions:,} interactions, seed {args.seed}), "
        f"{report['period']['since']} to {report['period']['until']}: index "
        f"{report['index']['value']}; {report['divergences_flagged']} divergences flagged, "
        f"{len(flagged)} of them on wrong facts"
    )
    found = 0
    for (reason, team, channel), (wrong, volume) in sorted(plants.items()):
        hit = any(
            d["reason"] == reason
            and d["group"]["channel"] == channel
            and (d["group"]["team"] == team or d["level"] == "channel")
            for d in flagged
        )
        found += hit
        print(
            f"  {reason:<28}{team:<14}{channel:<10}{wrong:>5} / {volume:<5}"
            f"{100 * wrong / volume:>6.1f} %  {'found' if hit else 'MISSED'}"
        )
    print(f"planted team divergences found: {found} of {len(plants)}")
    return 0 if found == len(plants) else 1


if __name__ == "__main__":
    sys.exit(main())
