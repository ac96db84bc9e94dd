"""Consistency benchmark (issue: consistency index): `unisono consistency --json` on 100,000
generated interactions imported and analysed in SQLite (the last 90 days of them, as by
default), beside `unisono metrics --by agent` on the same database in the same run; prints
both times, their ratio and peak memory.

Usage: python bench/consistency_bench.py [--interactions N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess

from analyze_bench import WORK, imported, working_copy
from import_bench import UNISONO
from measure import run


def analysed(count: int, seed: int) -> str:
    """A database with the generated interactions imported and analysed (made once)."""
    path = WORK / f"consistency-{count}-{seed}.db"
    if not path.exists():
        url = imported(count, seed)
        print(f"analysing {count:,} interactions (once) …", flush=True)
        subprocess.run([*UNISONO, "analyze", "--db", url], check=True, stdout=subprocess.DEVNULL)
        shutil.copyfile(url.removeprefix("sqlite:///"), path)
    return working_copy(path, "consistency-run.db")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = analysed(args.interactions, args.seed)
    # the rollups are built by the first command that needs them: build them before timing
    subprocess.run([*UNISONO, "metrics", "--db", url], check=True, stdout=subprocess.DEVNULL)
    baseline = run([*UNISONO, "metrics", "--by", "agent", "--db", url])
    ours = run([*UNISONO, "consistency", "--json", "--db", url])
    without = run([*UNISONO, "consistency", "--json", "--bootstrap", "0", "--db", url])
    result = subprocess.run(
        [*UNISONO, "consistency", "--json", "--db", url], check=True, capture_output=True, text=True
    )
    report = json.loads(result.stdout)
    print(
        f"\nConsistency of {args.interactions:,} generated interactions, analysed (SQLite); "
        f"period {report['period']['since']} to {report['period']['until']}: "
        f"{report['index']['interactions']:,} interactions"
    )
    print(f"{'':44}{'seconds':>10}{'peak MB':>10}")
    rows = (
        ("unisono consistency (200 bootstrap runs)", ours),
        ("unisono consistency --bootstrap 0", without),
        ("baseline: unisono metrics --by agent", baseline),
    )
    for label, measured in rows:
        print(f"{label:<44}{measured.seconds:>10.1f}{measured.peak_mb:>10.0f}")
    print(f"ratio consistency / metrics by agent: {ours.seconds / baseline.seconds:.1f}")
    index = report["index"]
    print(
        f"index {index['value']} {index['ci95']}; {report['divergences_flagged']} divergences "
        f"among {report['comparisons']:,} comparisons; {report['notes'][0]}"
    )


if __name__ == "__main__":
    main()
