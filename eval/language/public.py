"""The public intent sets of ../shared/datasets, read for the evaluation (never copied into the
project): Banking77, CLINC150 (with its out-of-scope queries) and NatCS (DSTC11 Track 2)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
Pairs = list[tuple[str, str]]  # (text, label)


def banking77(split: str) -> Pairs:
    """Banking77 (Casanueva et al., 2020): ``train`` or ``test``."""
    with (DATASETS / "banking77" / f"{split}.csv").open(encoding="utf-8") as handle:
        return [(row["text"], row["category"]) for row in csv.DictReader(handle)]


def clinc150() -> dict[str, Pairs]:
    """CLINC150 (Larson et al., 2019), the "full" variant: its splits by name (``train``,
    ``val``, ``test``, ``oos_train``, ``oos_val``, ``oos_test``; out-of-scope labelled ``oos``)."""
    data = json.loads((DATASETS / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    return {name: [(text, label) for text, label in rows] for name, rows in data.items()}


NATCS_DOMAINS = {"banking": "test-banking", "finance": "test-finance", "insurance": "development"}


def natcs(domain: str) -> Pairs:
    """The customer utterances of one NatCS domain labelled with their intent."""
    path = DATASETS / "natcs" / f"{NATCS_DOMAINS[domain]}.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [(row["utterance"], row["intent"]) for row in rows]


def available() -> bool:
    """Whether the shared datasets are beside the project."""
    return (DATASETS / "banking77" / "train.csv").exists()
