"""Initial store schema: articles, ingest runs, duplicates, stories and their analysis.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _story_fk() -> sa.Column[str]:
    return sa.Column(
        "story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("paths", sa.Text, nullable=False),
        sa.Column("added", sa.Integer, nullable=False, server_default="0"),
        sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
        sa.Column("dropped", sa.Integer, nullable=False, server_default="0"),
        sa.Column("stories_analysed", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("fetched_at", sa.String(40)),
        sa.Column("added_at", sa.String(40), nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("url", sa.Text),
        sa.Column("language", sa.String(20)),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("segments", sa.Text, nullable=False),
        sa.Column("boilerplate_chars", sa.Integer, nullable=False),
    )
    op.create_table(
        "duplicates",
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "duplicate_of",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_seen", sa.String(40)),
        sa.Column("last_seen", sa.String(40)),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Text, nullable=False),
        sa.Column("members_hash", sa.String(64), nullable=False),
        sa.Column("analysed_at", sa.String(40), nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
    )
    op.create_table(
        "story_articles",
        _story_fk(),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "article_id"),
    )
    op.create_index("ix_story_articles_article", "story_articles", ["article_id"])
    op.create_table(
        "summary_sentences",
        _story_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("section", sa.String(10), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position"),
    )
    op.create_table(
        "quotes",
        _story_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position"),
    )
    op.create_table(
        "claims",
        _story_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position"),
    )
    op.create_table(
        "conflicts",
        _story_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("about", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position"),
    )
    op.create_table(
        "signals",
        _story_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position"),
    )
    op.create_table(
        "dropped",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "dropped",
        "signals",
        "conflicts",
        "claims",
        "quotes",
        "summary_sentences",
        "story_articles",
        "stories",
        "duplicates",
        "articles",
        "ingest_runs",
    ):
        op.drop_table(table)
