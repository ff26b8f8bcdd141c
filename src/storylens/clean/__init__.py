"""Clean stage: main text without boilerplate, plus metadata, with a map back to ``raw``."""

from __future__ import annotations

import re

from storylens.clean.html import clean_html
from storylens.clean.metadata import count_words
from storylens.clean.text import clean_text
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument, Segment

NOTES_HINT = "notes"  # the key ingest writes its notes under (ingest.files.NOTES_HINT)
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))


def clean_document(doc: RawDocument, config: CleanConfig) -> Article | Dropped:
    """Each format has its own cleaner; the sniffed format decides, not the file name."""
    article = clean_html(doc, config) if doc.format == "html" else clean_text(doc, config)
    if isinstance(article, Dropped):
        return article
    notes = [n for n in doc.hints.get(NOTES_HINT, "").split("\n") if n]
    if notes:
        article = article.model_copy(update={"notes": [*article.notes, *notes]})
    return cap_length(article, config.max_chars)


def cap_length(article: Article, limit: int) -> Article:
    """The article cut to its first ``limit`` characters, at a paragraph or sentence end
    where one is near: every later stage's time and memory grow with the text (the parser
    needs about 1 GB per 100,000 characters), so one 50 MB scrape must not cost the run."""
    if limit <= 0 or len(article.text) <= limit:
        return article
    cut = limit
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(article.text, max(0, limit - 5000), limit)]
        if ends:
            cut = ends[-1]
            break
    text = article.text[:cut].rstrip()
    segments: list[Segment] = []
    for seg in article.segments:
        if seg.text_start >= len(text):
            break
        length = min(seg.length, len(text) - seg.text_start)
        segments.append(seg.model_copy(update={"length": length}))
    note = (
        f"text cut to its first {len(text):,} of {len(article.text):,} characters "
        f"(analysis limit {limit:,}); the rest was not analysed"
    )
    return article.model_copy(
        update={
            "text": text,
            "segments": segments,
            "words": count_words(text),
            "notes": [*article.notes, note],
        }
    )
