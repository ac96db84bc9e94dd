"""Cue words: the words that tell what a value in a sentence is about.

« Votre remboursement sera effectué sous 14 jours »: the words before a value (and a few after)
say which policy value it is. Words are compared by a short prefix (:func:`stem`: « rembourse »,
« remboursement », « remboursons » share « rembo »), function words and units left out.
:data:`GLOSSARY` gives the English words for the French words of fact names and approved
answers, so that an English reply is read against a French bible.
"""

from __future__ import annotations

import re

from unisono.language.folding import match_form

__all__ = ["GLOSSARY", "STEM_SIZE", "content_stems", "english", "stem"]

STEM_SIZE = 5
_WORD = re.compile(r"[a-z]+")


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _set(
    # French
    "les des une que qui quoi dont est sont sera seront etre avec pour par sur sous dans chez "
    "vous nous votre vos notre nos leur leurs son ses mon mes ton tes elle elles ils lui moi "
    "toi cet cette ces aux mais donc car puis alors plus moins tres bien tout tous toute toutes "
    "avant apres entre depuis pendant jusqu ici fait faire peut pouvez avez avons ont etes "
    "sommes suis ete ainsi aussi encore deja comme quand soit selon "
    # English
    "the and for with from within your you our ours their this that these those will would "
    "can could shall should may might has have had are was were been being into onto about "
    "than then there here what which who whom when where how all any each every some more "
    "most very just also only once its they them she her his him not but yet"
)
_UNIT_WORDS = _set(
    "jour jours journee heure heures semaine semaines mois ans annee annees minute minutes "
    "seconde secondes ouvre ouvres ouvrable ouvrables day days hour hours week weeks month "
    "months year years business working eur euro euros usd dollar dollars gbp pound pounds "
    "cent cents centime centimes percent pourcent"
)
_NUMBER_WORDS = _set(
    "zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt trente quarante cinquante soixante cent mille one two three four five "
    "seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred half "
    "demi demie quinzaine huitaine dizaine douzaine"
)

# French word (folded, as stemmed) -> English words for the same idea (stemmed when used).
GLOSSARY: dict[str, tuple[str, ...]] = {
    "rembo": ("refund", "reimburse", "money back"),
    "retou": ("return", "send back"),
    "livra": ("delivery", "deliver", "shipping"),
    "livre": ("delivered", "deliver"),
    "exped": ("dispatch", "ship", "sent", "send"),
    "envoi": ("send", "sent", "dispatch"),
    "envoy": ("send", "sent"),
    "rempl": ("replacement", "replace"),
    "enque": ("enquiry", "inquiry", "investigation"),
    "trans": ("carrier", "courier"),
    "banca": ("bank", "account"),
    "compt": ("account",),
    "garan": ("guarantee", "warranty"),
    "confo": ("conformity", "conform", "comfort", "premium"),
    "diagn": ("diagnosis", "diagnose", "diagnostic"),
    "piece": ("part",),
    "valid": ("valid", "validity", "expire"),
    "valab": ("valid",),
    "carte": ("card",),
    "cadea": ("gift",),
    "point": ("points", "point"),
    "credi": ("credited", "credit"),
    "panie": ("basket", "cart"),
    "conse": ("kept", "keep", "held"),
    "lien": ("link",),
    "paiem": ("payment", "pay"),
    "monta": ("assembly", "assemble", "amount"),
    "inter": ("visit", "appointment", "takes place"),
    "repri": ("take away", "collection", "old furniture"),
    "frais": ("fee", "fees", "cost", "charge", "free"),
    "tarif": ("price", "rate", "starts at", "costs"),
    "seuil": ("from", "threshold", "over"),
    "gratu": ("free",),
    "offer": ("free", "offered"),
    "cotis": ("fee", "membership", "free"),
    "reini": ("reset",),
    "rgpd": ("data", "gdpr"),
    "donne": ("data",),
    "repon": ("reply", "replies", "answer", "respond"),
    "vende": ("seller",),
    "signa": ("report", "notify"),
    "domma": ("damage",),
    "mise": ("repair", "fix"),
    "repar": ("repair",),
    "delai": ("within", "takes", "time"),
    "duree": ("duration", "long"),
    "emiss": ("issued", "issue"),
    "emis": ("issued", "issue"),
    "appar": ("show", "shows", "appear"),
    "geste": ("voucher", "goodwill", "gesture"),
    "bon": ("voucher",),
    "remis": ("discount",),
    "code": ("code",),
    "prolo": ("extend", "extended", "extension"),
    "nombr": ("number",),
    "tenta": ("attempt", "attempts", "tries"),
    "maxim": ("maximum", "at most", "up to"),
    "minim": ("minimum", "at least"),
    "plafo": ("maximum", "up to", "limit"),
    "annul": ("cancel", "cancellation"),
    "modif": ("change", "modify"),
    "rappe": ("call back", "callback"),
    "atten": ("wait", "hold"),
    "retra": ("withdrawal", "cooling"),
    "fabri": ("make", "made", "manufacture"),
    "echan": ("sample", "samples"),
    "expre": ("express",),
    "stand": ("standard",),
    "relai": ("pickup point", "relay", "collection point"),
    "fidel": ("loyalty",),
    "gain": ("earn",),
}


_SKIP = _STOPWORDS | _UNIT_WORDS | _NUMBER_WORDS


def stem(word: str) -> str:
    """The prefix words are compared by."""
    return word[:STEM_SIZE]


def content_stems(text: str) -> list[str]:
    """The stems of the content words of ``text`` (any case and accents), in order."""
    return content_stems_folded(match_form(text))


def content_stems_folded(folded: str, start: int = 0, end: int | None = None) -> list[str]:
    """:func:`content_stems` of ``folded[start:end]``, already in match form."""
    stop = len(folded) if end is None else end
    found = _WORD.findall(folded, start, stop)
    return [word[:STEM_SIZE] for word in found if len(word) >= 3 and word not in _SKIP]


def english(stems: list[str]) -> list[str]:
    """The stems of the English words :data:`GLOSSARY` gives for French ``stems``."""
    found: list[str] = []
    for french in stems:
        for phrase in GLOSSARY.get(french, GLOSSARY.get(french[:4], ())):
            found += content_stems(phrase)
    return found
