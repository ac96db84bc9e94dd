"""Customer-service concepts: the many ways customers name the same thing (« rupture »,
« réassort », « plus dispo », « back in stock » are all *stock*), French and English.

A classifier that learnt « rupture de stock » from a bible's examples also understands
« réapprovisionné » once both carry the concept ``@stock``: :func:`concepts` adds these tokens
to the words the reason classifier and the bible search read. The lists are about retail
customer service in general, not about one bible's reasons. Patterns are matched on
:func:`~unisono.language.text.normalise` text as word prefixes.
"""

from __future__ import annotations

import re

__all__ = ["CONCEPTS", "concepts"]

CONCEPTS: dict[str, tuple[str, ...]] = {
    "stock": (
        "rupture", "en stock", "reassort", "reapprovisionn", "disponib", "dispo", "epuise",
        "indisponible", "retire de la vente", "plus vendu", "il vous en reste", "en reste",
        "back in stock", "out of stock", "sold out", "restock", "available",
    ),
    "advice": (
        "dimension", "taille", "hauteur", "largeur", "profondeur", "matiere", "tissu",
        "entretien", "entretenir", "nettoie", "nettoyer", "lavable", "compatible", "conseill",
        "recommand", "hesite", "choisir", "difference entre", "convient", "adapte", "resiste",
        "size", "material", "suitable", "recommend", "how to clean",
    ),
    "loyalty": (
        "fidelite", "aubepine+", "aubepine plus", "membre", "adhesion", "adherer", "programme",
        "club", "abonnement", "loyalty", "member", "scheme",
    ),
    "points": ("points", "bon d'achat", "cagnotte", "solde de points", "vouchers", "voucher"),
    "change": (
        "modifier", "modification", "changer", "remplacer", "rectifier", "corriger", "trompe",
        "ajouter", "rajouter", "retirer un article", "plutot que", "preferer", "finalement",
        "change", "modify", "wrong address", "add an item",
    ),
    "cancel": ("annul", "anul", "renonce", "ne veux plus", "veux plus", "plus besoin", "cancel"),
    "payment": (
        "paiement", "payer", "paie", "regler", "reglement", "debit", "preleve", "prelevement",
        "transaction", "3d secure", "carte bancaire", "paypal", "payment", "pay", "charged",
    ),
    "refused": ("refus", "rejete", "echoue", "erreur", "non autorise", "declined", "failed"),
    "instalments": (
        "plusieurs fois", "en # fois", "# fois", "# x", "mensualit", "echeance", "etaler",
        "fractionn", "echelonn", "instalment", "installment", "pay in #",
    ),
    "promo": (
        "code promo", "code de reduction", "code reduc", "remise", "reduction", "parrainage",
        "coupon", "code", "discount", "promo",
    ),
    "gift_card": ("carte cadeau", "carte kdo", "e-carte", "carte-cadeau", "gift card"),
    "assembly": (
        "montage", "monteur", "monter", "assembl", "installation", "installer", "technicien",
        "fitter", "assembly",
    ),
    "take_back": (
        "reprise", "reprendre", "enlevement", "evacuation", "debarrass", "recycl", "ancien",
        "ancienne", "vieux", "vieille", "repartir avec", "take away", "removal", "old",
    ),
    "shipping_terms": (
        "frais de port", "frais de livraison", "delai de livraison", "delais de livraison",
        "livrez", "livraison express", "creneau", "livraison gratuite", "livraison offerte",
        "combien de jours", "shipping", "deliver to", "delivery cost",
    ),
    "tracking": (
        "suivi", "ou en est", "ou se trouve", "expedi", "notification", "numero de suivi",
        "acheminement", "tracking", "where is", "dispatched",
    ),
    "late": (
        "retard", "toujours pas", "toujours rien", "attends", "j'attends", "repousse",
        "pas livre", "depasse", "ne bouge plus", "n'avance plus", "bloque au", "promise",
        "prevu", "late", "still not", "still hasn't", "delayed", "waiting",
    ),
    "damaged": (
        "casse", "abime", "endommage", "fendu", "raye", "rayure", "bosse", "dechire",
        "en miettes", "ecrase", "en mauvais etat", "broken", "damaged", "crushed", "scratched",
    ),
    "lost": (
        "perdu", "disparu", "egare", "vole", "indique livre", "marque livre", "jamais recu",
        "rien recu", "remis en main propre", "lost", "stolen", "never received", "says delivered",
    ),
    "return": (
        "retour", "retourner", "renvoyer", "renvoye", "rendre", "rapporter", "echanger",
        "echange", "retractation", "etiquette", "return", "send back", "exchange",
    ),
    "refund": ("rembours", "avoir", "credite", "l'argent", "refund", "money back", "reimburse"),
    "marketplace": (
        "vendeur", "partenaire", "marketplace", "vendeur tiers", "vendeur externe", "seller",
        "third party",
    ),
    "fault": (
        "garantie", "panne", "defaut", "defectueux", "ne fonctionne plus", "fonctionne pas",
        "ne s'allume plus", "s'allume", "fuit", "fuite", "usure", "s'ecaille", "bouloche",
        "a cede", "clignote", "warranty", "faulty", "stopped working", "broke down",
    ),
    "missing_part": (
        "manque", "manquant", "incomplet", "notice", "mode d'emploi", "vis", "cheville",
        "quincaillerie", "equerre", "missing", "instructions", "screws",
    ),
    "access": (
        "mot de passe", "connecter", "connexion", "identifiant", "verrouill", "reinitialis",
        "code de verification", "password", "log in", "login", "locked",
    ),
    "personal_data": (
        "donnees", "rgpd", "supprimer mon compte", "fermer", "desabonn", "newsletter",
        "publicit", "sms", "mails promo", "informations personnelles", "profil", "efface",
        "personal data", "unsubscribe", "marketing", "delete my account",
    ),
}  # fmt: skip


def _pattern() -> re.Pattern[str]:
    """One pattern for every concept, tried at word starts only (the engine then skips most
    positions at once); « # » (a number) starts no phrase: the words after it do."""
    parts = []
    for name, phrases in CONCEPTS.items():
        words = "|".join(
            re.escape(p) if p[0] != "#" else f"(?<=# ){re.escape(p[2:])}"
            for p in sorted(phrases, key=len, reverse=True)
        )
        parts.append(f"(?P<{name}>{words})")
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


_CONCEPT = _pattern()


def concepts(normalised: str) -> list[str]:
    """The concepts named in already normalised text, as ``@name`` tokens (once each)."""
    found = {f"@{match.lastgroup}" for match in _CONCEPT.finditer(normalised)}
    return sorted(found)
