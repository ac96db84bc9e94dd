"""`unisono suggest` and `unisono ask`: the approved answer for a customer message on a
channel, and search over the bible, as a user types them."""

from __future__ import annotations

import json

from tests.interactions.conftest import load_minimal_bible
from tests.interactions.factories import interaction, write_jsonl
from unisono.demo.service import demo_bible_path


def test_suggest_gives_the_contract_fields_with_the_customers_name_and_the_facts(cli, tmp_path):
    load_minimal_bible(cli, cli.db_url)
    cli("import", str(write_jsonl(tmp_path / "a.jsonl", [interaction()])))
    result = cli("suggest", "Bonjour, ma commande n'est toujours pas arrivée !", "--channel",
                 "email", "--customer", "C-17", "--set", "order_id=CMD-42", "--json")  # fmt: skip
    assert result.exit_code == 0, result
    found = json.loads(result.stdout)
    assert found["reason"] == "livraison.retard"
    assert 0.3 <= found["confidence"] <= 1
    assert found["standard_id"] == "remboursement-retard"
    assert found["answer"].startswith("Bonjour Léa Martin,")
    assert "commande CMD-42" in found["answer"]
    assert "sous 14 jours" in found["answer"]  # the standard's fact fills its placeholder
    assert "Exemple SA" in found["answer"]
    assert found["missing_placeholders"] == ["agent_name"]
    assert found["facts"] == {"delai_remboursement": "14 jours", "frais_de_retour": "0 EUR"}
    avoid = [a["expression"] for a in found["avoid"]]
    assert avoid[0] == "ce n'est pas de notre faute"
    assert "pas de souci" in avoid
    assert found["related"][0]["standard_id"] == "remboursement-retard"


def test_a_message_that_fits_no_reason_gets_no_standard(cli):
    load_minimal_bible(cli, cli.db_url)
    found = json.loads(cli("suggest", "Quelle heure est-il à Tokyo ?", "--channel", "chat",
                           "--json").stdout)  # fmt: skip
    assert (found["reason"], found["standard_id"], found["answer"]) == ("unknown", None, None)
    text = cli("suggest", "Quelle heure est-il à Tokyo ?", "--channel", "chat").stdout
    assert "reason: unknown" in text


def test_bad_channels_customers_and_values_are_refused_clearly(cli):
    load_minimal_bible(cli, cli.db_url)
    bad = cli("suggest", "toujours rien", "--channel", "fax")
    assert bad.exit_code == 1
    assert (
        "--channel: unknown channel 'fax': choose one of phone, email, chat, social" in bad.stderr
    )
    nobody = cli("suggest", "toujours rien", "--channel", "email", "--customer", "C-404")
    assert nobody.exit_code == 1
    assert "--customer 'C-404': no such customer" in nobody.stderr
    value = cli("suggest", "toujours rien", "--channel", "email", "--set", "order_id")
    assert value.exit_code == 1
    assert "write NAME=VALUE" in value.stderr


def test_ask_searches_the_whole_bible(cli):
    load_minimal_bible(cli, cli.db_url)
    result = cli("ask", "comment me faire rembourser ?", "--channel", "chat", "--json")
    assert result.exit_code == 0, result
    matches = json.loads(result.stdout)
    assert matches[0]["standard_id"] == "remboursement-retard"
    assert matches[0]["answer"].startswith("Je comprends")
    vision = json.loads(cli("ask", "quelle est notre vision ?", "--json").stdout)
    assert vision[0]["standard_id"] == "vision"
    assert "nothing in the bible" in cli("ask", "xyzzy plugh").stdout


def test_the_most_specific_standard_answers_as_the_audit_reads_it(cli):
    """Late parcels have their own standard and a transversal one for every complaint
    (commercial gestures, 7 reasons): the suggestion is the late parcels' one — the one the
    audit compares the agents' replies with — whatever the standards' ids."""
    assert cli("bible", "load", str(demo_bible_path())).exit_code == 0
    found = json.loads(cli("suggest", "Mon colis devait arriver hier et toujours rien",
                           "--channel", "email", "--json").stdout)  # fmt: skip
    assert found["reason"] == "livraison.retard"
    assert found["standard_id"] == "livraison-retard"
