"""What demo advisors (and bots) write around the bible's approved answers.

Greetings and closings per channel (and what is left when an advisor forgets them), follow-up
answers, empathy, automatic acknowledgements, and the variations applied to approved answers so
that two replies are rarely word for word the same. Placeholders: {customer_name}, {formal},
{first}, {agent_name}, {agent_full}, {company}, {ticket_id}. None of these texts may contain an
expression the bible forbids: a test checks it.
"""

from __future__ import annotations

Texts = tuple[str, ...]

GREETINGS: dict[str, dict[str, Texts]] = {
    "fr": {
        "email": ("Bonjour {customer_name},", "Bonjour {formal},", "Bonjour {customer_name},"),
        "web_form": ("Bonjour {customer_name},", "Bonjour {formal},"),
        "chat": (
            "Bonjour {customer_name}, je suis {agent_name} du Service Clients {company}. "
            "Je regarde votre demande tout de suite.",
            "Bonjour {first} ! {agent_name} du Service Clients {company}, je prends votre demande.",
            "Bonjour {customer_name}, {agent_name} à votre écoute. Je regarde cela avec vous.",
        ),
        "phone": (
            "{company}, {agent_name} à votre écoute, bonjour !",
            "{company}, bonjour ! {agent_name} à votre écoute.",
            "Bonjour, {agent_name} du Service Clients {company}, que puis-je faire pour vous ?",
        ),
        "social": ("Bonjour {customer_name} !", "Bonjour {first} !"),
    },
    "en": {
        "email": ("Hello {customer_name},", "Dear {formal},"),
        "web_form": ("Hello {customer_name},",),
        "chat": (
            "Hello {customer_name}, I'm {agent_name} from {company} Customer Service. "
            "Let me look into this for you.",
            "Hi {first}! {agent_name} here from {company}, I'm on it.",
        ),
        "phone": (
            "Hello, {company}, {agent_name} speaking. How can I help?",
            "Hello, {company}, {agent_name} speaking.",
        ),
        "social": ("Hi {first}!", "Hello {customer_name}!"),
    },
}
# What an advisor who forgets to greet opens with (phone and chat still need a first line).
BARE_OPENINGS: dict[str, dict[str, Texts]] = {
    "fr": {
        "phone": ("Service Clients {company}, {agent_name}.", "{company}, je vous écoute."),
        "chat": ("{agent_name}, Service Clients {company}. Je regarde votre demande.",),
    },
    "en": {"phone": ("{company} Customer Service.",), "chat": ("{agent_name}, {company}.",)},
}
CLOSINGS: dict[str, dict[str, Texts]] = {
    "fr": {
        "email": (
            "Je reste à votre disposition pour toute autre question.\n\nBien cordialement,\n\n"
            "{agent_name}\nService Clients {company}",
            "Je vous souhaite une belle journée.\n\nBien cordialement,\n\n{agent_full}\n"
            "Service Clients {company}\nRéférence de votre demande : {ticket_id}",
            "Belle journée à vous,\n\n{agent_name}\nService Clients {company}",
        ),
        "web_form": (
            "Bien cordialement,\n\n{agent_name}\nService Clients {company}",
            "Je reste à votre disposition.\n\nBien cordialement,\n\n{agent_full}\n"
            "Service Clients {company}",
        ),
        "chat": (
            "Merci pour votre confiance et belle journée, {customer_name} !",
            "Je vous souhaite une très bonne journée, {first} !",
            "Merci à vous, et bonne fin de journée !",
        ),
        "phone": (
            "Ai-je répondu à toutes vos questions ? Merci de votre appel, {formal}, et belle "
            "journée !",
            "Merci de votre appel, {formal}. Je vous souhaite une très bonne journée !",
            "Je vous remercie de votre appel et vous souhaite une bonne fin de journée.",
        ),
        "social": (
            "Belle journée ! {agent_name}",
            "Bonne journée, {agent_name}",
            "À très vite, {agent_name}",
        ),
    },
    "en": {
        "email": (
            "Kind regards,\n\n{agent_name}\n{company} Customer Service",
            "Have a lovely day.\n\nBest regards,\n\n{agent_full}\n{company} Customer Service",
        ),
        "web_form": ("Kind regards,\n\n{agent_name}\n{company} Customer Service",),
        "chat": ("Thank you and have a great day, {first}!", "Have a lovely day!"),
        "phone": ("Is there anything else? Thank you for calling, and have a nice day!",),
        "social": ("Have a great day! {agent_name}", "Best, {agent_name}"),
    },
}
# A signature without any closing formula: what is left when an advisor forgets to close.
BARE_SIGNATURES: dict[str, str] = {
    "email": "{agent_name}",
    "web_form": "{agent_name}",
    "social": "{agent_name}",
}
ANYTHING_ELSE: dict[str, Texts] = {
    "fr": ("Puis-je vous aider pour autre chose ?", "Avez-vous une autre question, {first} ?"),
    "en": ("Is there anything else I can help with?",),
}
IDENTIFY: dict[str, Texts] = {
    "fr": (
        "Pour retrouver votre dossier, puis-je avoir votre numéro de commande, s'il vous plaît ?",
        "Pouvez-vous me donner votre numéro de commande, s'il vous plaît ?",
    ),
    "en": ("Could I have your order number, please?",),
}
FOLLOW_UP_ANSWERS: dict[str, Texts] = {
    "fr": (
        "Je vous confirme que c'est bien noté dans votre dossier.",
        "C'est bien enregistré de mon côté ; vous recevrez une confirmation par e-mail.",
        "Je viens de vérifier à nouveau : tout est en ordre.",
        "J'ai ajouté une note à votre dossier pour que le suivi soit assuré.",
        "Je vous renvoie le lien par e-mail à l'instant.",
    ),
    "en": (
        "I can confirm it is noted on your file.",
        "I have just checked again: everything is in order.",
        "I've added a note to your file so that it is followed up.",
    ),
}
EMPATHY: dict[str, Texts] = {
    "fr": (
        "Je comprends tout à fait votre agacement.",
        "Nous sommes vraiment désolés de cette situation.",
        "Je comprends votre déception, c'est bien normal.",
    ),
    "en": ("I completely understand your frustration.", "We're really sorry about this."),
}
SOCIAL_FOLLOW_UPS: dict[str, Texts] = {
    "fr": ("Merci {first}, nous avons bien reçu votre message privé et nous vous y répondons.",),
    "en": ("Thanks {first}, we've received your private message and will reply there.",),
}
REPEAT_ACKNOWLEDGEMENTS: dict[str, Texts] = {
    "fr": (
        "Je vois que vous nous avez déjà contactés à ce sujet ; je reprends votre dossier "
        "personnellement.",
        "Je vois votre précédent échange et je m'en occupe moi-même.",
    ),
    "en": ("I can see you've contacted us about this before; I'm taking it over personally.",),
}
BOT_MESSAGES: dict[str, dict[str, Texts]] = {
    "fr": {
        "chat": (
            "Bienvenue chez {company} ! Un conseiller va prendre votre demande dans un instant.",
            "Merci pour votre message. Un conseiller vous répond dès qu'il est disponible.",
        ),
        "web_form": (
            "Nous avons bien reçu votre demande (référence {ticket_id}). "
            "Un conseiller vous répondra au plus vite, du lundi au samedi.",
            "Votre message est bien arrivé : il porte la référence {ticket_id}. "
            "Ceci est un accusé de réception automatique.",
        ),
    },
    "en": {
        "chat": ("Welcome to {company}! An advisor will be with you shortly.",),
        "web_form": (
            "We have received your request (reference {ticket_id}). This is an automatic reply.",
        ),
    },
}
# Variations applied to approved answers, so that two replies are rarely word for word the same.
VARIATIONS: tuple[tuple[str, Texts], ...] = (
    ("Merci pour votre message.", ("Merci de nous avoir écrit.", "Merci de votre message.")),
    (
        "Nous sommes sincèrement désolés",
        ("Nous sommes vraiment désolés", "Nous sommes profondément désolés"),
    ),
    ("Je comprends votre", ("Je comprends tout à fait votre",)),
    ("C'est fait", ("C'est chose faite",)),
    ("Bonne nouvelle", ("J'ai une bonne nouvelle",)),
    ("Il vous suffit de", ("Vous n'avez qu'à",)),
    ("tout de suite", ("immédiatement", "dès maintenant")),
    ("Je regarde", ("Je vérifie",)),
    ("je vous offre", ("je vous propose",)),
)
