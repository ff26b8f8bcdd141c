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

import math
import re
from typing import Any

from storylens.clean import metadata
from storylens.clean.pagekind import not_an_article
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument

_PAGE = re.compile(r"<(?:html|body|head)\b", re.I)


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
    paragraph_words = _paragraph_words(tree)  # before trafilatura prunes the tree in place
    result: Any = trafilatura.bare_extraction(
        tree, url=url or found.get("url"), include_comments=False
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    if paragraph_words < OWN_PASS_GATE * max(1, len(_TOKEN.findall(text))):
        # The own pass keeps prose: a page with too little prose in its paragraphs to double
        # trafilatura's text cannot pass the rule, so it is not run (it runs on about 1
        # page in 12 of the dev sets, which keeps the HTML path's cost).
        return text, found
    fresh = load_html(raw)  # trafilatura pruned the first tree
    return (choose_text(text, flatten(fresh)) if fresh is not None else text), found


def _paragraph_words(tree: Any) -> int:
    """Words in the page's paragraphs (``<p>``) of 12 words or more: its prose, cheaply."""
    total = 0
    for p in tree.iter("p"):
        words = len(p.text_content().split())
        if words >= 12:
            total += words
    return total


# The selection rule, measured on zyte-dev and trafilatura-dev (benchmarks/results/issue-16.md):
# StoryLens's own pass (the flattened-text cleaner on the page's lines) replaces trafilatura's
# text when it is at least twice as long and holds nearly all of it (90% of its 4-word
# shingles): trafilatura then stopped early (a body cut at a subheading, a lead kept alone),
# and the own pass has the same text and the rest. Otherwise trafilatura's text stands.
OWN_PASS_RATIO = 2.0
OWN_PASS_CONTAINS = 0.9
OWN_PASS_GATE = 1.5
_TOKEN = re.compile(r"\w+")


def choose_text(trafilatura_text: str, page: str) -> str:
    """trafilatura's main text, or the own pass's when the rule above says it holds more."""
    from storylens.clean.text import clean_text

    ours_words = len(_TOKEN.findall(trafilatura_text))
    # The own pass runs with the body run unbounded by gaps: it is there to carry on where
    # trafilatura stopped, not to gather every block (HTML F1 unbounded: zyte-dev 0.9657,
    # trafilatura-dev 0.9266; bounded as for flattened text: 0.9610, 0.9270; 2026-12-02).
    cleaned = clean_text(
        RawDocument(source="page", raw=page), CleanConfig(min_words=0), gap_cost=math.inf
    )
    own = cleaned.text if isinstance(cleaned, Article) else ""
    own_words = len(_TOKEN.findall(own))
    if own_words < OWN_PASS_RATIO * max(1, ours_words):
        return trafilatura_text
    theirs = _shingles(trafilatura_text)
    if not theirs:
        return own
    mine = _shingles(own)
    held = sum(min(c, mine.get(k, 0)) for k, c in theirs.items()) / sum(theirs.values())
    return own if held >= OWN_PASS_CONTAINS else trafilatura_text


def _shingles(text: str) -> dict[str, int]:
    tokens = _TOKEN.findall(text)
    out: dict[str, int] = {}
    for i in range(max(0, len(tokens) - 3)):
        key = " ".join(tokens[i : i + 4])
        out[key] = out.get(key, 0) + 1
    return out


_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "embed",
        "head",
        "select",
        "option",
        "button",
        "form",
    ]
)
_PARAGRAPH = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "ul",
        "ol",
        "figure",
        "dl",
        "hr",
    ]
)
_BLOCK = _PARAGRAPH | frozenset(
    [
        "div",
        "li",
        "tr",
        "td",
        "th",
        "br",
        "dd",
        "dt",
        "header",
        "footer",
        "nav",
        "aside",
        "section",
        "article",
        "main",
        "figcaption",
        "address",
        "caption",
        "center",
        "details",
        "summary",
    ]
)


_PARA_BREAK = "\x00"
_BREAKS = re.compile(r"[ \t]*[\n\x00][\s\x00]*")


def flatten(tree: Any) -> str:
    """The visible text of a page as a column of lines, the way a copied page reads (blocks
    on their own lines, paragraphs and headings framed by blank lines): the input of the
    flattened-text cleaner, StoryLens's own pass over an HTML page."""
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].casefold()
        if closing:
            if tag in _BLOCK:
                out.append(_PARA_BREAK if tag in _PARAGRAPH else "\n")
            if element.tail:
                out.append(element.tail.replace(_PARA_BREAK, ""))
            continue
        if tag in _SKIP or not tag:
            if element.tail:
                out.append(element.tail.replace(_PARA_BREAK, ""))
            continue
        if tag in _BLOCK:
            out.append(_PARA_BREAK if tag in _PARAGRAPH else "\n")
        if element.text:
            out.append(element.text.replace(_PARA_BREAK, ""))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    text = "".join(out).replace("\r", "")
    # a run of breaks is one: a blank line if any paragraph ends or starts in it
    text = _BREAKS.sub(lambda m: "\n\n" if _PARA_BREAK in m.group() else "\n", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


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
    raw = doc.raw
    if not _PAGE.search(raw[:4096]):
        # A fragment (a JSONL "html" field, a feed's content): trafilatura reads a bare
        # "<p>..." as no page at all, so it gets the page around it that it expects.
        raw = f"<html><body><article>{raw}</article></body></html>"
    try:
        text, found = extract(raw, doc.hints.get("url"))
    except Exception as exc:  # lxml raises many kinds on broken markup
        return Dropped(source=doc.source, reason=f"unreadable HTML: {exc}")
    words = metadata.count_words(text)
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
        published=metadata.sane_datetime(metadata.parse_datetime(meta.get("published"))),
        language=meta.get("language") or metadata.language_of(text),
        boilerplate_chars=max(0, metadata.visible_chars(doc.raw) - metadata.visible_chars(text)),
        genre=metadata.genre_of_hint(meta.get("genre"))
        or genre
        or metadata.genre_of_hint(meta.get("genre_default")),
        wire=metadata.find_wire(text, meta.get("byline"), []),
        input_id=meta.get("input_id"),
        section=meta.get("section") or metadata.section_of_url(url),
    )
