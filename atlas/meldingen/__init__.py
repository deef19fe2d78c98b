"""Meldingen: users report a missing or wrong project; a maintainer turns a report into a sourced row.

domain.py  the submitted fields, bounded and validated (the project data rules of atlas.model.validate)
store.py   the database (SQLAlchemy Core; ATLAS_DB_URL, default an embedded SQLite file)
migrations Alembic revisions, applied by `python -m atlas meldingen migrate`
accept.py  an accepted report written to data/projects.csv through the same validator
cli.py     `python -m atlas meldingen list|show|accept|reject|purge|migrate`
form.py    what the /melden page needs besides widgets: prefill, abuse checks, rate limits
"""
