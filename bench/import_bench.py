"""Import benchmark (issue: interaction hub): 1,000,000 generated interactions from JSON Lines
into SQLite with `unisono import`, against a minimal sqlite3 script inserting the same rows into
the same tables, in the same run. Prints rates, the ratio and peak memory.

Usage: python bench/import_bench.py [--interactions N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from measure import Run, run

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
UNISONO = [sys.executable, "-m", "unisono"]


def dataset(count: int, seed: int) -> Path:
    """The generated interactions (made once, then reused)."""
    path = DATA / f"interactions-{count}-{seed}.jsonl"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"generating {count:,} interactions into {path} …", flush=True)
        partial = path.with_suffix(".partial")
        subprocess.run([*UNISONO, "demo", "generate", "--interactions", str(count), "--seed",
                        str(seed), "-o", str(partial)], check=True)  # fmt: skip
        partial.rename(path)
    return path


def template(work: Path) -> Path:
    """A database with the schema and the demo bible, that each contender starts from."""
    path = work / "template.db"
    url = f"sqlite:///{path}"
    subprocess.run([*UNISONO, "init", "--db", url], check=True, stdout=subprocess.DEVNULL)
    bible = ROOT / "examples" / "bible"
    subprocess.run([*UNISONO, "bible", "load", str(bible), "--db", url], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return path


def fresh(template_db: Path, name: str) -> Path:
    target = template_db.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template_db, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    source = dataset(args.interactions, args.seed)
    work = DATA / "work"
    work.mkdir(parents=True, exist_ok=True)
    base = template(work)
    env = {**os.environ, "UNISONO_DATA_DIR": str(work)}
    ours = run(
        [*UNISONO, "import", str(source), "--db", f"sqlite:///{fresh(base, 'ours.db')}"], env
    )
    again = run([*UNISONO, "import", str(source), "--db", f"sqlite:///{work / 'ours.db'}"], env)
    baseline = run([sys.executable, str(ROOT / "bench" / "baseline_import.py"), str(source),
                    str(fresh(base, "baseline.db"))])  # fmt: skip
    floor = float(subprocess.run(
        [sys.executable, str(ROOT / "bench" / "floor_import.py"), str(source),
         str(fresh(base, "floor.db"))], check=True, capture_output=True, text=True,
    ).stdout)  # fmt: skip
    report(args.interactions, source, ours, again, baseline)
    print(
        f"floor: SQLite writing the same rows, built beforehand: {floor:.1f} s, "
        f"{args.interactions / floor:,.0f} per second (no import can go faster here)"
    )


def report(count: int, source: Path, ours: Run, again: Run, baseline: Run) -> None:
    size = source.stat().st_size / 1e6
    print(f"\nImport of {count:,} interactions ({size:,.0f} MB of JSON Lines) into SQLite")
    print(f"{'':32}{'seconds':>10}{'per second':>14}{'peak MB':>10}")
    for label, measured in (("unisono import", ours), ("unisono import, again (no-op)", again),
                            ("baseline: sqlite3 executemany", baseline)):  # fmt: skip
        rate = count / measured.seconds
        print(f"{label:32}{measured.seconds:>10.1f}{rate:>14,.0f}{measured.peak_mb:>10.0f}")
    print(f"\nratio unisono / baseline: {ours.seconds / baseline.seconds:.2f}× "
          "(target: within 3×; rate target: ≥ 50,000/s; peak memory target: < 500 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
