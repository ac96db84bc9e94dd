"""The demo's source of randomness: ``random.Random``, with cheaper ``choice`` and ``randint``.

The generator draws a few dozen numbers per interaction, a million times over; the standard
``choice`` and ``randint`` reject-sample on random bits, which costs several times one
``random()`` call. Scaling one ``random()`` is as reproducible and its bias is far below 1e-9.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")


class Chance(random.Random):
    """Mersenne Twister seeded once: the same seed gives the same draws, run after run."""

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        """One item of a non-empty sequence, uniformly."""
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        """An integer between ``a`` and ``b`` included, uniformly."""
        return a + int(self.random() * (b - a + 1))
