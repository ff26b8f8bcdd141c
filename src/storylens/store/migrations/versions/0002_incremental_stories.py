"""A store that grows: band keys, stream state and membership, SQL-filterable story lists.

Revision ID: 0002
Revises: 0001

Existing stories keep their (batch) membership; their UTC timestamps and outlet rows are filled
in from the columns they already have. Articles stored before this revision are not replayed
through the stream: new articles start new stream stories (``storylens recluster`` regroups
everything in one batch when wanted).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _ts(value: str | None) -> float | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("first_ts", sa.Float))
        batch.add_column(sa.Column("last_ts", sa.Float))
    op.create_index("ix_stories_n_articles", "stories", ["n_articles"])
    op.create_index("ix_stories_first_ts", "stories", ["first_ts"])
    op.create_index("ix_stories_last_ts", "stories", ["last_ts"])
    op.create_table(
        "article_keys",
        sa.Column("key", sa.BigInteger, nullable=False),
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("key", "article_id"),
    )
    op.create_index("ix_article_keys_article", "article_keys", ["article_id"])
    op.create_table(
        "unassigned",
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "stream_members",
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("stream_story", sa.String(64), nullable=False),
    )
    op.create_index("ix_stream_members_story", "stream_members", ["stream_story"])
    op.create_table("stream_pending", sa.Column("stream_story", sa.String(64), primary_key=True))
    op.create_table(
        "stream_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "story_outlets",
        sa.Column(
            "story_id",
            sa.String(64),
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("outlet", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "outlet"),
    )
    op.create_index("ix_story_outlets_outlet", "story_outlets", ["outlet"])

    conn = op.get_bind()
    stories = sa.table(
        "stories",
        sa.column("id", sa.String),
        sa.column("first_seen", sa.String),
        sa.column("last_seen", sa.String),
        sa.column("outlets", sa.Text),
        sa.column("first_ts", sa.Float),
        sa.column("last_ts", sa.Float),
    )
    outlets = sa.table("story_outlets", sa.column("story_id", sa.String), sa.column("outlet"))
    rows = conn.execute(
        sa.select(stories.c.id, stories.c.first_seen, stories.c.last_seen, stories.c.outlets)
    ).all()
    for sid, first, last, names in rows:
        conn.execute(
            sa.update(stories)
            .where(stories.c.id == sid)
            .values(first_ts=_ts(first), last_ts=_ts(last))
        )
        unique = sorted(set(json.loads(names)))
        if unique:
            conn.execute(sa.insert(outlets), [{"story_id": sid, "outlet": o} for o in unique])


def downgrade() -> None:
    for table in ("story_outlets", "stream_state", "stream_pending", "stream_members"):
        op.drop_table(table)
    op.drop_table("unassigned")
    op.drop_table("article_keys")
    op.drop_index("ix_stories_last_ts", "stories")
    op.drop_index("ix_stories_first_ts", "stories")
    op.drop_index("ix_stories_n_articles", "stories")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("last_ts")
        batch.drop_column("first_ts")
