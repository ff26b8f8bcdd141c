"""Alembic environment: always run on the connection the store hands over (never from a URL).

``Store`` opens the engine (with SQLite's pragmas) and passes its connection in
``config.attributes["connection"]``, so migrations run on exactly the database being opened.
"""

from __future__ import annotations

from alembic import context

from storylens.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
