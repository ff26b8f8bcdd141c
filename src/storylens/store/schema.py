"""The store's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

Datetimes are kept as ISO 8601 text with their offset: a report must come back exactly as it
was written, and SQLite has no time-zone-aware timestamp type. Analysis items (quotes, claims,
conflicts, signals, summary sentences) are rows with a few queryable columns plus the record
itself as JSON, so that a story rebuilt from the store is the same ``Story`` the pipeline made.

Alembic migrations in ``storylens/store/migrations`` create these tables; a test checks that
the migrated database and this module agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("status", String(20), nullable=False),
    Column("paths", Text, nullable=False),
    Column("added", Integer, nullable=False, server_default="0"),
    Column("skipped", Integer, nullable=False, server_default="0"),
    Column("dropped", Integer, nullable=False, server_default="0"),
    Column("stories_analysed", Integer, nullable=False, server_default="0"),
)

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("format", String(10), nullable=False),
    Column("fetched_at", String(40)),
    Column("added_at", String(40), nullable=False),
    Column("outlet", Text),
    Column("title", Text),
    Column("byline", Text),
    Column("published", String(40)),
    Column("url", Text),
    Column("language", String(20)),
    Column("words", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("segments", Text, nullable=False),
    Column("boilerplate_chars", Integer, nullable=False),
    # revision 0003_article_metadata: what the cleaner reads besides the text
    Column("genre", String(20)),
    Column("wire", Text),
    Column("input_id", Text),
    Column("notes", Text, nullable=False, server_default="[]"),
    Column("removed", Text, nullable=False, server_default="[]"),
)

duplicates = Table(
    "duplicates",
    metadata,
    Column(
        "article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "duplicate_of", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_seen", String(40)),
    Column("last_seen", String(40)),
    Column("n_articles", Integer, nullable=False),
    Column("outlets", Text, nullable=False),
    Column("members_hash", String(64), nullable=False),
    Column("analysed_at", String(40), nullable=False),
    Column("run_id", Integer, ForeignKey("ingest_runs.id"), nullable=False),
)


def _story_fk() -> Column[str]:
    return Column(
        "story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False
    )


story_articles = Table(
    "story_articles",
    metadata,
    _story_fk(),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
    Column("position", Integer, nullable=False),
    PrimaryKeyConstraint("story_id", "article_id"),
    Index("ix_story_articles_article", "article_id"),
)

summary_sentences = Table(
    "summary_sentences",
    metadata,
    _story_fk(),
    Column("position", Integer, nullable=False),
    Column("section", String(10), nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "position"),
)

quotes = Table(
    "quotes",
    metadata,
    _story_fk(),
    Column("position", Integer, nullable=False),
    Column("id", String(64), nullable=False),
    Column("speaker", Text),
    Column("text", Text, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "position"),
)

claims = Table(
    "claims",
    metadata,
    _story_fk(),
    Column("position", Integer, nullable=False),
    Column("id", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "position"),
)

conflicts = Table(
    "conflicts",
    metadata,
    _story_fk(),
    Column("position", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("about", Text, nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "position"),
)

signals = Table(
    "signals",
    metadata,
    _story_fk(),
    Column("position", Integer, nullable=False),
    Column("article_id", String(64), nullable=False),
    Column("name", String(60), nullable=False),
    Column("data", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "position"),
)

dropped = Table(
    "dropped",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

ANALYSIS_TABLES: tuple[Table, ...] = (summary_sentences, quotes, claims, conflicts, signals)


# --- a store that grows (issue 19; migration 0002) -------------------------------------------
# New articles are assigned to stories incrementally: near-duplicate candidates come from
# ``article_keys`` (MinHash band keys, ``storylens.scale.lsh``) by an indexed join, and stories
# from a ``StoryStream`` whose state lives in ``stream_state``. Story lists filter in SQL:
# UTC timestamps and one row per (story, outlet), each indexed.

stories.append_column(Column("first_ts", Float))
stories.append_column(Column("last_ts", Float))
Index("ix_stories_n_articles", stories.c.n_articles)
Index("ix_stories_first_ts", stories.c.first_ts)
Index("ix_stories_last_ts", stories.c.last_ts)

article_keys = Table(
    "article_keys",
    metadata,
    Column("key", BigInteger, nullable=False),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("key", "article_id"),
    Index("ix_article_keys_article", "article_id"),
)

unassigned = Table(
    "unassigned",
    metadata,
    Column(
        "article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
)
"""Stored articles not yet de-duplicated and given a story (a run killed before it did)."""

stream_members = Table(
    "stream_members",
    metadata,
    Column(
        "article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("stream_story", String(64), nullable=False),
    Index("ix_stream_members_story", "stream_story"),
)
"""Each incrementally assigned article's story in the stream (merges already followed)."""

stream_pending = Table(
    "stream_pending",
    metadata,
    Column("stream_story", String(64), primary_key=True),
)
"""Stream stories whose members changed and whose analysis is not yet written."""

stream_state = Table(
    "stream_state",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("data", LargeBinary, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("updated_at", String(40), nullable=False),
)
"""The StoryStream of live stories (centroids, name index, clock), one row."""

story_outlets = Table(
    "story_outlets",
    metadata,
    _story_fk(),
    Column("outlet", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "outlet"),
    Index("ix_story_outlets_outlet", "outlet"),
)

ANALYSIS_TABLES = (*ANALYSIS_TABLES, story_outlets)
