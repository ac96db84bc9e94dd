"""Audit checks benchmark: the time each check of the audit takes per interaction, on generated
interactions of the demo bible, in this process (no database).

Contexts are built as the product builds them: the published communication and process
standards for the interaction's channel and reason (or a parent reason), most specific first,
with the demo's ground truth for the reason and language. The text every check reads (folded
text, sentences, quotations) is prepared once per message and shared: it is timed on its own,
then each check on warm text caches, then the five checks one interaction after the other, as
the audit runs them. Prints the median of several runs, in µs per interaction, and the
interactions per second of one core.

Usage: python bench/audit_checks_bench.py [--interactions N] [--seed S] [--runs R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import time
from collections.abc import Callable

from unisono.audit.checks.answers import OffStandardAnswers
from unisono.audit.checks.base import AuditContext, Check, Message, StandardRules
from unisono.audit.checks.expressions import ForbiddenExpressions
from unisono.audit.checks.facts import FactContradictions
from unisono.audit.checks.formality import Formality
from unisono.audit.checks.required import MissingRequired
from unisono.audit.rules import from_bible
from unisono.bible.loader import Bible, read_bible
from unisono.demo.generator import generate_with_truth
from unisono.demo.service import demo_bible_path
from unisono.language.folding import match_form
from unisono.language.sentences import quotations, sentences

CHECKS: tuple[Check, ...] = (
    FactContradictions(), ForbiddenExpressions(), MissingRequired(), Formality(),
    OffStandardAnswers(),
)  # fmt: skip


def contexts(bible: Bible, count: int, seed: int) -> list[AuditContext]:
    """``count`` generated interactions of ``bible``, as audit contexts."""
    rules, standards = from_bible(bible)
    docs = {s.doc.id: s.doc for s in bible.standards}
    pairs = generate_with_truth(bible, interactions=count, seed=seed, end=dt.date(2026, 11, 30))
    built = []
    for record, truth in pairs:
        messages = tuple(
            Message(i, m["from"], dt.datetime.fromisoformat(m["at"]), m["text"])
            for i, m in enumerate(record["messages"])
        )
        applicable = _applicable(docs, standards, truth["reason"], record["channel"])
        context = AuditContext(
            interaction_id=record["id"],
            channel=record["channel"],
            reason=truth["reason"],
            language=truth["language"],
            messages=messages,
            standards=applicable,
            bible=rules,
            opened_at=dt.datetime.fromisoformat(record["opened_at"]),
            customer_name=record["customer"]["name"],
            agent=record["agent"],
        )
        built.append(context)
    return built


def _applicable(
    docs: dict[str, object], standards: dict[str, StandardRules], reason: str, channel: str
) -> tuple[StandardRules, ...]:
    chain = [reason[: m.start()] for m in re.finditer(r"\.", reason)] + [reason]
    found = []
    for sid, doc in docs.items():
        if getattr(doc, "status", "") != "published":
            continue
        if getattr(doc, "section", "") not in ("communication", "processes"):
            continue
        if not doc.applies_to_channel(channel):  # type: ignore[attr-defined]
            continue
        reasons = [str(r) for r in getattr(doc, "reasons", [])]
        if reasons and not any(r in chain for r in reasons):
            continue
        specific = 0 if reason in reasons else 1 if reasons else 2
        found.append((specific, 0 if getattr(doc, "channels", None) else 1, sid))
    return tuple(standards[sid] for _, _, sid in sorted(found))


def _prepare(batch: list[AuditContext]) -> None:
    for context in batch:
        for message in context.replies:
            match_form(message.text)
            sentences(message.text)
            quotations(message.text)


def _timed(work: Callable[[], object], runs: int, count: int, clear: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        clear()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    batch = contexts(read_bible(demo_bible_path()), options.interactions, options.seed)
    for check in CHECKS:  # rules prepared once, as in a long run
        for context in batch[:200]:
            list(check.run(context))

    def clear() -> None:
        for cached in (match_form, sentences, quotations):
            cached.cache_clear()

    count = len(batch)
    print(f"{count:,} interactions, median of {options.runs} runs, µs per interaction")
    total = _timed(lambda: _prepare(batch), options.runs, count, clear)
    print(f"  {'text preparation (shared)':28s} {total:8.1f}")
    for check in CHECKS:
        each = _timed(
            lambda c=check: [list(c.run(x)) for x in batch],  # type: ignore[misc]
            options.runs, count, lambda: (clear(), _prepare(batch)),
        )  # fmt: skip
        total += each
        print(f"  {type(check).__name__:28s} {each:8.1f}")
    print(f"  {'sum':28s} {total:8.1f}")
    together = _timed(
        lambda: [list(c.run(x)) for x in batch for c in CHECKS], options.runs, count, clear
    )
    print(f"  {'all five, as the audit runs':28s} {together:8.1f}", end="")
    print(f"  ({1e6 / together:,.0f} interactions/s per core)")


if __name__ == "__main__":
    main()
