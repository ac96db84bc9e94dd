"""End to end: the real pages in Debian's Chromium, driven by Playwright, on one served app.

Screenshots at laptop and phone sizes go to ``test-artifacts/screenshots/`` (gitignored).
Chromium comes from `scripts/ensure-system-deps.sh`; Playwright's own browser download is not
used. Without /usr/bin/chromium these tests fail under CI (UNISONO_REQUIRE_BROWSER=1) and are
skipped with the reason elsewhere.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.test_serve import free_port

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"laptop": {"width": 1366, "height": 820}, "phone": {"width": 390, "height": 844}}

if not CHROMIUM.exists():
    reason = "Chromium is not installed: run scripts/ensure-system-deps.sh"
    if os.environ.get("UNISONO_REQUIRE_BROWSER") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(seeded_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the module, on a copy of the seeded demo database."""
    folder = tmp_path_factory.mktemp("e2e")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    database = folder / "e2e.db"
    database.write_bytes(seeded_sqlite.read_bytes())
    port = free_port()
    env = {**os.environ, "UNISONO_DATA_DIR": str(folder)}
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    log = (ARTIFACTS.parent / f"server-{worker}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "unisono",
            "serve",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{database}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/login", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser, served: str) -> Iterator[object]:
    """A fresh browser tab at laptop or phone size; scripts' errors fail the test."""
    context = browser.new_context(viewport=SIZES[request.param], base_url=served)
    tab = context.new_page()
    tab.size_name = request.param  # type: ignore[attr-defined]
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def shoot(tab, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}-{tab.size_name}.png"), full_page=True)


def sign_in(tab, username: str) -> None:
    tab.goto("/login")
    shoot(tab, "01-login")
    tab.fill("#username", username)
    tab.fill("#password", "unisono-demo")
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r".*/$"), timeout=20_000)


def test_a_quality_manager_morning(page):
    sign_in(page, "qualite")
    sync_api.expect(page.locator("h1")).to_have_text("Tableau de bord", timeout=20_000)
    page.wait_for_selector("#trend-chart .main-svg")  # the chart drew, from the local Plotly
    shoot(page, "02-dashboard")

    page.get_by_role("link", name="Bible du service").first.click()
    page.get_by_role("link", name="Colis en retard", exact=True).click()
    sync_api.expect(page.locator("h1")).to_have_text("Colis en retard")
    shoot(page, "03-standard")

    page.get_by_role("link", name="Modifier").click()
    editor = page.locator("#text")
    text = editor.input_value()
    version = int(re.search(r"version (\d+)", page.locator(".page-head p").inner_text()).group(1))
    editor.fill(
        text.replace(
            "delai_enquete_transporteur: 48 heures",
            f"delai_enquete_transporteur: 48 heures\n  essai_{page.size_name}: 2 jours",
        )
    )
    shoot(page, "04-edit")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    sync_api.expect(page.locator(".notice")).to_contain_text(f"version {version}")
    sync_api.expect(page.locator(".facts")).to_contain_text(f"essai_{page.size_name}")
    page.get_by_role("link", name="Historique").click()
    sync_api.expect(page.locator("tbody tr").first).to_contain_text(f"v{version}")
    shoot(page, "05-history")


def test_filter_open_and_switch_language(page):
    sign_in(page, "qualite")
    page.goto("/interactions")
    page.select_option("#finding", "fact_contradiction")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r".*finding=fact_contradiction.*"))
    shoot(page, "06-interactions")
    first = page.locator("tbody tr td a").first
    opened = first.inner_text()
    first.click()
    sync_api.expect(page.locator("h1")).to_have_text(opened)
    sync_api.expect(page.locator("mark.finding").first).to_be_visible()
    sync_api.expect(page.locator("#findings")).to_contain_text("Fait contraire à la bible")
    shoot(page, "07-interaction")

    page.get_by_role("button", name="EN").click()
    sync_api.expect(page.locator("#findings")).to_contain_text("Fact contradicting the bible")
    page.get_by_role("link", name="Dashboard").click()
    sync_api.expect(page.locator("h1")).to_have_text("Dashboard")
    shoot(page, "08-dashboard-english")
    page.get_by_role("button", name="FR").click()  # leave the user as found
    sync_api.expect(page.locator("h1")).to_have_text("Tableau de bord")


def no_sideways_scroll(tab) -> None:
    """The page fits the screen's width (tables scroll inside their own box)."""
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_review_an_interaction_with_findings(page):
    sign_in(page, "qualite")
    page.goto("/interactions?finding=fact_contradiction")
    row = page.locator("tbody tr td a").nth(0 if page.size_name == "laptop" else 1)
    opened = row.inner_text()
    row.click()
    sync_api.expect(page.locator("h1")).to_have_text(opened)
    page.get_by_role("button", name="Évaluer cette interaction").click()
    page.wait_for_url(re.compile(r".*/reviews/\d+$"))
    sync_api.expect(page.locator("#value-exactitude")).to_have_value("0.0")  # the audit's
    shoot(page, "09-review")
    page.select_option("#value-exactitude", "1.0")
    sync_api.expect(page.locator("#reason-exactitude")).to_be_visible()  # a reason is asked for
    page.fill("#reason-exactitude", "Le délai annoncé est celui du transporteur express")
    page.select_option("#value-securite", "1.0")
    page.get_by_role("button", name="Enregistrer et rendre").click()
    sync_api.expect(page.locator(".notice")).to_have_text("Évaluation rendue.")
    sync_api.expect(page.locator("#review-score")).to_contain_text("/ 100")
    sync_api.expect(page.locator(".criteria-list")).to_contain_text("transporteur express")
    no_sideways_scroll(page)
    shoot(page, "10-review-submitted")
    page.goto("/reviews?tab=done")
    sync_api.expect(page.locator("tbody")).to_contain_text(opened)
    shoot(page, "11-reviews")


def test_consistency_and_assist(page):
    sign_in(page, "qualite")
    page.get_by_role("link", name="Cohérence").first.click()
    sync_api.expect(page.locator("h1")).to_have_text("Cohérence")
    compute = page.get_by_role("button", name="Recalculer maintenant")
    if page.locator(".warn-box").count():  # the bible was edited by the first test
        compute.click()
        sync_api.expect(page.locator(".notice")).to_contain_text("Calculé sur les données")
    sync_api.expect(page.locator(".index-card .big")).to_contain_text("/ 100")
    sync_api.expect(page.locator("#heat-channel td.cell").first).to_be_visible()
    first = page.locator("#divergence-1")
    sync_api.expect(first).to_contain_text("N1-Nantes")
    sync_api.expect(first).to_contain_text("5 jours ouvrés")
    no_sideways_scroll(page)
    shoot(page, "12-consistency")
    first.locator(".examples a").first.click()
    sync_api.expect(page.locator("mark.finding").first).to_be_visible()

    page.get_by_role("link", name="Assistant").first.click()
    page.fill("#text", "Bonjour, mon colis devait arriver hier et toujours rien !")
    page.select_option("#channel", "chat")
    page.get_by_role("button", name="Proposer la réponse").click()
    suggestion = page.locator("#suggestion")
    sync_api.expect(suggestion).to_contain_text("Colis en retard")
    sync_api.expect(suggestion.locator(".answer")).to_contain_text("désolés pour ce retard")
    no_sideways_scroll(page)
    shoot(page, "13-assist")
    page.fill("#q", "comment me faire rembourser ?")
    page.get_by_role("button", name="Chercher").click()
    sync_api.expect(page.locator("#matches li").first).to_be_visible()
    shoot(page, "14-assist-search")
