"""Lead match keys: normalised email and "name|company", to find a lead again from a note.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 20:50:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_key', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True))
        batch_op.add_column(sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=402), nullable=True))
        batch_op.create_index(batch_op.f('ix_lead_email_key'), ['email_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_lead_name_key'), ['name_key'], unique=False)
    # Leads stored before this revision get their keys the next time they are written;
    # the email key is simple enough to fill here.
    op.execute("UPDATE lead SET email_key = lower(trim(email)) WHERE email IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lead_name_key'))
        batch_op.drop_index(batch_op.f('ix_lead_email_key'))
        batch_op.drop_column('name_key')
        batch_op.drop_column('email_key')
