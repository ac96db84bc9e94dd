"""Contact reasons from customer messages: a linear model over TF-IDF features (the words'
light lemmas, one and two at a time, and character n-grams, which forgive typos), trained on
phrasings whose reason is known — the bible's examples and interactions imported with a reason.

The model gives each reason a confidence (a softmax over the classifier's margins) and says
:data:`UNKNOWN` when the best one stays under the threshold: a message that fits no reason is
not forced into one. Classifying a batch is one sparse product: cheap enough to run on every
interaction of ``unisono analyze``.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from unisono.language.concepts import concepts
from unisono.language.text import normalise, terms

if TYPE_CHECKING:  # imported where used: scikit-learn adds seconds and ~80 MB to every command
    from sklearn.pipeline import FeatureUnion
    from sklearn.svm import LinearSVC

__all__ = ["UNKNOWN", "Guess", "ReasonModel", "train"]

UNKNOWN = "unknown"
DEFAULT_THRESHOLD = 0.3  # below this confidence, a message fits no reason
SHARPNESS = 5.0  # margins are multiplied by this before the softmax
CONCEPT_WEIGHT = 1.5
VERSION = 1  # of the features and model: a cached model of another version is retrained


def words_and_pairs(text: str) -> list[str]:
    """The word features of a text: its lemmas, and each two neighbours together."""
    normalised = normalise(text)
    found = terms(normalised)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(found)]
    return found + pairs


def concept_tokens(text: str) -> list[str]:
    """The customer-service concepts a text names."""
    return concepts(normalise(text))


def _features(examples: int) -> FeatureUnion:
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415
    from sklearn.pipeline import FeatureUnion  # noqa: PLC0415

    return FeatureUnion(
        [
            ("concepts", TfidfVectorizer(analyzer=concept_tokens, sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer=words_and_pairs, sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    preprocessor=normalise,
                    sublinear_tf=True,
                    min_df=2 if examples >= 200 else 1,
                ),
            ),
        ],
        transformer_weights={"concepts": CONCEPT_WEIGHT, "words": 1.0, "chars": 1.0},
    )


@dataclass(frozen=True)
class Guess:
    """A message's reason and how sure the model is (``reason`` is UNKNOWN below the
    threshold or when the message looks like none; ``best`` is the closest class all the
    same)."""

    reason: str
    confidence: float
    best: str


@dataclass
class ReasonModel:
    """A trained reason classifier."""

    features: FeatureUnion
    classifier: LinearSVC
    reasons: tuple[str, ...]
    threshold: float
    digest: str  # of the training data: the cache key

    def confidences(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """For each text, the confidence of each reason (rows sum to 1)."""
        margins = self.classifier.decision_function(self.features.transform(list(texts)))
        if margins.ndim == 1:  # two reasons: one margin, for the second
            margins = np.column_stack([-margins, margins])
        scaled = margins * SHARPNESS
        scaled -= scaled.max(axis=1, keepdims=True)
        weights = np.exp(scaled)
        return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)

    def guess(self, confidences: NDArray[np.float64]) -> Guess:
        """The guess of one text's confidences (a row of :meth:`confidences`)."""
        best = int(confidences.argmax())
        sure = float(confidences[best])
        reason = self.reasons[best] if sure >= self.threshold else UNKNOWN
        return Guess(reason, round(sure, 4), self.reasons[best])

    def classify(self, texts: Sequence[str]) -> list[Guess]:
        """The reason of each text, or UNKNOWN."""
        if not texts:
            return []
        return [self.guess(row) for row in self.confidences(texts)]

    def classify_one(self, text: str) -> Guess:
        """The reason of one text, or UNKNOWN."""
        return self.classify([text])[0]

    def save(self, path: Path) -> None:
        """Write the model to ``path`` (a cache file of this installation)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)


def digest(texts: Sequence[str], reasons: Sequence[str], threshold: float) -> str:
    """A fingerprint of training data: the same data gives the same model."""
    # a model pickled by another scikit-learn may not load: its file is another one
    made_by = f"{VERSION}:{version('scikit-learn')}:{threshold}"
    hasher = hashlib.blake2b(made_by.encode(), digest_size=12)
    for text, reason in sorted(zip(texts, reasons, strict=True)):
        hasher.update(f"{reason}\t{text}\n".encode())
    return hasher.hexdigest()


def train(
    texts: Sequence[str], reasons: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD
) -> ReasonModel | None:
    """A model learnt from ``texts`` and their ``reasons``; None with fewer than two reasons
    (nothing to choose between)."""
    known = sorted(set(reasons))
    if len(known) < 2:
        return None
    from sklearn.svm import LinearSVC  # noqa: PLC0415

    features = _features(len(texts))
    matrix = features.fit_transform(list(texts))
    classifier = LinearSVC(C=0.5).fit(matrix, list(reasons))
    return ReasonModel(
        features, classifier, tuple(classifier.classes_), threshold,
        digest(texts, reasons, threshold),
    )  # fmt: skip


def load(path: Path) -> ReasonModel | None:
    """The model saved at ``path``, None when there is none or it is of another version."""
    try:
        model = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache file
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return model if isinstance(model, ReasonModel) else None
