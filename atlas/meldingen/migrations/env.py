"""Alembic environment: always run from atlas.meldingen.store with a connection (no alembic.ini)."""

from alembic import context

from atlas.meldingen.store import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes one
    raise RuntimeError("run migrations through `python -m atlas meldingen migrate`")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
