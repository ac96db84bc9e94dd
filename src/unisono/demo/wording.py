"""The words of one interaction: its placeholder values, and what the customer writes or says."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from unisono.demo import agent_answers as agent
from unisono.demo import customer_phrases as phrases
from unisono.demo.orders import PICKUP_POINTS, product_names, since, voucher_code, written_date
from unisono.demo.playbook import Playbook
from unisono.demo.population import Agent, Customer

_SALUTATION = re.compile(r"^(?:Bonjour|Madame, Monsieur|Hello|Hi)\s*[,!]?\s*")
_ENDINGS = (".", "!", "?", "…", ")", ":")
_ACCENTS = str.maketrans("éèêëàâäîïôöûùüç", "eeeeaaaiioouuuc")
_DAY_SHIFTS = {
    "delivery_date": (2, 6),
    "followup_date": (2, 4),
    "refund_date": (4, 8),
    "restock_date": (10, 40),
    "appointment_date": (5, 14),
}
_SLOTS = {"fr": (" (créneau du matin)", " (créneau de l'après-midi)"), "en": (" (morning)",)}


@dataclass(slots=True)
class Scene:
    """Who, what and when: everything the placeholders of one interaction are made from."""

    lang: str
    channel: str
    reason: str
    customer: Customer
    agent: Agent
    ticket_id: str
    order_id: str
    tracking: str
    product: int
    today: dt.date
    previous: tuple[str, dt.date] | None


class Values(dict[str, str]):
    """The placeholder values of one interaction; the costly ones are made on first use."""

    def __init__(self, scene: Scene, playbook: Playbook, rng: random.Random) -> None:
        customer, agent_ = scene.customer, scene.agent
        formal = customer.formal()
        super().__init__(
            customer_name=formal if scene.channel == "phone" else customer.name,
            formal=formal,
            first=customer.first,
            name=customer.name,
            agent_name=agent_.first,
            agent_full=f"{agent_.first} {agent_.last}",
            company=playbook.company,
            handle=playbook.handle,
            ticket_id=scene.ticket_id,
            order_id=scene.order_id,
            tracking_number=scene.tracking,
        )
        self.scene, self.playbook, self.rng = scene, playbook, rng
        self.facts = playbook.facts
        self.fact_hook: Callable[[str], str] | None = None

    def __missing__(self, key: str) -> str:
        if key in self.facts and self.fact_hook is not None:
            return self.fact_hook(key)  # not kept: each statement of a fact is drawn anew
        make = _MAKERS.get(key)
        value = make(self) if make is not None else self._other(key)
        self[key] = value
        return value

    def _date(self, key: str) -> str:
        low, high = _DAY_SHIFTS[key]
        lang = self.scene.lang
        day = written_date(self.scene.today + dt.timedelta(days=self.rng.randint(low, high)), lang)
        return day + (self.rng.choice(_SLOTS[lang]) if key == "appointment_date" else "")

    def _product(self, key: str, shift: int = 0) -> str:
        return product_names(self.scene.product + shift, self.scene.lang)[key]

    def _restate(self) -> str:
        options = agent.RESTATEMENTS.get(self.scene.reason, (agent.GENERIC_RESTATEMENT,))
        return self.rng.choice(options).format(label=self.playbook.labels[self.scene.reason])

    def _answer(self) -> str:
        answers = agent.ANSWERS.get(self.scene.reason, agent.GENERIC_ANSWERS[self.scene.lang])
        return self.rng.choice(answers).format(label=self.playbook.labels[self.scene.reason])

    def _previous(self, key: str) -> str:
        scene = self.scene
        previous = scene.previous or (scene.ticket_id, scene.today)
        return previous[0] if key == "prev_id" else written_date(previous[1], scene.lang)

    def _amount(self) -> str:
        euros, cents = self.rng.randint(12, 480), self.rng.choice(("00", "90", "99", "50"))
        return f"{euros},{cents} €" if self.scene.lang == "fr" else f"€{euros}.{cents}"

    def _other(self, key: str) -> str:
        if key in agent.FILLERS:
            return self.rng.choice(agent.FILLERS[key]).format_map(self)
        if "date" in key:
            shift = dt.timedelta(days=self.rng.randint(2, 10))
            return written_date(self.scene.today + shift, self.scene.lang)
        described = self.playbook.extra_placeholders.get(key, key)
        return described[:1].lower() + described[1:]  # a placeholder this demo cannot invent


_MAKERS: dict[str, Callable[[Values], str]] = {
    **{key: partial(Values._date, key=key) for key in _DAY_SHIFTS},
    **{key: partial(Values._product, key=key) for key in ("product", "Product", "of_product")},
    "x_article": lambda v: v._product("x_article"),
    "x_alternative": lambda v: v._product("x_article", v.rng.randint(1, 5)),
    "x_restate": lambda v: v._restate(),
    "x_answer": lambda v: v._answer(),
    "label": lambda v: v.playbook.labels[v.scene.reason],
    "since": lambda v: since(v.rng, v.scene.today, v.scene.lang),
    "prev_id": lambda v: v._previous("prev_id"),
    "prev_date": lambda v: v._previous("prev_date"),
    "x_link": lambda v: f"https://www.{v.playbook.handle[1:].lower()}.fr/aide",
    "pickup_point": lambda v: v.rng.choice(PICKUP_POINTS),
    "voucher_code": lambda v: voucher_code(v.rng),
    "amount": lambda v: v._amount(),
}


class CustomerVoice:
    """What customers write or say, per reason, language and channel."""

    def __init__(self, playbook: Playbook) -> None:
        self.cores: dict[tuple[str, str], tuple[str, ...]] = {}
        own, other = phrases.PARAPHRASES_FR, phrases.PARAPHRASES_EN
        for reason in playbook.reasons:
            examples = tuple(_core(text) for text in playbook.examples[reason])
            for lang, paraphrases in (("fr", own), ("en", other)):
                bank = paraphrases.get(reason, ())
                if lang == playbook.language:
                    bank = examples + bank
                self.cores[reason, lang] = bank or phrases.GENERIC[lang]

    def opening(
        self, scene: Scene, values: Values, rng: random.Random, emotion: str, attempt: int
    ) -> str:
        """The customer's first message, in the style of the channel."""
        lang, channel = scene.lang, scene.channel
        parts = [rng.choice(phrases.REPEAT_OPENERS[lang])] if attempt > 1 else []
        parts.append(rng.choice(self.cores[scene.reason, lang]))
        if "{order_id}" not in parts[-1] and rng.random() < 0.35:
            parts.append(rng.choice(phrases.ORDER_DETAILS[lang]))
        feelings = phrases.EMOTIONS[lang].get(emotion, ())
        if feelings:
            several = emotion == "angry" and rng.random() < 0.4
            parts += rng.sample(feelings, 2) if several else [rng.choice(feelings)]
        parts = [p if p.endswith(_ENDINGS) else p + "." for p in parts]
        body = " ".join(parts).format_map(values)
        if lang == "fr" and channel in ("chat", "social") and rng.random() < 0.05:
            body += " " + rng.choice(phrases.CUSTOMER_TU)
        return self._styled(body, channel, lang, values, rng)

    def _styled(
        self, body: str, channel: str, lang: str, values: Values, rng: random.Random
    ) -> str:
        if channel == "phone":
            spoken = rng.choice(phrases.PHONE_OPENERS[lang])
            return spoken + (body[:1].lower() + body[1:] if spoken.endswith((": ", ", ")) else body)
        if channel == "social":
            tag = rng.choice(phrases.SOCIAL_TAGS[lang])
            return f"{values['handle']} {body} {tag}".strip()
        if channel == "web_form" and rng.random() < 0.5:  # the form's own fields
            fields = f"Objet : {values['label']}\nN° de commande : {values['order_id']}"
            return f"{fields}\nMessage : {body}" if lang == "fr" else body
        if channel in ("email", "web_form"):
            salutation = rng.choice(phrases.SALUTATIONS[lang])
            sign_off = rng.choice(phrases.SIGN_OFFS[lang]).format_map(values)
            return "\n\n".join(part for part in (salutation, body, sign_off) if part)
        return body

    def follow_up(self, kind: str, lang: str, values: Values, rng: random.Random) -> str:
        """A later customer message: thanks, pushback, a detail, or goodbye."""
        return rng.choice(phrases.FOLLOW_UPS[lang][kind]).format_map(values)


def typo(text: str, rng: random.Random) -> str:
    """``text`` as typed in a hurry: accents dropped, a letter swapped or doubled, no capital."""
    roll = rng.random()
    if roll < 0.35:
        return text.translate(_ACCENTS)
    if roll < 0.55:
        return text[:1].lower() + text[1:].rstrip(".!")
    words = text.split(" ")
    index = rng.randrange(len(words))
    word = words[index]
    if len(word) < 5 or not word.isalpha():
        return text.translate(_ACCENTS)
    at = rng.randrange(1, len(word) - 2)
    if roll < 0.8:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        word = word[:at] + word[at] + word[at:]
    words[index] = word
    return " ".join(words)


def _core(example: str) -> str:
    """A bible example as an opening template: its salutation taken off, braces escaped."""
    core = _SALUTATION.sub("", example).replace("{", "{{").replace("}", "}}")
    return core[:1].upper() + core[1:]
