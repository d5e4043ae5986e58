"""The rows a delete takes with it, as JSON, and putting them back.

A record's dependants are the rows that reach it through foreign keys with ON DELETE CASCADE,
found from the schema itself: a table added later is kept and restored without a change here.
"""

from __future__ import annotations

import base64
import enum
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from vipdesk.models import Base

Rows = dict[str, list[dict[str, Any]]]  # table → rows, tables in an order that inserts cleanly


def _cascading_children(parent: Table) -> list[tuple[Table, str]]:
    """(table, column) pairs whose rows go when a row of `parent` is deleted."""
    out = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is parent and (fk.ondelete or "").upper() == "CASCADE":
                out.append((table, fk.parent.name))
    return out


def capture(session: Session, table_name: str, record_id: int) -> Rows:
    """The row `record_id` of `table_name` and every row that would be deleted with it."""
    found: dict[str, dict[int, dict[str, Any]]] = {}
    pending = [(Base.metadata.tables[table_name], [record_id])]
    while pending:
        table, ids = pending.pop()
        rows = session.execute(select(table).where(table.c.id.in_(ids))).mappings().all()
        kept = found.setdefault(table.name, {})
        new = [dict(row) for row in rows if row["id"] not in kept]
        for row in new:
            kept[row["id"]] = row
        if not new:
            continue
        new_ids = [row["id"] for row in new]
        for child, column in _cascading_children(table):
            child_ids = session.scalars(
                select(child.c.id).where(child.c[column].in_(new_ids))
            ).all()
            if child_ids:
                pending.append((child, list(child_ids)))
    order = [t.name for t in Base.metadata.sorted_tables]
    return {
        name: sorted(found[name].values(), key=lambda row: row["id"])
        for name in order
        if found.get(name)
    }


def restore(session: Session, rows: Rows) -> None:
    """Insert `rows` again, with their ids, parents first.

    Raises:
        sqlalchemy.exc.IntegrityError: something they point at is gone (the caller explains).
    """
    for name, table_rows in rows.items():
        session.execute(insert(Base.metadata.tables[name]), table_rows)


# --- JSON ------------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        ((tag, text),) = value.items()
        if tag == "$datetime":
            return datetime.fromisoformat(text)
        if tag == "$date":
            return date.fromisoformat(text)
        if tag == "$time":
            return time.fromisoformat(text)
        if tag == "$decimal":
            return Decimal(text)
        if tag == "$bytes":
            return base64.b64decode(text)
    return value


def to_json(rows: Rows) -> str:
    return json.dumps(
        {name: [{k: _encode(v) for k, v in row.items()} for row in rs] for name, rs in rows.items()}
    )


def from_json(text: str) -> Rows:
    loaded = json.loads(text)
    return {
        name: [{k: _decode(v) for k, v in row.items()} for row in rs] for name, rs in loaded.items()
    }
