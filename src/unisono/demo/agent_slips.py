"""What demo advisors should not say, and do: expressions to avoid, and tutoiement.

Each sentence comes with the expression as it is written in it ("pas de soucis", "Désolée pour
la gêne occasionnée", "N'hesitez pas"): inflections, missing accents and case, as the audit will
meet them. Expressions without a sentence of their own are put in generic frames.
"""

from __future__ import annotations

TUTOIEMENT: tuple[tuple[str, str], ...] = (
    ("Je regarde ta commande tout de suite.", "ta commande"),
    ("Tu peux me redonner ton numéro de commande ?", "Tu peux"),
    ("Je te confirme que tout est bon.", "Je te confirme"),
    ("Tu vas recevoir un e-mail de confirmation.", "Tu vas recevoir"),
    ("Dis-moi si tu as besoin d'autre chose !", "Dis-moi"),
    ("Merci à toi pour ta patience.", "Merci à toi"),
)
# Sentences that use an expression to avoid, as advisors do: (sentence, the expression as written).
FORBIDDEN_SENTENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "pas de souci": (
        ("Pas de souci, je m'en occupe.", "Pas de souci"),
        ("Je vous fais ça, pas de soucis.", "pas de soucis"),
    ),
    "pas de probleme": (("Pas de problème, je vérifie.", "Pas de problème"),),
    "c'est la procedure": (
        ("C'est la procédure, je ne peux pas faire autrement.", "C'est la procédure"),
    ),
    "je ne sais pas": (
        ("Je ne sais pas où se trouve votre colis pour le moment.", "Je ne sais pas"),
    ),
    "calmez-vous": (
        ("Calmez-vous, je vais regarder.", "Calmez-vous"),
        ("Calmez vous s'il vous plaît.", "Calmez vous"),
    ),
    "vous auriez du": (
        ("Vous auriez dû nous prévenir plus tôt.", "Vous auriez dû"),
        ("Vous auriez du refuser le colis.", "Vous auriez du"),
    ),
    "malheureusement": (
        ("Malheureusement, je ne peux pas aller plus vite.", "Malheureusement"),
        ("Je ne peux malheureusement pas modifier cela.", "malheureusement"),
    ),
    "n'hesitez pas": (
        ("N'hésitez pas à revenir vers nous si besoin.", "N'hésitez pas"),
        ("N'hesitez pas à nous écrire.", "N'hesitez pas"),
    ),
    "ce n'est pas de notre faute": (
        (
            "Ce n'est pas de notre faute, le transporteur a pris du retard.",
            "Ce n'est pas de notre faute",
        ),
    ),
    "ce n'est pas mon service": (
        ("Ce n'est pas mon service, je transfère votre demande.", "Ce n'est pas mon service"),
    ),
    "vous vous trompez": (("Je pense que vous vous trompez de commande.", "vous vous trompez"),),
    "je vais essayer": (("Je vais essayer de voir ce que je peux faire.", "Je vais essayer"),),
    "desole pour la gene occasionnee": (
        ("Désolée pour la gêne occasionnée.", "Désolée pour la gêne occasionnée"),
        ("Désolé pour la gêne occasionnée.", "Désolé pour la gêne occasionnée"),
    ),
    "dans les plus brefs delais": (
        ("Nous revenons vers vous dans les plus brefs délais.", "dans les plus brefs délais"),
    ),
    "c'est impossible": (
        ("C'est impossible de modifier la commande maintenant.", "C'est impossible"),
    ),
    "il faut que vous": (("Il faut que vous nous renvoyiez le formulaire.", "Il faut que vous"),),
    "le systeme ne veut pas": (
        ("Le système ne veut pas valider la modification.", "Le système ne veut pas"),
    ),
    "cdt": (("Cdt", "Cdt"), ("cdt.", "cdt")),
    "ma petite dame": (("Ne vous en faites pas, ma petite dame, je regarde.", "ma petite dame"),),
    "mon cher monsieur": (("Écoutez, mon cher monsieur, je vérifie.", "mon cher monsieur"),),
    "ca marche": (("Ça marche, je vous envoie ça.", "Ça marche"),),
    "nickel": (("C'est nickel, tout est en ordre.", "nickel"),),
    "voila voila": (("Voilà voilà, c'est tout bon.", "Voilà voilà"),),
    "bisous": (("Je vous envoie ça tout de suite, bisous !", "bisous"),),
    "lol": (("Oups, petite erreur de ma part lol.", "lol"),),
    "mdr": (("Ah mdr, je comprends.", "mdr"),),
    "svp": (("Un instant svp.", "svp"), ("Votre numéro de commande svp ?", "svp")),
    "merci de patienter": (("Merci de patienter, je regarde.", "Merci de patienter"),),
    "ne quittez pas": (("Ne quittez pas, je vérifie.", "Ne quittez pas"),),
    "allo": (("Allô ? Vous m'entendez ?", "Allô"),),
    "c'est a quel sujet": (("C'est à quel sujet ?", "C'est à quel sujet"),),
    "rappelez plus tard": (("Rappelez plus tard, le service est saturé.", "Rappelez plus tard"),),
    "je vous passe le service": (
        ("Je vous passe le service concerné.", "Je vous passe le service"),
    ),
    "salut": (("Salut !", "Salut"),),  # a greeting too: not planted when greetings are left out
    "suite a votre mail": (("Suite à votre mail, je reviens vers vous.", "Suite à votre mail"),),
    "bonne reception": (("Bonne réception.", "Bonne réception"),),
    "veuillez agreer": (("Veuillez agréer nos excuses pour ce retard.", "Veuillez agréer"),),
    "merci de nous recontacter": (
        ("Merci de nous recontacter si besoin.", "Merci de nous recontacter"),
    ),
    "pourriez-vous nous redonner": (
        ("Pourriez-vous nous redonner votre numéro de commande ?", "Pourriez-vous nous redonner"),
    ),
    "a titre exceptionnel": (
        ("À titre exceptionnel, je vous fais un geste.", "À titre exceptionnel"),
    ),
    "c'est un cadeau": (("C'est un cadeau de notre part.", "C'est un cadeau"),),
    "ce n'est pas le bon canal": (
        ("Ce n'est pas le bon canal pour ce genre de demande.", "Ce n'est pas le bon canal"),
    ),
    "supprimez votre commentaire": (
        (
            "Supprimez votre commentaire, nous vous répondons en privé.",
            "Supprimez votre commentaire",
        ),
    ),
    "il fallait lire les conditions": (
        ("Il fallait lire les conditions de vente.", "Il fallait lire les conditions"),
    ),
    "ne le prenez pas comme ca": (("Ne le prenez pas comme ça.", "Ne le prenez pas comme ça"),),
}
# Expressions said to a woman (True) or to a man (False) only.
GENDERED = {"ma petite dame": True, "mon cher monsieur": False}
# Expressions that also tutoie the customer: planting them would plant a formality defect too.
TUTOIEMENT_MARKERS = (" t'", " stp ", " toi ", " tu ", " te ", " ton ", " ta ", " tes ")
FORBIDDEN_FRAMES = ("{E}.", "{E}, je suis désolé.", "Pour être franc : {e}.", "{E}…")
QUESTION_STARTS = ("pourquoi", "quel", "quelle", "est-ce", "c'est a quel", "vous etes sur")
