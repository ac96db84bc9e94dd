"""Assist benchmark (issue: language): `suggest` on a generated bible of 5,000 standards (500
contact reasons, 10 process standards each), measured in-process, one message at a time, against
a plain BM25 baseline in the same run: `bm25s` over the standards' text, its default tokenizer,
the top standard's answer for the channel. Prints p50 and p99 latencies (target for `suggest`:
p99 under 20 ms), their ratio to the baseline, and how often each finds the message's standard.

Usage: python bench/suggest_bench.py [--reasons N] [--per-reason K] [--queries Q] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import bm25s
import numpy as np

from unisono.assist.entries import Entry, Library
from unisono.assist.service import build_assistant, suggest
from unisono.language.training import train_on

CHANNELS = ("email", "chat", "phone", "social", "web_form")
OBJECTS = (
    "canapé", "fauteuil", "matelas", "sommier", "couette", "oreiller", "table", "chaise",
    "buffet", "commode", "armoire", "bureau", "étagère", "lampe", "miroir", "tapis", "rideau",
    "coussin", "plaid", "vaisselle", "cocotte", "poêle", "casserole", "verre", "bougie",
    "cadre", "horloge", "vase", "panier", "tabouret", "banc", "lit", "tête de lit", "housse",
    "drap", "serviette", "peignoir", "paillasson", "patère", "portemanteau", "console",
    "bibliothèque", "desserte", "pouf", "banquette", "suspension", "applique", "lampadaire",
    "jardinière", "parasol",
)  # fmt: skip
ISSUES = (
    ("livraison en retard", "toujours pas reçu", "retard de livraison"),
    ("arrivé cassé", "abîmé à la réception", "endommagé dans le carton"),
    ("retour", "je veux le renvoyer", "rendre l'article"),
    ("remboursement", "pas encore remboursé", "l'argent n'est pas revenu"),
    ("montage", "monter à domicile", "installation par un technicien"),
    ("garantie", "ne fonctionne plus", "panne après quelques mois"),
    ("disponibilité", "en rupture", "revient en stock"),
    ("dimensions", "quelle taille", "mesures exactes"),
    ("pièce manquante", "il manque des vis", "notice absente"),
    ("entretien", "comment nettoyer", "lavable en machine"),
)
OPENINGS = ("Bonjour, ", "", "Madame, Monsieur, ", "bjr ", "Hello, ")
TAILS = ("", " merci", " svp", " c'est urgent", " Cordialement.")


def reason_id(obj: int, issue: int) -> str:
    return f"r{obj:02d}.i{issue}"


def phrasing(rng: random.Random, obj: int, issue: int) -> str:
    wording = rng.choice(ISSUES[issue])
    return f"{rng.choice(OPENINGS)}{wording} pour le {OBJECTS[obj]}{rng.choice(TAILS)}"


def library(
    reasons: int, per_reason: int, rng: random.Random
) -> tuple[Library, list[tuple[str, str]]]:
    """A bible of ``reasons * per_reason`` process standards, and its example phrasings."""
    entries, examples, labels = [], [], {}
    pairs = [(o, i) for o in range(len(OBJECTS)) for i in range(len(ISSUES))][:reasons]
    for obj, issue in pairs:
        reason = reason_id(obj, issue)
        labels[reason] = f"{ISSUES[issue][0]} — {OBJECTS[obj]}"
        examples += [(phrasing(rng, obj, issue), reason) for _ in range(8)]
        for k in range(per_reason):
            channels = (CHANNELS[k % len(CHANNELS)],) if k else ()
            answer = (
                f"Bonjour {{customer_name}}, au sujet de votre {OBJECTS[obj]} "
                f"({ISSUES[issue][0]}), voici la marche à suivre n°{k} : {{order_id}}."
            )
            answers = dict.fromkeys(CHANNELS, answer)
            text = f"{labels[reason]} variante {k}\n{ISSUES[issue][1]} {OBJECTS[obj]}"
            entries.append(Entry(
                f"std-{obj:02d}-{issue}-{k}", 1, labels[reason], "processes", (reason,), channels,
                answers, {"delai": f"{k + 2} jours"}, (("pas de souci", "avec plaisir"),), text,
            ))  # fmt: skip
    built = Library("Maison Test", tuple(entries), labels, {}, (), CHANNELS)
    return built, examples


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def timed(
    call: Callable[[str, str], str | None], queries: list[tuple[str, str, str]]
) -> tuple[list[float], int]:
    """Per-query milliseconds, and how many found a standard of the query's reason."""
    times, right = [], 0
    for text, channel, reason in queries:
        started = time.perf_counter()
        found = call(text, channel)
        times.append((time.perf_counter() - started) * 1000)
        right += found is not None and found.startswith(reason_prefix(reason))
    return times, right


def reason_prefix(reason: str) -> str:
    obj, issue = reason[1:3], reason.split(".i")[1]
    return f"std-{obj}-{issue}-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reasons", type=int, default=500)
    parser.add_argument("--per-reason", type=int, default=10)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    built, examples = library(args.reasons, args.per_reason, rng)
    started = time.perf_counter()
    assistant = build_assistant(built, train_on(examples))
    setup = time.perf_counter() - started
    baseline = bm25s.BM25()
    baseline.index(bm25s.tokenize([e.text for e in built.entries], stopwords=None,
                                  show_progress=False), show_progress=False)  # fmt: skip
    reasons = sorted({r for _, r in examples})
    queries = []
    for _ in range(args.queries):
        reason = rng.choice(reasons)
        obj, issue = int(reason[1:3]), int(reason.split(".i")[1])
        queries.append((phrasing(rng, obj, issue), rng.choice(CHANNELS), reason))

    def ours(text: str, channel: str) -> str | None:
        return suggest(assistant, text=text, channel=channel, values={}).standard_id

    def plain(text: str, channel: str) -> str | None:
        tokens = bm25s.tokenize([text], stopwords=None, show_progress=False)
        found, _ = baseline.retrieve(tokens, k=1, show_progress=False)
        entry = built.entries[int(found[0][0])]
        return entry.standard_id if channel in entry.answers else None

    for text, channel, _ in queries[:50]:  # warm up both
        ours(text, channel), plain(text, channel)
    our_times, our_right = timed(ours, queries)
    base_times, base_right = timed(plain, queries)
    n = len(queries)
    print(f"\nsuggest on a generated bible of {len(built.entries):,} standards "
          f"({len(reasons)} reasons), {n:,} messages one at a time, in-process")  # fmt: skip
    print(f"  set-up (classifier trained on {len(examples):,} phrasings, index): {setup:.1f} s")
    for name, times, right in (("suggest", our_times, our_right),
                               ("plain BM25 (bm25s, top 1)", base_times, base_right)):  # fmt: skip
        print(
            f"  {name}: p50 {percentile(times, 50):.2f} ms, p99 {percentile(times, 99):.2f} ms,"
            f" mean {statistics.fmean(times):.2f} ms; right standard's reason {right / n:.1%}"
        )
    ratio = percentile(our_times, 99) / percentile(base_times, 99)
    verdict = "ok" if percentile(our_times, 99) < 20 else "MISSED"
    print(f"  suggest p99 / BM25 p99: {ratio:.2f} (target: suggest p99 < 20 ms: {verdict})")


if __name__ == "__main__":
    main()
