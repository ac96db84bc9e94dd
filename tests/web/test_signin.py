"""Signing in and out: passwords, throttling, session cookies, the sign-in form's CSRF."""

from __future__ import annotations

import re

from tests.web.conftest import sign_in


def _form_token(client) -> str:
    found = re.search(r'name="login_csrf" value="([^"]+)"', client.get("/login").text)
    assert found is not None
    return found.group(1)


def _try(client, username: str, password: str, next_: str = "/"):
    data = {
        "username": username,
        "password": password,
        "login_csrf": _form_token(client),
        "next": next_,
    }
    return client.post("/login", data=data, follow_redirects=False)


def test_a_user_signs_in_and_gets_a_safe_session_cookie(web):
    answer = _try(web, "Direction", "unisono-demo", next_="/bible?channel=email")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/bible?channel=email"
    cookie = answer.headers["set-cookie"]
    assert "unisono_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http in tests; over https the cookie is Secure
    assert "Hélène Dubois" in web.get("/").text


def test_over_https_the_session_cookie_is_secure(web):
    web.base_url = web.base_url.copy_with(scheme="https")
    answer = _try(web, "direction", "unisono-demo")
    assert "Secure" in answer.headers["set-cookie"]


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(web):
    for username in ("direction", "nobody"):
        answer = _try(web, username, "wrong-password")
        assert answer.status_code == 401
        assert "Identifiant ou mot de passe incorrect" in answer.text
        assert "unisono_session" not in answer.headers.get("set-cookie", "")


def test_after_five_failures_even_the_right_password_waits(web):
    for _ in range(5):
        assert _try(web, "qualite", "not-the-password").status_code == 401
    answer = _try(web, "qualite", "unisono-demo")
    assert answer.status_code == 429
    assert "réessayez dans 15 minutes" in answer.text
    assert _try(web, "direction", "unisono-demo").status_code == 303  # other users are not held


def test_a_sign_in_without_the_form_token_is_refused(web):
    web.get("/login")
    answer = web.post(
        "/login",
        data={"username": "admin", "password": "unisono-demo", "login_csrf": "forged"},
        follow_redirects=False,
    )
    assert answer.status_code == 403


def test_next_never_leads_to_another_site(web):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert _try(web, "admin", "unisono-demo", next_=target).headers["location"] == "/"
        web.cookies.clear()


def test_signing_out_ends_the_session_for_good(web):
    csrf = sign_in(web, "admin")
    cookie = web.cookies.get("unisono_session")
    assert web.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    web.cookies.set("unisono_session", cookie)  # a copy of the old cookie no longer works
    answer = web.get("/", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=/"


def test_a_disabled_user_cannot_sign_in_and_loses_their_session(web, cli_nodb, seeded_url):
    sign_in(web, "equipe")
    assert cli_nodb("user", "disable", "equipe", "--db", seeded_url).exit_code == 0
    assert web.get("/", follow_redirects=False).status_code == 303
    assert _try(web, "equipe", "unisono-demo").status_code == 401


def test_pages_carry_security_headers(web):
    sign_in(web, "admin")
    headers = web.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
