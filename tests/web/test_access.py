"""Every page and API route refuses the anonymous and the roles the permission table does not
allow; a route without a permission fails this test."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute

from tests.web.conftest import sign_in
from unisono.accounts.permissions import INTEGRATION, PERMISSIONS, ROLES
from unisono.web.app import create_app
from unisono.web.deps import Require

# Reached without signing in, each with its own protection.
PUBLIC = {
    ("GET", "/login"),
    ("POST", "/login"),  # the sign-in form (double-submit CSRF)
    ("GET", "/s/{token}"),
    ("POST", "/s/{token}"),  # survey pages: a signed single-use link
    ("POST", "/api/v1/webhooks/interactions"),  # HMAC-signed requests
    ("GET", "/static/vendor/plotly.min.js"),  # the charting library
}
DEMO_USERS = {
    "admin": "admin",
    "cx_head": "direction",
    "quality_manager": "qualite",
    "team_lead": "equipe",
    "agent": "conseiller",
}


def _action(route: APIRoute) -> str | None:
    """The action of the route's Require dependency (a route has at most one)."""
    found = []
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        if isinstance(dependency.call, Require):
            found.append(dependency.call.action)
        pending.extend(dependency.dependencies)
    assert len(found) <= 1, f"{route.path} requires {found}"
    return found[0] if found else None


def _flat(app) -> list[tuple[str, object]]:
    """Every route with its full path (newer FastAPI keeps included routers as they are)."""
    try:
        from fastapi.routing import iter_route_contexts  # noqa: PLC0415 - FastAPI >= 0.165
    except ImportError:
        return [(route.path, route) for route in app.routes]
    return [(context.path, context.original_route) for context in iter_route_contexts(app.routes)]


def _routes() -> list[tuple[str, str, str | None]]:
    routes = []
    for path, route in _flat(create_app()):
        if not isinstance(route, APIRoute):
            continue
        for method in sorted(route.methods):
            routes.append((method, path, _action(route)))
    # signing out last: the walk keeps one session per role
    return sorted(routes, key=lambda r: (r[1] == "/logout", r[1], r[0]))


ROUTES = _routes()


def test_every_route_but_the_public_ones_requires_an_action():
    unprotected = {(m, p) for m, p, action in ROUTES if action is None}
    assert unprotected == PUBLIC
    for _, path, action in ROUTES:
        assert action is None or action in PERMISSIONS, f"{path}: unknown action {action!r}"
    pages = {p for _, p, _ in ROUTES if not p.startswith("/api/")}
    assert {"/", "/bible", "/bible/standards/{standard_id}", "/interactions", "/consistency",
            "/reviews", "/reviews/{review_id}", "/reviews/sample", "/calibration",
            "/calibration/{session_id}", "/assist"} <= pages  # fmt: skip


def _address(path: str) -> str:
    filled = re.sub(r"\{[^}]+\}", "missing-id", path)
    return filled.replace("handbook.missing-id", "handbook.html")


def _call(client, method: str, path: str, headers: dict[str, str] | None = None):
    return client.request(method, _address(path), headers=headers or {}, follow_redirects=False)


def test_the_anonymous_are_refused_everywhere(web):
    for method, path, action in ROUTES:
        if action is None:
            continue
        answer = _call(web, method, path)
        if path.startswith("/api/"):
            assert answer.status_code == 401, (method, path, answer.status_code)
        else:
            assert answer.status_code == 303, (method, path, answer.status_code)
            assert answer.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_what_the_table_allows(web, role):
    csrf = sign_in(web, DEMO_USERS[role])
    for method, path, action in ROUTES:
        if action is None:
            continue
        answer = _call(web, method, path, {"X-CSRF-Token": csrf})
        if role in PERMISSIONS[action]:
            assert answer.status_code not in (401, 403), (role, method, path, answer.text[:300])
            if path != "/logout":  # which does lead to the sign-in page
                assert not answer.headers.get("location", "").startswith("/login"), path
        else:
            assert answer.status_code == 403, (role, method, path, answer.status_code)


def test_an_api_token_reaches_only_the_integration_routes(web, cli_nodb, seeded_url):
    created = cli_nodb("token", "create", "walker", "--json", "--db", seeded_url)
    token = re.search(r'"token": "([^"]+)"', created.stdout)
    assert token is not None, created
    bearer = {"Authorization": f"Bearer {token.group(1)}"}
    for method, path, action in ROUTES:
        if action is None:
            continue
        answer = _call(web, method, path, bearer)
        if INTEGRATION in PERMISSIONS[action]:
            assert answer.status_code not in (401, 403), (method, path, answer.text[:300])
        else:
            assert answer.status_code == 403, (method, path, answer.status_code)


def test_a_signed_in_form_without_its_csrf_token_is_refused(web):
    sign_in(web, "qualite")
    answer = web.post(
        "/bible/standards/livraison-retard/status",
        data={"status": "review"},
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert "security token" in answer.text
    answer = web.post(
        "/bible/standards/livraison-retard/status",
        data={"status": "review", "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert answer.status_code == 403
