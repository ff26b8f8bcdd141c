"""HTML pages: main text through trafilatura, metadata from what the page says about itself.

Reader comments are left out (``include_comments=False``): they are not the article, and on
the Zyte benchmark pages keeping them costs trafilatura's defaults 0.01 F1 of precision.
Metadata comes first from the page's machine-readable statements (JSON-LD, OpenGraph and
``article:`` meta tags, ``<link rel=canonical>``, ``<html lang>``; see
``metadata.html_metadata``), then from trafilatura's own metadata (htmldate for the date),
and the outlet falls back to the registered domain of the URL. What the reader already knew
(``RawDocument.hints``: a sidecar, a JSONL field, a feed entry) always wins.

The text trafilatura returns is rebuilt from the DOM, so it is not a substring of the raw HTML:
HTML articles carry no ``segments`` and their spans have no ``raw_span``. Spans into
``article.text`` hold as for every article.
"""

from __future__ import annotations

from typing import Any

from storylens.clean import metadata
from storylens.clean.pagekind import not_an_article
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument


def extract(raw: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """Main text (paragraphs separated by blank lines) and metadata of one HTML page.

    trafilatura's own metadata pass (``with_metadata=True``) costs about 40% on top of the
    text extraction, mostly on fields the page's structured data already gives; so only its
    heuristics for what is still missing run (title; htmldate for the date), and a byline is
    looked for in the markup that marks authors (``metadata.html_byline``), before
    the extraction, which prunes the tree in place."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(raw)
    if tree is None:
        return "", {}
    found = metadata.html_metadata(tree)
    _fill_missing(tree, found, url)
    result: Any = trafilatura.bare_extraction(
        tree, url=url or found.get("url"), include_comments=False
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text, found


def _fill_missing(tree: Any, found: dict[str, str], url: str | None) -> None:
    from htmldate import find_date
    from trafilatura.metadata import extract_title

    if "title" not in found and (title := extract_title(tree)):
        found["title"] = title
    if "byline" not in found and (author := metadata.html_byline(tree)):
        found["byline"] = author
    if "published" not in found and (day := metadata.url_date(url or found.get("url"))):
        found["published"] = day.isoformat()  # the publisher's own path, before guessing
    if "published" not in found:
        # The quick pass (no extensive search): the extensive one doubles the cost.
        date = find_date(
            tree, extensive_search=False, original_date=True, url=url or found.get("url")
        )
        if date:
            found["published"] = date


def clean_html(doc: RawDocument, config: CleanConfig) -> Article | Dropped:
    try:
        text, found = extract(doc.raw, doc.hints.get("url"))
    except Exception as exc:  # lxml raises many kinds on broken markup
        return Dropped(source=doc.source, reason=f"unreadable HTML: {exc}")
    words = len(text.split())
    if words < config.min_words:
        return Dropped(source=doc.source, reason=f"no article text found in HTML ({words} words)")
    if (reason := not_an_article(text)) is not None:
        return Dropped(source=doc.source, reason=reason)
    meta = {**found, **doc.hints}
    url = meta.get("url")
    genre = metadata.find_genre(url, [], text) if "genre" not in meta else None
    return Article(
        id=metadata.article_id(doc.raw),
        source=doc.source,
        text=text,
        raw=doc.raw,
        words=words,
        title=meta.get("title"),
        byline=meta.get("byline"),
        outlet=meta.get("outlet") or metadata.outlet_name(url),
        url=url,
        published=metadata.parse_datetime(meta.get("published")),
        language=meta.get("language") or metadata.language_of(text),
        boilerplate_chars=max(0, metadata.visible_chars(doc.raw) - metadata.visible_chars(text)),
        genre=metadata.genre_of_hint(meta.get("genre"))
        or genre
        or metadata.genre_of_hint(meta.get("genre_default")),
        wire=metadata.find_wire(text, meta.get("byline"), []),
        input_id=meta.get("input_id"),
    )
