"""Notes placed safely, merges undone: pending notes, rep-set fields and phone keys on the lead.

Adds
- `pending_note`: a note's text saved before it is known which lead it is about (it
  becomes a `note` of a lead once placed, by the pipeline or by the rep's choice);
- `merge_undo`: every row of two leads as they were before a merge, to undo it exactly;
- `lead.rep_fields`: the fact paths a rep set (extraction never changes them), filled from
  the audit trail, so placing a note needs no look-up of it;
- `lead.phone_key` (the phone's last nine digits), filled from `lead.phone`, and the
  `name_key` of leads stored before revision 0002 that never got one;
- an index on `lead.updated_at`, which the TUI polls to see other processes' writes.

Only new tables, columns and indexes: nothing is rebuilt, so no row can be lost.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09 10:00:00
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'pending_note',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('open_lead_id', sa.Integer(), nullable=True),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('calls', sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_note')),
    )
    op.create_table(
        'merge_undo',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('from_id', sa.Integer(), nullable=False),
        sa.Column('into_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('merged_updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('snapshot', sa.JSON(), nullable=False),
        sa.Column('undone_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_merge_undo')),
    )
    op.create_index(op.f('ix_merge_undo_into_id'), 'merge_undo', ['into_id'], unique=False)
    # plain ADD COLUMN (no batch rebuild): SQLite would otherwise drop and copy the table
    op.add_column('lead', sa.Column('phone_key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    op.add_column('lead', sa.Column('rep_fields', sa.JSON(), nullable=True))
    op.create_index(op.f('ix_lead_phone_key'), 'lead', ['phone_key'], unique=False)
    op.create_index(op.f('ix_lead_updated_at'), 'lead', ['updated_at'], unique=False)
    _backfill(op.get_bind())


# the key rules of this revision (fixed here: later code may change them)
def _fold(text: str | None) -> str:
    if not text:
        return ''
    text = unicodedata.normalize('NFKD', text.replace('ł', 'l').replace('Ł', 'L'))
    text = ''.join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return ' '.join(re.sub(r'[^\w@.+]+|_', ' ', text).split())


def _phone_key(phone: str | None) -> str | None:
    digits = re.sub(r'\D', '', phone or '')
    return digits[-9:] if len(digits) >= 7 else None


def _backfill(conn: sa.engine.Connection) -> None:
    lead = sa.table('lead', sa.column('id'), sa.column('phone'), sa.column('name'),
                    sa.column('company_name'), sa.column('name_key'), sa.column('phone_key'),
                    sa.column('rep_fields', sa.JSON()))
    change = sa.table('fact_change', sa.column('lead_id'), sa.column('field'), sa.column('provenance'))
    rep: dict[int, set[str]] = {}
    for lead_id, field in conn.execute(
        sa.select(change.c.lead_id, change.c.field).where(change.c.provenance == 'rep').distinct()
    ):
        if field.startswith('interactions['):
            continue  # a reviewed interaction is not a fact
        rep.setdefault(lead_id, set()).add('bant.timeline_days' if field == 'bant.timeline_due' else field)
    rows = conn.execute(sa.select(lead.c.id, lead.c.phone, lead.c.name, lead.c.company_name, lead.c.name_key))
    for lead_id, phone, name, company, name_key in rows.all():
        values: dict[str, object] = {}
        if (key := _phone_key(phone)) is not None:
            values['phone_key'] = key
        if name_key is None and (name or company):
            values['name_key'] = f'{_fold(name)}|{_fold(company)}'[:402]
        if lead_id in rep:
            values['rep_fields'] = sorted(rep[lead_id])
        if values:
            conn.execute(sa.update(lead).where(lead.c.id == lead_id).values(**values))


def downgrade() -> None:
    op.drop_index(op.f('ix_lead_updated_at'), table_name='lead')
    op.drop_index(op.f('ix_lead_phone_key'), table_name='lead')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch rebuild of the lead table
    op.drop_column('lead', 'rep_fields')
    op.drop_column('lead', 'phone_key')
    op.drop_index(op.f('ix_merge_undo_into_id'), table_name='merge_undo')
    op.drop_table('merge_undo')
    op.drop_table('pending_note')
