"""What shows each built-in required element in an agent's reply, in French and English.

Patterns are regular expressions over match-form text (:func:`~unisono.language.folding.
match_form`: folded, one apostrophe, one dash). They are written wide rather than narrow: a
missing element is reported only when none of them is found, so an element phrased some other
way is better recognised than wrongly reported missing. A greeting counts only at the start of
a reply (its first sentence, or :data:`OPENING` characters: « Maison Aubépine, Camille à votre
écoute, bonjour ! »); the other elements anywhere.
"""

from __future__ import annotations

import re
from functools import cache

from unisono.language.folding import match_form
from unisono.language.lexicon import phrase_pattern

__all__ = ["BUILT_IN", "OPENING", "declared_pattern", "pattern"]

OPENING = 60  # characters: a greeting opens a reply, in these or in its first sentence

_FR_ACTS = (
    "rembours|envo[iy]|renvo[iy]|propos|offr|confirm|cre|reserv|prolong|annul|debloqu|"
    "mets (?!en relation)|mis (?!en relation)|fai|ouvr|lanc|ajout|accord|"
    "expedi|corrig|modifi|appliqu|credit|chang|remplac|occup|charg|proced|relanc|organis|"
    "programm|reactiv|supprim|desinscri|enregistr|not|joins|joint|regl|repar|geste|valid|"
    "rectifi|debit|emi|ecri|conserv|attend|prepar|livr|command|retrouv|localis"
)
_EN_ACTS = (
    "refund|sent|send|cancel|updat|chang|open|issu|add|creat|extend|reset|appl|credit|"
    "arrang|book|fix|chas|process|replac|repair|reactivat|remov|unsubscrib|"
    "organis|organiz|schedul|record|not|correct|waiv|offer|ship|dispatch|order|reserv|done|"
    "made|taken care|sort|resolv|releas|unlock|restor"
)
_TITLED = r"(?:madame|monsieur|mme|mlle|mr|mrs|ms|miss|mister|dr)\.? (?!et |ou |and )[a-z]{2,}"
_CARD = r"\b[0-9]{4}(?: [0-9]{4}){2,}"
_FR_OBJECTS = "(?:vous|lui|les|en|y|me|le|la|nous) |l'|m'"
_WEEKDAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain"
_WEEKDAYS_EN = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow"

BUILT_IN: dict[str, dict[str, tuple[str, ...]]] = {
    "greeting": {
        "fr": (r"bonjour", r"bonsoir", r"salut", r"hello", r"coucou", r"hey", r"madame, monsieur",
               r"(?<!mon )(?<!ma )ch[eè]re? (?:madame|monsieur|client)", r"bienvenue"),
        "en": (r"hello", r"hi", r"hey", r"dear", r"good (?:morning|afternoon|evening)",
               r"welcome", r"greetings", r"bonjour"),
    },
    "identification": {
        "fr": (r"(?:numero|n°|no|reference|ref) (?:de |d'|du )?(?:votre )?(?:commande|suivi|"
               r"client|dossier|colis|compte|facture|carte)",
               r"commande (?:n°|no|numero|ref)",
               r"(?:votre|ton|ta) (?:dossier|compte|espace client)",
               r"(?:votre|ton) (?:nom|prenom|adresse (?:e-?mail|mail|postale|de livraison)|"
               r"date de naissance|numero de telephone)",
               r"(?:votre|ta|cette) commande (?:[a-z]{0,4}-?)?[0-9]{4,}",
               r"\b[a-z]{1,4}-[0-9]{5,}", r"(?:suivi|tracking) [a-z0-9]{8,}",
               r"(?:verifier|confirmer) votre identite", r"je (?:retrouve|vois|consulte) votre",
               r"(?:n°|numero|no) ?[0-9][0-9 ]{3,}", _TITLED, _CARD,
               r"(?:donn|indiqu|communiqu|confirm|rappel)\w*(?:-moi|-nous| me| nous| m')? ?"
               r"(?:votre|ton|ta|son|sa|le|la) (?:numero|nom|adresse|reference|date)"),
        "en": (r"order (?:number|no\.?|#|reference|ref)", r"(?:your|the) (?:account|file|record)",
               r"(?:your|the) (?:name|email address|e-mail address|postcode|date of birth|"
               r"phone number|tracking number|reference)",
               r"(?:your|this) order (?:[a-z]{0,4}-?)?[0-9]{4,}", r"\b[a-z]{1,4}-[0-9]{5,}",
               r"(?:could|can|may) i (?:have|take|get) your", r"verify your identity",
               r"(?:no\.?|number|#) ?[0-9][0-9 ]{3,}", _TITLED, _CARD,
               r"(?:give|send|tell|confirm)(?: me| us)? (?:your|its|the) (?:number|name|"
               r"address|reference|order|date)"),
    },
    "reformulation": {
        "fr": (r"si je (?:vous )?(?:comprends|ai bien compris|resume)", r"si j'ai bien compris",
               r"vous (?:souhait|voul|voudri|aimeri|desir|cherch|attend|esper)\w*",
               r"vous (?:me|nous) (?:dites|demandez|signalez|indiquez|ecrivez|expliquez|"
               r"faites part|informez)", r"vous (?:constatez|demandez|signalez|remarquez)",
               r"tu (?:veux|voudrais|souhaites|cherches|attends|aimerais)",
               r"vous m'(?:indiquez|expliquez|ecrivez|informez)",
               r"vous (?:aviez|voyez|ne voyez|ne trouvez|n'arrivez|ne pouvez|ne souhaitez|"
               r"ne voulez)",
               r"vous n'avez (?:pas|rien|toujours pas|jamais) (?:recu|pu|eu)",
               r"c'est bien (?:cela|ca)", r"(?:concernant|au sujet de|a propos de) (?:votre|vos)",
               r"votre (?:demande|question|message|reclamation) (?:concernant|au sujet|a propos|"
               r"porte sur|sur)", r"vous (?:avez|etes) (?:commande|retourne|signale|passe|"
               r"constate|trompe|perdu|oublie)"),
        "en": (r"if i (?:understand|understood|have understood)", r"so you(?:'d| would) like",
               r"you(?:'d| would) like", r"(?<!why do )you (?:want|wish|need|are looking|"
               r"mentioned|asked|wrote|said|told us|haven't received|have not received|"
               r"can't find|cannot find|can see|see only)",
               r"you(?:'re| are) (?:still )?(?:wondering|asking|looking|trying|saying|worried|"
               r"unable|waiting)",
               r"(?:regarding|about|concerning) your", r"is that (?:right|correct)",
               r"your (?:request|question|message) (?:about|regarding|concerning)"),
    },
    "empathy": {
        "fr": (r"je (?:vous )?comprends", r"nous comprenons", r"je (?:con[cç]ois|mesure|devine|"
               r"imagine|partage)", r"(?:je suis|nous sommes) (?:\w+ )?(?:desole|navre)e?s? "
               r"(?:que|de|pour)", r"c'est (?:\w+ )?(?:frustrant|agacant|penible|inquietant|"
               r"decevant|desagreable|normal|comprehensible)",
               r"a votre place", r"votre (?:agacement|deception|inquietude|mecontentement|"
               r"frustration|colere|impatience|desarroi|deconvenue)", r"vous avez raison",
               r"on comprend", r"quel(?:le)? (?:deception|dommage|desagrement|galere)",
               r"(?:je suis|nous sommes|on est) (?:\w+ )?desolee?s? (?:que|de|pour)"),
        "en": (r"i (?:\w+ )?understand", r"we (?:\w+ )?understand", r"i can (?:imagine|see|"
               r"understand)", r"sorry to hear", r"(?:so|really|very|terribly|truly) sorry",
               r"frustrating", r"must (?:be|have been)", r"i know how", r"i appreciate",
               r"that's not the experience", r"you're right", r"you are right",
               r"understand (?:your|how|that|why)", r"(?:that's|that is|it's|it is) (?:\w+ )?"
               r"(?:disappointing|annoying|upsetting|worrying|stressful|inconvenient)"),
    },
    "apology": {
        "fr": (r"desolee?s?", r"navree?s?", r"(?:je|nous) (?:m'|nous |vous )?excus\w*",
               r"(?:veuillez|merci de) (?:nous|m')excuser", r"(?:prions|prie) de (?:nous|m')"
               r"excuser", r"(?:toutes )?(?:nos|mes) (?:plus )?(?:sinceres )?excuses",
               r"pardon", r"(?:nous )?regrett(?:ons|e)", r"mea culpa"),
        "en": (r"sorry", r"apolog\w*", r"(?:i|we) regret", r"pardon", r"my bad"),
    },
    "solution": {
        "fr": (rf"(?:je |j'|nous )(?:{_FR_OBJECTS})*(?:{_FR_ACTS})\w*",
               rf"(?:j'ai |je (?:{_FR_OBJECTS})*ai |nous (?:{_FR_OBJECTS})*avons |(?:je|nous) "
               rf"(?:viens|venons) d(?:e |'))(?:\w+ ){{0,2}}(?:{_FR_ACTS})\w*",
               r"c'est (?:fait|chose faite|regle|corrige|note|enregistre)", r"voici",
               r"vous (?:recevrez|allez recevoir|pouvez|disposez|avez le choix|n'avez (?:qu'a|"
               r"rien a|aucune))", r"il (?:vous )?suffit", r"au choix",
               rf"(?:a ete|est|sont|seront|sera|ont ete) (?:\w+ )?(?:{_FR_ACTS})\w*",
               r"(?:pris|prend|prenons) en charge", r"sans frais", r"gratuit",
               r"(?:est|sont) (?:couvert|garanti|disponible|valable|offert)"),
        "en": (rf"i(?:'ve| have| 've)? (?:just |now |already )?(?:{_EN_ACTS})\w*",
               rf"(?:i|we)(?:'m|'re| am| are) (?:\w+ )?(?:{_EN_ACTS})\w*",
               rf"(?:i|we)(?:'ll| will| can| have|'ve| are|'re) (?:\w+ )?(?:{_EN_ACTS})\w*",
               rf"(?:has|have|is|are|will be) (?:\w+ )?(?:been )?(?:{_EN_ACTS})\w*",
               r"you (?:can|will receive|'ll receive|will get|'ll get|have)", r"here(?:'s| is)",
               r"free of charge", r"at no (?:extra )?cost", r"(?:is|are) (?:free|covered|valid)",
               r"done"),
    },
    "next_steps": {
        "fr": (r"vous (?:recevrez|allez recevoir|serez (?:\w+ )?(?:contacte|informe|prevenu|"
               r"rembourse|livre|rappele|recontacte))",
               r"je (?:vous )?(?:rappelle|recontacte|tiens informe|reviens vers|ecris|"
               r"confirme par)",
               r"(?:nous|on) (?:vous )?(?:reviendrons|revenons|recontacterons|tiendrons)",
               rf"d'ici (?:le|la|demain|{_WEEKDAYS_FR}|[0-9])", r"au plus tard (?:le|sous|dans)",
               r"des (?:reception|que|demain|maintenant)", r"ensuite", r"prochaine etape",
               r"e-?mail de confirmation", r"(?:un|le) (?:technicien|livreur|transporteur) "
               r"(?:passera|viendra|vous)", r"(?:repondra|repond|apparaitra|arrivera|sera "
               r"(?:livre|expedie|rembourse|credite|visible|traite|effectue)|partira)",
               r"vous (?:pouvez suivre|pourrez)",
               r"pensez a", r"n'oubliez pas", r"il vous suffit", r"vous n'avez qu'a",
               r"des (?:l'\w+|le \w+|la \w+|les \w+)", r"si vous (?:me|nous) \w+",
               r"(?:vous recevez|tu recois)", r"peut (?:prendre|demander)",
               r"je (?:vous |te |t')?(?:l'|le |la |les )?(?:envoie|joins|transmets|adresse)",
               r"(?:nous|on) (?:venons|vient|passons|passe) (?:l'|le |la |les )?\w+er",
               r"(?:nous vous proposons|je vous propose|je vous invite) d"),
        "en": (r"you(?:'ll| will) (?:receive|get|be|see|hear)", r"you receive",
               r"(?:can|may|could) take", r"i(?:'ll| will) (?:call|get back|"
               r"contact|email|e-mail|update|be in touch|follow|keep you|let you know|confirm)",
               r"we(?:'ll| will) (?:be in touch|contact|get back|send|call|update|let you know|"
               r"keep you)", rf"by (?:{_WEEKDAYS_EN}|the|[0-9])", r"next step", r"as soon as",
               r"(?:should|will) (?:arrive|show|appear|reach|be)",
               r"replies in", r"confirmation (?:e-?mail|email)", r"(?:just|simply) (?:reply|"
               r"click|bring|take)", r"please (?:reply|bring|keep|check)", r"you can track",
               r"i(?:'m| am) (?:\w+ )?(?:sending|e-?mailing|emailing|arranging|booking)",
               r"if you (?:send|give|reply|tell|let)"),
    },
    "closing": {
        "fr": (r"(?:bonne|belle|excellente) (?:journee|soiree|fin de journee|semaine|fin de "
               r"semaine|continuation|reception|apres-midi|week-end)", r"cordialement",
               r"bien a vous", r"au revoir", r"a (?:bientot|tres vite|tout de suite|plus tard|"
               r"tres bientot)", r"merci (?:de|pour) (?:votre|ton|ta|vos) (?:appel|confiance|"
               r"patience|comprehension|fidelite)", r"(?:je reste|nous restons) "
               r"a (?:votre|ta|vos) (?:disposition|ecoute)", r"salutations",
               r"je vous souhaite", r"cdt", r"bisous", r"(?:puis|pourrais)-je (?:vous |t')aider",
               r"(?:avez-vous|as-tu|auriez-vous) (?:une |d')?(?:autres?|questions?)",
               r"ai-je repondu", r"autre chose (?:pour|que)", r"y a-t-il autre chose",
               r"(?:je peux|puis-je) (?:vous |t')aider", r"autre chose ?\?"),
        "en": (r"have a (?:\w+ )?(?:day|evening|weekend|week|afternoon)", r"(?:kind|best|warm|"
               r"warmest) regards", r"regards", r"best,", r"sincerely", r"goodbye", r"bye",
               r"take care", r"thanks? (?:you )?for (?:calling|contacting us|your (?:patience|"
               r"understanding|call|trust)|choosing|being)", r"all the best", r"cheers",
               r"speak soon", r"talk soon", r"anything else", r"any other questions?", r"rgds",
               r"(?:have|did) i answered"),
    },
}  # fmt: skip


@cache
def pattern(element: str, language: str) -> re.Pattern[str] | None:
    """The pattern of a built-in ``element`` in ``language`` ("fr" or "en"), None if unknown."""
    by_language = BUILT_IN.get(element)
    if by_language is None:
        return None
    branches = by_language.get(language) or by_language["fr"]
    return re.compile(r"(?<![\w])(?:" + "|".join(branches) + r")(?![\w])")


# -- elements a bible declares by their phrases ----------------------------------------------

_NUMBER = (
    r"(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|vingt|trente|quarante|"
    r"one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty|forty|a|an)"
)
_DURATION = (
    rf"{_NUMBER}[\s-]?(?:h|heures?|jours?(?: ouvres| ouvrables)?|semaines?|mois|ans?|minutes?|"
    r"hours?|days?|business days?|working days?|weeks?|months?|years?)"
)
_MONTHS = (
    r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    r"january|february|march|april|may|june|july|august|september|october|november|december"
)
_DATE = (
    rf"(?:(?:{_WEEKDAYS_FR}|{_WEEKDAYS_EN}) )?[0-9]{{1,2}}(?:er|st|nd|rd|th)? (?:{_MONTHS})"
    rf"|(?:{_MONTHS}) [0-9]{{1,2}}(?:st|nd|rd|th)?|(?:le|the|on|by) (?:{_WEEKDAYS_FR}|"
    rf"{_WEEKDAYS_EN})|[0-9]{{1,2}}/[0-9]{{1,2}}(?:/[0-9]{{2,4}})?"
)
_IDENTIFIER = r"(?:n°|no|#|numero|number)?\s?(?:[a-z]{1,4}-?)?[0-9]{4,}"
_EXPECTS_DATE = re.compile(r"(?:^|\s)(?:le|the|on|by|before|until)$")
_EXPECTS_ID = re.compile(r"\s(?:n°|no|numero|number|#)$")
_HAS_DURATION = re.compile(_DURATION)


def declared_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """The phrases of an element bible.yml declares (matched like expressions to avoid), and
    what they stand for: a phrase that expects a date (« d'ici le ») also matches any date
    (« reprogrammée le jeudi 19 novembre »), one with a duration (« sous 48 heures ») the same
    words with any duration, one that expects a number (« commande n° ») the word before it
    with an order number (« commande MA-4471203 »)."""
    branches = []
    for phrase in phrases:
        plain = phrase_pattern(phrase, bounded=False)
        if plain is None:
            continue
        branches.append(plain)
        form = match_form(phrase).strip()
        if _EXPECTS_DATE.search(form):
            branches.append(_DATE)
        if _EXPECTS_ID.search(form):
            head = phrase_pattern(_EXPECTS_ID.sub("", form), bounded=False)
            branches.append(rf"{head}\s+{_IDENTIFIER}")
        if duration := _HAS_DURATION.search(form):
            head = phrase_pattern(form[: duration.start()], bounded=False)
            branches.append(rf"{head}\s+{_DURATION}" if head else _DURATION)
    if not branches:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w]|-\w)")
