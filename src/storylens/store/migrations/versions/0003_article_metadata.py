"""Article metadata the cleaner reads: genre, wire credit, the input's own id, notes, removed lines.

Revision ID: 0003_article_metadata
Revises: 0002

Before this revision the store kept only the columns of the first cleaner, so a stored story
lost what ``analyze`` shows about its articles (an opinion piece, an AP credit, the JSONL id,
"text cut to the analysis limit", the lines left out). Articles stored earlier get NULL genre,
wire and input id and empty lists: what was not recorded then is not invented now (their
removed lines still follow from ``raw`` and ``segments``, see ``Article``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_article_metadata"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("genre", sa.String(20)))
        batch.add_column(sa.Column("wire", sa.Text))
        batch.add_column(sa.Column("input_id", sa.Text))
        batch.add_column(sa.Column("notes", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("removed", sa.Text, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        for name in ("removed", "notes", "input_id", "wire", "genre"):
            batch.drop_column(name)
