"""The ordered-steps audit on ABCD: did each conversation take its subflow's required actions, and
in the required order?

Converts the ABCD agent guidelines (../shared/datasets/abcd, MIT) into a bible in a temporary
folder, reads the sample conversations, and compares each conversation's action turns with the
ordered required actions (``StandardRules.required``) of its subflow's standard. Prints, per
conversation, the steps missed and the steps taken out of order, then a summary.

Usage: python eval/audit/abcd_actions.py [--data FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unisono.audit.rules import from_bible
from unisono.audit.steps import StepsAudit, audit_steps
from unisono.bible.abcd import convert_abcd
from unisono.bible.loader import read_bible

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT.parent / "shared" / "datasets"
ABCD = DATASETS / "abcd"
SAMPLE = ABCD / "abcd_sample.json"


@dataclass(frozen=True)
class Checked:
    """One conversation audited against its subflow's standard."""

    convo_id: str
    reason: str  # flow.subflow
    standard_id: str
    audit: StepsAudit


def element(action: str) -> str:
    """The bible element of an ABCD action id (``pull-up-account`` -> ``pull_up_account``)."""
    return action.replace("-", "_")


def conversations(path: Path) -> list[dict[str, Any]]:
    """The conversations of a file: a list, or ABCD's full ``{split: [conversation, …]}``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        return [c for split in data.values() if isinstance(split, list) for c in split]
    return list(data)


def action_turns(conversation: dict[str, Any]) -> list[str]:
    """The action ids of the conversation's action turns, in order (``delexed`` targets[2])."""
    return [
        str(turn["targets"][2])
        for turn in conversation.get("delexed", [])
        if turn.get("speaker") == "action" and len(turn.get("targets", [])) > 2
    ]


def reason_of(conversation: dict[str, Any], reasons: set[str]) -> str | None:
    """``flow.subflow``; FAQ subflows carry the question number (``timing_4`` is ``timing``)."""
    scenario = conversation["scenario"]
    flow, subflow = scenario["flow"], scenario["subflow"]
    candidates = [subflow, re.sub(r"_\d+$", "", subflow)]
    delexed = conversation.get("delexed") or [{}]
    candidates += [str((delexed[0].get("targets") or [""])[0])]
    return next((f"{flow}.{c}" for c in candidates if f"{flow}.{c}" in reasons), None)


def check(data: Path, source: Path) -> tuple[list[Checked], list[str]]:
    """Audit every conversation of ``data`` against the bible converted from ``source``."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bible"
        convert_abcd(source, target)
        bible = read_bible(target)
    _, standards = from_bible(bible)
    by_reason = {reason: s.doc.id for s in bible.standards for reason in s.doc.reasons}
    known = set(bible.config.elements)
    checked, skipped = [], []
    for conversation in conversations(data):
        convo_id = str(conversation.get("convo_id", "?"))
        reason = reason_of(conversation, set(by_reason))
        if reason is None:
            skipped.append(f"{convo_id}: no standard for {conversation['scenario']}")
            continue
        taken = [element(a) for a in action_turns(conversation)]
        unknown = sorted(set(taken) - known)
        if unknown:
            skipped.append(f"{convo_id}: actions not in the bible: {', '.join(unknown)}")
        standard_id = by_reason[reason]
        audit = audit_steps(standards[standard_id].required, taken)
        checked.append(Checked(convo_id, reason, standard_id, audit))
    return checked, skipped


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def summary(checked: Sequence[Checked]) -> dict[str, Any]:
    """Conversations checked, % complete, % in order, the steps most often missed."""
    total = len(checked)
    missed = Counter(step for c in checked for step in c.audit.missed)
    late = Counter(step for c in checked for step in c.audit.out_of_order)
    return {
        "conversations": total,
        "complete": sum(c.audit.complete for c in checked),
        "in_order": sum(c.audit.in_order for c in checked),
        "complete_and_in_order": sum(c.audit.complete and c.audit.in_order for c in checked),
        "required_steps": sum(len(c.audit.required) for c in checked),
        "steps_taken": sum(len(c.audit.done) for c in checked),
        "most_missed": missed.most_common(5),
        "most_out_of_order": late.most_common(5),
    }


def print_report(checked: Sequence[Checked], skipped: Sequence[str]) -> None:
    """One block per conversation, then the summary."""
    for c in checked:
        a = c.audit
        state = ("complete" if a.complete else "incomplete") + (
            ", in order" if a.in_order else ", out of order"
        )
        print(f"conversation {c.convo_id} — {c.reason} ({c.standard_id}): {state}")
        print(f"  required : {' > '.join(a.required) or '—'}")
        print(f"  taken    : {' > '.join(a.taken) or '—'}")
        print(f"  missed   : {', '.join(a.missed) or '—'}")
        print(f"  out of order: {', '.join(a.out_of_order) or '—'}")
        if a.extra:
            print(f"  not required: {', '.join(a.extra)}")
    for line in skipped:
        print(f"skipped {line}")
    s = summary(checked)
    n = s["conversations"]
    print(f"\n{n} conversations checked")
    print(f"  complete (every required step taken): {s['complete']} ({_share(s['complete'], n)})")
    print(f"  in order (steps taken in the required order): {s['in_order']} "
          f"({_share(s['in_order'], n)})")  # fmt: skip
    print(f"  complete and in order: {s['complete_and_in_order']} "
          f"({_share(s['complete_and_in_order'], n)})")  # fmt: skip
    print(f"  required steps taken: {s['steps_taken']} of {s['required_steps']} "
          f"({_share(s['steps_taken'], s['required_steps'])})")  # fmt: skip
    missed = ", ".join(f"{step} ({count})" for step, count in s["most_missed"])
    print(f"  most missed steps: {missed or '—'}")
    late = ", ".join(f"{step} ({count})" for step, count in s["most_out_of_order"])
    print(f"  most often out of order: {late or '—'}")


def as_json(checked: Sequence[Checked], skipped: Sequence[str]) -> dict[str, Any]:
    """The results as one JSON document."""
    return {
        "conversations": [
            {
                "convo_id": c.convo_id,
                "reason": c.reason,
                "standard_id": c.standard_id,
                "required": c.audit.required,
                "taken": c.audit.taken,
                "missed": c.audit.missed,
                "out_of_order": c.audit.out_of_order,
                "not_required": c.audit.extra,
                "complete": c.audit.complete,
                "in_order": c.audit.in_order,
            }
            for c in checked
        ],
        "skipped": list(skipped),
        "summary": summary(checked),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help=f"conversations (default: {SAMPLE})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not DATASETS.is_dir() or not (ABCD / "kb.json").is_file():
        print(f"skipped: the ABCD dataset is not at {ABCD} (../shared/datasets is absent)")
        return 0
    data = args.data or SAMPLE
    try:
        checked, skipped = check(data, ABCD)
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot audit {data}: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(checked, skipped), indent=2))
    else:
        print_report(checked, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
