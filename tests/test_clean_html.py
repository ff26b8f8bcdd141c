"""HTML cleaning: body text and the page's own metadata, on real pages where available."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from storylens.clean.html import clean_html
from storylens.clean.metadata import registered_domain
from storylens.config import CleanConfig
from storylens.evaluation.extraction import evaluate, score
from storylens.records import Article, Dropped, RawDocument

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev"
needs_zyte = pytest.mark.skipif(not ZYTE.is_dir(), reason="shared benchmark data not present")
SAMPLE = sorted((ROOT / "examples" / "coverage-trump-putin-iran").glob("*.txt"))[0]
BODY = "".join(
    f"<p>{line}</p>"
    for line in SAMPLE.read_text(encoding="utf-8").splitlines()
    if len(line.split()) > 12
)


def page(head: str, lang: str = "en-GB") -> RawDocument:
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>On-page headline</h1>{BODY}</article>"
        "</body></html>"
    )
    return RawDocument(source="page.html", raw=html, format="html")


def clean(doc: RawDocument) -> Article:
    article = clean_html(doc, CleanConfig())
    assert isinstance(article, Article), article
    return article


def test_json_ld_metadata_is_read_with_its_time_zone() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Not the headline"},
            {
                "@type": "NewsArticle",
                "headline": "Structured headline",
                "datePublished": "2025-06-26T07:58:06+05:30",
                "author": [{"@type": "Person", "name": "Jane Roe"}, {"name": "John Doe"}],
                "publisher": {"@type": "Organization", "name": "Example Times"},
                "mainEntityOfPage": {"@id": "https://www.example.co.uk/world/story"},
            },
        ],
    }
    article = clean(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert article.title == "Structured headline"
    assert article.byline == "Jane Roe, John Doe"
    assert article.outlet == "Example Times"
    assert article.url == "https://www.example.co.uk/world/story"
    assert article.published == datetime(
        2025, 6, 26, 7, 58, 6, tzinfo=timezone(timedelta(hours=5.5))
    )
    assert article.language == "en"
    assert "On-page headline" not in article.text.split("\n\n")[1:]


def test_the_section_is_the_json_ld_article_section_else_the_url_folder() -> None:
    ld = {"@type": "NewsArticle", "headline": "Structured headline", "articleSection": ["Tech"]}
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<link rel="canonical" href="https://www.example.com/business/2019/11/18/story">'
    )
    assert clean(page(head)).section == "Tech"
    head = '<link rel="canonical" href="https://www.example.com/business/2019/11/18/story">'
    assert clean(page(head)).section == "business"


def test_entities_escaped_twice_in_structured_data_are_shown_as_characters() -> None:
    ld = {"@type": "NewsArticle", "headline": "Stadia doesn&#8217;t run at 60fps &amp; more"}
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta property="og:site_name" content="Tom&amp;amp;Jerry&#039;s Review">'
    )
    article = clean(page(head))
    assert article.title == "Stadia doesn\u2019t run at 60fps & more"
    assert article.outlet == "Tom&Jerry's Review"


def test_a_social_handle_is_not_taken_for_the_outlet_name() -> None:
    head = (
        '<meta property="og:site_name" content="@factcheckers">'
        '<link rel="canonical" href="https://www.factcheckers.org/story">'
    )
    assert clean(page(head)).outlet == "factcheckers.org"


def test_a_cms_login_is_not_taken_for_the_byline() -> None:
    head = '<meta name="author" content="kevin-r">'
    article = clean(page(head))
    assert article.byline != "kevin-r"


def test_opengraph_and_canonical_fill_in_and_a_well_known_domain_gets_its_name() -> None:
    head = (
        '<meta property="og:title" content="OG headline">'
        '<meta property="article:published_time" content="2025-06-26T10:00:00Z">'
        '<link rel="canonical" href="https://news.bbc.co.uk/2/world/123">'
    )
    article = clean(page(head))
    assert article.title == "OG headline"
    assert article.published == datetime(2025, 6, 26, 10, 0, tzinfo=UTC)
    assert article.outlet == "BBC"
    assert registered_domain("http://127.0.0.1:8000/x") is None


def test_an_unknown_domain_is_the_outlet_and_its_url_path_dates_the_page() -> None:
    head = '<link rel="canonical" href="https://www.example-gazette.co.uk/2018/04/17/story-1">'
    article = clean(page(head))
    assert article.outlet == "example-gazette.co.uk"
    assert article.published == datetime(2018, 4, 17)


def test_what_the_reader_knew_wins_over_the_page() -> None:
    doc = page('<meta property="og:site_name" content="Page Says">')
    doc = doc.model_copy(update={"hints": {"outlet": "Sidecar Says", "url": "https://x.org/a"}})
    article = clean(doc)
    assert article.outlet == "Sidecar Says" and article.url == "https://x.org/a"


def test_page_without_an_article_is_dropped_with_the_word_count() -> None:
    doc = RawDocument(
        source="nav.html", raw="<html><body><nav>Home</nav></body></html>", format="html"
    )
    result = clean_html(doc, CleanConfig())
    assert isinstance(result, Dropped) and result.reason.startswith("no article text found")


@needs_zyte
def test_real_pages_keep_their_gold_body_and_metadata() -> None:
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    expected = {
        "098bb3e96c0a": ("Meg James", "Los Angeles Times"),
        "076f4f33bf75": ("News Nation Bureau", "News Nation"),
    }
    for prefix, (byline, outlet) in expected.items():
        (path,) = (ZYTE / "html").glob(prefix + "*.html.gz")
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        article = clean(RawDocument(source=path.name, raw=raw, format="html"))
        body = gold[path.name.split(".")[0]]["articleBody"]
        assert score([(body, article.text)])["f1"] > 0.9
        assert (article.byline, article.outlet) == (byline, outlet)
        assert article.published is not None and article.published.tzinfo is not None


def test_metric_is_one_for_a_perfect_copy_and_low_for_unrelated_text() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert score([(text, text)]) == {"f1": 1.0, "p": 1.0, "r": 1.0}
    assert score([(text, "completely different words in this one short line")])["f1"] < 0.05


@needs_zyte
def test_extraction_benchmark_reports_both_systems_on_a_small_split(tmp_path: Path) -> None:
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:3]
    (tmp_path / "html").mkdir()
    (tmp_path / "text").mkdir()
    for page_id in ids:
        shutil.copy(ZYTE / "html" / f"{page_id}.html.gz", tmp_path / "html")
        shutil.copy(ZYTE / "text" / f"{page_id}.txt", tmp_path / "text")
    (tmp_path / "ground-truth.json").write_text(json.dumps({i: gold[i] for i in ids}))
    result = evaluate(tmp_path)
    assert result["html"]["pages"] == 3 and result["text"]["pages"] == 3
    for figures in (result["html"]["storylens"], result["html"]["baseline_trafilatura"]):
        assert 0.5 < figures["f1"] <= 1.0
    assert result["text"]["baseline_full_text"]["r"] > 0.9


# --- the own pass and the selection rule ----------------------------------------------------

BODY_LINES = [  # the Firstpost sample's paragraphs, its standfirst left out
    line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if len(line.split()) > 20
][1:]


def test_the_page_is_flattened_into_lines_with_scripts_and_menus_apart() -> None:
    from lxml import html as lxml_html

    from storylens.clean.html import flatten

    tree = lxml_html.fromstring(
        "<html><body><nav><ul><li>Home</li><li>World</li></ul></nav><script>var x = 1;</script>"
        f"<h1>Headline</h1><p>{BODY_LINES[0]}</p><p>{BODY_LINES[1]}</p></body></html>"
    )
    lines = flatten(tree).split("\n")
    assert lines[:2] == ["Home", "World"]
    assert "var x" not in flatten(tree)
    assert BODY_LINES[0] in lines and BODY_LINES[1] in lines


def test_the_own_pass_replaces_a_text_that_stopped_at_the_first_paragraph() -> None:
    from storylens.clean.html import choose_text

    page_text = "\n\n".join(["Home", "World", "Headline", *BODY_LINES, "Share this", "Footer"])
    chosen = choose_text(BODY_LINES[0], page_text)
    assert BODY_LINES[0] in chosen and BODY_LINES[-1] in chosen


def test_trafilaturas_text_stands_when_the_own_pass_adds_little() -> None:
    from storylens.clean.html import choose_text

    page_text = "\n\n".join(["Home", "World", "Headline", *BODY_LINES, "Share this", "Footer"])
    full = "\n\n".join(BODY_LINES)
    assert choose_text(full, page_text) == full
