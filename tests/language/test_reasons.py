"""The reason classifier: trained on phrasings, a confidence, unknown when nothing fits."""

from __future__ import annotations

from unisono.language import reasons
from unisono.language.reasons import UNKNOWN
from unisono.language.training import out_of_scope, train_on

EXAMPLES = [
    ("Mon colis devait arriver hier et toujours rien", "livraison.retard"),
    ("La livraison a trois jours de retard", "livraison.retard"),
    ("J'attends ma commande depuis deux semaines", "livraison.retard"),
    ("Le livreur n'est jamais venu, ma commande est en retard", "livraison.retard"),
    ("Je veux annuler ma commande", "commande.annulation"),
    ("Annulez ma commande d'hier svp", "commande.annulation"),
    ("Est-ce que je peux encore annuler ?", "commande.annulation"),
    ("J'ai commandé deux fois par erreur, annulez-en une", "commande.annulation"),
    ("Mon code promo ne marche pas", "paiement.code_promo"),
    ("La réduction n'a pas été appliquée", "paiement.code_promo"),
    ("Le code de bienvenue est refusé", "paiement.code_promo"),
]


def test_classifies_new_wordings_with_typos_and_says_how_sure():
    model = train_on(EXAMPLES)
    assert model is not None
    guesses = model.classify(
        ["toujours pas recu mon colis, il a une semaine de retaaard",
         "ANNULATION de la commande svp", "mon code de réduc est refusé"]
    )  # fmt: skip
    assert [g.reason for g in guesses] == [
        "livraison.retard", "commande.annulation", "paiement.code_promo",
    ]  # fmt: skip
    assert all(0.3 <= g.confidence <= 1 for g in guesses)


def test_a_message_that_fits_no_reason_is_unknown():
    model = train_on(EXAMPLES)
    assert model is not None
    for text in ("Quelle est la capitale de l'Australie ?", "What's the weather like tomorrow?"):
        guess = model.classify_one(text)
        assert guess.reason == UNKNOWN, (text, guess)


def test_nothing_to_choose_between_gives_no_model_and_out_of_scope_is_shipped():
    assert reasons.train(["un seul"], ["livraison.retard"]) is None
    assert len(out_of_scope()) >= 40


def test_a_saved_model_loads_the_same_and_a_broken_file_is_no_model(tmp_path):
    model = train_on(EXAMPLES)
    assert model is not None
    path = tmp_path / "models" / f"reasons-{model.digest}.pickle"
    model.save(path)
    loaded = reasons.load(path)
    assert loaded is not None
    assert loaded.classify_one("je veux annuler") == model.classify_one("je veux annuler")
    path.write_bytes(b"not a model")
    assert reasons.load(path) is None
    assert reasons.load(tmp_path / "missing.pickle") is None
