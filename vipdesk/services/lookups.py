"""Finding records to pick as you type: scales to 100,000 students without a full list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from vipdesk.db import Database
from vipdesk.models import Contact, Institution, Organisation, Student


def _student_label(given: str, family: str, email: str) -> str:
    return f"{given} {family} · {email}"


def search_students(db: Database, text: str, limit: int = 30) -> list[tuple[int, str]]:
    """Students whose name, e-mail or number contains every typed word (case-insensitive)."""
    words = text.lower().split()
    query = select(Student.id, Student.given_name, Student.family_name, Student.email)
    full_name = func.lower(Student.given_name + " " + Student.family_name)
    for word in words:
        pattern = f"%{word.replace('%', '').replace('_', '')}%"
        query = query.where(
            or_(
                full_name.like(pattern),
                func.lower(Student.email).like(pattern),
                func.lower(func.coalesce(Student.student_number, "")).like(pattern),
            )
        )
    query = query.order_by(Student.family_name, Student.given_name).limit(limit)
    with db.session() as session:
        return [(sid, _student_label(g, f, e)) for sid, g, f, e in session.execute(query)]


def student_label(db: Database, student_id: int) -> str | None:
    with db.session() as session:
        row = session.execute(
            select(Student.given_name, Student.family_name, Student.email).where(
                Student.id == student_id
            )
        ).first()
    return _student_label(*row) if row else None


_LABELLED: dict[str, tuple[type[Any], str]] = {
    "student": (Student, "email"),
    "organisation": (Organisation, "name"),
    "institution": (Institution, "name"),
    "contact": (Contact, "name"),
}


def record_label(db: Database, kind: str, record_id: int | None) -> str:
    """A short human label for a linked record, '—' when there is none."""
    if record_id is None:
        return "—"
    if kind == "student":
        return student_label(db, record_id) or f"(deleted student #{record_id})"
    cls, column = _LABELLED[kind]
    with db.session() as session:
        value = session.scalar(select(getattr(cls, column)).where(cls.id == record_id))
    return str(value) if value is not None else f"(deleted {kind} #{record_id})"
