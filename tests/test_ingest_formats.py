"""Every input format read into records, with where each came from, and bad input dropped."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.clean import clean_document
from storylens.config import CleanConfig, IngestConfig
from storylens.ingest import read_inputs
from storylens.ingest.warc import read_warc
from storylens.records import Article, Dropped, RawDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "coverage-trump-putin-iran"
ZYTE = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev"
needs_zyte = pytest.mark.skipif(not ZYTE.is_dir(), reason="shared benchmark data not present")


def sample_text() -> str:
    return sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")


def zyte_page(prefix: str) -> bytes:
    (path,) = (ZYTE / "html").glob(prefix + "*.html.gz")
    return gzip.decompress(path.read_bytes())


def article_html(title: str, paragraphs: int = 6) -> str:
    """A small but complete news page, with the body built from the sample coverage's text."""
    lines = [ln for ln in sample_text().splitlines() if len(ln.split()) > 12][:paragraphs]
    body = "".join(f"<p>{ln}</p>" for ln in lines)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>© 2025 Example News</footer></body></html>"
    )


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_keeps_good_lines_and_drops_a_bad_one_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    good = {
        "text": sample_text(),
        "url": "https://example.com/a",
        "outlet": "Example",
        "byline": ["A B", "C D"],
    }
    html = {"html": article_html("Second story"), "published": "2025-06-26T07:58:00+05:30"}
    path.write_text(
        json.dumps(good)
        + "\n"
        + '{"text": "unterminated\n'
        + "\n"
        + json.dumps(html)
        + "\n"
        + json.dumps({"title": "no body"})
        + "\n"
        + "[1, 2]\n",
        encoding="utf-8",
    )
    items = list(read_inputs([path]))
    by_source = {i.source: i for i in items}
    assert set(by_source) == {f"{path}#{n}" for n in (1, 2, 4, 5, 6)}
    first = by_source[f"{path}#1"]
    assert isinstance(first, RawDocument) and first.format == "text"
    assert first.hints == {
        "url": "https://example.com/a",
        "outlet": "Example",
        "byline": "A B, C D",
    }
    second = by_source[f"{path}#2"]
    assert isinstance(second, Dropped) and "invalid JSON" in second.reason
    fourth = by_source[f"{path}#4"]
    assert isinstance(fourth, RawDocument) and fourth.format == "html"
    assert fourth.hints["published"] == "2025-06-26T07:58:00+05:30"
    assert (
        isinstance(by_source[f"{path}#5"], Dropped)
        and '"text" or "html"' in by_source[f"{path}#5"].reason
    )  # type: ignore[union-attr]
    assert isinstance(by_source[f"{path}#6"], Dropped)


def test_gzipped_jsonl_is_streamed_like_plain(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl.gz"
    lines = [json.dumps({"text": f"Article number {n}. " + sample_text()[:500]}) for n in range(3)]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read_inputs([path]))
    assert [i.source for i in items] == [f"{path}#{n}" for n in (1, 2, 3)]
    assert all(isinstance(i, RawDocument) for i in items)


# --- HTML, gzip, sidecars, encodings -------------------------------------------------------


def test_html_gz_is_gunzipped_and_sniffed_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(article_html("Gzipped page").encode()))
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDocument) and doc.format == "html"
    assert "Gzipped page" in doc.raw


def test_truncated_gzip_is_dropped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    data = gzip.compress(article_html("Cut short").encode() * 20)
    path.write_bytes(data[: len(data) // 2])
    (item,) = read_inputs([path])
    assert isinstance(item, Dropped)
    assert "truncated gzip" in item.reason


def test_sidecar_metadata_is_merged_and_not_read_as_an_article(tmp_path: Path) -> None:
    shutil.copy(sorted(SAMPLES.glob("*.txt"))[0], tmp_path / "story.txt")
    (tmp_path / "story.meta.json").write_text(
        json.dumps(
            {
                "url": "https://news.example.org/story",
                "outlet": "Example Daily",
                "published": "2025-06-26T09:00:00+00:00",
                "ignored": {"nested": 1},
            }
        )
    )
    (doc,) = read_inputs([tmp_path])
    assert isinstance(doc, RawDocument)
    assert doc.hints == {
        "url": "https://news.example.org/story",
        "outlet": "Example Daily",
        "published": "2025-06-26T09:00:00+00:00",
    }
    article = clean_document(doc, CleanConfig())
    assert isinstance(article, Article)
    assert article.outlet == "Example Daily"
    assert article.published == datetime(2025, 6, 26, 9, 0, tzinfo=UTC)


def test_broken_or_orphan_sidecar_is_reported_and_the_article_kept(tmp_path: Path) -> None:
    shutil.copy(sorted(SAMPLES.glob("*.txt"))[0], tmp_path / "story.txt")
    (tmp_path / "story.meta.json").write_text("{not json")
    (tmp_path / "lonely.meta.json").write_text("{}")
    items = list(read_inputs([tmp_path]))
    reasons = {i.source: i.reason for i in items if isinstance(i, Dropped)}
    assert "unreadable sidecar" in reasons[str(tmp_path / "story.meta.json")]
    assert "no article beside it" in reasons[str(tmp_path / "lonely.meta.json")]
    assert [i.source for i in items if isinstance(i, RawDocument)] == [str(tmp_path / "story.txt")]


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_page_claiming_utf8_but_in_a_legacy_encoding_is_decoded(tmp_path: Path, codec: str) -> None:
    text = "Le café de Zürich a fermé, « à cause des règles », dit Müller. Façade, naïve, señor."
    page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(codec))
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDocument)
    assert text in doc.raw


def test_a_50_mb_text_file_is_dropped_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = ("All work and no play makes a long file. " * 25 + "\n").encode()
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (item,) = read_inputs([path])
    assert isinstance(item, Dropped)
    assert "too large" in item.reason


def test_html_with_no_article_is_dropped_when_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Home</a> <a href='/world'>World</a>"
        "</nav><footer>© 2025 Example</footer></body></html>"
    )
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDocument)
    result = clean_document(doc, CleanConfig())
    assert isinstance(result, Dropped)
    assert "no article text" in result.reason


# --- WARC -------------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[tuple[str, str, bytes, int]]) -> None:
    """(uri, content type, payload, status) responses, each preceded by its request record."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, payload, status in pages:
            request = writer.create_warc_record(
                uri,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {uri} HTTP/1.1", [], is_http_request=True),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                f"{status} X", [("Content-Type", ctype)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-06-26T10:11:12Z"},
            )
            writer.write_record(record)


def test_warc_yields_each_html_response_with_its_uri_and_fetch_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://a.example/story", "text/html; charset=utf-8", article_html("A").encode(), 200),
        ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200), 200),
        ("https://b.example/gone", "text/html", b"<html>Not found</html>", 404),
        ("https://b.example/story", "text/html; charset=windows-1252",
         article_html("Caf\xe9 story").encode("cp1252"), 200),
    ])  # fmt: skip
    items = list(read_inputs([path]))
    assert [i.source for i in items] == [
        f"{path}#https://a.example/story",
        f"{path}#https://b.example/story",
    ]
    first, second = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.format == "html" and first.hints == {"url": "https://a.example/story"}
    assert first.fetched_at == datetime(2025, 6, 26, 10, 11, 12, tzinfo=UTC)
    assert "Café story" in second.raw


def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    pages = [
        (f"https://a.example/{n}", "text/html", article_html(f"Story {n}").encode(), 200)
        for n in range(4)
    ]
    write_warc(path, pages)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    items = list(read_inputs([path]))
    kept = [i for i in items if isinstance(i, RawDocument)]
    assert 1 <= len(kept) < 4
    assert isinstance(items[-1], Dropped) and "WARC" in items[-1].reason


def test_warc_is_streamed_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    filler = "".join(
        f"<p>Paragraph {n} of a long page about nothing in particular.</p>" for n in range(600)
    )
    payload = f"<html><body>{filler}</body></html>".encode()  # about 40 kB a page
    write_warc(path, [(f"https://a.example/{n}", "text/html", payload, 200) for n in range(150)])
    total = len(payload) * 150
    tracemalloc.start()
    count = sum(1 for _ in read_warc(path, IngestConfig()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 150
    assert peak < total / 10, f"peak {peak:,} bytes for {total:,} bytes of pages"


# --- RSS / Atom ---------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title><link>https://wire.example/</link><language>en-us</language>
<item><title>First story</title><link>https://wire.example/first</link>
<guid>https://wire.example/first</guid><dc:creator>Jane Roe</dc:creator>
<pubDate>Thu, 26 Jun 2025 07:58:06 +0530</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Empty one</title><link>https://wire.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Atom story</title><id>tag:atom.example,2025:1</id>
<link href="https://atom.example/1"/><updated>2025-06-26T10:00:00Z</updated>
<author><name>John Doe</name></author><content type="html">{body}</content></entry></feed>"""


def _body() -> str:
    return "".join(f"<p>{ln}</p>" for ln in sample_text().splitlines() if len(ln.split()) > 12)[
        :4000
    ]


def test_rss_entries_become_articles_with_feed_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS.replace("{body}", _body()), encoding="utf-8")
    items = list(read_inputs([path]))
    first, empty = items
    assert isinstance(first, RawDocument) and first.format == "html"
    assert first.source == f"{path}#https://wire.example/first"
    assert first.hints == {
        "url": "https://wire.example/first",
        "title": "First story",
        "byline": "Jane Roe",
        "published": "2025-06-26T02:28:06+00:00",
        "outlet": "Example Wire",
        "language": "en-us",
    }
    article = clean_document(first, CleanConfig())
    assert isinstance(article, Article) and article.words > 100
    assert isinstance(empty, Dropped) and "no content" in empty.reason


def test_atom_feed_is_sniffed_and_read(tmp_path: Path) -> None:
    import html

    path = tmp_path / "atom.txt"  # the name says nothing; the content does
    path.write_text(ATOM.replace("{body}", html.escape(_body())), encoding="utf-8")
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{path}#tag:atom.example,2025:1"
    assert doc.hints["byline"] == "John Doe" and doc.hints["outlet"] == "Atom Times"


@needs_zyte
def test_real_page_inside_a_warc_is_cleaned_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "real.warc.gz"
    uri = "https://www.latimes.com/entertainment-arts/business/story"
    write_warc(path, [(uri, "text/html", zyte_page("098bb3e96c0a"), 200)])
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDocument)
    article = clean_document(doc, CleanConfig())
    assert isinstance(article, Article)
    assert article.outlet == "Los Angeles Times"
    assert article.byline == "Meg James"
    assert article.published is not None and article.published.tzinfo is not None
