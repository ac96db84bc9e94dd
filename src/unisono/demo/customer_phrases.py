"""What demo customers write: openings per contact reason, emotions, follow-ups.

Openings combine the bible's own examples with the paraphrases below (keyed by the demo bible's
reason ids; a bible with other reasons falls back on its examples and labels). Placeholders in
braces are filled per interaction: {order_id}, {tracking_number}, {product} (« la table Ondine »),
{Product} (capitalised), {of_product} (« de la table Ondine »), {since}, {company},
{handle}, {name}, {first}, {prev_date}, {prev_id}.
"""

from __future__ import annotations

Texts = tuple[str, ...]

PARAPHRASES_FR: dict[str, Texts] = {
    "produit.disponibilite": (
        "{Product} est en rupture sur le site, vous savez quand vous en recevrez ?",
        "Je cherche {product}, le site indique « indisponible » depuis des semaines.",
        "Est-ce qu'un réassort {of_product} est prévu avant Noël ?",
        "dispo quand {product} ??",
        "Vous pouvez me prévenir quand {product} sera de nouveau en stock ?",
    ),
    "produit.conseil": (
        "J'hésite pour {product}, quelles sont ses dimensions exactes ?",
        "Est-ce que {product} convient à une petite pièce de 10 m² ?",
        "Comment entretenir {product} ? Je ne trouve pas la notice d'entretien.",
        "Est-ce que {product} existe dans une autre couleur ?",
        "vous me conseillez quoi entre {product} et le modèle au-dessus ?",
    ),
    "fidelite.adhesion": (
        "Je voudrais adhérer à votre programme de fidélité, comment faire ?",
        "Quels sont les avantages du programme Aubépine+ exactement ?",
        "L'inscription au programme de fidélité est-elle gratuite ?",
        "je me suis inscrite au programme mais je ne vois rien dans mon compte",
    ),
    "fidelite.points": (
        "Mes points de fidélité de ma dernière commande n'apparaissent pas.",
        "J'avais un bon d'achat fidélité et il a disparu de mon compte.",
        "Combien de points il me faut pour avoir un bon ?",
        "Mes points vont expirer ? Je n'ai rien commandé depuis un moment.",
    ),
    "commande.modification": (
        "Je me suis trompée d'adresse de livraison sur ma commande {order_id}, pouvez-vous la "
        "corriger ?",
        "Est-il possible d'ajouter un article à ma commande {order_id} ?",
        "Je voudrais changer la couleur {of_product} de ma commande d'hier.",
        "J'ai commandé la mauvaise taille de housse, on peut modifier ?",
        "Peut-on changer le mode de livraison de ma commande {order_id} ?",
    ),
    "commande.annulation": (
        "Je souhaite annuler ma commande {order_id}.",
        "Annulation de la commande {order_id} svp, j'ai trouvé moins cher ailleurs.",
        "J'ai passé deux fois la même commande par erreur, pouvez-vous en annuler une ?",
        "Est-ce que je peux encore annuler ma commande passée ce matin ?",
        "Je n'ai plus besoin {of_product}, comment j'annule ?",
    ),
    "paiement.refus": (
        "Mon paiement est refusé alors que j'ai l'argent sur mon compte.",
        "La carte ne passe pas, j'ai essayé trois fois.",
        "J'ai été débitée mais la commande n'apparaît pas dans mon compte.",
        "Le paiement bloque à l'étape 3D Secure, je ne reçois pas le code.",
        "paiement refusé sans raison, c'est la 2e fois",
    ),
    "paiement.facilite": (
        "Est-il possible de payer {product} en plusieurs fois ?",
        "Le paiement en 4 fois a des frais ?",
        "Pourquoi on m'a refusé le paiement en 3 fois ?",
        "Le paiement fractionné marche avec une carte prépayée ?",
    ),
    "paiement.code_promo": (
        "Mon code promo ne fonctionne pas, il dit qu'il est invalide.",
        "J'ai oublié de mettre mon code de réduction, vous pouvez l'appliquer après coup ?",
        "Le code de bienvenue n'a pas été déduit de ma commande {order_id}.",
        "Le code reçu par mail ne marche pas sur {product}.",
    ),
    "paiement.carte_cadeau": (
        "Je voudrais connaître le solde de ma carte cadeau.",
        "Ma carte cadeau n'est plus valable, c'est possible de la prolonger ?",
        "La carte cadeau électronique n'est jamais arrivée dans la boîte mail de mon frère.",
        "Peut-on payer une partie avec la carte cadeau et le reste par carte bancaire ?",
    ),
    "services.montage": (
        "Je voudrais ajouter le montage {of_product} à ma commande.",
        "Le monteur devait venir ce matin et personne n'est venu.",
        "Combien coûte le montage {of_product} ?",
        "Je dois décaler mon rendez-vous de montage, comment faire ?",
    ),
    "services.reprise": (
        "Vous reprenez l'ancien matelas à la livraison du nouveau ?",
        "J'ai oublié de demander la reprise de mon vieux canapé, c'est encore possible ?",
        "La reprise de l'ancien meuble est-elle payante ?",
        "les livreurs n'ont pas voulu prendre mon ancien sommier",
    ),
    "livraison.delais_options": (
        "Quels sont vos délais de livraison pour {product} ?",
        "La livraison en point relais est-elle possible pour un meuble ?",
        "Combien coûte la livraison express ?",
        "À partir de quel montant la livraison est offerte ?",
        "Vous livrez le samedi ?",
    ),
    "livraison.suivi": (
        "Où en est ma commande {order_id} ?",
        "Le numéro de suivi {tracking_number} ne donne aucune information.",
        "Ma commande {order_id} est-elle bien partie ?",
        "Je n'ai pas reçu de mail d'expédition pour ma commande {order_id}.",
        "Le colis {tracking_number} est noté en point relais mais lequel ?",
    ),
    "livraison.retard": (
        "Ma commande {order_id} devait être livrée {since} et toujours rien.",
        "Le colis {tracking_number} n'avance plus depuis des jours.",
        "J'attends {product} depuis deux semaines, la date est largement dépassée.",
        "Livraison prévue {since}, on est quand même en retard là...",
        "Encore un retard de livraison, la date annoncée est passée.",
    ),
    "livraison.colis_endommage": (
        "J'ai reçu {product} en mauvais état, le carton était écrasé.",
        "Livraison {of_product} ce matin : c'est cassé, je vous envoie les photos.",
        "Commande {order_id} reçue endommagée, un pied est cassé.",
        "Il y a des rayures partout sur {product}, je suis très déçue.",
    ),
    "livraison.colis_perdu": (
        "Le suivi {tracking_number} indique livré mais je n'ai rien reçu.",
        "Mon colis est perdu, le transporteur ne sait pas où il est.",
        "Commande {order_id} marquée livrée {since}, personne n'a rien vu ici.",
        "Le point relais dit qu'il n'a jamais reçu mon colis {tracking_number}.",
    ),
    "retour.demande": (
        "Je souhaite retourner {product}, ça ne me convient pas.",
        "Comment retourner un article de ma commande {order_id} ?",
        "{Product} ne rentre pas dans la pièce, je voudrais faire un retour.",
        "Le retour est gratuit ou je dois payer les frais ?",
        "Je voudrais échanger {product} contre une autre couleur.",
    ),
    "retour.remboursement": (
        "J'ai retourné ma commande {order_id} et je ne suis toujours pas remboursée.",
        "Quand vais-je être remboursé de mon retour ?",
        "Mon retour a été livré chez vous {since}, où en est le remboursement ?",
        "Je n'ai été remboursée que partiellement sur la commande {order_id}.",
        "Remboursement toujours pas arrivé sur mon compte, c'est long.",
    ),
    "retour.vendeur_partenaire": (
        "Le vendeur partenaire ne répond pas à ma demande de retour.",
        "J'ai acheté {product} chez un vendeur partenaire, comment faire le retour ?",
        "Qui me rembourse, vous ou le vendeur ?",
        "Le vendeur refuse mon retour alors que je suis dans les délais.",
    ),
    "sav.garantie": (
        "{Product} ne fonctionne plus, est-ce encore sous garantie ?",
        "{Product} présente un défaut depuis {since}.",
        "Panne {of_product} au bout de quelques mois seulement.",
        "La garantie couvre-t-elle l'usure {of_product} ?",
    ),
    "sav.piece_manquante": (
        "Il manque des pièces pour monter {product}.",
        "Pas de vis dans le sachet {of_product}, impossible de monter.",
        "Il manque la notice {of_product}.",
        "Une pièce {of_product} est arrivée cassée, pouvez-vous m'en envoyer une autre ?",
    ),
    "compte.acces": (
        "Impossible de me connecter à mon compte depuis ce matin.",
        "Je ne reçois pas le mail pour réinitialiser mon mot de passe.",
        "Mon compte est bloqué, que dois-je faire ?",
        "J'ai changé d'adresse mail et je ne peux plus accéder à mon compte.",
    ),
    "compte.donnees": (
        "Je souhaite supprimer mon compte.",
        "Merci de ne plus m'envoyer de publicités par mail ni par SMS.",
        "Je veux savoir quelles données vous avez sur moi.",
        "Comment changer mon adresse postale dans mon compte ?",
    ),
}

PARAPHRASES_EN: dict[str, Texts] = {
    "produit.disponibilite": (
        "When will {product} be back in stock?",
        "{Product} has been out of stock for weeks, is it coming back?",
    ),
    "produit.conseil": (
        "What are the exact dimensions of {product}?",
        "Is {product} suitable for a small bedroom?",
    ),
    "fidelite.adhesion": ("How do I join your loyalty programme?", "Is the loyalty scheme free?"),
    "fidelite.points": (
        "My loyalty points from my last order are missing.",
        "How many points do I need for a voucher?",
    ),
    "commande.modification": (
        "I entered the wrong delivery address for order {order_id}, can you fix it?",
        "Can I add an item to my order {order_id}?",
    ),
    "commande.annulation": (
        "I'd like to cancel my order {order_id}, please.",
        "I placed the same order twice by mistake, can you cancel one?",
    ),
    "paiement.refus": (
        "My card keeps getting declined at checkout.",
        "I was charged but the order doesn't show in my account.",
    ),
    "paiement.facilite": (
        "Can I pay for {product} in instalments?",
        "Are there fees to pay in 4?",
    ),
    "paiement.code_promo": (
        "My promo code says it is invalid.",
        "I forgot to enter my discount code, can you still apply it?",
    ),
    "paiement.carte_cadeau": (
        "How do I check the balance of my gift card?",
        "My gift card has expired, can it be extended?",
    ),
    "services.montage": (
        "Can I add assembly for {product} to my order?",
        "The fitter was supposed to come this morning and nobody showed up.",
    ),
    "services.reprise": (
        "Do you take away the old mattress when you deliver the new one?",
        "Is the removal of my old sofa free?",
    ),
    "livraison.delais_options": (
        "How long does delivery take for {product}?",
        "How much is express delivery?",
    ),
    "livraison.suivi": (
        "Where is my order {order_id}?",
        "The tracking number {tracking_number} shows nothing.",
    ),
    "livraison.retard": (
        "My order {order_id} was due {since} and still hasn't arrived.",
        "Parcel {tracking_number} hasn't moved for days.",
    ),
    "livraison.colis_endommage": (
        "{Product} arrived damaged, the box was crushed.",
        "My order {order_id} arrived broken, I have photos.",
    ),
    "livraison.colis_perdu": (
        "Tracking says delivered but I never received anything.",
        "My parcel {tracking_number} seems to be lost.",
    ),
    "retour.demande": (
        "I'd like to return {product}, it doesn't fit.",
        "How do I return an item?",
    ),
    "retour.remboursement": (
        "I sent my return back and I still haven't been refunded.",
        "When will I get my refund for order {order_id}?",
    ),
    "retour.vendeur_partenaire": (
        "The marketplace seller is not answering my return request.",
        "Who refunds me, you or the seller?",
    ),
    "sav.garantie": (
        "{Product} stopped working, is it under warranty?",
        "{Product} is faulty.",
    ),
    "sav.piece_manquante": (
        "Some screws are missing for {product}.",
        "{Product} came without instructions.",
    ),
    "compte.acces": ("I can't log into my account.", "I never get the password reset e-mail."),
    "compte.donnees": (
        "Please delete my account and my data.",
        "Please stop sending me marketing e-mails.",
    ),
}

GENERIC: dict[str, Texts] = {
    "fr": ("J'ai une question au sujet de : {label}.", "Bonjour, c'est pour : {label}."),
    "en": ("I have a question about: {label}.", "Hello, it's about: {label}."),
}

SALUTATIONS: dict[str, Texts] = {
    "fr": ("Bonjour,", "Bonjour,", "Bonjour Madame, Monsieur,", "Madame, Monsieur,", "Hello,", ""),
    "en": ("Hello,", "Hi,", "Dear Sir or Madam,", "Good morning,", ""),
}
PHONE_OPENERS: dict[str, Texts] = {
    "fr": ("Oui, bonjour. ", "Bonjour madame. ", "Bonjour, alors voilà : ", "Oui bonjour, ", ""),
    "en": ("Hello, yes. ", "Hi, ", "Good morning. ", ""),
}
SIGN_OFFS: dict[str, Texts] = {
    "fr": (
        "Cordialement,\n{name}",
        "Merci d'avance,\n{name}",
        "Bien à vous,\n{first}",
        "{name}",
        "Merci",
    ),
    "en": ("Kind regards,\n{name}", "Thanks,\n{first}", "Best,\n{name}", "{name}"),
}
ORDER_DETAILS: dict[str, Texts] = {
    "fr": (
        "Ma commande : {order_id}.",
        "N° de commande {order_id}.",
        "(commande {order_id})",
        "Commande n° {order_id} passée {since}.",
    ),
    "en": ("Order number: {order_id}.", "(order {order_id})", "My order is {order_id}."),
}
TRACKING_DETAILS: dict[str, Texts] = {
    "fr": ("Numéro de suivi : {tracking_number}.", "Le suivi : {tracking_number}"),
    "en": ("Tracking number: {tracking_number}.",),
}
EMOTIONS: dict[str, dict[str, Texts]] = {
    "fr": {
        "frustrated": (
            "C'est vraiment agaçant.",
            "Je commence à perdre patience.",
            "Franchement ce n'est pas sérieux.",
            "Je suis très déçue.",
            "Ça devient pénible...",
        ),
        "urgent": (
            "C'est urgent, j'en ai besoin pour samedi.",
            "Merci de me répondre vite, nous déménageons la semaine prochaine.",
            "J'ai des invités ce week-end !",
            "C'était pour un cadeau d'anniversaire demain...",
        ),
        "angry": (
            "C'est inadmissible !!",
            "Si ça continue je vais commander ailleurs.",
            "Je suis cliente depuis des années mais là c'est la dernière fois.",
            "Je vais le poster sur Facebook si rien ne bouge.",
            "Je vais laisser un avis sur Google et sur Trustpilot.",
            "Je vais saisir le médiateur de la consommation.",
            "VOUS VOUS MOQUEZ DE MOI ???",
        ),
        "grateful": (
            "Merci d'avance pour votre aide !",
            "Merci beaucoup, j'adore vos produits par ailleurs.",
            "Merci pour votre aide, bonne journée à vous.",
        ),
    },
    "en": {
        "frustrated": (
            "This is really frustrating.",
            "I'm losing patience here.",
            "Not impressed.",
        ),
        "urgent": (
            "It's urgent, I need it by Saturday.",
            "Please reply quickly, we're moving next week.",
        ),
        "angry": (
            "This is unacceptable!",
            "If this isn't sorted I'll shop elsewhere.",
            "I'll be posting about this on Twitter.",
            "I'm going to leave a review on Trustpilot.",
        ),
        "grateful": (
            "Thanks in advance for your help!",
            "Many thanks, love your products otherwise.",
        ),
    },
}
SOCIAL_TAGS: dict[str, Texts] = {
    "fr": ("#déçue", "#SAV", "#service", ""),
    "en": ("#customerservice", "#fail", ""),
}
REPEAT_OPENERS: dict[str, Texts] = {
    "fr": (
        "Je vous recontacte au sujet de ma demande du {prev_date} (réf. {prev_id}).",
        "C'est la deuxième fois que je vous contacte pour le même problème.",
        "On m'avait promis une solution, je n'ai toujours rien.",
        "Je relance encore une fois, personne ne m'a répondu correctement.",
        "Votre collègue m'a dit autre chose la dernière fois...",
    ),
    "en": (
        "I'm contacting you again about my request of {prev_date} ({prev_id}).",
        "This is the second time I'm writing about the same problem.",
        "I was promised a solution and nothing has happened.",
    ),
}
CUSTOMER_TU: Texts = ("tu peux m'aider stp ?", "tu peux regarder ?", "dis-moi vite merci")
FOLLOW_UPS: dict[str, dict[str, Texts]] = {
    "fr": {
        "thanks": (
            "Merci beaucoup pour votre réponse rapide !",
            "Parfait, merci.",
            "D'accord, merci pour l'info.",
            "Super, merci !",
            "Très bien, merci de votre aide.",
        ),
        "pushback": (
            "Ce n'est pas ce qu'on m'a dit la dernière fois...",
            "D'accord mais je fais comment si je ne suis pas là ?",
            "Vous êtes sûr ? Sur le site ce n'est pas écrit pareil.",
            "Et si ça ne marche pas ?",
        ),
        "detail": (
            "Voici mon numéro de commande : {order_id}.",
            "Je vous envoie les photos tout de suite.",
            "C'est la commande {order_id}, au nom de {name}.",
        ),
        "bye": ("Non, c'est tout, merci !", "Non merci, bonne journée.", "Ce sera tout, merci."),
    },
    "en": {
        "thanks": ("Thanks a lot for the quick answer!", "Perfect, thank you.", "Great, thanks!"),
        "pushback": (
            "That's not what I was told last time...",
            "Are you sure? The website says otherwise.",
        ),
        "detail": ("My order number is {order_id}.", "I'll send the photos right away."),
        "bye": ("No, that's all, thanks!", "No thanks, have a good day."),
    },
}
