"""Web UI and JSON API: pages, pagination, health, and untrusted article text kept inert."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storylens.records import Report, Story
from storylens.store import Store
from storylens.web import create_app


@pytest.fixture(scope="module")
def client(sample_store: Path) -> Iterator[TestClient]:
    with Store(sample_store) as store, TestClient(create_app(store)) as c:
        yield c


def _csp(response: object) -> dict[str, str]:
    header = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    return {
        part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()
    }


def test_story_list_shows_every_story_with_its_outlets(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Trump says Putin called him to offer help with Iran" in page.text
    assert "Kyiv Independent" in page.text
    assert page.text.count('class="story-item"') == 2


def test_story_list_search_and_filters_narrow_the_list(client: TestClient) -> None:
    assert client.get("/?q=flood+barrier").text.count('class="story-item"') == 1
    assert client.get("/?q=putin+zzzz").text.count('class="story-item"') == 0
    assert client.get("/?min_articles=2").text.count('class="story-item"') == 1
    assert client.get("/?outlet=Kyiv+Independent").text.count('class="story-item"') == 1
    assert client.get("/?since=2030-01-01").text.count('class="story-item"') == 0
    only_2025 = client.get("/?since=2025-06-20&until=2025-06-30")
    assert "Trump says Putin" in only_2025.text and "Harbour" not in only_2025.text


def test_story_page_is_the_report_with_citations_and_text(
    client: TestClient, sample_report: Report
) -> None:
    story = sample_report.stories[0]
    page = client.get(f"/stories/{story.id}")
    assert page.status_code == 200
    assert "What happened" in page.text and "Who said what" in page.text
    assert '<script src="/static/story.js" defer></script>' in page.text
    cites = re.findall(r'<sup class="cite"><a href="#([^"]+)"', page.text)
    assert cites and all(f'id="{c}"' in page.text for c in cites)
    assert client.get("/stories/s-missing").status_code == 404


def test_api_pages_through_stories_and_articles(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 1 and second["next"] is None
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {
        r["id"] for r in client.get("/api/stories").json()["items"]
    }
    articles = client.get("/api/articles", params={"limit": 3}).json()
    assert articles["total"] == 4 and len(articles["items"]) == 3
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_api_story_is_the_report_record_and_spans_hold(
    client: TestClient, sample_report: Report
) -> None:
    expected = sample_report.stories[0]
    body = client.get(f"/api/stories/{expected.id}").json()
    assert body == json.loads(expected.model_dump_json())
    story = Story.model_validate(body)
    for q in story.quotes:
        for v in q.variants:
            assert story.article(v.article).slice(v.span) == v.text
    schema = client.get("/openapi.json").json()
    assert {"Story", "Quote", "Claim", "Conflict", "StoryPage"} <= set(
        schema["components"]["schemas"]
    )
    assert client.get("/api/stories/s-missing").status_code == 404


def test_health_reports_the_store(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health == {
        "status": "ok",
        "database": "sqlite",
        "stories": 2,
        "articles": 4,
        "version": health["version"],
    }


def test_every_response_sends_a_strict_content_security_policy(
    client: TestClient, sample_report: Report
) -> None:
    for url in ("/", f"/stories/{sample_report.stories[0].id}", "/api/health", "/static/app.css"):
        csp = _csp(client.get(url))
        assert csp["default-src"] == "'none'"
        assert csp["script-src"] == "'self'"
        assert "unsafe-inline" not in csp["style-src"] and "unsafe-eval" not in str(csp)
        assert csp["frame-ancestors"] == "'none'"


def _hostile_id(client: TestClient) -> str:
    items = client.get("/api/stories", params={"q": "harbour"}).json()["items"]
    assert len(items) == 1
    return str(items[0]["id"])


def test_hostile_article_text_is_escaped_everywhere(client: TestClient) -> None:
    sid = _hostile_id(client)
    story = client.get(f"/api/stories/{sid}").json()
    assert "<script>" in story["articles"][0]["text"]  # the text itself is kept verbatim
    for url in ("/", "/?q=harbour", f"/stories/{sid}", f"/stories/{sid}/report.html"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<script>window" not in html
        assert "<img src=x" not in html and "<svg onload" not in html
        assert 'href="javascript:' not in html
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all(s == '<script src="/static/story.js" defer>' for s in scripts)
    page = client.get(f"/stories/{sid}").text
    assert "&lt;script&gt;" in page and "alert(document.cookie)" in page  # shown as text
    csp = _csp(client.get(f"/stories/{sid}"))
    assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/=]+'", csp["style-src"])
    assert " style=" not in page  # the CSP would refuse style attributes
