"""The ordered-steps audit: given the steps a standard requires, in order, and the steps an
agent actually took, which required steps were missed and which were taken out of order.

Steps are names (required elements such as ``pull_up_account``). A step taken several times
counts at its first occurrence; steps that are not required are listed apart and do not affect
the order. The steps out of order are the fewest whose removal leaves the other required steps
in the required order; when several sets are as small, the steps taken later are the ones
reported (``required a, b`` taken ``b, a``: ``a`` came too late).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class StepsAudit:
    """The required steps against the steps taken."""

    required: tuple[str, ...]  # in the required order
    taken: tuple[str, ...]  # as taken, repeats included
    done: tuple[str, ...]  # required steps taken, at their first occurrence, in taken order
    missed: tuple[str, ...]  # required steps never taken, in the required order
    out_of_order: tuple[str, ...]  # required steps taken out of the required order, taken order
    extra: tuple[str, ...]  # steps taken that are not required, at their first occurrence

    @property
    def complete(self) -> bool:
        """Every required step was taken."""
        return not self.missed

    @property
    def in_order(self) -> bool:
        """The required steps that were taken were taken in the required order."""
        return not self.out_of_order


def audit_steps(required: Sequence[str], taken: Iterable[str]) -> StepsAudit:
    """Compare the steps taken with the required ones: missed, out of order, extra."""
    order = {step: rank for rank, step in enumerate(dict.fromkeys(required))}
    taken = tuple(taken)
    first_taken = tuple(dict.fromkeys(taken))
    done = tuple(step for step in first_taken if step in order)
    kept = _longest_in_order([order[step] for step in done])
    return StepsAudit(
        required=tuple(order),
        taken=taken,
        done=done,
        missed=tuple(step for step in order if step not in done),
        out_of_order=tuple(step for index, step in enumerate(done) if index not in kept),
        extra=tuple(step for step in first_taken if step not in order),
    )


def _longest_in_order(ranks: Sequence[int]) -> set[int]:
    """Positions of a longest increasing subsequence of ``ranks``, the earliest positions first."""
    count = len(ranks)
    # longest[i]: length of the longest increasing subsequence starting at position i
    longest = [1] * count
    for i in range(count - 1, -1, -1):
        for j in range(i + 1, count):
            if ranks[j] > ranks[i]:
                longest[i] = max(longest[i], longest[j] + 1)
    remaining = max(longest, default=0)
    kept: set[int] = set()
    previous = -1
    for i in range(count):
        if remaining and ranks[i] > previous and longest[i] == remaining:
            kept.add(i)
            previous = ranks[i]
            remaining -= 1
    return kept
