"""The audit trail: who changed which record, when, and what changed."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, String, Text, insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, Session, mapped_column

from vipdesk.models.base import Base, UTCDateTime, Versioned, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(120))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(10))  # create, update, delete
    summary: Mapped[str] = mapped_column(String(300))
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> [old, new]


# --- session hooks (registered by vipdesk.db on every session) ------------------------------

# search_text: the student's names folded again for the picker, derived, not a change of its own.
_SKIPPED = {"version", "created_at", "updated_at", "updated_by", "search_text"}
_SENSITIVE_ENTITIES = {"student_equity"}
# An agreement's whole JSON (its versions are kept) and an e-mail's text (kept in the outbox).
_SUMMARISED = {"content", "body"}


def _session_user(session: Session) -> str:
    return str(session.info.get("user") or "unknown")


def stamp_versioned_rows(session: Session, _context: object, _instances: object) -> None:
    """Before a flush: note who last changed each edited row."""

    user = _session_user(session)
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Versioned) and (obj in session.new or session.is_modified(obj)):
            obj.updated_by = user


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | datetime | Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"({len(value):,} bytes)"  # a PDF or a scan: that it changed, not its bytes
    return repr(value)


def _target(obj: Any) -> tuple[str, int, str]:
    """Which record an audit line belongs to: child rows are filed under their parent."""
    table = obj.__table__.name
    if table == "checklist_tick":
        return "placement", obj.placement_id, f"checklist item {obj.item_key}"
    if table == "placement_period":
        return "placement", obj.placement_id, f"{_plain(obj.kind)} period"
    if table == "student_language":
        return "student", obj.student_id, f"language {obj.language}"
    if table == "student_equity":
        return "student", obj.student_id, "equity flags"
    if table == "agreement_signature":
        document = obj.document
        return "placement", document.placement_id, f"{obj} on the {document}"
    if table != "placement" and getattr(obj, "placement_id", None) is not None:
        # Readiness responses, the protocol, tools and their tests: the placement's story.
        named = any("__str__" in vars(k) for k in type(obj).__mro__[:-1])
        return "placement", obj.placement_id, str(obj) if named else table.replace("_", " ")
    label = getattr(obj, "reference", None) or str(obj)
    return table, obj.id, str(label)


def _changes(obj: Any) -> dict[str, list[Any]]:
    state = sa_inspect(obj)
    changes: dict[str, list[Any]] = {}
    sensitive = obj.__table__.name in _SENSITIVE_ENTITIES
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIPPED:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        # Special-category data: record that it changed, never the values.
        if sensitive:
            changes[attr.key] = ["…", "…"]
        elif attr.key in _SUMMARISED:
            changes[attr.key] = ["(earlier text)" if old else None, "(new text)"]
        else:
            changes[attr.key] = [_plain(old), _plain(new)]
    return changes


def record_audit_trail(session: Session, _context: object) -> None:
    """After a flush: one audit line per created, changed or deleted record."""
    user = _session_user(session)
    rows: list[dict[str, Any]] = []
    for action, objects in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, AuditEntry) or not hasattr(obj, "__table__"):
                continue
            if not getattr(obj, "audited", True):  # a copy of what was deleted: logged there
                continue
            changes = _changes(obj) if action != "delete" else {}
            if action == "update" and not changes:
                continue
            entity, entity_id, label = _target(obj)
            child = entity != obj.__table__.name
            verb = {"create": "added", "update": "changed", "delete": "removed"}[action]
            summary = f"{verb} {label}" if child else f"{verb} {entity} {label}"
            rows.append(
                {
                    "at": utcnow(),
                    "user": user,
                    "entity": entity,
                    "entity_id": entity_id,
                    "action": action,
                    "summary": summary[:300],
                    "changes": json.dumps(changes, ensure_ascii=False),
                }
            )
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
