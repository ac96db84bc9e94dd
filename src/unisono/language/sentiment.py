"""Sentiment and emotion of customer messages, made for customer service: negative, neutral
or positive, and the signals a team must see — frustration, urgency, a threat to leave
(résiliation, « je vais commander ailleurs »), a threat to escalate (avocat, association de
consommateurs, médiateur, réseaux sociaux, avis en ligne) and gratitude.

Lexicons of French and English cues over folded text (case, accents, apostrophes), one
regular expression per message: cheap enough for every message of every interaction. A negation
just before a positive cue turns it around (« pas content », « not happy »); capitals and « !!! »
strengthen what the message says. « Merci d'avance » is politeness, not gratitude.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from unisono.language.folding import match_form

__all__ = ["SIGNALS", "MessageMood", "Mood", "interaction_mood", "message_mood"]

SIGNALS = ("frustration", "urgency", "churn_threat", "escalation_threat", "gratitude")

_CUES: dict[str, tuple[str, ...]] = {
    "frustration": (
        r"agac\w*", r"enerv\w*", r"pénible", r"penible", r"ras le bol", r"en ai marre",
        r"j'en ai assez", r"en avoir assez", r"commence a en avoir", r"inadmissible",
        r"inacceptable", r"scandal\w*", r"honte\w*", r"pas serieux", r"n'importe quoi",
        r"c'est une blague", r"vous vous moquez", r"se moque\w*", r"foutez", r"ridicule",
        r"perdre patience", r"a bout", r"exaspe\w*", r"decu\w*", r"decevant\w*",
        r"lamentable", r"nul(?:le|s)?\b", r"toujours rien", r"toujours pas", r"encore une fois",
        r"(?:deuxieme|troisieme|\d+e|\d+eme) fois", r"personne ne (?:me )?repond\w*",
        r"je relance", r"pour rien", r"frustrat\w*", r"annoying", r"fed up", r"ridiculous",
        r"unacceptable", r"disgrace\w*", r"not impressed", r"losing patience", r"sick of",
        r"still (?:not|no|nothing|waiting|hasn't)", r"again\b", r"joke", r"useless",
        r"disappoint\w*", r"terrible", r"awful", r"appalling", r"fail\b",
    ),
    "urgency": (
        r"urgen\w*", r"au plus vite", r"rapidement", r"des que possible", r"asap", r"vite\b",
        r"immediatement", r"aujourd'hui meme", r"avant (?:demain|samedi|dimanche|lundi|mardi|"
        r"mercredi|jeudi|vendredi|le \d+|ce soir|ce week-end|noel)", r"pour demain",
        r"j'en ai besoin (?:pour|avant|d'ici)", r"demenag\w*", r"des invites",
        r"urgent\w*", r"as soon as possible", r"right away", r"immediately", r"by tomorrow",
        r"need it by", r"need it before", r"quickly", r"today\b",
    ),
    "churn_threat": (
        r"resili\w*", r"commander ailleurs", r"acheter ailleurs", r"aller (?:voir )?ailleurs",
        r"chez (?:un )?concurrent\w*", r"la derniere fois que", r"c'est la derniere fois",
        r"plus jamais", r"ne commanderai plus", r"je ne (?:vous )?commanderai plus",
        r"fermer mon compte", r"cloturer mon compte", r"perdez une cliente?",
        r"perdre une cliente?", r"shop elsewhere", r"go elsewhere", r"never (?:again|order)",
        r"cancel my (?:membership|subscription|account)", r"close my account",
        r"lost a customer", r"last time i", r"take my business",
    ),
    "escalation_threat": (
        r"avocat\w*", r"juriste", r"tribunal", r"justice", r"plainte", r"porter plainte",
        r"mise en demeure", r"huissier", r"association de consommateurs",
        r"ufc", r"que choisir", r"\d+\s*millions de consommateurs",
        r"mediateur\w*", r"dgccrf", r"signalconso", r"reseaux sociaux", r"facebook",
        r"twitter", r"instagram", r"tiktok", r"linkedin", r"\bx\.com", r"poster", r"publier",
        r"avis (?:sur|negatif)\w*", r"laisser un avis", r"google", r"trustpilot",
        r"lawyer", r"attorney", r"legal action", r"court", r"sue\b", r"ombudsman",
        r"trading standards", r"consumer (?:association|rights|protection)",
        r"social media", r"post(?:ing)? (?:about|on)", r"leave a review", r"bad review",
        r"review on",
    ),
    "gratitude": (
        r"merci (?:beaucoup|mille fois|infiniment|encore|pour (?:votre|ta|la|le|les|cette|"
        r"l'|ce)\w*)", r"(?:super|parfait|genial|top|nickel|tres bien|impeccable)[ ,!.]+merci",
        r"je vous remercie (?:pour|de|beaucoup|infiniment)", r"un grand merci",
        r"mille mercis", r"merci a vous", r"ravie?s? (?:de|du|que)", r"bravo",
        r"thank you (?:so much|very much|for)", r"thanks (?:a lot|so much|for)",
        r"many thanks", r"much appreciated", r"really appreciate", r"great, thanks",
        r"perfect, thank", r"brilliant",
    ),
}  # fmt: skip
_POSITIVE = (
    r"content\w*", r"satisfai\w*", r"ravie?s?", r"super\b", r"parfait\w*", r"genial\w*",
    r"excellent\w*", r"top\b", r"adore\w*", r"j'aime", r"efficace\w*", r"rapide\w*",
    r"agreable\w*", r"impeccable\w*", r"nickel", r"tres bien", r"bravo", r"formidable",
    r"happy", r"great", r"perfect", r"excellent", r"love\b", r"amazing", r"helpful",
    r"wonderful", r"pleased", r"fantastic", r"good\b",
)  # fmt: skip
_NEGATIVE = (
    r"mecontent\w*", r"insatisfai\w*", r"probleme\w*", r"souci\w*", r"casse\w*", r"abime\w*",
    r"endommage\w*", r"defectueu\w*", r"en panne", r"perdu\w*", r"retard\w*", r"erreur\w*",
    r"mauvais\w*", r"horrible", r"catastroph\w*", r"pire", r"colere", r"furieu\w*",
    r"impossible", r"jamais recu", r"rien recu", r"refus\w*", r"bloque\w*", r"manque\w*",
    r"unhappy", r"angry", r"furious", r"problem\w*", r"broken", r"damaged", r"wrong",
    r"worst", r"bad\b", r"missing", r"lost\b", r"late\b", r"never (?:arrived|received)",
    r"declined", r"faulty",
)  # fmt: skip
_NEGATION = r"(?:pas|plus|jamais|guere|not|never|no|n't|isn't|wasn't|aren't) (?:\w+ )?$"


_GAP = r"\s+"  # a space in a cue stands for any run of spaces and line breaks


def _group(name: str, cues: Sequence[str]) -> str:
    alternatives = "|".join(cue.replace(" ", _GAP) for cue in cues)
    return f"(?P<{name}>{alternatives})"


# One pattern for every cue, tried at word starts only: the engine then skips most positions at
# once. It reads folded text with one apostrophe (no other normalisation: it runs on every
# customer message of every interaction).
_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(
        [_group(name, cues) for name, cues in _CUES.items()]
        + [_group("positive", _POSITIVE), _group("negative", _NEGATIVE)]
    )
    + ")"
)
_NEGATED = re.compile(_NEGATION)
_SHOUT = re.compile(r"[A-ZÀ-Ý]{4,}(?:\s+[A-ZÀ-Ý]{2,})+|[!?]{3,}")
_WEIGHTS = {"frustration": -1.5, "churn_threat": -2.0, "escalation_threat": -2.0,
            "gratitude": 1.5, "urgency": -0.25, "positive": 1.0, "negative": -1.0}  # fmt: skip


@dataclass(frozen=True)
class MessageMood:
    """One message: its sentiment (-1, 0, 1), its score and its signals."""

    sentiment: int
    score: float
    signals: tuple[str, ...]


def message_mood(text: str) -> MessageMood:
    """The sentiment and signals of one customer message."""
    folded = match_form(text)  # kept: the reformulation check reads the customer words again
    score, signals = 0.0, set()
    for match in _PATTERN.finditer(folded):
        kind = match.lastgroup or ""
        weight = _WEIGHTS[kind]
        start = match.start()
        if kind in ("positive", "gratitude") and _NEGATED.search(folded, max(0, start - 30), start):
            if kind == "gratitude":
                continue
            weight = -weight
        elif kind in SIGNALS:
            signals.add(kind)
        score += weight
    if _SHOUT.search(text):
        score = score * 1.5 if score else -0.5
    sentiment = 1 if score >= 1.0 else -1 if score <= -1.0 else 0
    return MessageMood(sentiment, round(score, 2), tuple(s for s in SIGNALS if s in signals))


@dataclass(frozen=True)
class Mood:
    """The customer's mood over an interaction: per message, the first and last sentiment, how
    it changed (last − first), and every signal seen."""

    messages: tuple[tuple[int, MessageMood], ...]  # (index in the interaction, mood)
    first: int | None
    last: int | None
    change: int | None
    sentiment: int | None
    signals: tuple[str, ...]


def interaction_mood(customer_messages: Sequence[tuple[int, str]]) -> Mood:
    """The mood of the customer's messages ``(index, text)`` of one interaction."""
    moods = tuple((index, message_mood(text)) for index, text in customer_messages)
    if not moods:
        return Mood((), None, None, None, None, ())
    first, last = moods[0][1].sentiment, moods[-1][1].sentiment
    total = sum(mood.score for _, mood in moods)
    overall = 1 if total >= 1.0 else -1 if total <= -1.0 else 0
    seen = {signal for _, mood in moods for signal in mood.signals}
    return Mood(moods, first, last, last - first, overall, tuple(s for s in SIGNALS if s in seen))
