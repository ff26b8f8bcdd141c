"""HTML pages: main text and metadata through trafilatura (a first version; deepened by issue 4).

The text trafilatura returns is rebuilt from the DOM, so it is not a substring of the raw HTML:
HTML articles carry no ``segments`` and their spans have no ``raw_span``. Spans into
``article.text`` hold as for every article.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def clean_html(doc: RawDocument, config: CleanConfig) -> Article | Dropped:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            doc.raw, url=doc.hints.get("url"), with_metadata=True, include_comments=False
        )
    except Exception as exc:  # lxml raises many kinds on broken markup
        return Dropped(source=doc.source, reason=f"unreadable HTML: {exc}")
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    words = len(text.split())
    if words < config.min_words:
        return Dropped(source=doc.source, reason=f"no article text found in HTML ({words} words)")
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    hints = doc.hints
    visible = sum(1 for ch in doc.raw if not ch.isspace())
    return Article(
        id=hashlib.sha1(doc.raw.encode("utf-8")).hexdigest()[:12],
        source=doc.source,
        text=text,
        raw=doc.raw,
        words=len(text.split()),
        title=hints.get("title") or getattr(result, "title", None),
        byline=hints.get("byline") or getattr(result, "author", None),
        outlet=hints.get("outlet") or getattr(result, "sitename", None),
        url=hints.get("url") or getattr(result, "url", None),
        published=_parse_date(hints.get("published") or getattr(result, "date", None)),
        language=getattr(result, "language", None),
        boilerplate_chars=max(0, visible - sum(1 for ch in text if not ch.isspace())),
    )
