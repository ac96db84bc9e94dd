"""What the reason classifier learns from, and where trained models are kept.

Three sources, all shipped or in the database, never downloaded: the bible's reasons and their
example phrasings (and the examples of standards for one reason), the first customer message
of interactions imported *with* a reason (at most :data:`PER_REASON` each, the latest), and
:file:`data/out_of_scope.txt`, messages that fit no reason of any bible. A model is trained at
first use and kept under the data directory, named by a fingerprint of what it learnt from: the
same bible and data load it again, anything new trains a new one (about a second).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from unisono.bible import models as bible
from unisono.bible.loader import Bible
from unisono.bible.schemas import Reason
from unisono.interactions import models as hub
from unisono.language import reasons
from unisono.language.reasons import UNKNOWN, ReasonModel

__all__ = [
    "Examples",
    "bible_examples",
    "examples_in",
    "kept_model",
    "out_of_scope",
    "reason_model",
    "reason_model_file",
]

PER_REASON = 100  # interactions per reason: enough to learn customers' words, quick to train
Examples = list[tuple[str, str]]  # (text, reason)


def out_of_scope() -> list[str]:
    """The shipped messages that fit no contact reason."""
    text = resources.files("unisono.language").joinpath("data/out_of_scope.txt").read_text()
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _tree(nodes: Iterable[Reason]) -> Examples:
    found: Examples = []
    for node in nodes:
        found += [(text, node.id) for text in node.examples or ()]
        found += _tree(node.children or ())
    return found


def examples_in(bible_folder: Bible) -> Examples:
    """The example phrasings of a bible folder (its reasons', and its one-reason standards')."""
    found = _tree(bible_folder.config.reasons)
    for standard in bible_folder.standards:
        if len(standard.doc.reasons) == 1:
            found += [(text, standard.doc.reasons[0]) for text in standard.doc.examples]
    return found


def bible_examples(session: Session) -> Examples:
    """The example phrasings of the bible in force (reasons and one-reason standards)."""
    found: Examples = []
    for reason_id, examples in session.execute(
        select(bible.Reason.id, bible.Reason.examples).where(bible.Reason.active)
    ):
        found += [(text, reason_id) for text in examples or ()]
    version = bible.StandardVersion
    for document in session.scalars(
        select(version.document).where(version.valid_to.is_(None), version.status == "published")
    ):
        owned = document.get("reasons") or []
        if len(owned) == 1:
            found += [(text, owned[0]) for text in document.get("examples") or ()]
    return found


def interaction_examples(connection: Connection, per_reason: int = PER_REASON) -> Examples:
    """The first customer message of the latest interactions imported with each reason."""
    interaction = hub.Interaction
    rank = (
        func.row_number()
        .over(partition_by=interaction.reason_id, order_by=interaction.id.desc())
        .label("rank")
    )
    ranked = (
        select(interaction.reason_id, interaction.messages, rank)
        .where(interaction.reason_origin == "record")
        .subquery()
    )
    found: Examples = []
    for reason_id, messages in connection.execute(
        select(ranked.c.reason_id, ranked.c.messages).where(ranked.c.rank <= per_reason)
    ):
        text = first_customer_text(messages)
        if text:
            found.append((text, reason_id))
    return found


def first_customer_text(messages: list[dict[str, str]]) -> str | None:
    """The text of the first message the customer wrote, None when they wrote none."""
    return next((m["text"] for m in messages if m.get("from") == "customer"), None)


def train_on(examples: Examples) -> ReasonModel | None:
    """A model learnt from ``examples`` and the shipped out-of-scope messages."""
    unknown = out_of_scope()
    texts = [text for text, _ in examples] + unknown
    labels = [reason for _, reason in examples] + [UNKNOWN] * len(unknown)
    return reasons.train(texts, labels)


def reason_model(session: Session, data_dir: Path) -> ReasonModel | None:
    """The model for the bible in force and the interactions imported with a reason: loaded
    from the data directory, or trained and kept there. None before any reasons exist."""
    examples = _examples(session)
    path = model_path(data_dir, _key(examples))
    return reasons.load(path) or _train_into(path, examples)


def reason_model_file(session: Session, data_dir: Path) -> Path | None:
    """The file of :func:`reason_model`, trained and kept first if there is none yet. For a
    process that hands the model to others: it reads neither the model nor scikit-learn."""
    examples = _examples(session)
    path = model_path(data_dir, _key(examples))
    if path.exists() or _train_into(path, examples) is not None:
        return path
    return None


def kept_model(path: Path, session: Session) -> ReasonModel | None:
    """The model kept at ``path`` by :func:`reason_model_file`; trained into it again when the
    file cannot be read."""
    return reasons.load(path) or _train_into(path, _examples(session))


def _examples(session: Session) -> Examples:
    return bible_examples(session) + interaction_examples(session.connection())


def _key(examples: Examples) -> str:
    """The fingerprint of the training data, the shipped out-of-scope messages included."""
    unknown = out_of_scope()
    return reasons.digest(
        [t for t, _ in examples] + unknown,
        [r for _, r in examples] + [UNKNOWN] * len(unknown),
        reasons.DEFAULT_THRESHOLD,
    )


def _train_into(path: Path, examples: Examples) -> ReasonModel | None:
    model = train_on(examples)
    if model is not None:
        model.save(path)
    return model


def model_path(data_dir: Path, key: str) -> Path:
    """Where the model of training data ``key`` is kept."""
    return data_dir / "models" / f"reasons-{key}.pickle"
