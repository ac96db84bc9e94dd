"""What demo advisors answer when the bible leaves it to them, and what they answer in English.

Fillers for the ``[bracketed]`` parts of approved answers (« [nom de l'article] »), plain
answers for reasons whose approved answers leave the answer to the advisor, English answers per
contact reason (the demo bible is French; facts in braces are filled like the bible's own), and
questions customers ask about a fact, with the advisor's answer stating it.
"""

from __future__ import annotations

Texts = tuple[str, ...]

# Fillers for the bracketed parts of approved answers, by the first words of the bracket.
BRACKET_FILLERS: tuple[tuple[str, str], ...] = (
    ("prochaine étape", "x_next_visit"),
    ("prochaines étapes", "x_next"),
    ("nom de l'alternative", "x_alternative"),
    ("nom du vendeur", "x_seller"),
    ("modification effectuée", "x_modification_done"),
    ("désinscription /", "x_data_request"),
    ("réparation /", "x_fix"),
    ("motif", "x_motive"),
    ("explication du motif", "x_motive"),
    ("situation exacte", "x_situation"),
    ("description du défaut", "x_defect"),
    ("pièce et repère", "x_part"),
    ("conseil argumenté", "x_advice"),
    ("tarif exact", "x_price"),
    ("modification", "x_modification"),
    ("nom de l'article", "x_article"),
    ("article", "x_article"),
    ("meuble", "x_article"),
    ("date", "x_since"),
    ("lien", "x_link"),
    ("reformulation de", "x_restate"),
    ("reformulation du", "x_restate"),
    ("reformulation", "x_restate_short"),
    ("réponse", "x_answer"),
    ("solution", "x_answer"),
)
FILLERS: dict[str, Texts] = {
    "x_next": (
        "Je vous recontacte au plus tard le {followup_date} pour vérifier que tout est réglé.",
        "Vous recevrez une confirmation par e-mail, et je reviens vers vous d'ici le "
        "{followup_date}.",
    ),
    "x_next_visit": (
        "L'étiquette retour est jointe à cet e-mail.",
        "Un technicien passera chez vous le {appointment_date}.",
    ),
    "x_seller": ("Atelier Sable", "Maison Vétiver", "Les Toiles de Lou", "Céramiques Alba"),
    "x_modification_done": ("l'adresse de livraison est corrigée", "l'article a été ajouté"),
    "x_modification": ("le changement d'adresse de livraison", "l'ajout d'une taie assortie"),
    "x_data_request": ("vous désinscrire de nos e-mails", "supprimer votre compte"),
    "x_fix": ("le remplacement de l'article", "la réparation par notre atelier partenaire"),
    "x_motive": (
        "Le code a expiré le 30 du mois dernier",
        "Ce code n'est pas cumulable avec les soldes",
    ),
    "x_situation": ("au dépôt de Rennes depuis hier", "en cours de livraison dans votre secteur"),
    "x_defect": ("une fissure sur le plateau", "un défaut de fonctionnement"),
    "x_part": ("la pièce F (sachet de vis n° 3)", "la traverse B"),
    "x_restate_short": ("un modèle adapté à une petite pièce", "un matelas plus ferme pour le dos"),
    "x_advice": ("ce modèle est plus ferme et mieux adapté au mal de dos",),
    "x_price": ("49 euros", "69 euros"),
    "x_since": ("le mois dernier", "quelques semaines"),
}
ANSWERS: dict[
    str, Texts
] = {  # a plain answer for reasons whose approved answers leave the answer to the advisor
    "produit.conseil": (
        "Le fauteuil Gabin a une hauteur d'assise de 44 cm ; toutes les cotes sont sur la fiche "
        "produit.",
        "Ce tissu se lave à 30 degrés, housse fermée et sans essorage.",
    ),
}
RESTATEMENTS: dict[str, Texts] = {  # what the customer wants, after « Vous souhaitez … »
    "produit.conseil": (
        "connaître les dimensions exactes de cet article",
        "savoir comment entretenir cet article",
    ),
    "commande.modification": ("changer l'adresse de livraison", "ajouter un article"),
}
GENERIC_ANSWERS: dict[str, Texts] = {
    "fr": ("J'ai bien vérifié votre demande au sujet de « {label} » et fait le nécessaire.",),
    "en": ("I have checked your request about “{label}” and taken care of it.",),
}
GENERIC_RESTATEMENT = "une réponse au sujet de « {label} »"

# English answers per contact reason (the demo bible's answers are French); facts in braces.
ENGLISH_ANSWERS: dict[str, Texts] = {
    "produit.disponibilite": (
        "The next restock is expected on {restock_date}. You can tick "
        "“Notify me” on the product page to get an e-mail when it is back.",
    ),
    "produit.conseil": (
        "All the dimensions are on the product page; the cover can be washed at "
        "30 degrees. You can also order free fabric samples.",
    ),
    "fidelite.adhesion": (
        "Joining our loyalty programme is free ({cotisation_aubepine_plus}) and "
        "takes one click from your account.",
    ),
    "fidelite.points": (
        "Your points are credited {delai_credit_points} after delivery, once the "
        "return period is over, and they stay valid for {validite_points}.",
    ),
    "commande.modification": (
        "Done: your order {order_id} has been updated and delivery is still "
        "planned for {delivery_date}.",
    ),
    "commande.annulation": (
        "Your order {order_id} is cancelled. The refund is issued within "
        "{delai_emission_remboursement} and shows on your account within "
        "{delai_bancaire}.",
    ),
    "paiement.refus": (
        "Your basket is kept for {duree_conservation_panier}. I have sent you a "
        "secure payment link, valid for {validite_lien_paiement}.",
    ),
    "paiement.facilite": (
        "You can pay in 4 instalments, with fees of {frais_paiement_4x} of the order amount.",
    ),
    "paiement.code_promo": (
        "Your order is less than {delai_application_code_oublie} old, so I have "
        "refunded the discount of {amount} to your card.",
    ),
    "paiement.carte_cadeau": (
        "Gift cards are valid for {validite_carte_cadeau}. I have extended "
        "yours by {prolongation_carte_cadeau}; its balance is {amount}.",
    ),
    "services.montage": (
        "Assembly starts at {tarif_montage_minimum} and takes place within "
        "{delai_intervention_montage} of delivery; your appointment is on "
        "{appointment_date}.",
    ),
    "services.reprise": (
        "We take your old furniture away for free ({frais_reprise}) on delivery "
        "day, {appointment_date}.",
    ),
    "livraison.delais_options": (
        "Standard delivery takes {delai_livraison_standard} and costs "
        "{frais_livraison_standard}; express delivery takes "
        "{delai_livraison_express} for {frais_livraison_express}. "
        "Delivery is free from {seuil_livraison_gratuite}.",
    ),
    "livraison.suivi": (
        "Your order {order_id} is on its way and should arrive on {delivery_date}. "
        "Tracking number: {tracking_number}.",
    ),
    "livraison.retard": (
        "I'm sorry for the delay. I have opened an enquiry with the carrier, who "
        "replies within {delai_enquete_transporteur}; the new delivery date is "
        "{delivery_date}. I am adding a voucher of {geste_commercial_standard} "
        "(code {voucher_code}).",
    ),
    "livraison.colis_endommage": (
        "I'm so sorry it arrived damaged. We can send a replacement "
        "within {delai_expedition_remplacement} or refund you within "
        "{delai_remboursement}, at no cost to you.",
    ),
    "livraison.colis_perdu": (
        "I have opened an enquiry with the carrier, who replies within "
        "{delai_enquete_transporteur}. If the parcel is not found, we will "
        "send it again within {delai_expedition_remplacement}.",
    ),
    "retour.demande": (
        "You have {delai_retour} from delivery to return it, free of charge "
        "({frais_de_retour}). We refund you within {delai_remboursement} of "
        "receiving it.",
        "Returns are free and you have {delai_retour}; the refund follows within "
        "{delai_remboursement}.",
    ),
    "retour.remboursement": (
        "Your return has arrived and the refund of {amount} has been issued; "
        "it will show on your account within {delai_bancaire}, by "
        "{refund_date} at the latest.",
    ),
    "retour.vendeur_partenaire": (
        "I have chased the seller, who has {delai_reponse_vendeur} to "
        "accept your return. Otherwise we refund you directly within "
        "{delai_remboursement}.",
    ),
    "sav.garantie": (
        "Your item is covered by the legal guarantee of conformity, which lasts "
        "{garantie_legale_conformite}. "
        "Our after-sales team will diagnose it within {delai_diagnostic_sav}.",
    ),
    "sav.piece_manquante": (
        "I am sending the missing part free of charge; you will receive it "
        "within {delai_envoi_piece}.",
    ),
    "compte.acces": (
        "For your account's security, I have sent a password reset link to your "
        "e-mail address; it is valid for {validite_lien_reinitialisation}.",
    ),
    "compte.donnees": (
        "I have passed your request to our data protection officer, who will reply "
        "within {delai_reponse_rgpd}.",
    ),
}
# A customer asks about a fact, the advisor states it: (question, answer) per language.
FACT_QUESTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "delai_remboursement": {
        "fr": (
            "Et le remboursement, c'est sous combien de temps ?",
            "Le remboursement intervient au plus tard sous {delai_remboursement}.",
        ),
        "en": (
            "How long does the refund take?",
            "The refund is made within {delai_remboursement}.",
        ),
    },
    "delai_retour": {
        "fr": (
            "J'ai combien de temps pour renvoyer l'article ?",
            "Vous disposez de {delai_retour} après la livraison pour le retourner.",
        ),
        "en": ("How long do I have to send it back?", "You have {delai_retour} from delivery."),
    },
    "frais_de_retour": {
        "fr": (
            "Le retour est payant ?",
            "Le retour en point relais est gratuit ({frais_de_retour}).",
        ),
        "en": ("Do I pay for the return?", "Returns are free ({frais_de_retour})."),
    },
    "garantie_legale_conformite": {
        "fr": (
            "Il est garanti combien de temps ?",
            "La garantie légale de conformité est de {garantie_legale_conformite}.",
        ),
        "en": (
            "How long is the guarantee?",
            "The legal guarantee lasts {garantie_legale_conformite}.",
        ),
    },
    "delai_enquete_transporteur": {
        "fr": (
            "Et vous aurez une réponse quand ?",
            "Le transporteur nous répond sous {delai_enquete_transporteur}.",
        ),
        "en": (
            "When will you hear back?",
            "The carrier replies within {delai_enquete_transporteur}.",
        ),
    },
    "delai_bancaire": {
        "fr": (
            "Je le verrai quand sur mon compte ?",
            "Selon votre banque, il apparaît sous {delai_bancaire}.",
        ),
        "en": ("When will I see it on my account?", "It shows within {delai_bancaire}."),
    },
    "delai_livraison_standard": {
        "fr": (
            "Et en livraison normale, c'est combien de temps ?",
            "La livraison standard prend {delai_livraison_standard}.",
        ),
        "en": ("And standard delivery?", "Standard delivery takes {delai_livraison_standard}."),
    },
    "seuil_livraison_gratuite": {
        "fr": (
            "La livraison est offerte à partir de combien ?",
            "La livraison standard est offerte dès {seuil_livraison_gratuite} d'achat.",
        ),
        "en": ("When is delivery free?", "Delivery is free from {seuil_livraison_gratuite}."),
    },
    "delai_envoi_piece": {
        "fr": ("Je la reçois quand, la pièce ?", "Vous la recevrez sous {delai_envoi_piece}."),
        "en": ("When will I get the part?", "You will receive it within {delai_envoi_piece}."),
    },
    "validite_carte_cadeau": {
        "fr": (
            "Elle est valable combien de temps, la carte ?",
            "Nos cartes cadeaux sont valables {validite_carte_cadeau}.",
        ),
        "en": ("How long is the card valid?", "Gift cards are valid for {validite_carte_cadeau}."),
    },
}
