"""One interaction: who answers, what is said on each channel and when, and what was planted.

:class:`Builder` turns a :class:`Contact` (a customer, a reason, a channel, an opening time)
into the canonical record, its ground truth (every defect planted, every fact stated) and what
the generator needs next (how it went, for surveys and repeat contacts). Advisors follow the
approved answer of the standard for the reason and channel, and their habits decide what goes
wrong: a wrong fact, an expression to avoid, a forgotten greeting or closing, tutoiement, delays.
"""

from __future__ import annotations

import bisect
import random
from functools import cache
from typing import Any

from unisono.demo import agent_answers as answers
from unisono.demo import agent_phrases as agent_words
from unisono.demo import agent_slips as slips
from unisono.demo.draft import Built, Contact, Draft, Plan
from unisono.demo.outcome import Outcome
from unisono.demo.pace import HEAVY
from unisono.demo.playbook import Playbook
from unisono.demo.population import SECOND_LINE, Agent, Customers, Team
from unisono.demo.timeline import Clock
from unisono.demo.wording import CustomerVoice, Scene, Values, typo
from unisono.language.text import fold


class Builder:
    """Writes interactions, one :class:`Contact` at a time."""

    def __init__(
        self,
        *,
        playbook: Playbook,
        clock: Clock,
        customers: Customers,
        teams: list[Team],
        rng: random.Random,
        export_at: int,
    ) -> None:
        self.playbook, self.clock, self.customers = playbook, clock, customers
        self.rng, self.export_at = rng, export_at
        self.voice = CustomerVoice(playbook)
        self.routes = {channel: _takers(teams, channel) for channel in playbook.channels}
        self.second_line = next((team for team in teams if team.name == SECOND_LINE), None)
        self.speakers = {
            (team.name, lang): [a for a in team.agents if lang == "fr" or a.english]
            or list(team.agents)
            for team in teams
            for lang in ("fr", "en")
        }
        self.fact_owner: dict[str, str] = {}
        self.declared = {s.doc.id: frozenset(s.doc.facts) for s in playbook.standards.values()}
        self.questions: dict[str | None, list[str]] = {None: []}
        for standard in playbook.standards.values():
            for name in standard.doc.facts:
                self.fact_owner.setdefault(name, standard.doc.id)
            asked = [n for n in standard.doc.facts if n in answers.FACT_QUESTIONS]
            self.questions[standard.doc.id] = asked
        self.plantable = {
            key: [f for f in rules.forbidden if not _tutoie(f[0])]
            for key, rules in playbook.rules.items()
        }
        self.vous = playbook.language == "fr" and playbook.formality == "vous"
        self.sayings: dict[str, list[tuple[str, str]]] = {}
        self.formal_pets = {e for e in playbook.global_forbidden if not _tutoie(e)}
        self.outcome = Outcome(clock, rng, export_at)
        self.pace = self.outcome.pace
        self.flows = {"phone": self._phone, "chat": self._chat, "social": self._social}

    def build(self, contact: Contact, ticket_id: str, load: float) -> Built:
        """The interaction for ``contact``, numbered ``ticket_id``; ``load`` slows everyone."""
        customer = self.customers.get(contact.customer)
        lang = customer.language
        team, agent = self._route(contact, lang)
        rules = self.playbook.rules[contact.reason, contact.channel]
        previous = None
        if contact.previous is not None:
            previous = (contact.previous[0], self.clock.date_of(contact.previous[1]))
        scene = Scene(
            lang, contact.channel, contact.reason, customer, agent, ticket_id, contact.order_id,
            contact.tracking, contact.product, self.clock.date_of(contact.opened), previous,
        )  # fmt: skip
        values = Values(scene, self.playbook, self.rng)
        speed = agent.habits.speed * team.speed * load
        plan = self._plan(agent, lang, contact)
        draft = Draft(scene, values, rules, agent, team, speed, plan)
        values.fact_hook = lambda name: self._state(draft, name)
        self.flows.get(contact.channel, self._written)(draft, contact)
        values.fact_hook = None  # no reference cycle left: freed at once, not by the collector
        return self.outcome.finish(draft, contact)

    def _route(self, contact: Contact, lang: str) -> tuple[Team, Agent]:
        rng = self.rng
        team = None
        if self.second_line is not None and contact.channel in ("phone", "email", "web_form"):
            escalated = contact.attempt > 1 and rng.random() < 0.4
            if escalated or (contact.reason in HEAVY and rng.random() < 0.12):
                team = self.second_line
        if team is None:
            takers, weights = self.routes[contact.channel]
            team = takers[bisect.bisect_left(weights, rng.random() * weights[-1])]
        return team, rng.choice(self.speakers[team.name, lang])

    def _plan(self, agent: Agent, lang: str, contact: Contact) -> Plan:
        habits, rng = agent.habits, self.rng
        greet = rng.random() >= habits.p_no_greeting
        close = rng.random() >= habits.p_no_closing
        tu = None
        if lang == "fr" and self.vous and habits.p_tu and rng.random() < habits.p_tu:
            tu = rng.choice(slips.TUTOIEMENT)
        forbidden = None
        if lang == self.playbook.language and rng.random() < habits.p_forbidden:
            forbidden = self._forbidden(agent, contact)
            if forbidden is not None and not self._sayable(forbidden, greet, contact):
                forbidden = None
        return Plan(greet, close, tu, forbidden)

    def _sayable(
        self, forbidden: tuple[str, str, str, str | None], greet: bool, contact: Contact
    ) -> bool:
        """Whether the planted sentence fits: « Salut » greets (not when the greeting is left
        out), « ma petite dame » is said to a woman."""
        folded = fold(forbidden[1])
        if not greet and folded == "salut":
            return False
        female = slips.GENDERED.get(folded)
        return female is None or female == self.customers.get(contact.customer).female

    def _forbidden(self, agent: Agent, contact: Contact) -> tuple[str, str, str, str | None] | None:
        """A sentence using an expression to avoid: a pet expression, or one the standards list."""
        rng, pets = self.rng, agent.habits.pet_expressions
        pool = self.plantable[contact.reason, contact.channel]
        expression, standard = rng.choice(pool) if pool else (None, None)
        if pets and rng.random() < 0.75:
            pet = self.playbook.global_forbidden[rng.choice(pets)]
            expression, standard = (
                (pet, None) if pet in self.formal_pets else (expression, standard)
            )
        if expression is None:
            return None
        sayings = self.sayings.get(expression)
        if sayings is None:
            sayings = self.sayings[expression] = _sayings(expression)
        sentence, found = rng.choice(sayings)
        return sentence, expression, found, standard

    def _state(self, draft: Draft, name: str) -> str:
        """How the advisor states fact ``name`` in the message being written (recorded)."""
        forms, rng, habits = self.playbook.facts[name], self.rng, draft.agent.habits
        lang, divergence = draft.scene.lang, draft.team.divergence
        choice, source = None, ""
        if habits.wrong_fact == name and rng.random() < habits.p_wrong:
            choice, source = habits.wrong_choice, "agent"
        elif divergence is not None and divergence.fact == name and rng.random() < divergence.share:
            choice, source = divergence.choice, "team"
        elif forms.wrong and rng.random() < 0.004:
            choice, source = rng.randrange(len(forms.wrong)), "slip"
        standard = draft.rules.standard
        if name not in self.declared.get(standard or "", ()):
            standard = self.fact_owner.get(name)
        stated = {"fact": name, "message": len(draft.messages), "standard": standard}
        wrong = forms.wrong[min(choice, len(forms.wrong) - 1)][lang] if choice is not None else ()
        if wrong:
            text = wrong[0] if rng.random() < 0.75 else rng.choice(wrong)
            draft.facts.append({**stated, "found": text, "correct": False})
            draft.planted.append(
                {"kind": "fact_contradiction", **stated, "expected": forms.expected, "found": text,
                 "source": source}
            )  # fmt: skip
            return text
        correct = forms.correct[lang] or forms.correct[self.playbook.language] or (forms.expected,)
        text = correct[0] if rng.random() >= habits.p_equivalent else rng.choice(correct)
        draft.facts.append({**stated, "found": text, "correct": True})
        return text

    # -- what is said, channel by channel -------------------------------------------------

    def _phone(self, draft: Draft, contact: Contact) -> None:
        rng, lang = self.rng, draft.scene.lang
        t = self.pace.first_response(contact.opened, "phone", draft.speed)
        self._agent(draft, t, self._opening_line(draft, "phone"))
        t += rng.randint(8, 40)
        self._customer(draft, t, self._opening(draft, contact))
        if rng.random() < 0.15:
            t += rng.randint(5, 20)
            self._agent(draft, t, rng.choice(agent_words.IDENTIFY[lang]))
            t += rng.randint(5, 25)
            self._customer(draft, t, self.voice.follow_up("detail", lang, draft.values, rng))
        t += int(rng.randint(30, 150) * min(draft.speed, 2.0))
        self._agent(draft, t, self._reply(draft, contact, " "))
        t = self._exchange(draft, t, 0.25, lambda text: text)
        if rng.random() < 0.6:
            t += rng.randint(5, 30)
            self._customer(draft, t, self.voice.follow_up("thanks", lang, draft.values, rng))
        if draft.plan.close:
            self._agent(
                draft, t + rng.randint(3, 15), rng.choice(agent_words.CLOSINGS[lang]["phone"])
            )

    def _chat(self, draft: Draft, contact: Contact) -> None:
        rng, lang = self.rng, draft.scene.lang
        self._customer(draft, contact.opened, self._opening(draft, contact))
        if rng.random() < 0.45:
            bot = rng.choice(agent_words.BOT_MESSAGES[lang]["chat"])
            self._say(
                draft, contact.opened + rng.randint(1, 4), "bot", bot.format_map(draft.values)
            )
        t = self.pace.first_response(contact.opened, "chat", draft.speed)
        opening = self._opening_line(draft, "chat")
        if rng.random() < 0.5:  # greets and answers at once
            self._agent(draft, t, opening + " " + self._reply(draft, contact, " "))
        else:
            self._agent(draft, t, opening)
            if rng.random() < 0.25:
                t += rng.randint(15, 90)
                self._customer(draft, t, self.voice.follow_up("detail", lang, draft.values, rng))
            t += int(rng.randint(30, 150) * draft.speed)
            self._agent(draft, t, self._reply(draft, contact, " "))
        t = self._exchange(draft, t, 0.25, lambda text: text)
        t += rng.randint(15, 120)
        self._customer(draft, t, self.voice.follow_up("thanks", lang, draft.values, rng))
        if not draft.plan.close:
            return
        if rng.random() < 0.3:
            t += rng.randint(10, 40)
            self._agent(draft, t, rng.choice(agent_words.ANYTHING_ELSE[lang]))
            t += rng.randint(10, 60)
            self._customer(draft, t, self.voice.follow_up("bye", lang, draft.values, rng))
        self._agent(draft, t + rng.randint(5, 30), rng.choice(agent_words.CLOSINGS[lang]["chat"]))

    def _written(self, draft: Draft, contact: Contact) -> None:
        """E-mail and web form (and any other channel): letters, answered in opening hours."""
        rng, lang, channel = self.rng, draft.scene.lang, contact.channel
        self._customer(draft, contact.opened, self._opening(draft, contact))
        if channel == "web_form" and rng.random() < 0.8:
            bot = rng.choice(agent_words.BOT_MESSAGES[lang]["web_form"])
            self._say(
                draft, contact.opened + rng.randint(20, 120), "bot", bot.format_map(draft.values)
            )
        t = self.pace.first_response(contact.opened, channel, draft.speed)
        self._agent(draft, t, self._letter(draft, self._reply(draft, contact, "\n\n")))
        if rng.random() < 0.4:
            t = self._exchange(draft, t, 1.0, lambda text: self._letter(draft, text))

    def _social(self, draft: Draft, contact: Contact) -> None:
        rng, lang = self.rng, draft.scene.lang
        self._customer(draft, contact.opened, self._opening(draft, contact))
        t = self.pace.first_response(contact.opened, "social", draft.speed)
        self._agent(draft, t, self._post(draft, self._reply(draft, contact, " ")))
        if rng.random() < 0.45:
            t = self.pace.customer_turn(t, "social")
            self._customer(draft, t, self.voice.follow_up("thanks", lang, draft.values, rng))
            if rng.random() < 0.5:
                t = self.pace.agent_turn(t, "social", draft.speed)
                answer = rng.choice(agent_words.SOCIAL_FOLLOW_UPS[lang])
                self._agent(draft, t, self._post(draft, answer, greet=False))

    def _exchange(self, draft: Draft, t: int, chance: float, wrap: Any) -> int:
        """Maybe one more round: the customer asks about a fact, pushes back or adds a detail."""
        rng, lang, channel = self.rng, draft.scene.lang, draft.scene.channel
        if rng.random() >= chance:
            return t
        asked = self.questions.get(draft.rules.standard, [])
        if asked and rng.random() < 0.6:
            question, answer = answers.FACT_QUESTIONS[rng.choice(asked)][lang]
        else:
            kinds = ("pushback",) if channel in ("phone", "chat") else ("pushback", "thanks")
            kind = rng.choice(kinds)
            question = self.voice.follow_up(kind, lang, draft.values, rng)
            if kind == "thanks":  # a thank-you e-mail: nothing to answer
                self._customer(draft, self.pace.customer_turn(t, channel), question)
                return t
            answer = rng.choice(agent_words.FOLLOW_UP_ANSWERS[lang])
        t = self.pace.customer_turn(t, channel)
        self._customer(draft, t, question)
        t = self.pace.agent_turn(t, channel, draft.speed)
        self._agent(draft, t, wrap(answer))
        return t

    # -- the advisor's words ----------------------------------------------------------------

    def _opening_line(self, draft: Draft, channel: str) -> str:
        """The advisor's first line on the phone or the chat (a greeting, unless forgotten)."""
        lang = draft.scene.lang
        if draft.plan.greet:
            return self.rng.choice(agent_words.GREETINGS[lang][channel])
        return self.rng.choice(agent_words.BARE_OPENINGS[lang][channel])

    def _reply(self, draft: Draft, contact: Contact, joiner: str) -> str:
        """The approved answer, with what this advisor adds to it (planted defects recorded)."""
        rng, lang, plan = self.rng, draft.scene.lang, draft.plan
        script = self.playbook.scripts[contact.reason, contact.channel, lang]
        before: list[str] = []
        after: list[str] = []
        if contact.attempt > 1 and rng.random() < 0.6:
            before.append(rng.choice(agent_words.REPEAT_ACKNOWLEDGEMENTS[lang]))
        elif contact.emotion in ("angry", "frustrated") and rng.random() < 0.5:
            before.append(rng.choice(agent_words.EMPATHY[lang]))
        index = len(draft.messages)
        if plan.forbidden is not None:
            sentence, expression, found, standard = plan.forbidden
            (before if rng.random() < 0.6 else after).append(_literal(sentence))
            draft.planted.append(
                {"kind": "forbidden_expression", "expression": expression, "standard": standard,
                 "found": found, "message": index}
            )  # fmt: skip
        if plan.tu is not None:
            sentence, evidence = plan.tu
            after.append(sentence)
            draft.planted.append(
                {"kind": "formality", "expected": "vous", "found": "tu", "evidence": evidence,
                 "message": index}
            )  # fmt: skip
        body = rng.choice(script.bodies)
        if joiner == " " or not before:
            return " ".join([*before, body, *after])
        return joiner.join([" ".join(before), body, *after])

    def _letter(self, draft: Draft, inner: str) -> str:
        """An e-mail: greeting, text, closing (or a bare signature when the advisor forgets)."""
        rng, lang, channel = self.rng, draft.scene.lang, draft.scene.channel
        greetings, closings = agent_words.GREETINGS[lang], agent_words.CLOSINGS[lang]
        parts = [rng.choice(greetings.get(channel, greetings["email"]))] if draft.plan.greet else []
        parts.append(inner)
        if draft.plan.close:
            parts.append(rng.choice(closings.get(channel, closings["email"])))
        else:
            parts.append(agent_words.BARE_SIGNATURES["email"])
        return "\n\n".join(parts)

    def _post(self, draft: Draft, inner: str, *, greet: bool = True) -> str:
        """A public answer on social networks: greeting, text, signed closing."""
        rng, lang = self.rng, draft.scene.lang
        greeting = greet and draft.plan.greet
        parts = [rng.choice(agent_words.GREETINGS[lang]["social"])] if greeting else []
        parts.append(inner)
        closing = rng.choice(agent_words.CLOSINGS[lang]["social"]) if draft.plan.close else None
        parts.append(closing or agent_words.BARE_SIGNATURES["social"])
        return " ".join(parts)

    def _opening(self, draft: Draft, contact: Contact) -> str:
        return self.voice.opening(
            draft.scene, draft.values, self.rng, contact.emotion, contact.attempt
        )

    def _agent(self, draft: Draft, t: int, template: str) -> None:
        """Write an advisor's message now: placeholders filled, facts drawn and recorded."""
        self._say(draft, t, "agent", template.format_map(draft.values))

    def _customer(self, draft: Draft, t: int, text: str) -> None:
        if self.rng.random() < _TYPOS.get(draft.scene.channel, 0.0):
            text = typo(text, self.rng)
        self._say(draft, t, "customer", text)

    def _say(self, draft: Draft, t: int, author: str, text: str) -> None:
        if draft.times and t <= draft.times[-1]:
            t = draft.times[-1] + 1  # one message after the other, even when answers cross
        draft.messages.append({"from": author, "at": self.clock.iso(t), "text": text})
        draft.times.append(t)
        draft.authors.append(author)


_TYPOS = {"chat": 0.25, "social": 0.25, "email": 0.1, "web_form": 0.12}


def _takers(teams: list[Team], channel: str) -> tuple[list[Team], list[float]]:
    """The teams that take ``channel`` (first-line teams when none says so), cumulative weights."""
    takers = [team for team in teams if team.channels.get(channel)]
    takers = takers or [team for team in teams if team.name.startswith("N1")] or teams
    total, weights = 0.0, []
    for team in takers:
        total += team.channels.get(channel, 1.0)
        weights.append(total)
    return takers, weights


@cache
def _tutoie(expression: str) -> bool:
    folded = f" {fold(expression)} "
    return any(marker in folded for marker in slips.TUTOIEMENT_MARKERS)


def _sayings(expression: str) -> list[tuple[str, str]]:
    """Sentences using ``expression``, each with the expression as it is written in it."""
    key = fold(expression)
    known = slips.FORBIDDEN_SENTENCES.get(key)
    if known:
        return list(known)
    capital = expression[:1].upper() + expression[1:]
    if key.startswith(slips.QUESTION_STARTS):
        return [(capital + " ?", capital)]
    return [
        (
            frame.replace("{E}", capital).replace("{e}", expression),
            capital if "{E}" in frame else expression,
        )
        for frame in slips.FORBIDDEN_FRAMES
    ]


def _literal(text: str) -> str:
    """Text that goes into a template as it is (its braces are not placeholders)."""
    return text.replace("{", "{{").replace("}", "}}")
