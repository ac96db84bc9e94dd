"""Evaluate the audit checks on the labelled replies of eval/audit/ (see README.md there).

Runs the checks of the labelled kinds — fact contradictions, forbidden expressions, missing
required elements, formality — on every labelled interaction, compares their findings with the
labels, and prints precision, recall, F1 and support per check and language, beside the targets.
Exits 1 when a target is missed (unless --no-fail), 2 when the checks or the set are not usable.

Usage: python eval/audit/evaluate.py [--verbose] [--no-fail] [--check-dataset] [--holdout]
                                     [--only KIND] [FILE ...]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import sys
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dataset
from dataset import DatasetError, Item, LoadedBible

from unisono.audit.checks.base import Finding

# kind -> the module of unisono.audit.checks that holds its check
CHECK_MODULES = {
    "fact_contradiction": "facts",
    "forbidden_expression": "expressions",
    "missing_required": "required",
    "formality": "formality",
}
TARGETS = {  # kind -> (precision, recall)
    "fact_contradiction": (0.95, 0.90),
    "forbidden_expression": (0.95, 0.90),
    "missing_required": (0.90, 0.90),
    "formality": (0.90, 0.90),
}
LANGUAGES = {"demo": "fr", "en": "en"}
RunCheck = Callable[[Any], Iterable[Finding]]


class ChecksMissingError(Exception):
    """Some check modules are absent or hold no check of their kind."""


@dataclass
class Score:
    """Counts for one kind and one slice of the set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def misses(self, kind: str) -> list[str]:
        """The targets this score misses ("n/a" values cannot miss)."""
        want_p, want_r = TARGETS[kind]
        missed = []
        if self.tp + self.fp and (self.precision or 0.0) < want_p:
            missed.append("precision")
        if self.support and (self.recall or 0.0) < want_r:
            missed.append("recall")
        return missed


@dataclass
class Outcome:
    """What the checks found on one item, by kind, as label names."""

    item: Item
    predicted: dict[str, set[str]] = field(default_factory=dict)
    evidence: dict[tuple[str, str], str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    fact_findings: int = 0


def discover_checks(kinds: Sequence[str] = tuple(CHECK_MODULES)) -> dict[str, list[RunCheck]]:
    """The checks of these labelled kinds, found by their ``kind`` in their modules."""
    found: dict[str, list[RunCheck]] = {kind: [] for kind in kinds}
    problems = []
    for kind in kinds:
        name = CHECK_MODULES[kind]
        module_name = f"unisono.audit.checks.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            problems.append(f"  {module_name} (the {kind} check) does not exist yet")
            continue
        for check in _checks_in(module, kinds, problems):
            found[check.kind].append(check.run)
        if not found[kind] and not any(module_name in p for p in problems):
            problems.append(f"  {module_name} has no check class with kind = {kind!r}")
    if problems:
        raise ChecksMissingError("\n".join(problems))
    return found


def _checks_in(module: Any, kinds: Sequence[str], problems: list[str]) -> list[Any]:
    """Instances of the check classes a module defines: classes with a ``run`` method and one of
    these ``kind`` values, made without arguments."""
    checks = []
    for name, value in inspect.getmembers(module, inspect.isclass):
        if value.__module__ != module.__name__ or not callable(getattr(value, "run", None)):
            continue
        if getattr(value, "kind", None) not in kinds:
            continue
        try:
            checks.append(value())
        except TypeError as error:
            problems.append(f"  {module.__name__}.{name} cannot be made without arguments: {error}")
    return checks


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, hyphens and runs of spaces as one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’‘`´]", "'", text)
    return " ".join(re.sub(r"[-\s]+", " ", text).split())


def _tokens(text: str) -> tuple[str, ...]:
    # apostrophes dropped ("Dont hesitate" meets "don't hesitate"), and plural and feminine
    # endings too, so that "désolées" meets "désolé" and "soucis" "souci"
    words = re.findall(r"[a-z0-9]+", fold(text).replace("'", ""))
    return tuple(re.sub(r"(?<=...)e+$", "", re.sub(r"(?<=...)s$", "", w)) for w in words)


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(tuple(haystack[i : i + n]) == tuple(needle) for i in range(len(haystack)))


def expression_name(finding: Finding, listed: Sequence[str]) -> str:
    """The listed expression a forbidden-expression finding is about (folded text if none)."""
    candidates = [finding.detail.get("expression"), finding.found, finding.evidence]
    texts = [c for c in candidates if isinstance(c, str) and c.strip()]
    for text in texts:
        words = _tokens(text)
        exact = [e for e in listed if _tokens(e) == words]
        if exact:
            return exact[0]
        inside = sorted((e for e in listed if _contains(words, _tokens(e))), key=len)
        if inside:
            return inside[-1]
    return fold(texts[0]) if texts else "?"


def _names(kind: str, findings: Sequence[Finding], item: Item, bible: LoadedBible) -> set[str]:
    if kind == "formality":
        return {"formality"} if findings else set()
    if kind == "fact_contradiction":
        return {str(f.detail.get("fact") or f"? {f.evidence}") for f in findings}
    if kind == "forbidden_expression":
        standards = dataset.context_standards(item, bible)
        listed = [f.expression for f in bible.rules.forbidden]
        listed += [f.expression for s in standards for f in s.forbidden]
        return {expression_name(f, listed) for f in findings}
    # missing_required: the item's standard's elements only (see README.md)
    required = bible.standards[item.standard].required
    return {
        str(f.detail.get("element") or f"? {f.evidence}")
        for f in findings
        if f.standard_id == item.standard
        or (f.standard_id is None and f.detail.get("element") in required)
    }


def run_item(item: Item, bible: LoadedBible, checks: dict[str, list[RunCheck]]) -> Outcome:
    """The checks on one item."""
    outcome = Outcome(item)
    context = dataset.build_context(item, bible)
    findings: dict[str, list[Finding]] = {kind: [] for kind in checks}
    for runs in checks.values():
        for run in runs:
            try:
                for finding in run(context):
                    if finding.kind in findings:
                        findings[finding.kind].append(finding)
            except Exception:  # a crashing check is reported, not fatal
                outcome.errors.append(traceback.format_exc(limit=3))
    for kind, kind_findings in findings.items():
        outcome.predicted[kind] = _names(kind, kind_findings, item, bible)
        for name in outcome.predicted[kind]:
            match = next((f for f in kind_findings if name in _names(kind, [f], item, bible)), None)
            if match is not None:
                outcome.evidence[(kind, name)] = match.evidence
    outcome.fact_findings = len(findings.get("fact_contradiction", ()))
    return outcome


def gold(item: Item, kind: str) -> set[str]:
    """The labelled names of a kind; formality as {"formality"} or {}."""
    if kind == "formality":
        return {"formality"} if item.labels.get("formality") else set()
    return set(item.gold(kind)) if item.labelled(kind) else set()


def score(outcomes: Sequence[Outcome]) -> dict[tuple[str, str], Score]:
    """(kind, language or "all") -> counts."""
    scores: dict[tuple[str, str], Score] = {}
    for outcome in outcomes:
        language = LANGUAGES[outcome.item.bible]
        for kind in outcome.predicted:
            if not outcome.item.labelled(kind):
                continue  # a set that labels only some kinds: the others are not scored
            expected, predicted = gold(outcome.item, kind), outcome.predicted[kind]
            for key in ((kind, language), (kind, "all")):
                counts = scores.setdefault(key, Score())
                counts.tp += len(expected & predicted)
                counts.fp += len(predicted - expected)
                counts.fn += len(expected - predicted)
    return scores


def _figure(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def report(outcomes: Sequence[Outcome], kinds: Sequence[str], *, verbose: bool) -> list[str]:
    """Print the figures; return the targets missed."""
    scores = score(outcomes)
    missed: list[str] = []
    print(f"{'check':<22}{'lang':<5}{'support':>8}{'found':>7}{'TP':>5}{'FP':>5}{'FN':>5}"
          f"{'prec':>8}{'recall':>8}{'F1':>8}   target (P/R)   status")  # fmt: skip
    for kind in kinds:
        for language in ("fr", "en", "all"):
            s = scores.get((kind, language), Score())
            misses = s.misses(kind)
            missed += [f"{kind} {language} {m}" for m in misses]
            want_p, want_r = TARGETS[kind]
            status = "MISSED " + ", ".join(misses) if misses else "ok"
            print(f"{kind:<22}{language:<5}{s.support:>8}{s.tp + s.fp:>7}{s.tp:>5}{s.fp:>5}"
                  f"{s.fn:>5}   {_figure(s.precision)}   {_figure(s.recall)}   {_figure(s.f1)}"
                  f"   ≥{want_p:.2f}/≥{want_r:.2f}    {status}")  # fmt: skip
    if "fact_contradiction" in kinds:
        paraphrases = [
            o
            for o in outcomes
            if "paraphrase" in o.item.tags and o.item.labelled("fact_contradiction")
        ]
        on_paraphrases = sum(o.fact_findings for o in paraphrases)
        print(f"\nfact findings on the {len(paraphrases)} 'right value in other words' items: "
              f"{on_paraphrases} (target 0)")  # fmt: skip
        if on_paraphrases:
            missed.append("fact findings on paraphrase items")
    clean = [o for o in outcomes if o.item.clean]
    noisy = Counter(kind for o in clean for kind in kinds if o.predicted[kind])
    print(
        f"clean items (no label at all): {len(clean)}; with a finding, by kind: "
        + (", ".join(f"{k} {n}" for k, n in noisy.items()) or "none")
    )
    crashed = [o for o in outcomes if o.errors]
    if crashed:
        missed.append("checks crashed")
        print(f"\nchecks crashed on {len(crashed)} items; first error ({crashed[0].item.id}):")
        print(crashed[0].errors[0])
    if verbose:
        _print_errors(outcomes, kinds)
    return missed


def _print_errors(outcomes: Sequence[Outcome], kinds: Sequence[str]) -> None:
    for kind in kinds:
        lines = []
        for outcome in outcomes:
            if not outcome.item.labelled(kind):
                continue
            expected, predicted = gold(outcome.item, kind), outcome.predicted[kind]
            for name in sorted(predicted - expected):
                evidence = outcome.evidence.get((kind, name), "")
                lines.append(f"  FP {outcome.item.id}: {name}  « {_short(evidence)} »")
            lines += [f"  FN {outcome.item.id}: {name}" for name in sorted(expected - predicted)]
        print(f"\n{kind}: {len(lines)} errors")
        print("\n".join(lines) if lines else "  none")


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def composition(items: Sequence[Item]) -> None:
    """How the set is made: items per language and channel, labels per kind, clean items."""
    for bible, language in LANGUAGES.items():
        chosen = [i for i in items if i.bible == bible]
        channels = Counter(i.channel for i in chosen)
        by_channel = ", ".join(f"{c} {n}" for c, n in sorted(channels.items()))
        print(f"{language}: {len(chosen)} items ({by_channel})")
        for kind in CHECK_MODULES:
            if not any(i.labelled(kind) for i in chosen):
                continue
            positives = [i for i in chosen if gold(i, kind)]
            labels = sum(len(gold(i, kind)) for i in chosen)
            print(f"  {kind:<22} {len(positives):>3} items, {labels:>3} labels")
        tags = Counter(t for i in chosen for t in i.tags)
        print(f"  clean {sum(i.clean for i in chosen)}; tags: "
              + ", ".join(f"{t} {n}" for t, n in sorted(tags.items())))  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="labelled JSONL files (default: all)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every FP and FN")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even if a target is missed")
    parser.add_argument("--check-dataset", action="store_true", help="only validate the set")
    parser.add_argument(
        "--holdout", action="store_true",
        help="the held-out files (facts-holdout-*.jsonl) instead of the development set",
    )  # fmt: skip
    parser.add_argument(
        "--only", action="append", choices=sorted(CHECK_MODULES), metavar="KIND",
        help="evaluate only this kind (repeatable): " + ", ".join(CHECK_MODULES),
    )  # fmt: skip
    args = parser.parse_args(argv)
    paths = args.files or (dataset.holdout_paths() if args.holdout else dataset.default_paths())
    try:
        bibles = dataset.load_bibles()
        items = dataset.read_items(paths)
        problems = dataset.validate(items, bibles)
        if problems:
            raise DatasetError(problems)
    except DatasetError as error:
        print("the labelled set is not valid:\n" + "\n".join(error.problems), file=sys.stderr)
        return 2
    if args.check_dataset:
        composition(items)
        print(f"\n{len(items)} items, all valid")
        return 0
    kinds = [
        k for k in CHECK_MODULES
        if (not args.only or k in args.only) and any(i.labelled(k) for i in items)
    ]  # fmt: skip
    try:
        checks = discover_checks(kinds)
    except ChecksMissingError as error:
        print(f"cannot evaluate: the audit checks are missing\n{error}", file=sys.stderr)
        print("(--only KIND evaluates the checks that exist)", file=sys.stderr)
        return 2
    outcomes = [run_item(item, bibles[item.bible], checks) for item in items]
    print(f"{len(items)} labelled interactions ({_describe(items)}): {_names_of(paths)}\n")
    missed = report(outcomes, kinds, verbose=args.verbose)
    if missed:
        print(f"\ntargets missed: {'; '.join(missed)}")
        return 0 if args.no_fail else 1
    print("\nall targets met")
    return 0


def _names_of(paths: Sequence[Path]) -> str:
    return ", ".join(path.name for path in paths)


def _describe(items: Sequence[Item]) -> str:
    counts = Counter(LANGUAGES[i.bible] for i in items)
    return ", ".join(f"{language} {n}" for language, n in sorted(counts.items()))


if __name__ == "__main__":
    sys.exit(main())
