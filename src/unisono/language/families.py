"""Word families of customer-service policies, in French and English: the words a reply may use
for the idea a fact's name or an approved answer puts in other words.

« duree_blocage_compte » is said « votre compte est bloqué 30 minutes »; « cotisation » is said
« l'adhésion coûte »; « delai_emission_remboursement » is said « le remboursement est émis ».
Each family is one idea of the kinds of facts bibles state (fees, refunds, validity, keeping,
attempts, caps…), with its French words and its English words. Words are compared by their
stems (:func:`unisono.language.cues.stem`), so the words of a family need not repeat what a
shared stem already covers. Words that say little on their own (« délai », « time », « fee »,
« nombre ») are :data:`KIND_WORDS`: they tell the kind of a fact, not which one.

Nouns counted by a count fact have their families too (:data:`COUNTED`): « le livreur passe
trois fois » counts the same thing as « 2 tentatives ».
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from unisono.language.cues import content_stems

__all__ = ["COUNTED", "FAMILIES", "KIND_WORDS", "counted_alike", "related"]

# (French words, English words) per idea.
FAMILIES: tuple[tuple[str, str], ...] = (
    # how long, how much: words of a kind of fact, weak on their own
    ("delai delais", "delay"),
    ("tard", "latest later"),  # « au plus tard », « at the latest », « no later than »
    ("duree", "duration long"),
    ("nombre", "number"),
    ("montant", "amount"),
    # money: what a customer pays, or does not
    ("frais cout coute coutent couter payant payante payer facture facturer facturation tarif "
     "prix cotisation", "fee fees cost costs charge charged charges pay price rate"),
    ("gratuit gratuite gratuits gratuitement offert offerte", "free offered"),
    ("paiement", "payment"),
    ("cotisation adhesion abonnement adherer adherent abonne membre",
     "membership member subscription subscribe"),
    ("geste bon dedommagement compensation", "voucher goodwill gesture compensation"),
    ("remise reduction", "discount reduction"),
    ("plafond maximum maximal maximale max", "maximum max cap"),
    ("minimum minimal minimale min", "minimum min least"),
    ("seuil", "threshold"),
    ("carte", "card"),
    ("cadeau", "gift"),
    ("code", "code"),
    ("point", "point"),
    # refunds and returns
    ("remboursement rembourser rembourse remboursee remboursons",
     "refund refunded reimburse money"),
    ("emission emis emise emettre emettons emet declenche declencher",
     "issue issued issuing trigger triggered"),
    ("bancaire banque", "bank"),
    ("compte", "account"),
    ("apparait apparaitre apparaitra apparaissent visible", "show shows appear appears visible"),
    ("retour retourner retourne", "return returns returned returning"),
    ("retractation", "withdrawal cooling"),
    ("acheminement acheminer achemine transit trajet rejoindre parvenir", "transit travel"),
    ("reprise reprendre reprenons enlevement enlever collecte",
     "collection collect collected pickup"),
    ("vendeur vendeurs", "seller sellers vendor"),
    # delivery
    ("livraison livrer livre livree livrees", "delivery deliver delivered deliveries"),
    ("expedition expedier expedie expediee expedies", "dispatch dispatched ship shipped shipping"),
    ("envoi envoyer envoye envoyee", "send sent"),
    ("transporteur", "courier carrier"),
    ("enquete enqueter", "investigation investigate inquiry enquiry"),
    ("tentative tentatives essai essais passage passages", "attempt attempts try tries"),
    ("conservation conserver conserve conservee garder garde gardee reste restera",
     "kept keep keeps held stays stored"),
    ("relais", "pickup relay"),
    ("express", "express"),
    ("standard", "standard"),
    ("confort", "comfort premium"),
    ("panier", "basket cart"),
    # damage, warranty, repairs
    ("dommage dommages endommage endommagee casse cassee abime abimee degat degats",
     "damage damaged broken"),
    ("signalement signaler signale signalez declarer declaration", "report reporting notify"),
    ("remplacement remplacer remplace remplacee", "replacement replace replaced"),
    ("garantie garanti garantis couvert couverte", "warranty guarantee guaranteed covered"),
    ("prolongation prolonger prolonge prolongee rallonge", "extension extend extended extends"),
    ("diagnostic diagnostiquer expertise", "diagnosis diagnose diagnostic assessment"),
    ("conformite conforme", "conformity compliance compliant"),
    ("reparation reparer", "repair repaired"),
    ("piece pieces", "part parts"),
    ("intervention intervenir visite", "visit appointment"),
    ("montage monter", "assembly assemble"),
    ("fabrication fabriquer fabrique fabriquee confection",
     "manufacture manufacturing manufactured crafted"),
    # orders, accounts, payments
    ("annulation annuler annule annulee", "cancel cancellation cancelled canceled"),
    ("modification modifier modifie modifiee changer changement", "change changes amend modify"),
    ("ligne", "online yourself themselves"),
    ("validite valable valables valide valides expire expiration utilisable",
     "valid validity expire expires expiry usable"),
    ("blocage bloque bloquer bloquee debloque debloquer verrouille",
     "lock locked lockout blocked unlock unlocked"),
    ("reinitialisation reinitialiser", "reset"),
    ("lien", "link"),
    ("preautorisation autorisation empreinte", "authorisation authorization"),
    ("liberation liberer libere liberee", "release released"),
    ("credit crediter credite credites", "credit credited"),
    ("gain gagner gagnez", "earn earns earned"),
    ("fidelite", "loyalty rewards"),
    ("rgpd donnees", "data gdpr"),
    ("desinscription desinscrire desabonnement desabonner", "unsubscribe"),
    ("echantillon echantillons", "sample samples swatch swatches"),
    # contact
    ("reponse repondre repond repondons repondent revenir reviendra",
     "reply replies answer answers respond responds"),
    ("rappel rappeler rappelle rappelons recontacter recontacte", "callback call back"),
    ("attente attendre patienter patientez", "hold wait waiting"),
    ("sonnerie sonneries", "ring rings"),
    ("inactivite inactif silence", "inactivity idle inactive silence"),
    ("simultane simultanes simultanees simultanement parallele", "simultaneous simultaneously"),
)  # fmt: skip

# Words of facts' names that tell their kind, not which fact they are.
KIND_WORDS = frozenset(
    content_stems(
        "delai delais duree periode temps nombre valeur taux frais "
        "delay time period window duration number amount value rate fee fees"
    )
)

# Nouns a count may be written with, per noun a count fact may count (lemmas, as read).
COUNTED: tuple[frozenset[str], ...] = (
    frozenset({"tentative", "essai", "passage", "foi", "attempt", "try", "trie", "time"}),
    frozenset({"sonnerie", "ring"}),
    frozenset({"echantillon", "sample", "swatche", "swatch"}),
    frozenset({"conversation", "chat", "discussion"}),
    frozenset({"code", "coupon"}),
    frozenset({"evaluation", "review", "assessment"}),
    frozenset({"point"}),
)


@cache
def _stems_of(language: str) -> dict[str, tuple[str, ...]]:
    """Stem -> the stems of its families, in ``language``."""
    side = 0 if language == "fr" else 1
    found: dict[str, list[str]] = {}
    for family in FAMILIES:
        stems = list(dict.fromkeys(content_stems(family[side])))
        for one in stems:
            found.setdefault(one, []).extend(s for s in stems if s != one)
    return {one: tuple(dict.fromkeys(others)) for one, others in found.items()}


@cache
def _english_of() -> dict[str, tuple[str, ...]]:
    """French stem -> the English stems of its families."""
    found: dict[str, list[str]] = {}
    for french, english in FAMILIES:
        for one in content_stems(french):
            found.setdefault(one, []).extend(content_stems(english))
    return {one: tuple(dict.fromkeys(others)) for one, others in found.items()}


def related(stems: Iterable[str], language: str) -> list[str]:
    """The stems of the words of the same families as ``stems`` (``language``: "fr", "en")."""
    table = _stems_of(language)
    return [other for one in stems for other in table.get(one, ())]


def in_english(stems: Iterable[str]) -> list[str]:
    """The English stems of the families of French ``stems``."""
    table = _english_of()
    return [other for one in stems for other in table.get(one, ())]


def counted_alike(noun: str, other: str) -> bool:
    """Whether counts of these two nouns (lemmas) count the same thing."""
    return noun == other or any(noun in group and other in group for group in COUNTED)
