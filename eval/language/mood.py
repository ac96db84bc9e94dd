"""Sentiment, signals and mood change on the hand-labelled sets; language detection."""

from __future__ import annotations

import json
from pathlib import Path

import public
from scores import per_label, score

from unisono.language.detect import detect_language
from unisono.language.sentiment import SIGNALS, interaction_mood, message_mood

HERE = Path(__file__).parent


def _rows(name: str) -> list[dict[str, object]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sentiment() -> None:
    """Per message sentiment and signals; per conversation first/last sentiment and change."""
    rows = _rows("sentiment.jsonl")
    moods = [message_mood(str(row["text"])) for row in rows]
    found = score([str(row["sentiment"]) for row in rows], [str(m.sentiment) for m in moods])
    print(f"\nSentiment ({len(rows)} hand-labelled French and English customer messages)")
    print(f"  negative / neutral / positive: {found.line()}")
    for signal in SIGNALS:
        truth = [signal in row["signals"] for row in rows]  # type: ignore[operator]
        precision, recall, f1, support = per_label(truth, [signal in m.signals for m in moods])
        print(f"  {signal}: precision {precision:.2f}, recall {recall:.2f}, F1 {f1:.2f} "
              f"(support {support})")  # fmt: skip
    conversations = _rows("moods.jsonl")
    read = [
        interaction_mood(list(enumerate(row["messages"])))  # type: ignore[arg-type]
        for row in conversations
    ]
    first = sum(m.first == row["first"] for m, row in zip(read, conversations, strict=True))
    last = sum(m.last == row["last"] for m, row in zip(read, conversations, strict=True))
    change = sum(
        m.change == int(row["last"]) - int(row["first"])  # type: ignore[call-overload]
        for m, row in zip(read, conversations, strict=True)
    )
    n = len(conversations)
    print(f"  mood over {n} conversations: first message {first}/{n}, last {last}/{n}, "
          f"change (last − first) {change}/{n}")  # fmt: skip


def detection() -> None:
    """French or English, on every labelled message, and on the short ones (≤ 4 words)."""
    samples = [(str(row["text"]), "fr") for row in _rows("reasons-fr.jsonl")]
    sentiment_rows = _rows("sentiment.jsonl")
    samples += [(str(row["text"]), str(row.get("language", "fr"))) for row in sentiment_rows]
    if public.available():
        samples += [(text, "en") for text, _ in public.banking77("test")]
    short = [(t, lang) for t, lang in samples if len(t.split()) <= 4]
    print(f"\nLanguage detection ({len(samples)} messages: the French sets, the English sentiment"
          " messages, Banking77's test queries)")  # fmt: skip
    for name, subset in (("all", samples), ("4 words or fewer", short)):
        right = sum(detect_language(t, default="fr") == lang for t, lang in subset)
        print(f"  {name}: accuracy {right / len(subset):.3f} (n={len(subset)})")
