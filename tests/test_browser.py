"""The web UI in a real browser: Playwright driving Debian's chromium against a live server.

Skipped when chromium (``/usr/bin/chromium``) or Playwright is missing. Screenshots of the
main pages go to a temporary folder, or to ``docs/`` with STORYLENS_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storylens.records import Report
from storylens.store import Store
from storylens.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("STORYLENS_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() or shutil.which("chromium")), reason="chromium is not installed"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_store: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    store = Store(sample_store)
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "the web server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        except Exception as exc:  # a chromium Playwright cannot drive is a missing browser
            pytest.skip(f"chromium cannot be launched: {exc}")
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("STORYLENS_UPDATE_SCREENSHOTS") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        return ROOT / "docs"
    return tmp_path_factory.mktemp("screenshots")


def test_story_list_loads_from_the_store(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/")
    items = page.locator(".story-item")
    assert items.count() == 2
    assert "Trump says Putin" in items.first.inner_text()
    page.screenshot(path=str(shots / "screenshot-stories.png"))
    page.fill("input[name=q]", "flood barrier")
    page.click("button[type=submit]")
    assert page.locator(".story-item").count() == 1
    assert "Harbour council" in page.locator(".story-item").inner_text()


def test_citation_click_highlights_the_cited_text(
    server: str, page: Any, sample_report: Report, shots: Path
) -> None:
    story = sample_report.stories[0]
    page.goto(f"{server}/stories/{story.id}")
    page.screenshot(path=str(shots / "screenshot-story.png"))
    first = story.summary[0].citations[0]
    link = page.locator("sup.cite a").first
    anchor = link.get_attribute("href")
    assert anchor and anchor.startswith("#")
    link.hover()
    assert page.locator(anchor).evaluate("m => m.classList.contains('sl-hover')")
    link.click()
    state = page.locator(anchor).evaluate(
        """m => ({active: m.classList.contains('sl-active'), target: m.matches(':target'),
                 text: m.textContent, outline: getComputedStyle(m).outlineStyle,
                 inView: m.getBoundingClientRect().top >= 0
                         && m.getBoundingClientRect().bottom <= innerHeight})"""
    )
    assert state["active"] and state["target"] and state["outline"] != "none" and state["inView"]
    assert state["text"] == first.text == story.article(first.article).slice(first.span)
    page.screenshot(path=str(shots / "screenshot-citation.png"))


def test_quote_variants_and_the_conflict_are_visible(
    server: str, page: Any, sample_report: Report, shots: Path
) -> None:
    story = sample_report.stories[0]
    page.goto(f"{server}/stories/{story.id}")
    quote = page.locator(".quote").filter(has=page.locator(".variant").nth(1)).first
    quote.scroll_into_view_if_needed()
    assert quote.is_visible()
    variants = quote.locator(".variant")
    assert variants.count() >= 2 and variants.nth(1).is_visible()
    assert page.locator(".variant del, .variant ins").first.is_visible()
    quote.screenshot(path=str(shots / "screenshot-quote.png"))
    conflict = page.locator(".conflict").first
    conflict.scroll_into_view_if_needed()
    assert conflict.is_visible() and conflict.locator("li").count() >= 2
    values = conflict.locator("li strong").all_inner_texts()
    assert values[:2] == [v.value for v in story.conflicts[0].values[:2]]
    bars = page.locator("meter.fid").evaluate_all("els => els.map(e => [e.value, e.offsetWidth])")
    assert bars and all(0 < value <= 1 and width > 0 for value, width in bars)


def test_hostile_article_runs_nothing(server: str, page: Any) -> None:
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.goto(server + "/?q=harbour")
    page.click(".story-title")
    page.wait_for_load_state("load")
    body = page.locator("article.text").first.inner_text()
    assert "<script>alert('xss')</script>" in page.locator("h1").inner_text()
    assert "onerror=" in body and "<svg onload" in body
    for link in page.locator("a").all():  # clicking every link runs no script either
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    page.locator("article.text").first.click()
    state = page.evaluate(
        """() => ({pwned: typeof window.pwned, scripts: document.scripts.length,
                  imgs: document.images.length, svgs: document.querySelectorAll('svg').length})"""
    )
    assert state == {"pwned": "undefined", "scripts": 1, "imgs": 0, "svgs": 0}
    assert dialogs == [] and console == []
