"""Clean stage: main text without boilerplate, plus metadata, with a map back to ``raw``."""

from __future__ import annotations

from storylens.clean.text import clean_text
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument


def clean_document(doc: RawDocument, config: CleanConfig) -> Article | Dropped:
    """Dispatch on the document's format; HTML support arrives with its own cleaner."""
    return clean_text(doc, config)
