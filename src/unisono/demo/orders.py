"""What demo customers bought: products, order and tracking numbers; dates as people write them."""

from __future__ import annotations

import datetime as dt
import random

# The same products in French (with their article) and in English (same index).
_FR_PRODUCTS = (
    ("le", "canapé Lison"), ("le", "buffet Arlette"), ("la", "table Ondine"),
    ("le", "matelas Hélios"), ("le", "lit Anatole"), ("l'", "armoire Victoire"),
    ("la", "commode Suzanne"), ("la", "bibliothèque Lucien"), ("le", "bureau Colette"),
    ("le", "fauteuil Gabin"), ("la", "cocotte en fonte Sauge"), ("la", "couette tempérée"),
    ("la", "lampe Opaline"), ("le", "miroir Rosalie"), ("les", "chaises Margaux"),
    ("le", "tapis Nila"), ("la", "parure en lin lavé"), ("le", "meuble TV Célestin"),
    ("la", "poêle Émile"), ("la", "bouilloire Léonie"),
)  # fmt: skip
_EN_PRODUCTS = (
    "Lison sofa", "Arlette sideboard", "Ondine table", "Hélios mattress", "Anatole bed",
    "Victoire wardrobe", "Suzanne chest of drawers", "Lucien bookcase", "Colette desk",
    "Gabin armchair", "Sauge cast-iron casserole", "all-season duvet", "Opaline lamp",
    "Rosalie mirror", "Margaux chairs", "Nila rug", "washed linen bedding set",
    "Célestin TV unit", "Émile frying pan", "Léonie kettle",
)  # fmt: skip
_OF = {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "}
PRODUCT_COUNT = len(_EN_PRODUCTS)


def product_names(index: int, lang: str) -> dict[str, str]:
    """The product as placeholders name it: ``product`` (« la table Ondine », with its article),
    ``Product`` (capitalised), ``of_product`` (« de la table Ondine »), ``x_article`` (bare)."""
    if lang == "en":
        name = _EN_PRODUCTS[index % PRODUCT_COUNT]
        return {"product": f"the {name}", "Product": f"The {name}", "of_product": f"the {name}",
                "x_article": name}  # fmt: skip
    article, name = _FR_PRODUCTS[index % PRODUCT_COUNT]
    spaced = article if article.endswith("'") else article + " "
    full = spaced + name
    return {"product": full, "Product": full[:1].upper() + full[1:],
            "of_product": _OF[article] + name, "x_article": name}  # fmt: skip


PICKUP_POINTS: tuple[str, ...] = (
    "Tabac de la Gare, 12 rue Nationale", "Pressing du Marché, place des Halles",
    "Carrefour City, 4 avenue Jean-Jaurès", "Librairie Le Chat Lecteur, 8 rue Victor-Hugo",
)  # fmt: skip
_WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
_SINCE: dict[str, tuple[str, ...]] = {
    "fr": ("hier", "avant-hier", "lundi dernier", "il y a une semaine", "le {day} {month}"),
    "en": ("yesterday", "last Monday", "a week ago", "on {day} {month}"),
}
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def order_number(rng: random.Random) -> str:
    """An order number such as ``MA-2418835``."""
    return f"MA-{rng.randrange(1_000_000, 9_999_999)}"


def tracking_number(rng: random.Random) -> str:
    """A Colissimo-like (``6A…``) or international (``XW…FR``) tracking number."""
    if rng.random() < 0.7:
        return f"6A{rng.randrange(10**10, 10**11)}"
    return f"XW{rng.randrange(10**8, 10**9)}FR"


def voucher_code(rng: random.Random) -> str:
    """A voucher code such as ``GESTE-7K2P9``."""
    return "GESTE-" + "".join(rng.choice(_CODE_LETTERS) for _ in range(5))


def written_date(day: dt.date, lang: str) -> str:
    """« jeudi 14 novembre », "Thursday 14 November"."""
    return f"{_WEEKDAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]}"


def since(rng: random.Random, today: dt.date, lang: str) -> str:
    """When something should have happened, as a customer says it (« avant-hier »)."""
    text = rng.choice(_SINCE[lang])
    if "{day}" in text:
        past = today - dt.timedelta(days=rng.randint(3, 12))
        text = text.format(day=past.day, month=_MONTHS[lang][past.month - 1])
    return text
