"""Articles and analysed stories kept across runs: SQLite by default, PostgreSQL for teams."""

from storylens.store.store import (
    IngestResult,
    Store,
    StoreError,
    StoryRow,
    content_hash,
    database_url,
)

__all__ = ["IngestResult", "Store", "StoreError", "StoryRow", "content_hash", "database_url"]
