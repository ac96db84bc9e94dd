"""Scores of the language evaluation: accuracy, macro-F1, out-of-scope recall."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.metrics import f1_score, precision_recall_fscore_support


@dataclass(frozen=True)
class Scores:
    """How a classifier did on a labelled set."""

    n: int
    accuracy: float
    macro_f1: float
    in_scope_accuracy: float | None = None
    oos_recall: float | None = None

    def line(self) -> str:
        """The scores on one line."""
        parts = [f"n={self.n}", f"accuracy {self.accuracy:.3f}", f"macro-F1 {self.macro_f1:.3f}"]
        if self.in_scope_accuracy is not None:
            parts.append(f"in-scope accuracy {self.in_scope_accuracy:.3f}")
        if self.oos_recall is not None:
            parts.append(f"out-of-scope recall {self.oos_recall:.3f}")
        return ", ".join(parts)


def score(truth: Sequence[str], predicted: Sequence[str], oos: str | None = None) -> Scores:
    """Scores of ``predicted`` against ``truth``; ``oos``: the label of out-of-scope items."""
    pairs = list(zip(truth, predicted, strict=True))
    accuracy = sum(t == p for t, p in pairs) / len(pairs)
    macro = float(f1_score(truth, predicted, average="macro", zero_division=0))
    if oos is None:
        return Scores(len(pairs), accuracy, macro)
    inside = [(t, p) for t, p in pairs if t != oos]
    outside = [(t, p) for t, p in pairs if t == oos]
    return Scores(
        len(pairs), accuracy, macro,
        sum(t == p for t, p in inside) / len(inside) if inside else None,
        sum(p == oos for _, p in outside) / len(outside) if outside else None,
    )  # fmt: skip


def per_label(truth: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float, int]:
    """Precision, recall, F1 and support of a yes/no label."""
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, predicted, average="binary", zero_division=0
    )
    return float(precision), float(recall), float(f1), sum(truth)
