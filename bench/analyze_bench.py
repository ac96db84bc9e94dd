"""Analysis benchmark (issues: audit, language): `unisono analyze` — language, mood, reasons of
records without one, and the audit — on 100,000 generated interactions in a fresh SQLite
database; prints interactions per second (target: ≥ 2,000 on this machine's 2 cores). Then
the consistency report `analyze` computes at its end by default, timed apart (a second
`analyze`, with nothing left to check, computes only the report).

Usage: python bench/analyze_bench.py [--interactions N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

from import_bench import DATA, UNISONO, dataset, fresh, template
from measure import run

from unisono.core.db import make_engine

WORK = DATA / "work"


def imported(count: int, seed: int) -> str:
    """A database with the generated interactions imported, not analysed (made once)."""
    path = WORK / f"audit-{count}-{seed}.db"
    if not path.exists():
        source = dataset(count, seed)
        target = fresh(template(WORK), path.name + ".partial")
        subprocess.run(
            [*UNISONO, "import", str(source), "--db", f"sqlite:///{target}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        target.rename(path)
    return working_copy(path, "audit-run.db")


def working_copy(path: Path, name: str) -> str:
    """The URL of a fresh copy of the database ``path``, named ``name``, to run on."""
    copy = WORK / name
    for suffix in ("", "-wal", "-shm"):
        (WORK / f"{name}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    return f"sqlite:///{copy}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = imported(args.interactions, args.seed)
    models = WORK / "models"  # the reason classifier is trained at first use: time that too
    shutil.rmtree(models, ignore_errors=True)
    env = {**os.environ, "UNISONO_DATA_DIR": str(WORK)}
    measured = run([*UNISONO, "analyze", "--no-consistency", "--db", url], env)
    report = run([*UNISONO, "analyze", "--db", url], env)
    engine = make_engine(url)
    with engine.connect() as connection:
        findings = connection.exec_driver_sql("SELECT count(*) FROM findings").scalar_one()
        classified = connection.exec_driver_sql(
            "SELECT count(*) FROM interaction_language WHERE reason IS NOT NULL"
        ).scalar_one()
        read = connection.exec_driver_sql("SELECT count(*) FROM interaction_language").scalar_one()
    engine.dispose()
    rate = args.interactions / measured.seconds
    print(f"\nAnalysis of {args.interactions:,} generated interactions (SQLite, 2 cores)")
    print(f"  {measured.seconds:.1f} s — {rate:,.0f} interactions per second (target: ≥ 2,000)")
    print(
        f"  {findings:,} findings; peak memory {measured.peak_mb:.0f} MB; CPU time "
        f"{measured.cpu_seconds:.1f} s ({measured.cpu_seconds / args.interactions * 1e6:.0f} µs "
        "per interaction: the figure to compare when other work shares the cores)"
    )
    print(
        f"  language: {read:,} interactions read (language, mood), {classified:,} reasons "
        "classified (records without one), the classifier trained in the same run"
    )
    whole = measured.seconds + report.seconds
    print(
        f"  then the consistency report (analyze's default end): {report.seconds:.1f} s more; "
        f"with it, {args.interactions / whole:,.0f} interactions per second"
    )


if __name__ == "__main__":
    main()
