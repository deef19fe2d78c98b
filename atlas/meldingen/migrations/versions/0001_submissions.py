"""The submissions table (meldingen, first version).

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TEXT = {"kind": 12, "programme": 20, "project_id": 40, "name": 200, "municipality_nis": 5, "neighbourhood": 200,
         "organisation": 200, "institute_id": 60, "start_date": 10, "end_date": 10, "budget_eur": 20,
         "budget_basis": 20, "source_url": 500}


def upgrade() -> None:
    # Written out (not imported from the store) so that this revision stays what it was.
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        *[sa.Column(name, sa.String(size), nullable=False) for name, size in _TEXT.items()],
        sa.Column("is_penhouder", sa.Boolean, nullable=False),
        sa.Column("penhouder_org", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("email_purpose", sa.String(300), nullable=True),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("decision_reason", sa.Text, nullable=True),
        sa.Column("applied_project_id", sa.String(40), nullable=True),
    )
    op.create_index("ix_submissions_status", "submissions", ["status"])
    op.create_index("ix_submissions_created_at", "submissions", ["created_at"])


def downgrade() -> None:
    op.drop_table("submissions")
