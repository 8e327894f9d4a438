"""CRM records and note sources: what an import read, so export writes it back and a
re-import or a resumed batch adds nothing twice.

`crm_record`: per lead and CRM (hubspot, salesforce), the CRM's id for the record and
the text of every imported cell by field, including CRM fields that are no fact of ours
(lifecycle stage, lead status, original source). `note_source`: a key per note that came
from outside (a JSONL id, a CRM note or task id, a CRM description) with its file and line.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 15:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'crm_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lead_id', sa.Integer(), nullable=False),
        sa.Column('system', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('cells', sa.JSON(), nullable=False),
        sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['lead_id'], ['lead.id'], name=op.f('fk_crm_record_lead_id_lead'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_record')),
        sa.UniqueConstraint('lead_id', 'system', name='uq_crm_record_lead_system'),
        sa.UniqueConstraint('system', 'external_id', name='uq_crm_record_system_external'),
    )
    with op.batch_alter_table('crm_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crm_record_lead_id'), ['lead_id'], unique=False)
    op.create_table(
        'note_source',
        sa.Column('note_id', sa.Integer(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['note_id'], ['note.id'], name=op.f('fk_note_source_note_id_note'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('note_id', name=op.f('pk_note_source')),
    )
    with op.batch_alter_table('note_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_source_key'), ['key'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('note_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_source_key'))
    op.drop_table('note_source')
    with op.batch_alter_table('crm_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crm_record_lead_id'))
    op.drop_table('crm_record')
