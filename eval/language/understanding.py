"""Contact reason classification on the public sets, the French set and the demo's ground
truth, with the product's own classifier (``unisono.language.reasons``)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import numpy as np
import public
from scores import Scores, score
from sklearn.model_selection import StratifiedKFold

from unisono.bible.loader import read_bible
from unisono.demo.generator import generate, generate_with_truth
from unisono.language import reasons
from unisono.language.reasons import UNKNOWN, ReasonModel
from unisono.language.training import PER_REASON, examples_in, first_customer_text, train_on

HERE = Path(__file__).parent
BIBLE = HERE.parents[1] / "examples" / "bible"
# Published figures (accuracy, %); see README.md for the tables they come from.
BANKING77_BASELINES = {
    "BERT-Fixed": 87.19, "BERT-Tuned": 93.66, "USE": 92.81, "ConveRT": 93.01,
    "USE+ConveRT": 93.36,
}  # fmt: skip
CLINC_BASELINES = {  # oos-train, full data: (in-scope accuracy, out-of-scope recall)
    "FastText": (89.0, 9.7), "SVM": (91.0, 14.5), "CNN": (91.2, 18.9), "DialogFlow": (91.7, 14.0),
    "Rasa": (91.5, 45.3), "MLP": (93.5, 47.4), "BERT": (96.9, 40.3),
}  # fmt: skip


def _trained(pairs: list[tuple[str, str]]) -> ReasonModel:
    model = reasons.train([t for t, _ in pairs], [label for _, label in pairs])
    assert model is not None
    return model


def _predict(model: ReasonModel, pairs: list[tuple[str, str]], oos: str = "oos") -> list[str]:
    return [g.reason if g.reason != UNKNOWN else oos for g in model.classify([t for t, _ in pairs])]


def banking77() -> float:
    """Train on Banking77's train split, score its test split."""
    model = _trained(public.banking77("train"))
    model.threshold = 0.0
    test = public.banking77("test")
    found = score([label for _, label in test], _predict(model, test))
    print("\nBanking77 (train 10,003 / test 3,080 queries, 77 intents)")
    print(f"  Unisono (TF-IDF + linear SVM): {found.line()}")
    print("  published (Casanueva et al., 2020, full training data): " + ", ".join(
        f"{name} {value:.2f}" for name, value in BANKING77_BASELINES.items()))  # fmt: skip
    return found.accuracy


def _best_threshold(model: ReasonModel, validation: list[tuple[str, str]]) -> float:
    """The threshold that classifies the validation queries (in and out of scope) best."""
    scores = model.confidences([t for t, _ in validation])
    best = np.array(model.reasons)[scores.argmax(axis=1)]
    sure = scores.max(axis=1)
    truth = np.array([label for _, label in validation])
    options = np.linspace(0.05, 0.95, 91)
    accuracy = [np.mean(np.where(sure >= t, best, "oos") == truth) for t in options]
    return float(options[int(np.argmax(accuracy))])


def clinc150() -> None:
    """CLINC150 "full": out-of-scope learnt as a class (oos-train) and by a threshold tuned on
    the validation split (oos-threshold)."""
    data = public.clinc150()
    test = data["test"] + data["oos_test"]
    truth = [label for _, label in test]
    print(
        "\nCLINC150 (full: 15,000 training queries, 150 intents; test 4,500 + 1,000 out of scope)"
    )
    with_oos = _trained(data["train"] + data["oos_train"])
    with_oos.threshold = 0.0
    _clinc_line("oos-train", score(truth, _predict(with_oos, test), oos="oos"))
    model = _trained(data["train"])
    model.threshold = _best_threshold(model, data["val"] + data["oos_val"])
    found = score(truth, _predict(model, test), oos="oos")
    _clinc_line(f"oos-threshold ({model.threshold:.2f}, tuned on val)", found)
    print("  published (Larson et al., 2019, oos-train, full; in-scope accuracy / OOS recall): "
          + ", ".join(f"{n} {a:.1f}/{r:.1f}" for n, (a, r) in CLINC_BASELINES.items()))  # fmt: skip


def _clinc_line(name: str, found: Scores) -> None:
    print(f"  Unisono, {name}: {found.line()}")


def natcs() -> None:
    """NatCS: 5-fold cross-validation of the labelled customer utterances of each domain (it
    has no training split: DSTC11 Track 2 is intent induction)."""
    print("\nNatCS / DSTC11 Track 2 (labelled customer turns, 5-fold cross-validation)")
    for domain in public.NATCS_DOMAINS:
        pairs = public.natcs(domain)
        texts = np.array([t for t, _ in pairs], dtype=object)
        labels = np.array([label for _, label in pairs], dtype=object)
        counts = Counter(labels.tolist())
        keep = np.array([counts[label] >= 5 for label in labels])
        texts, labels = texts[keep], labels[keep]
        predicted = np.empty(len(labels), dtype=object)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
        for train, test in folds.split(texts, labels):
            model = _trained(list(zip(texts[train], labels[train], strict=True)))
            model.threshold = 0.0
            predicted[test] = [g.reason for g in model.classify(texts[test].tolist())]
        found = score(labels.tolist(), predicted.tolist())
        print(f"  {domain}: {len(set(labels))} intents, {found.line()}")
    print(
        "  published: none for supervised classification of these turns (NatCS, Gung et al."
        " 2023, reports intent induction by clustering)"
    )


def demo_training(interactions: int = 20_000, seed: int = 11) -> list[tuple[str, str]]:
    """What the product learns from on the demo: the bible's examples and the first customer
    message of generated interactions imported with their reason (PER_REASON each)."""
    bible = read_bible(BIBLE)
    examples = examples_in(bible)
    per: Counter[str] = Counter()
    end = dt.date(2026, 6, 30)
    for record in generate(bible, interactions=interactions, seed=seed, end=end):
        reason = record.get("reason")
        text = first_customer_text(record["messages"])
        if reason and text and per[reason] < PER_REASON:
            examples.append((text, reason))
            per[reason] += 1
    return examples


def french(*, verbose: bool) -> float:
    """The hand-written French set, with the model the product trains for the demo bible."""
    rows = [json.loads(line) for line in (HERE / "reasons-fr.jsonl").open(encoding="utf-8")]
    truth = [row["reason"] for row in rows]
    print(f"\nFrench set ({len(rows)} hand-written messages for the demo bible's reasons, "
          f"{truth.count(UNKNOWN)} out of scope)")  # fmt: skip
    sources = {
        "bible examples only": examples_in(read_bible(BIBLE)),
        "bible examples + generated interactions": demo_training(),
    }
    for name, examples in sources.items():
        model = train_on(examples)
        assert model is not None
        guesses = model.classify([row["text"] for row in rows])
        found = score(truth, [g.reason for g in guesses], oos=UNKNOWN)
        print(f"  {name} ({len(examples)} phrasings): {found.line()}")
    if verbose:
        for row, guess in zip(rows, guesses, strict=True):
            if guess.reason != row["reason"]:
                print(f"    {row['reason']} -> {guess.reason} ({guess.confidence:.2f}): "
                      f"{row['text'][:90]!r}")  # fmt: skip
    return found.accuracy


def demo_truth(interactions: int = 5_000, seed: int = 23) -> None:
    """Generated interactions whose record left the reason out, against their true reason."""
    model = train_on(demo_training())
    assert model is not None
    bible = read_bible(BIBLE)
    left_out = [
        (first_customer_text(record["messages"]) or "", truth["reason"])
        for record, truth in generate_with_truth(
            bible, interactions=interactions, seed=seed, end=dt.date(2026, 3, 31)
        )
        if truth is not None and not truth["reason_in_record"]
    ]
    guesses = model.classify([text for text, _ in left_out])
    found = score([r for _, r in left_out], [g.reason for g in guesses])
    print(f"\nDemo interactions without a reason in their record (seed {seed}, not trained on)")
    print(f"  {found.line()}")
