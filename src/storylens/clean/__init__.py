"""Clean stage: main text without boilerplate, plus metadata, with a map back to ``raw``."""

from __future__ import annotations

from storylens.clean.html import clean_html
from storylens.clean.text import clean_text
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument


def clean_document(doc: RawDocument, config: CleanConfig) -> Article | Dropped:
    """Each format has its own cleaner; the sniffed format decides, not the file name."""
    if doc.format == "html":
        return clean_html(doc, config)
    return clean_text(doc, config)
