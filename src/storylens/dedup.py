"""Exact and near-duplicate detection (stub until filled in)."""

from __future__ import annotations

from storylens.config import DedupConfig
from storylens.records import Article


def mark_duplicates(articles: list[Article], config: DedupConfig) -> list[Article]:
    return articles
