"""The assist endpoints: the same answers as `unisono suggest` and `unisono ask`, behind a token."""

from __future__ import annotations


def test_suggest_needs_a_token_and_answers_like_the_command_line(client, auth):
    body = {"text": "Mon colis devait arriver hier, toujours rien", "channel": "chat",
            "values": {"customer_name": "Léa"}}  # fmt: skip
    assert client.post("/api/v1/assist/suggest", json=body).status_code == 401
    response = client.post("/api/v1/assist/suggest", json=body, headers=auth)
    assert response.status_code == 200, response.text
    found = response.json()
    assert found["reason"] == "livraison.retard"
    assert found["standard_id"] == "remboursement-retard"
    assert found["answer"] == "Je comprends, Léa. Vous serez remboursé sous 14 jours."


def test_suggest_refuses_an_unknown_channel_or_customer(client, auth):
    wrong = client.post("/api/v1/assist/suggest", json={"text": "x", "channel": "fax"},
                        headers=auth)  # fmt: skip
    assert wrong.status_code == 422
    assert "unknown channel 'fax'" in wrong.json()["detail"]
    nobody = client.post("/api/v1/assist/suggest", headers=auth,
                         json={"text": "x", "channel": "chat", "customer": "C-404"})  # fmt: skip
    assert nobody.status_code == 404


def test_search_returns_the_standards_that_answer_a_question(client, auth):
    query = {"q": "remboursement", "channel": "email"}
    response = client.get("/api/v1/assist/search", params=query, headers=auth)
    assert response.status_code == 200
    assert response.json()[0]["standard_id"] == "remboursement-retard"
    assert client.get("/api/v1/assist/search", params={"q": "x"}).status_code == 401
