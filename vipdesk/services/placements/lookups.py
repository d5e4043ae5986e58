"""Finding records to pick as you type: scales to 100,000 students without a full list.

Opening a placement must stay instant on a shared PostgreSQL server, where every query costs a
round-trip: what the form's pickers show is read with one query (`read_picker_choices`), and the
long lists (students, host organisations) are never loaded to open a placement — they are
searched as the user types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from sqlalchemy import (
    Select,
    String,
    bindparam,
    cast,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from vipdesk.bidi import isolate
from vipdesk.db import Database
from vipdesk.models import Contact, ContactRole, Institution, Organisation, Student
from vipdesk.services.refdata import ENGLISH_NAMES, Names
from vipdesk.textfold import fold

Choice = tuple[int, str]  # (record id, the label a picker shows)


def _student_label(given: str, family: str, email: str) -> str:
    # Each run isolated: an Arabic name must not carry the address to its left.
    return f"{isolate(f'{given} {family}')} · {email}"


def _place_label(name: str, country: str | None, names: Names) -> str:
    """Organisations and institutions: "Name · Country", as every picker shows them."""
    return f"{isolate(name)} · {names.country(country)}"


def _contact_label(name: str, role: str, names: Names) -> str:
    return f"{isolate(name)} · {names.label(ContactRole(role).label)}"


def search_students(db: Database, text: str, limit: int = 30) -> list[tuple[int, str]]:
    """Students whose name, e-mail or number holds every typed word, accents and case aside.

    'lukasz', 'LUKASZ' and 'Łukasz' all find 'Łukasz Żółć', as the placements list does: the
    words are folded like the stored `search_text` (see `student_search_text`), which both
    databases can then match with a plain LIKE — neither folds non-ASCII letters itself.
    """
    query = select(Student.id, Student.given_name, Student.family_name, Student.email)
    for word in fold(text).split():
        query = query.where(Student.search_text.contains(word, autoescape=True))
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


def organisation_label(
    db: Database, organisation_id: int, names: Names = ENGLISH_NAMES
) -> str | None:
    """The host picker's label for one organisation ("Name · Country"), None when deleted."""
    with db.session() as session:
        row = session.execute(
            select(Organisation.name, Organisation.country).where(
                Organisation.id == organisation_id
            )
        ).first()
    return _place_label(*row, names) if row else None


_LABELLED: dict[str, tuple[type[Any], str]] = {
    "student": (Student, "email"),
    "organisation": (Organisation, "name"),
    "institution": (Institution, "name"),
    "contact": (Contact, "name"),
}


def record_label(db: Database, kind: str, record_id: int) -> str | None:
    """A short human label for a linked record (a name); None when it is gone."""
    if kind == "student":
        return student_label(db, record_id)
    cls, column = _LABELLED[kind]
    with db.session() as session:
        value = session.scalar(select(getattr(cls, column)).where(cls.id == record_id))
    return str(value) if value is not None else None


# --- host organisations: searched in memory, accent- and case-blind --------------------------


class OrganisationSearch:
    """Host organisations found as you type: 'lodz' finds 'Łódź', 'cond' finds 'Cóndor'.

    A database LIKE folds neither accents (PostgreSQL without `unaccent`) nor, on SQLite,
    the case of non-ASCII letters; 2,500 labels folded once (about 20 ms) then search in about
    a millisecond. They are read on the first search, not when the form opens, so opening a
    placement never waits for them; `forget()` after a host is created reads them again.
    """

    def __init__(self, db: Database, limit: int = 50, names: Names = ENGLISH_NAMES) -> None:
        self._db = db
        self._names = names
        self._limit = limit
        self._choices: list[tuple[int, str, str]] | None = None  # (id, label, folded label)

    def __call__(self, text: str) -> list[Choice]:
        """Organisations whose label holds every typed word, by name (the first ones when empty)."""
        if self._choices is None:
            self._choices = self._read()
        words = fold(text).split()
        found: list[Choice] = []
        for record_id, label, folded in self._choices:
            if all(word in folded for word in words):
                found.append((record_id, label))
                if len(found) == self._limit:
                    break
        return found

    def forget(self) -> None:
        self._choices = None

    def _read(self) -> list[tuple[int, str, str]]:
        query = select(Organisation.id, Organisation.name, Organisation.country).order_by(
            Organisation.name, Organisation.country, Organisation.id
        )
        with self._db.session() as session:
            rows = session.execute(query).all()
        # Name and country are unique together: a label names one organisation.
        labelled = [(oid, _place_label(name, country, self._names)) for oid, name, country in rows]
        return [(oid, label, fold(label)) for oid, label in labelled]


# --- the placement form's pickers, in one round-trip ---------------------------------------


@dataclass(frozen=True)
class PickerChoices:
    """What the placement form's pickers show for one placement.

    The chosen student and host come as labels only (their lists are searched as you type);
    the institutions, the host's contacts (mentors) and the institution's contacts (tutors)
    are short lists, given whole.
    """

    student: str | None = None
    host: str | None = None
    institutions: list[Choice] = field(default_factory=list)
    mentors: list[Choice] = field(default_factory=list)
    tutors: list[Choice] = field(default_factory=list)


class Links(Protocol):
    """The records a placement links to (a `PlacementForm` is one)."""

    student_id: int | None
    host_id: int | None
    institution_id: int | None


def read_picker_choices(
    session: Session, links: Links | None = None, names: Names = ENGLISH_NAMES
) -> PickerChoices:
    """Every picker's choices with one query: a round-trip per list would cost more than the
    lists themselves on a distant server."""
    student = host = None
    lists: dict[str, list[Choice]] = {"institution": [], "mentor": [], "tutor": []}
    params = {
        "student": links.student_id if links else None,
        "host": links.host_id if links else None,
        "institution": links.institution_id if links else None,
    }
    for kind, record_id, a, b, c in session.execute(_picker_query(), params):
        if kind == "student":
            student = _student_label(a, b, c)
        elif kind == "host":
            host = _place_label(a, b, names)
        elif kind == "institution":
            lists[kind].append((record_id, _place_label(a, b, names)))
        else:
            lists[kind].append((record_id, _contact_label(a, b, names)))
    return PickerChoices(
        student=student,
        host=host,
        institutions=lists["institution"],
        mentors=lists["mentor"],
        tutors=lists["tutor"],
    )


@cache
def _picker_query() -> Select[Any]:
    """UNION ALL of (kind, id, a, b, c) rows, built once: building it costs more than running
    it. An id left None matches nothing (`= NULL`), so one statement serves every form."""

    def rows(kind: str, id_: Any, a: Any, b: Any, c: Any = None) -> Select[Any]:
        text = [cast(col if col is not None else null(), String) for col in (b, c)]
        return select(literal(kind, String).label("kind"), id_.label("id"), a.label("a"), *text)

    student: BindParameter[int] = bindparam("student")
    host: BindParameter[int] = bindparam("host")
    institution: BindParameter[int] = bindparam("institution")
    parts = union_all(
        rows("institution", Institution.id, Institution.name, Institution.country),
        rows("student", Student.id, Student.given_name, Student.family_name, Student.email).where(
            Student.id == student
        ),
        rows("host", Organisation.id, Organisation.name, Organisation.country).where(
            Organisation.id == host
        ),
        rows("mentor", Contact.id, Contact.name, Contact.role).where(
            Contact.organisation_id == host
        ),
        rows("tutor", Contact.id, Contact.name, Contact.role).where(
            Contact.institution_id == institution
        ),
    ).subquery()
    return select(parts).order_by(parts.c.kind, parts.c.a, parts.c.id)


def picker_choices(
    db: Database, links: Links | None = None, names: Names = ENGLISH_NAMES
) -> PickerChoices:
    """`read_picker_choices` in a session of its own (after a save, or for a restored draft)."""
    with db.session() as session:
        return read_picker_choices(session, links, names)
