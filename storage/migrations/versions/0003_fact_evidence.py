"""Fact evidence: the words each fact was read from, who changed it, what grounding dropped.

Adds `lead.evidence` (fact path -> the quote with its offsets, the note, the source and
the author), `fact_change.evidence` and `fact_change.author`, and `llm_call.dropped`.

Facts stored before this revision keep their values and still count. Their words are
filled in where they can be found again: a text fact (name, title, company, city, email,
phone) read from a note is looked up in that note; a value a rep set gets the value as
its words, marked as the rep's. Other facts show no words until their note is read again
(`leadqual reread`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 18:00:00
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the text facts of this revision and their lead columns (fixed here: later code may change)
_TEXT_FACTS = {
    'contact.name': 'name', 'contact.email': 'email', 'contact.phone': 'phone',
    'contact.job_title': 'job_title', 'company.name': 'company_name', 'company.city': 'city',
}
_ALL_FACTS = {
    **_TEXT_FACTS, 'contact.seniority': 'seniority', 'contact.department': 'department',
    'company.industry': 'industry', 'company.employees': 'employees',
    'company.annual_revenue': 'annual_revenue', 'company.currency': 'currency',
    'company.country': 'country', 'lead_source': 'lead_source', 'bant.budget': 'budget',
    'bant.budget_amount': 'budget_amount', 'bant.authority': 'authority', 'bant.need': 'need',
}


def upgrade() -> None:
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=True))
    with op.batch_alter_table('fact_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))
    with op.batch_alter_table('llm_call', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dropped', sa.JSON(), nullable=True))
    _backfill(op.get_bind())


def _backfill(conn: sa.engine.Connection) -> None:
    """Words for the facts already stored, where they can be found again."""
    lead = sa.table('lead', sa.column('id'), sa.column('evidence', sa.JSON()),
                    *(sa.column(c) for c in _ALL_FACTS.values()))
    change = sa.table('fact_change', sa.column('id'), sa.column('lead_id'), sa.column('note_id'),
                      sa.column('field'), sa.column('provenance'))
    note = sa.table('note', sa.column('id'), sa.column('text'))
    latest: dict[tuple[int, str], tuple[int | None, str]] = {}
    for lead_id, field, note_id, provenance in conn.execute(
        sa.select(change.c.lead_id, change.c.field, change.c.note_id, change.c.provenance)
        .order_by(change.c.id)
    ):
        latest[(lead_id, field)] = (note_id, provenance)
    texts: dict[int, str] = {}
    for lead_row in conn.execute(sa.select(lead)).mappings():
        words: dict[str, dict] = {}
        for path, column in _ALL_FACTS.items():
            value = lead_row[column]
            if value is None:
                continue
            note_id, provenance = latest.get((lead_row['id'], path), (None, ''))
            if provenance == 'rep':
                words[path] = {'quote': str(value), 'source': 'rep', 'note_id': None}
                continue
            if path not in _TEXT_FACTS or note_id is None:
                continue
            if note_id not in texts:
                texts[note_id] = conn.execute(sa.select(note.c.text).where(note.c.id == note_id)).scalar() or ''
            text = texts[note_id]
            start = text.casefold().find(str(value).casefold())
            if start >= 0:
                end = start + len(str(value))
                words[path] = {'quote': text[start:end], 'start': start, 'end': end,
                               'note_id': note_id, 'source': provenance or None}
        if words:
            conn.execute(sa.update(lead).where(lead.c.id == lead_row['id']).values(evidence=words))


def downgrade() -> None:
    with op.batch_alter_table('llm_call', schema=None) as batch_op:
        batch_op.drop_column('dropped')
    with op.batch_alter_table('fact_change', schema=None) as batch_op:
        batch_op.drop_column('author')
        batch_op.drop_column('evidence')
    with op.batch_alter_table('lead', schema=None) as batch_op:
        batch_op.drop_column('evidence')


