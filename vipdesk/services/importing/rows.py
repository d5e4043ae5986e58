"""Turning one spreadsheet row into a student or an organisation form, checked by the same
`validate_…` rules as the editors, and telling which rows are already in the database.

Placements, which refer to students, hosts and people, are in `import_placements`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vipdesk.errors import FieldProblem
from vipdesk.models import (
    CEFR_LEVELS,
    Base,
    Institution,
    Organisation,
    OrganisationSize,
    Student,
)
from vipdesk.phrase import Joined, Label, Phrase
from vipdesk.services.importing.cells import Cell, CellProblem, shorten
from vipdesk.services.importing.columns import (
    CellError,
    DateOrder,
    as_choice,
    as_country,
    as_date,
    as_language,
    as_text,
    as_whole,
    country_time_zone,
)
from vipdesk.services.people.organisations import (
    ORGANISATIONS,
    OrganisationForm,
    validate_organisation,
)
from vipdesk.services.people.students import STUDENTS, StudentForm, validate_student
from vipdesk.services.placements.records import PeriodForm
from vipdesk.services.refdata import country, country_name

T = TypeVar("T")


def display(value: object) -> Any:
    """A value read from a cell, as the preview shows it: as text, or as a part of a phrase
    where the interface words it in its language (a status, a mode, a blended period). Dates
    stay ISO: the preview shows how a 01/02/2026 was read, whatever the language."""
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return Label(label)
    if isinstance(value, list):
        return Joined(tuple(display(v) for v in value), "; ")
    if isinstance(value, tuple):  # a language and its level
        return " ".join(str(v) for v in value if v)
    if isinstance(value, PeriodForm):  # a blended period
        kind = Label(value.kind.value.capitalize(), True)  # a mode's name: "physical"
        return Phrase("{kind} {start} to {end}", {"kind": kind, "start": str(value.start),
                                                  "end": str(value.end or "")})  # fmt: skip
    return str(value)


@dataclass
class Row:
    """The cells of one row by column key, and what went wrong reading them."""

    number: int
    cells: dict[str, Cell]
    problems: list[tuple[str, Phrase]] = field(default_factory=list)  # (column key, why)
    shown: dict[str, Any] = field(default_factory=dict)  # column key → value as understood
    unread: set[str] = field(default_factory=set)  # columns whose cell holds no value

    @classmethod
    def of(cls, number: int, cells: dict[str, Cell | CellProblem]) -> Row:
        """A row whose unusable cells are already its problems, and empty to the builders."""
        row = cls(number, {})
        for key, value in cells.items():
            if isinstance(value, CellProblem):
                row.problems.append((key, value.phrase))
                row.shown[key] = value.shown
                row.unread.add(key)
                value = None
            row.cells[key] = value
        return row

    def text(self, key: str) -> str:
        value = as_text(self.cells.get(key))
        if value:
            self.shown[key] = value
        return value

    def read(self, key: str, parse: Callable[[Cell], T | None]) -> T | None:
        raw = self.cells.get(key)
        try:
            value = parse(raw)
        except CellError as exc:
            self.problems.append((key, exc.phrase))
            self.shown[key] = as_text(raw)
            return None
        if value is not None and value != []:
            self.shown[key] = display(value)
        return value

    def country(self, key: str = "country") -> str | None:
        """An ISO code from a code or an English name; the preview shows the name."""
        code = self.read(key, as_country)
        if code is not None:
            self.shown[key] = country(code)
        return code

    def messages(self) -> list[tuple[str, str]]:
        """The problems in English: (column key, message)."""
        return [(key, phrase.english()) for key, phrase in self.problems]

    def problem(self, key: str, template: str, **values: Any) -> None:
        """A problem with the column `key`, said as `template` filled with `values`."""
        if key not in self.unread:  # "enter the mode" would only repeat "#N/A is an error"
            self.problems.append((key, Phrase(template, values)))

    def add(
        self,
        problems: list[FieldProblem],
        columns: dict[str, str],
        depends: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """Problems found by a service's `validate_…`, moved to the columns they concern.

        A column that already has a problem (a cell that could not be read) keeps just that
        one: "enter the start date" would only repeat "'31.02.2027' is not a date" worse.
        `depends` names columns whose problem also explains another's (host ← country).
        """
        explained = {key for key, _ in self.problems}
        for column, causes in (depends or {}).items():
            if explained.intersection(causes):
                explained.add(column)
        for p in problems:
            column = columns.get(p.field, p.field)
            if column not in explained:
                self.problems.append(
                    (column, p.phrase or Phrase("{message}", {"message": p.message}))
                )


@dataclass
class Built:
    form: Any
    existing: str | None = None  # why the record is already in the database
    # (column, key, the problem of a row repeating it: a template of {first}, the first row)
    keys: list[tuple[str, Hashable, str]] = field(default_factory=list)


class Ids:
    """Primary keys chosen before the INSERTs.

    With its id known, SQLAlchemy sends new rows in batches; without, it needs one
    INSERT … RETURNING per row, which makes 10,000 placements take twice as long. PostgreSQL
    hands out ids from the table's own sequence; on SQLite the import holds the only write
    transaction from its start (`run_import` begins it IMMEDIATE), so the largest id it reads
    stays the largest.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._postgres = session.get_bind().dialect.name == "postgresql"
        self._free: dict[str, list[int]] = {}
        self._next: dict[str, int] = {}

    def reserve(self, table: str, count: int) -> None:
        if count <= 0 or not self._postgres:
            return
        serial = func.pg_get_serial_sequence(table, "id")
        query = select(func.nextval(serial)).select_from(func.generate_series(1, count))
        self._free.setdefault(table, []).extend(reversed(self._session.scalars(query).all()))

    def take(self, table: str) -> int:
        free = self._free.get(table)
        if free:
            return free.pop()
        if self._postgres:
            self.reserve(table, 1)
            return self._free[table].pop()
        number = self._next.get(table)
        if number is None:
            column = Base.metadata.tables[table].c.id
            number = (self._session.scalar(select(func.max(column))) or 0) + 1
        self._next[table] = number + 1
        return number


class RowKind:
    """How rows of one kind become forms, which already exist, and how new ones are added."""

    what = "record"
    plural = "records"
    sheet_names: tuple[str, ...] = ()  # worksheets to prefer in a workbook
    date_order = DateOrder.DAY_FIRST  # how 01/02/2026 is read; the import sets it

    def prepare(self, session: Session) -> None:
        """Read what the rows are checked against (existing records, names to look up)."""

    def as_date(self, value: Cell) -> date | None:
        """A date cell, 01/02/2026 read in `date_order`."""
        return as_date(value, self.date_order)

    def build(self, row: Row) -> Built:
        raise NotImplementedError

    def exists(self, form: Any) -> str | None:
        """Why `form` is already in the database (as read by `prepare`), or None."""
        raise NotImplementedError

    def before_insert(self, session: Session, forms: list[Any]) -> None:
        """Called once with every form about to be inserted."""
        self.ids = Ids(session)

    def insert(self, session: Session, form: Any) -> None:
        raise NotImplementedError


def _key(text: str) -> str:
    return text.strip().lower()


class Institutions:
    """Institutions by name, for the 'Institution' column of students and placements."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Institution.id, Institution.name, Institution.timezone))
        self.by_name = {_key(name): (iid, zone) for iid, name, zone in rows}
        self.only = next(iter(self.by_name.values())) if len(self.by_name) == 1 else None

    def find(self, row: Row, key: str = "institution") -> tuple[int, str] | None:
        name = row.text(key)
        if not name:
            return self.only
        found = self.by_name.get(_key(name))
        if found is None:
            row.problem(
                key,
                "There is no institution '{name}' in vipdesk; add it first.",
                name=shorten(name),
            )
        return found


# --- students ------------------------------------------------------------------------------

_STUDY_CYCLES = {
    **{str(n): n for n in range(5, 9)},
    **{f"eqf {n}": n for n in range(5, 9)},
    **{f"eqf{n}": n for n in range(5, 9)},
    "short cycle": 5,
    "bachelor": 6,
    "master": 7,
    "doctorate": 8,
    "phd": 8,
    "doctoral": 8,
}
_LEVELS = {level.lower(): level for level in CEFR_LEVELS}


def study_cycle(value: Cell) -> int | None:
    text = as_text(value)
    if not text:
        return None
    found = _STUDY_CYCLES.get(re.sub(r"\s+", " ", text.lower()).strip())
    if found is None:
        raise CellError(
            "'{text}' is not a study cycle: write 5, 6, 7 or 8 (EQF level).", text=shorten(text)
        )
    return found


def languages(value: Cell) -> list[tuple[str, str]]:
    """'English C1; German (B2)' → [('English', 'C1'), ('German', 'B2')]."""
    out: list[tuple[str, str]] = []
    for part in re.split(r"[;,\n]", as_text(value)):
        words = part.replace("(", " ").replace(")", " ").replace(":", " ").split()
        if not words:
            continue
        level = _LEVELS.get(words[-1].lower())
        if level is None:
            out.append((" ".join(words), ""))  # validate_student names the missing level
        else:
            out.append((" ".join(words[:-1]), level))
    return out


class StudentRows(RowKind):
    what, plural = "student", "students"
    sheet_names = ("Students",)

    def prepare(self, session: Session) -> None:
        rows = session.execute(
            select(Student.email, Student.student_number, Student.given_name, Student.family_name)
        )
        self.emails: dict[str, str] = {}
        self.numbers: dict[str, str] = {}
        for email, number, given, family in rows:
            self.emails[email.lower()] = f"{given} {family}"
            if number:
                self.numbers[number] = f"{given} {family}"
        self.institutions = Institutions(session)

    def build(self, row: Row) -> Built:
        institution = self.institutions.find(row)
        form = StudentForm(
            given_name=row.text("given_name"),
            family_name=row.text("family_name"),
            email=row.text("email"),
            student_number=row.text("student_number"),
            date_of_birth=row.read("date_of_birth", self.as_date),
            nationality=row.country("nationality"),
            study_cycle=row.read("study_cycle", study_cycle),
            field_of_education=row.text("field_of_education"),
            programme=row.text("programme"),
            timezone=row.text("timezone") or self._zone(institution, row),
            institution_id=institution[0] if institution else None,
            languages=row.read("languages", languages) or [],
            preferred_language=row.read("preferred_language", as_language),
        )
        # Without a time zone of its own a row takes its institution's: fix that first.
        row.add(validate_student(form), {}, depends={"timezone": ("institution", "nationality")})
        email, number = _key(form.email), form.student_number.strip()
        keys: list[tuple[str, Hashable, str]] = [
            ("email", email, "The same e-mail as row {first}.")
        ]
        if number:
            keys.append(("student_number", number, "The same student number as row {first}."))
        return Built(form, self.exists(form), keys)

    @staticmethod
    def _zone(institution: tuple[int, str] | None, row: Row) -> str | None:
        """No time zone given: the institution's, else the nationality's (if it has one)."""
        if institution is not None:
            return institution[1]
        try:
            return country_time_zone(as_country(row.cells.get("nationality")))
        except CellError:
            return None

    def exists(self, form: Any) -> str | None:
        email, number = _key(form.email), form.student_number.strip()
        if email in self.emails:
            return f"a student with this e-mail ({self.emails[email]})"
        if number and number in self.numbers:
            return f"a student with this student number ({self.numbers[number]})"
        return None

    def before_insert(self, session: Session, forms: list[Any]) -> None:
        super().before_insert(session, forms)
        self.ids.reserve("student", len(forms))
        self.ids.reserve("student_language", sum(len(f.languages) for f in forms))

    def insert(self, session: Session, form: Any) -> None:
        student = Student(id=self.ids.take("student"))
        STUDENTS.apply(session, student, form)
        for language in student.languages:
            language.id = self.ids.take("student_language")
        session.add(student)


# --- organisations -------------------------------------------------------------------------


_SIZES = {
    "small": OrganisationSize.SMALL.value,
    "sme": OrganisationSize.SMALL.value,
    "< 250": OrganisationSize.SMALL.value,
    "<250": OrganisationSize.SMALL.value,
    "< 250 employees": OrganisationSize.SMALL.value,
    "large": OrganisationSize.LARGE.value,
    ">= 250": OrganisationSize.LARGE.value,
    "≥ 250": OrganisationSize.LARGE.value,
    "≥ 250 employees": OrganisationSize.LARGE.value,
    "250+": OrganisationSize.LARGE.value,
}


def organisation_size(value: Cell) -> OrganisationSize | None:
    if isinstance(value, int | float) or re.fullmatch(r"\d+", as_text(value), re.ASCII):
        staff = as_whole(
            value,
            too_many="'{text}' is far too many employees.",
            not_whole="'{text}' is not a whole number of employees.",
        )
        if staff is not None and staff < 0:
            raise CellError("'{text}' is not a number of employees.", text=staff)
        return None if staff is None else _size(staff)
    found = as_choice(value, _SIZES, unknown="'{text}' is not a size; choose one of: {allowed}.")
    return OrganisationSize(found) if found else None


def _size(staff: int) -> OrganisationSize:
    return OrganisationSize.SMALL if staff < 250 else OrganisationSize.LARGE


class OrganisationRows(RowKind):
    what, plural = "organisation", "organisations"
    sheet_names = ("Organisations", "Organizations", "Hosts")

    def prepare(self, session: Session) -> None:
        rows = session.execute(select(Organisation.name, Organisation.country))
        self.existing = {(_key(name), country): name for name, country in rows}

    def build(self, row: Row) -> Built:
        country = row.country()
        form = OrganisationForm(
            name=row.text("name"),
            country=country,
            city=row.text("city"),
            street=row.text("street"),
            postcode=row.text("postcode"),
            website=row.text("website"),
            sector=row.text("sector"),
            size=row.read("size", organisation_size),
            timezone=row.text("timezone") or country_time_zone(country),
        )
        if form.timezone and "timezone" not in row.cells:
            row.shown["timezone"] = form.timezone
        problems = validate_organisation(form)
        if country is None and "country" in row.cells and row.cells["country"] is not None:
            problems = [p for p in problems if p.field != "country"]  # already explained
        row.add(problems, {})
        key = (_key(form.name), country)
        return Built(form, self.exists(form), [("name", key, "name and country")])

    def exists(self, form: Any) -> str | None:
        if (_key(form.name), form.country) in self.existing:
            return f"an organisation with this name in {country_name(form.country)}"
        return None

    def before_insert(self, session: Session, forms: list[Any]) -> None:
        super().before_insert(session, forms)
        self.ids.reserve("organisation", len(forms))

    def insert(self, session: Session, form: Any) -> None:
        organisation = Organisation(id=self.ids.take("organisation"))
        ORGANISATIONS.apply(session, organisation, form)
        session.add(organisation)
