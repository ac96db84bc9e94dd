"""Metrics benchmark (issue: metrics): on 1,000,000 generated interactions, every metric overall
and by channel, team and reason for a 90-day period — `unisono.metrics` (SQLite, daily rollups)
against DuckDB computing the same numbers from the raw rows, in the same run. Prints the times
(median of 7 warm runs), the ratio, and checks that both give the same numbers.

Usage: python bench/metrics_bench.py [--interactions N] [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb
from import_bench import UNISONO, dataset, fresh, template
from sqlalchemy.orm import Session

from unisono.core.db import make_engine
from unisono.metrics.calendar import day_number
from unisono.metrics.service import Query, metrics

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "data" / "work"
SLICES = (None, "channel", "team", "reason")
RUNS = 7


def database(count: int, seed: int) -> Path:
    """A SQLite database with the generated interactions imported (made once, then reused)."""
    path = WORK / f"metrics-{count}-{seed}.db"
    if not path.exists():
        source = dataset(count, seed)
        target = fresh(template(WORK), path.name + ".partial")
        print(f"importing {count:,} interactions into {path} …", flush=True)
        subprocess.run([*UNISONO, "import", str(source), "--db", f"sqlite:///{target}"], check=True)
        target.rename(path)
    return path


def ours(path: Path) -> tuple[list[float], dict[str | None, dict]]:
    engine = make_engine(f"sqlite:///{path}")
    reports: dict[str | None, dict] = {}
    times = []
    for _ in range(RUNS + 1):  # the first run warms the caches up and is not counted
        started = time.perf_counter()
        with Session(engine) as session:
            for by in SLICES:
                reports[by] = metrics(session=session, query=Query(by=by))
        times.append(time.perf_counter() - started)
    engine.dispose()
    return times[1:], reports


def export_raw(path: Path, low: int, high: int) -> Path:
    """The raw rows DuckDB starts from: interactions with their answers and applicable targets."""
    engine = make_engine(f"sqlite:///{path}")
    target = WORK / "raw.csv"
    with engine.connect() as connection, target.open("w", newline="") as out:
        rows = connection.exec_driver_sql(RAW_SQL, (low, high))
        writer = csv.writer(out)
        writer.writerow([column[0] for column in rows.cursor.description])
        writer.writerows(rows)
    engine.dispose()
    return target


# Interactions near the period (with the FCR window on both sides), their survey answers, and
# the applicable SLA targets as the rollups resolved them (the bible's rules are configuration,
# not data: DuckDB gets them ready-made).
RAW_SQL = """
SELECT i.id, i.opened_at, i.first_response_at, i.resolved_at, i.status, i.channel_id,
       t.name AS team, i.reason_id, i.customer_id,
       (SELECT score FROM surveys s WHERE s.interaction_id = i.id AND s.kind = 'nps') AS nps,
       (SELECT score FROM surveys s WHERE s.interaction_id = i.id AND s.kind = 'csat') AS csat,
       (SELECT score FROM surveys s WHERE s.interaction_id = i.id AND s.kind = 'ces') AS ces
FROM interactions i LEFT JOIN teams t ON t.id = i.team_id
WHERE i.opened_at >= ? AND i.opened_at < ?
"""


def duck(raw: Path, low: int, high: int, window: int) -> tuple[list[float], dict]:
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{raw}')")
    times, results = [], {}
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        connection.execute(FLAGS_SQL, [window, window, low, high])
        for by in SLICES:
            key = by_column(by)
            results[by] = connection.execute(METRICS_SQL.format(key=key)).fetchall()
        times.append(time.perf_counter() - started)
    return times[1:], results


def by_column(by: str | None) -> str:
    return {None: "'all'", "channel": "channel_id", "team": "team", "reason": "reason_id"}[by]


FLAGS_SQL = """
CREATE OR REPLACE TEMP TABLE flagged AS
WITH ordered AS (
  SELECT *,
    opened_at - LAG(opened_at) OVER w AS gap_before,
    LEAD(opened_at) OVER w - opened_at AS gap_after
  FROM raw WINDOW w AS (PARTITION BY customer_id, reason_id ORDER BY opened_at, id)
)
SELECT *,
  CASE WHEN reason_id IS NULL THEN NULL ELSE coalesce(gap_before > ?, TRUE) END AS first_contact,
  coalesce(gap_after > ?, TRUE) AND status IN ('resolved', 'closed') AS resolved_first_time
FROM ordered WHERE opened_at >= ? AND opened_at < ?
"""

METRICS_SQL = """
SELECT {key} AS key, count(*) AS volume,
  100.0 * (avg(CASE WHEN nps IS NULL THEN NULL WHEN nps >= 9 THEN 1.0 ELSE 0 END)
         - avg(CASE WHEN nps IS NULL THEN NULL WHEN nps <= 6 THEN 1.0 ELSE 0 END)) AS nps,
  count(nps) AS nps_n,
  100.0 * avg(CASE WHEN csat IS NULL THEN NULL WHEN csat >= 4 THEN 1.0 ELSE 0 END) AS csat,
  avg(csat) AS csat_mean, avg(ces) AS ces_mean,
  100.0 * avg(CASE WHEN ces IS NULL THEN NULL WHEN ces >= 5 THEN 1.0 ELSE 0 END) AS ces_easy,
  100.0 * avg(CASE WHEN first_contact THEN (CASE WHEN resolved_first_time THEN 1.0 ELSE 0 END)
                   END) AS fcr,
  100.0 * avg(CASE WHEN first_contact IS NULL THEN NULL WHEN first_contact THEN 0 ELSE 1.0 END)
    AS repeat_rate,
  quantile_cont(first_response_at - opened_at, 0.5) AS frt_median,
  quantile_cont(first_response_at - opened_at, 0.9) AS frt_p90,
  quantile_cont(resolved_at - opened_at, 0.5) AS resolution_median,
  quantile_cont(resolved_at - opened_at, 0.9) AS resolution_p90
FROM flagged GROUP BY ALL ORDER BY volume DESC
"""


def check(reports: dict, results: dict) -> list[str]:
    """Where DuckDB's numbers differ from ours (beyond float rounding)."""
    problems = []
    for by in SLICES:
        ours_groups = [reports[by]] if by is None else reports[by]["groups"]
        theirs = {row[0]: row for row in results[by]}
        for group in ours_groups:
            row = theirs.get("all" if by is None else group["key"])
            mine = (
                group["volume"],
                group["nps"]["value"],
                group["fcr"]["value"],
                group["first_response_time"]["median_s"],
                group["resolution_time"]["p90_s"],
            )
            other = None if row is None else (row[1], row[2], row[8], row[10], row[13])
            if other is None or any(not _close(a, b) for a, b in zip(mine, other, strict=True)):
                problems.append(f"{by}={group.get('key')}: ours {mine}, duckdb {other}")
    return problems


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = database(args.interactions, args.seed)
    ours_times, reports = ours(path)
    period = reports[None]["period"]
    engine = make_engine(f"sqlite:///{path}")
    from unisono.metrics.rollups import context  # noqa: PLC0415 - the calendar of the bible

    with engine.connect() as connection:
        found = context(connection)
    assert found is not None
    low = found.calendar.midnight(day_number(period["since"]))
    high = found.calendar.midnight(day_number(period["until"]) + 1)
    raw = export_raw(path, low - found.window_s - 1, high + found.window_s + 1)
    duck_times, results = duck(raw, low, high, found.window_s)
    report(args.interactions, period, ours_times, duck_times, check(reports, results))


def report(
    count: int, period: dict, ours_times: list[float], duck_times: list[float], problems: list[str]
) -> None:
    mine, theirs = statistics.median(ours_times), statistics.median(duck_times)
    print(
        f"\nMetrics on {count:,} interactions, period {period['since']} → {period['until']}: "
        "overall and by channel, team and reason (median of 7 warm runs)"
    )
    print(f"  unisono (SQLite, daily rollups): {1000 * mine:7.0f} ms   (target: < 300 ms)")
    print(f"  DuckDB on the raw rows:          {1000 * theirs:7.0f} ms")
    print(f"  ratio unisono / DuckDB: {mine / theirs:.2f}× (target: ≤ 1)")
    print("  same numbers: " + ("yes" if not problems else "NO\n    " + "\n    ".join(problems)))
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
