"""Students. Organisations and institutions are in `organisations`, contacts in `contacts`,
the students' equity flags (special-category data, saved with a student or on their own) in
`equity`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.languages import LANGUAGES
from vipdesk.models import CEFR_LEVELS, Institution, Placement, Student
from vipdesk.models import StudentLanguage as _Language
from vipdesk.models.base import bump_version
from vipdesk.phrase import Joined, Phrase
from vipdesk.services.people.equity import EquityForm, apply_equity, check_equity
from vipdesk.services.people.rules import (
    Checker,
    RecordKind,
    Unique,
    delete_record,
    in_use_message,
    load_record,
    normal_email,
    optional,
    save_record,
)

EQF_LEVELS: dict[int, str] = {
    5: "EQF 5 (short cycle)",
    6: "EQF 6 (bachelor)",
    7: "EQF 7 (master)",
    8: "EQF 8 (doctorate)",
}
MINIMUM_AGE = 15
MAXIMUM_AGE = 100


@dataclass
class StudentForm:
    """What the student editor shows and edits; `version` is the one the user opened."""

    id: int | None = None
    version: int | None = None
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    student_number: str = ""
    date_of_birth: date | None = None
    nationality: str | None = None  # ISO 3166-1 alpha-2
    study_cycle: int | None = None  # EQF level 5-8
    field_of_education: str = ""  # ISCED-F
    programme: str = ""
    timezone: str | None = None
    institution_id: int | None = None
    languages: list[tuple[str, str]] = field(default_factory=list)  # (language, CEFR level)
    preferred_language: str | None = None  # what vipdesk writes to the student in; None: English
    updated_by: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_name.strip()} {self.family_name.strip()}".strip()


# --- validation ----------------------------------------------------------------------------


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def validate_student(form: StudentForm, *, today: date | None = None) -> list[FieldProblem]:
    """Rules that need no database; each problem names the field it belongs beside."""
    today = today or date.today()
    check = Checker()
    check.text(
        "given_name",
        form.given_name,
        "The given name is longer than {limit} characters.",
        120,
        required="Enter the given name.",
    )
    check.text(
        "family_name",
        form.family_name,
        "The family name is longer than {limit} characters.",
        120,
        required="Enter the family name.",
    )
    check.email("email", form.email, "Enter the student's e-mail address.")
    check.text(
        "student_number",
        form.student_number,
        "The student number is longer than {limit} characters.",
        40,
    )
    born = form.date_of_birth
    if born is not None:
        if born > today:
            check.said("date_of_birth", "The date of birth is in the future.")
        elif _age(born, today) < MINIMUM_AGE:
            check.said(
                "date_of_birth",
                "A student must be at least {age}; check the year ({year}).",
                age=MINIMUM_AGE,
                year=born.year,
            )
        elif _age(born, today) > MAXIMUM_AGE:
            check.said("date_of_birth", "Born in {year}? Check the year.", year=born.year)
    check.country("nationality", form.nationality)
    if form.study_cycle is not None and form.study_cycle not in EQF_LEVELS:
        check.said("study_cycle", "The study cycle is an EQF level from 5 to 8.")
    check.text(
        "field_of_education",
        form.field_of_education,
        "The field of education is longer than {limit} characters.",
        120,
    )
    check.text("programme", form.programme, "The programme is longer than {limit} characters.", 200)
    check.time_zone("timezone", form.timezone)
    if form.preferred_language and form.preferred_language not in LANGUAGES:
        check.said(
            "preferred_language",
            "vipdesk cannot write in '{code}'; choose one of {codes}.",
            code=form.preferred_language,
            codes=Joined(tuple(sorted(LANGUAGES)), ", "),
        )
    _validate_languages(check, form.languages)
    return check.problems


def _validate_languages(check: Checker, languages: list[tuple[str, str]]) -> None:
    seen: set[str] = set()
    for n, (language, level) in enumerate(languages, start=1):
        name = language.strip()
        if not name:
            check.said("languages", "Language {n}: type the language, e.g. English.", n=n)
            continue
        if len(name) > 60:
            check.said(
                "languages",
                "Language {n}: the name is longer than {limit} characters.",
                n=n,
                limit=60,
            )
        if level not in CEFR_LEVELS:
            levels = Joined(tuple(CEFR_LEVELS), ", ")
            check.said("languages", "{name}: choose a level ({levels}).", name=name, levels=levels)
        if name.casefold() in seen:
            check.said("languages", "{name} is listed twice.", name=name)
        seen.add(name.casefold())


def _check_student(session: Session, form: StudentForm) -> list[FieldProblem]:
    check = Checker()
    email = normal_email(form.email)
    other = session.scalars(
        select(Student).where(func.lower(Student.email) == email, Student.id != form.id)
    ).first()
    if other is not None:
        check.said(
            "email", "Another student already uses this e-mail ({name}).", name=other.full_name
        )
    number = optional(form.student_number)
    if number:
        other = session.scalars(
            select(Student).where(Student.student_number == number, Student.id != form.id)
        ).first()
        if other is not None:
            check.said(
                "student_number",
                "Another student already has this student number ({name}).",
                name=other.full_name,
            )
    if form.institution_id is not None and session.get(Institution, form.institution_id) is None:
        check.said("institution_id", "The chosen institution was deleted.")
    return check.problems


# --- load and save -------------------------------------------------------------------------


def _to_form(student: Student) -> StudentForm:
    return StudentForm(
        id=student.id,
        version=student.version,
        given_name=student.given_name,
        family_name=student.family_name,
        email=student.email,
        student_number=student.student_number or "",
        date_of_birth=student.date_of_birth,
        nationality=student.nationality,
        study_cycle=student.study_cycle,
        field_of_education=student.field_of_education or "",
        programme=student.programme or "",
        timezone=student.timezone,
        institution_id=student.institution_id,
        languages=[(lang.language, lang.level) for lang in student.languages],
        preferred_language=student.preferred_language,
        updated_by=student.updated_by,
    )


def _apply(session: Session, student: Student, form: StudentForm) -> None:
    student.given_name = form.given_name.strip()
    student.family_name = form.family_name.strip()
    student.email = normal_email(form.email)
    student.student_number = optional(form.student_number)
    student.date_of_birth = form.date_of_birth
    student.nationality = form.nationality.upper() if form.nationality else None
    student.study_cycle = form.study_cycle
    student.field_of_education = optional(form.field_of_education)
    student.programme = optional(form.programme)
    assert form.timezone is not None  # validated
    student.timezone = form.timezone
    student.institution_id = form.institution_id
    student.preferred_language = form.preferred_language or None
    if _apply_languages(session, student, form.languages) and student.id is not None:
        bump_version(student)  # a concurrent edit of the languages is caught as a conflict


def _apply_languages(session: Session, student: Student, wanted: list[tuple[str, str]]) -> bool:
    """Update rows in place by language (never delete and re-insert the same language: the
    UNIQUE constraint would see both); returns whether anything changed."""
    current = {lang.language.casefold(): lang for lang in student.languages}
    keep: list[_Language] = []
    changed = False
    for language, level in wanted:
        name = language.strip()
        row = current.pop(name.casefold(), None)
        if row is None:
            row = _Language(language=name, level=level)
            changed = True
        elif (row.language, row.level) != (name, level):
            row.language, row.level = name, level
            changed = True
        keep.append(row)
    if current or [id(r) for r in keep] != [id(r) for r in student.languages]:
        changed = True
    if changed:
        for row in current.values():
            session.delete(row)  # explicitly, so that the audit trail sees the removal
        student.languages[:] = keep
    return changed


def _in_use(session: Session, student: Student) -> Phrase | None:
    count = session.scalar(
        select(func.count()).select_from(Placement).where(Placement.student_id == student.id)
    )
    if not count:
        return None
    return in_use_message(student.full_name, [(count, "placement")])


STUDENTS: RecordKind[StudentForm, Student] = RecordKind(
    what="student",
    model=Student,
    form_type=StudentForm,
    to_form=_to_form,
    apply=_apply,
    validate=validate_student,
    check=_check_student,
    in_use=_in_use,
    unique=(
        Unique(
            ("uq_student_email", "student.email"),
            "email",
            "Another student already uses this e-mail.",
        ),
        Unique(
            ("uq_student_student_number", "student.student_number"),
            "student_number",
            "Another student already has this student number.",
        ),
    ),
)


def new_student_form(db: Database) -> StudentForm:
    """Sensible defaults: the office's institution and its time zone when there is just one."""
    with db.session() as session:
        rows = session.execute(select(Institution.id, Institution.timezone).limit(2)).all()
    if len(rows) != 1:
        return StudentForm()
    return StudentForm(institution_id=rows[0].id, timezone=rows[0].timezone)


def load_student(db: Database, student_id: int) -> StudentForm:
    return load_record(db, STUDENTS, student_id)


def save_student(
    db: Database,
    form: StudentForm,
    user: str | None = None,
    *,
    overwrite: bool = False,
    equity: EquityForm | None = None,
) -> StudentForm:
    """Create or update a student (see `people_rules.save_record` for what it raises).

    `equity`, when given, is stored in the same transaction under the student's version check.
    """
    if equity is None:
        return save_record(db, STUDENTS, form, user, overwrite=overwrite)
    check_equity(equity)
    return save_record(
        db,
        STUDENTS,
        form,
        user,
        overwrite=overwrite,
        also=lambda session, student: apply_equity(
            session, student, equity, bump=form.id is not None
        ),
    )


def delete_student(db: Database, student_id: int, user: str | None = None) -> None:
    """Delete a student without placements (their languages and equity flags go too)."""
    delete_record(db, STUDENTS, student_id, user)
