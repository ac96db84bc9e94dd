"""What the bible tells the demo advisors, prepared once before generating anything.

For each contact reason and channel: the standard whose approved answer advisors follow, its
answer turned into reply templates (greeting and closing taken out, since advisors add — or
forget — their own; ``[bracketed]`` parts filled; a few variations), the facts each template
states, the SLA targets, the expressions to avoid and the required greeting and closing.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from unisono.bible.loader import Bible, StandardFile
from unisono.bible.schemas import Fact
from unisono.bible.vocabulary import PLACEHOLDERS
from unisono.demo import agent_answers as agent
from unisono.demo import agent_phrases
from unisono.demo.facts import FactForms, fact_forms
from unisono.demo.population import ascii_login
from unisono.language.text import fold

BUILT_IN = frozenset(PLACEHOLDERS)
_STATUS_RANK = {"published": 0, "review": 1, "draft": 2}
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
_BRACKET = re.compile(r"\[([^\]\n]+)\]")
_LABEL_LINE = re.compile(r"^\[([^\].,:/]{1,40})\]\s+(\S.*)$")
_SPOKEN = re.compile(r"^\s*«\s*|\s*»\s*$", re.MULTILINE)
_WRAPPED = re.compile(r"(?<=[^\s.:;!?»\]])[ \t]*\n[ \t]*(?=[a-zà-ÿ{])")
_GREETING = re.compile(r"^\s*(?:Bonjour|Hello|Hi|Dear) \{customer_name\}\s*[,!]\s*")
_CLOSING_SENTENCES = (
    re.compile(r"\s*(?:Bien cordialement|Kind regards|Best regards),[\s\S]*$"),
    re.compile(r"\s*\{agent_name\}\s*$"),
    re.compile(r"\s*Je reste à votre disposition[^.\n]*\."),
    re.compile(r"\s*Puis-je vous aider pour autre chose\s*\?"),
    re.compile(r"\s*Bonne journée\s*!"),
    re.compile(r"\s*À tout de suite\s*!"),
    re.compile(r"\s*Je vous souhaite de beaux achats\."),
    re.compile(r"\s*Nous espérons vous revoir bientôt chez \{company\}\."),
)


@dataclass(frozen=True)
class Script:
    """Reply templates for one reason, channel and language, and the facts each one states."""

    standard: str | None
    bodies: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Rules:
    """The standards' requirements for one reason on one channel."""

    standard: str | None
    status: str | None
    first_response: tuple[int, str] | None  # target in seconds, standard id
    resolution: tuple[int, str] | None
    forbidden: tuple[tuple[str, str | None], ...]  # expression, standard id (None: bible.yml)
    required_by: dict[str, str]  # element -> the standard requiring it


class Playbook:
    """The bible, prepared for generating replies."""

    def __init__(self, bible: Bible, rng: random.Random) -> None:
        self.company = bible.config.company
        self.handle = "@" + re.sub(r"[^A-Za-z0-9]", "", ascii_login(self.company).replace("-", ""))
        self.language = bible.config.language
        self.formality = bible.config.effective_formality
        self.channels = list(bible.config.channels)
        self.labels, self.examples = _reasons(bible)
        self.reasons = [r for r in bible.reason_ids() if r in self.examples]
        self.extra_placeholders = dict(bible.config.placeholders)
        self.global_forbidden = [f.expression for f in bible.config.forbidden]
        self.facts = _facts(bible)
        self.standards = {s.doc.id: s for s in bible.standards if s.doc.status != "archived"}
        self.rules: dict[tuple[str, str], Rules] = {}
        self.scripts: dict[tuple[str, str, str], Script] = {}
        for reason in self.reasons:
            for channel in self.channels:
                self.rules[reason, channel] = self._rules(reason, channel)
                for lang in ("fr", "en"):
                    self.scripts[reason, channel, lang] = self._script(reason, channel, lang, rng)

    def covers(self, reason: str, channel: str) -> bool:
        """Whether a contact for ``reason`` may come on ``channel``: its own standard (on any
        channel) takes that channel, or the reason has no standard of its own."""
        home = next((s for s in self._applicable(reason, None) if s.doc.reasons), None)
        return home is None or home.doc.applies_to_channel(channel)

    def facts_by_channel(self, weights: dict[str, float]) -> dict[str, list[str]]:
        """Facts stated in each channel's replies, most often heard first (``weights``: reasons)."""
        ranked: dict[str, list[str]] = {}
        for channel in [*self.channels, "*"]:
            counts: dict[str, float] = {}
            for (reason, ch, lang), script in self.scripts.items():
                if lang == self.language and channel in (ch, "*"):
                    share = weights.get(reason, 1.0) / len(script.bodies)
                    for names in script.facts:
                        for name in dict.fromkeys(names):
                            counts[name] = counts.get(name, 0.0) + share
            by_use = sorted(counts, key=lambda name: -counts[name])  # stable: ties keep their order
            ranked[channel] = [name for name in by_use if self.facts[name].wrong]
        return ranked

    def _applicable(self, reason: str, channel: str | None) -> list[StandardFile]:
        """Standards for this reason (or a parent) and channel (None: any), best first."""
        chain = [reason[: i.start()] for i in re.finditer(r"\.", reason)] + [reason]
        found = []
        for standard in self.standards.values():
            doc = standard.doc
            if channel is not None and not doc.applies_to_channel(channel):
                continue
            if doc.reasons and not any(r in chain for r in doc.reasons):
                continue
            specific = 0 if reason in doc.reasons else 1 if doc.reasons else 2
            found.append((specific, _STATUS_RANK.get(doc.status, 3), standard))
        found.sort(key=lambda item: (item[0], item[1]))
        return [standard for _, _, standard in found]

    def _rules(self, reason: str, channel: str) -> Rules:
        applicable = self._applicable(reason, channel)
        process = next((s for s in applicable if s.doc.reasons), None)
        first = _target(applicable, channel, "first_response")
        resolution = _target(applicable, channel, "resolution")
        forbidden: list[tuple[str, str | None]] = [(e, None) for e in self.global_forbidden]
        for standard in applicable:
            if standard.doc.status == "published":
                forbidden += [(f.expression, standard.doc.id) for f in standard.doc.forbidden]
        required_by: dict[str, str] = {}
        for standard in applicable:
            for element in standard.doc.required:
                required_by.setdefault(element, standard.doc.id)
        return Rules(
            standard=process.doc.id if process else None,
            status=process.doc.status if process else None,
            first_response=first,
            resolution=resolution,
            forbidden=tuple(forbidden),
            required_by=required_by,
        )

    def _script(self, reason: str, channel: str, lang: str, rng: random.Random) -> Script:
        rules = self.rules[reason, channel]
        standard = self.standards[rules.standard] if rules.standard else None
        if lang == self.language:
            answer = standard.doc.answers.get(channel) if standard else None
            answer = answer or self._channel_answer(channel)
            texts = _prepare(answer) if answer else list(agent.GENERIC_ANSWERS[lang])
            texts = [variant for text in texts for variant in _vary(text, rng)]
        else:
            english = agent.ENGLISH_ANSWERS.get(reason, ()) if lang == "en" else ()
            texts = [t for t in english if self._speakable(t, lang)]
            texts = texts or list(agent.GENERIC_ANSWERS[lang])
        texts = [t.replace("{label}", self.labels[reason].replace("{", "{{")) for t in texts]
        facts = tuple(tuple(n for n in _PLACEHOLDER.findall(t) if n in self.facts) for t in texts)
        return Script(rules.standard, tuple(texts), facts)

    def _speakable(self, text: str, lang: str) -> bool:
        """Whether the bible has every placeholder the text uses, facts with forms in ``lang``."""
        for name in _PLACEHOLDER.findall(text):
            if name in self.facts:
                if not self.facts[name].correct[lang]:
                    return False  # a count: its noun is the bible's, it has no English form
            elif name not in BUILT_IN and name not in self.extra_placeholders:
                return False
        return True

    def _channel_answer(self, channel: str) -> str | None:
        """The approved answer of the channel's communication standard, when the reason has none."""
        for standard in self.standards.values():
            doc = standard.doc
            if (
                doc.section == "communication"
                and doc.channels == [channel]
                and channel in doc.answers
            ):
                return doc.answers[channel]
        return None


def _reasons(bible: Bible) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Labels of every reason, and the example phrasings of those customers can write about."""
    labels: dict[str, str] = {}
    examples: dict[str, tuple[str, ...]] = {}
    stack = list(bible.config.reasons)
    while stack:
        node = stack.pop()
        labels[node.id] = node.label
        if node.examples or not node.children:
            examples[node.id] = tuple(node.examples)
        stack.extend(node.children)
    return labels, examples


def _facts(bible: Bible) -> dict[str, FactForms]:
    values: dict[str, Fact] = {}
    for standard in bible.standards:
        for name, fact in standard.doc.facts.items():
            values.setdefault(name, fact)
    others = [fact.quantity for fact in values.values()]
    language = bible.config.language
    return {
        name: fact_forms(name, fact.raw, fact.quantity, others, language)
        for name, fact in values.items()
    }


def _target(applicable: list[StandardFile], channel: str, kind: str) -> tuple[int, str] | None:
    for standard in applicable:
        sla = standard.doc.sla
        targets = getattr(sla, kind) if sla else None
        if targets:
            target = targets.get(channel, targets.get("*"))
            if target is not None:
                return int(target.total_seconds()), standard.doc.id
    return None


def _prepare(answer: str) -> list[str]:
    """An approved answer as reply templates: one per alternative ``[Label]`` line."""
    lines = [line.strip() for line in answer.strip().splitlines()]
    labels = {i: m.group(2) for i, line in enumerate(lines) if (m := _LABEL_LINE.match(line))}
    if len(labels) == len([line for line in lines if line]):  # a script of labelled steps
        choices: list[int | None] = [-1]
    elif len(labels) == 1:  # another case: the plain answer, or that line alone
        return [_clean("\n".join(line for i, line in enumerate(lines) if i not in labels)),
                _clean(next(iter(labels.values())))]  # fmt: skip
    else:
        choices = [*labels] or [None]
    variants = []
    for chosen in choices:
        kept = [
            labels.get(i, line)
            for i, line in enumerate(lines)
            if i not in labels or chosen in (i, -1)
        ]
        variants.append(_clean("\n".join(kept)))
    return variants


def _clean(text: str) -> str:
    text = _BRACKET.sub(_filler, text)
    text = _SPOKEN.sub("", text)  # « what is said » on the phone: the words, without the quotes
    text = _WRAPPED.sub(" ", text)  # a sentence the YAML file wrapped over two lines
    text = _GREETING.sub("", text)
    for pattern in _CLOSING_SENTENCES:
        text = pattern.sub("", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n\s*\n\s*\n+", "\n\n", text).strip()
    text = re.sub(r" +([.,])", r"\1", text)
    return text[:1].upper() + text[1:]


def _filler(match: re.Match[str]) -> str:
    inner = fold(match.group(1)).strip()
    for start, name in agent.BRACKET_FILLERS:
        if inner.startswith(fold(start)):
            return "{" + name + "}"
    return ""  # a stage direction ("[Laisser le client s'exprimer…]"): not said


def _vary(text: str, rng: random.Random) -> list[str]:
    """The template and up to two variations of its wording."""
    variants = [text]
    for _ in range(2):
        varied = text
        for original, replacements in agent_phrases.VARIATIONS:
            if original in varied and rng.random() < 0.6:
                varied = varied.replace(original, rng.choice(replacements), 1)
        if varied not in variants:
            variants.append(varied)
    return variants
