"""A student's equity flags: Erasmus+ 'fewer opportunities' data, special-category personal
data. They have their own form and functions and never appear in `StudentForm`, the lists or
the choices; they are saved with a student (`students.save_student`) or on their own, under
the student's version check, and the audit trail records that they changed, not how.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement.limits import NOTE
from vipdesk.errors import ConflictError, NotFoundError, ValidationError
from vipdesk.models import Student, StudentEquity
from vipdesk.models.base import bump_version
from vipdesk.phrase import Count
from vipdesk.services.people.rules import optional


@dataclass
class EquityForm:
    """Erasmus+ 'fewer opportunities' flags of one student (special-category data).

    `version` is the student's version when the flags were read: the flags have no counter
    of their own, so saving them checks and moves the student's. It is bookkeeping, not
    content, and two forms with the same flags compare equal whatever their versions.
    """

    student_id: int
    disability: bool = False
    fewer_opportunities: bool = False
    migrant_or_refugee: bool = False
    working_or_carer: bool = False
    note: str = ""
    version: int | None = field(default=None, compare=False)


EQUITY_FLAGS: tuple[str, ...] = tuple(
    f.name for f in fields(EquityForm) if f.name not in {"student_id", "note", "version"}
)
EQUITY_NOTE_LIMIT = NOTE


def load_equity(db: Database, student_id: int) -> EquityForm:
    """The flags as stored, with the student's version to save them against."""
    with db.session() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise NotFoundError.said("This student no longer exists: someone may have deleted it.")
        return _stored_equity(session, student)


def _stored_equity(session: Session, student: Student) -> EquityForm:
    row = session.get(StudentEquity, student.id)
    if row is None:
        return EquityForm(student_id=student.id, version=student.version)
    return EquityForm(
        student_id=row.student_id,
        disability=row.disability,
        fewer_opportunities=row.fewer_opportunities,
        migrant_or_refugee=row.migrant_or_refugee,
        working_or_carer=row.working_or_carer,
        note=row.note or "",
        version=student.version,
    )


def check_equity(form: EquityForm) -> None:
    if len(form.note.strip()) > EQUITY_NOTE_LIMIT:
        raise ValidationError.on(
            "equity_note",
            "The equity note is longer than {limit} characters.",
            limit=Count(EQUITY_NOTE_LIMIT),
        )


def apply_equity(
    session: Session, student: Student, form: EquityForm, *, bump: bool = True
) -> None:
    """Store the flags; a change moves the student's version (the flags have none)."""
    row = session.get(StudentEquity, student.id)
    empty = not any(getattr(form, name) for name in EQUITY_FLAGS) and not form.note.strip()
    if row is None:
        if empty:
            return
        row = StudentEquity(student_id=student.id)
        session.add(row)
    for name in EQUITY_FLAGS:
        setattr(row, name, bool(getattr(form, name)))
    row.note = optional(form.note)
    if bump and (row in session.new or session.is_modified(row)):
        bump_version(student)


def save_equity(
    db: Database, form: EquityForm, user: str | None = None, *, overwrite: bool = False
) -> EquityForm:
    """Store a student's equity flags; the audit trail records that they changed, not how.

    Raises:
        ConflictError: the student (or their flags) was saved after `form.version` was read,
            unless `overwrite`; `theirs` holds the flags as stored now.
        NotFoundError: the student was deleted.
        ValidationError: the note is too long.
    """
    check_equity(form)
    try:
        with db.session(user) as session:
            student = session.get(Student, form.student_id)
            if student is None:
                raise NotFoundError.said(
                    "This student was deleted; the equity flags were not saved."
                )
            if student.version != form.version and not overwrite:
                raise _equity_conflict(session, student, form)
            apply_equity(session, student, form)
            session.flush()
            return _stored_equity(session, student)
    except StaleDataError as exc:
        # Someone saved the student between our read and our write.
        theirs = load_equity(db, form.student_id)
        raise ConflictError(
            "student's equity flags", theirs=theirs, changed_fields=_differing(form, theirs)
        ) from exc


def _differing(mine: EquityForm, theirs: EquityForm) -> list[str]:
    names = [*EQUITY_FLAGS, "note"]
    return [name for name in names if getattr(mine, name) != getattr(theirs, name)]


def _equity_conflict(session: Session, student: Student, form: EquityForm) -> ConflictError:
    theirs = _stored_equity(session, student)
    return ConflictError(
        "student's equity flags",
        theirs=theirs,
        changed_by=student.updated_by,
        changed_fields=_differing(form, theirs),
    )
