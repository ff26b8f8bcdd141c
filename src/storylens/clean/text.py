"""Flattened-text cleaner (stub classifier: keeps every non-empty line until filled in)."""

from __future__ import annotations

import hashlib
import re

from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument, Segment

_LINE = re.compile(r"[^\r\n]+")


def line_spans(raw: str) -> list[tuple[int, int]]:
    """Non-blank lines of ``raw`` as spans, surrounding whitespace excluded."""
    spans = []
    for m in _LINE.finditer(raw):
        text = m.group()
        stripped = text.strip()
        if stripped:
            start = m.start() + (len(text) - len(text.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def assemble(
    doc: RawDocument, kept: list[tuple[int, int]], **metadata: object
) -> Article:
    """Join kept raw spans into paragraphs separated by a blank line, recording the offset map."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for start, end in kept:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(doc.raw[start:end])
        segments.append(Segment(text_start=pos, raw_start=start, length=end - start))
        pos += end - start
    text = "".join(parts)
    digest = hashlib.sha1(doc.raw.encode("utf-8")).hexdigest()[:12]
    kept_chars = sum(e - s for s, e in kept)
    return Article(
        id=digest,
        source=doc.source,
        text=text,
        raw=doc.raw,
        segments=segments,
        words=len(text.split()),
        boilerplate_chars=len("".join(doc.raw.split())) - kept_chars,
        **metadata,  # type: ignore[arg-type]
    )


def clean_text(doc: RawDocument, config: CleanConfig) -> Article | Dropped:
    kept = line_spans(doc.raw)
    article = assemble(doc, kept)
    if article.words < config.min_words:
        return Dropped(source=doc.source, reason=f"too little text ({article.words} words)")
    return article
