"""Placement records: validation, load and save with conflict detection.

Moving a placement along its lifecycle is in `services.lifecycle`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from itertools import pairwise

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.errors import (
    ConflictError,
    FieldProblem,
    NotFoundError,
    ValidationError,
)
from vipdesk.models import (
    Contact,
    Institution,
    Mode,
    Organisation,
    PeriodKind,
    Placement,
    PlacementPeriod,
    Status,
    Student,
)
from vipdesk.phrase import Count, Day
from vipdesk.services.placements.lookups import PickerChoices, read_picker_choices
from vipdesk.services.refdata import ENGLISH_NAMES, Names
from vipdesk.services.trash.bin import keep_deleted

REFERENCE_PREFIX = "VIP"


@dataclass
class PeriodForm:
    kind: PeriodKind
    start: date | None
    end: date | None


@dataclass
class PlacementForm:
    """What the editor shows and edits; `version` is the one the user opened."""

    id: int | None = None
    version: int | None = None
    reference: str | None = None
    status: Status = Status.DRAFT
    student_id: int | None = None
    host_id: int | None = None
    institution_id: int | None = None
    mode: Mode = Mode.VIRTUAL
    title: str = ""
    description: str = ""
    planned_start: date | None = None
    planned_end: date | None = None
    hours_per_week: int | None = None
    ects_credits: Decimal | None = None
    mentor_id: int | None = None
    tutor_id: int | None = None
    notes: str = ""
    periods: list[PeriodForm] = field(default_factory=list)
    updated_by: str | None = None


# Fields the user edits (everything but identity and bookkeeping).
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    f.name
    for f in fields(PlacementForm)
    if f.name not in {"id", "version", "reference", "status", "updated_by"}
)


def changed_fields(before: PlacementForm, after: PlacementForm) -> list[str]:
    """Editable fields whose values differ between two versions of a form."""
    return [name for name in EDITABLE_FIELDS if getattr(before, name) != getattr(after, name)]


# --- validation ----------------------------------------------------------------------------


def validate(form: PlacementForm) -> list[FieldProblem]:
    """Rules that need no database; each problem names the field it belongs beside."""
    problems: list[FieldProblem] = []

    def problem(name: str, template: str, **values: object) -> None:
        problems.append(FieldProblem.said(name, template, **values))

    if form.student_id is None:
        problem("student_id", "Choose the student, or create a new one.")
    if form.host_id is None:
        problem("host_id", "Choose the host organisation, or create a new one.")
    if form.institution_id is None:
        problem("institution_id", "Choose the sending institution.")
    if not form.title.strip():
        problem("title", "Give the placement a title, e.g. 'Market research assistant'.")
    elif len(form.title) > 200:
        problem("title", "The title is longer than 200 characters.")
    if len(form.description.strip()) > limits.LONG:
        problem(
            "description",
            "The description is longer than {limit} characters.",
            limit=Count(limits.LONG),
        )
    if len(form.notes.strip()) > limits.NOTE:
        problem("notes", "The notes are longer than {limit} characters.", limit=Count(limits.NOTE))
    if form.planned_start is None:
        problem("planned_start", "Enter the planned start date.")
    if form.planned_end is None:
        problem("planned_end", "Enter the planned end date.")
    if form.planned_start and form.planned_end and form.planned_end < form.planned_start:
        problem(
            "planned_end",
            "The end ({end}) is before the start ({start}).",
            end=Day(form.planned_end, padded=True),
            start=Day(form.planned_start, padded=True),
        )
    if form.hours_per_week is None:
        problem("hours_per_week", "Enter the hours per week (1 to 60).")
    elif not 1 <= form.hours_per_week <= 60:
        problem("hours_per_week", "Hours per week must be between 1 and 60.")
    if form.ects_credits is not None and not Decimal(0) <= form.ects_credits <= Decimal(60):
        problem("ects_credits", "ECTS credits must be between 0 and 60.")
    if form.ects_credits is not None and form.ects_credits != form.ects_credits.quantize(
        Decimal("0.1")
    ):
        problem("ects_credits", "ECTS credits take at most one decimal, e.g. 7.5.")
    problems.extend(_validate_periods(form))
    return problems


def _validate_periods(form: PlacementForm) -> list[FieldProblem]:
    if form.mode is not Mode.BLENDED:
        return []
    out: list[FieldProblem] = []
    kinds = {p.kind for p in form.periods}
    if kinds != {PeriodKind.PHYSICAL, PeriodKind.VIRTUAL}:
        out.append(
            FieldProblem.said(
                "periods", "A blended placement needs at least one physical and one virtual period."
            )
        )
    dated = []
    for n, period in enumerate(form.periods, start=1):
        if period.start is None or period.end is None:
            out.append(
                FieldProblem.said("periods", "Period {n} needs a start and an end date.", n=n)
            )
            continue
        if period.end < period.start:
            out.append(FieldProblem.said("periods", "Period {n} ends before it starts.", n=n))
            continue
        if (
            form.planned_start
            and form.planned_end
            and (period.start < form.planned_start or period.end > form.planned_end)
        ):
            out.append(
                FieldProblem.said(
                    "periods", "Period {n} lies outside the planned start and end.", n=n
                )
            )
        dated.append((period.start, period.end, n))
    dated.sort()
    for (_, end_a, n_a), (start_b, _, n_b) in pairwise(dated):
        if start_b <= end_a:
            out.append(FieldProblem.said("periods", "Periods {a} and {b} overlap.", a=n_a, b=n_b))
    return out


# Which record a link pointed to, when it was deleted meanwhile.
_DELETED = {
    "student_id": "The chosen student was deleted.",
    "host_id": "The chosen host organisation was deleted.",
    "institution_id": "The chosen sending institution was deleted.",
}


def _validate_links(session: Session, form: PlacementForm) -> list[FieldProblem]:
    """Rules that look at other records: they exist, the mentor works at the host."""
    out: list[FieldProblem] = []
    for name, cls in (
        ("student_id", Student),
        ("host_id", Organisation),
        ("institution_id", Institution),
    ):
        value = getattr(form, name)
        if value is not None and session.get(cls, value) is None:
            out.append(FieldProblem.said(name, _DELETED[name]))
    if form.mentor_id is not None:
        mentor = session.get(Contact, form.mentor_id)
        if mentor is None:
            out.append(FieldProblem.said("mentor_id", "The chosen mentor was deleted."))
        elif mentor.organisation_id != form.host_id:
            out.append(
                FieldProblem.said("mentor_id", "The mentor must work at the host organisation.")
            )
    if form.tutor_id is not None:
        tutor = session.get(Contact, form.tutor_id)
        if tutor is None:
            out.append(FieldProblem.said("tutor_id", "The chosen tutor was deleted."))
        elif tutor.institution_id is None:
            out.append(
                FieldProblem.said("tutor_id", "The academic tutor must work at an institution.")
            )
    return out


# --- load and save -------------------------------------------------------------------------


def to_form(placement: Placement) -> PlacementForm:
    return PlacementForm(
        id=placement.id,
        version=placement.version,
        reference=placement.reference,
        status=placement.status,
        student_id=placement.student_id,
        host_id=placement.host_id,
        institution_id=placement.institution_id,
        mode=placement.mode,
        title=placement.title,
        description=placement.description or "",
        planned_start=placement.planned_start,
        planned_end=placement.planned_end,
        hours_per_week=placement.hours_per_week,
        ects_credits=placement.ects_credits,
        mentor_id=placement.mentor_id,
        tutor_id=placement.tutor_id,
        notes=placement.notes or "",
        periods=[PeriodForm(p.kind, p.start, p.end) for p in placement.periods],
        updated_by=placement.updated_by,
    )


def open_new_placement(
    db: Database, names: Names = ENGLISH_NAMES
) -> tuple[PlacementForm, PickerChoices]:
    """A new form with sensible defaults and its pickers' choices: the office's institution
    (and its tutors) when there is just one, 20 hours a week."""
    form = PlacementForm(hours_per_week=20)
    with db.session() as session:
        choices = read_picker_choices(session, names=names)
        if len(choices.institutions) == 1:
            form.institution_id = choices.institutions[0][0]
            choices = read_picker_choices(session, form, names)  # with the institution's tutors
    return form, choices


def load_placement(db: Database, placement_id: int) -> PlacementForm:
    with db.session() as session:
        return _read_form(session, placement_id)


def _read_form(session: Session, placement_id: int) -> PlacementForm:
    # The periods in the same query: on a server each extra query is a round-trip.
    placement = session.get(Placement, placement_id, options=[joinedload(Placement.periods)])
    if placement is None:
        raise NotFoundError.said("This placement no longer exists: someone may have deleted it.")
    return to_form(placement)


def open_placement(
    db: Database, placement_id: int, names: Names = ENGLISH_NAMES
) -> tuple[PlacementForm, PickerChoices]:
    """What the editor needs to show a placement: the form and its pickers' choices.

    One session, two queries: opening a placement must feel instant on a shared server too.

    Raises:
        NotFoundError: the placement was deleted.
    """
    with db.session() as session:
        form = _read_form(session, placement_id)
        return form, read_picker_choices(session, form, names)


def next_reference(session: Session, year: int) -> str:
    prefix = f"{REFERENCE_PREFIX}-{year}-"
    last = session.scalar(
        select(func.max(Placement.reference)).where(Placement.reference.like(f"{prefix}%"))
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def _apply(session: Session, placement: Placement, form: PlacementForm) -> None:
    for name in EDITABLE_FIELDS:
        if name == "periods":
            continue
        value = getattr(form, name)
        if isinstance(value, str) and name in {"description", "notes"}:
            value = value.strip() or None
        elif name == "title":
            value = value.strip()
        setattr(placement, name, value)
    wanted = [(p.kind, p.start, p.end) for p in form.periods] if form.mode is Mode.BLENDED else []
    current = [(p.kind, p.start, p.end) for p in placement.periods]
    if wanted != current:
        for period in list(placement.periods):
            session.delete(period)  # explicitly, so that the audit trail records the removal
        placement.periods.clear()
        placement.periods.extend(
            PlacementPeriod(kind=kind, start=start, end=end) for kind, start, end in wanted
        )


def save_placement(
    db: Database, form: PlacementForm, user: str | None = None, *, overwrite: bool = False
) -> PlacementForm:
    """Create or update a placement and return it as now stored.

    Raises:
        ValidationError: the form breaks a rule; nothing is saved.
        ConflictError: someone saved the placement after `form.version` was read (unless
            `overwrite`, the user's explicit "keep mine" after seeing theirs).
        NotFoundError: the placement was deleted meanwhile.
    """
    problems = validate(form)
    if problems:
        raise ValidationError(problems)
    try:
        with db.session(user) as session:
            problems = _validate_links(session, form)
            if problems:
                raise ValidationError(problems)
            if form.id is None:
                assert form.planned_start is not None
                placement = Placement(status=Status.DRAFT)
                _apply(session, placement, form)
                placement.reference = next_reference(session, date.today().year)
                session.add(placement)
            else:
                found = session.get(Placement, form.id)
                if found is None:
                    raise NotFoundError.said(
                        "This placement was deleted by someone else; your edits were not saved."
                    )
                placement = found
                if placement.version != form.version and not overwrite:
                    theirs = to_form(placement)
                    raise ConflictError(
                        "placement",
                        theirs=theirs,
                        changed_by=placement.updated_by,
                        changed_fields=changed_fields(form, theirs),
                    )
                _apply(session, placement, form)
            session.flush()
            return to_form(placement)
    except StaleDataError as exc:
        # Someone saved between our read and our write: the version check in the UPDATE caught it.
        current = load_placement(db, form.id) if form.id is not None else None
        raise ConflictError(
            "placement", theirs=current, changed_by=current.updated_by if current else None
        ) from exc
    except IntegrityError as exc:
        raise _integrity_problem(exc) from exc


def _integrity_problem(exc: IntegrityError) -> ValidationError:
    text = str(exc.orig).lower()
    if "reference" in text:
        return ValidationError.on(
            "reference", "Another coordinator took the same reference just now: save again."
        )
    if "end_after_start" in text:
        return ValidationError.on("planned_end", "The end is before the start.")
    if "hours_range" in text:
        return ValidationError.on("hours_per_week", "Hours per week must be between 1 and 60.")
    # Another rule of the schema: its own words (the database's) follow.
    return ValidationError.on("", "The database refused the change: {reason}", reason=str(exc.orig))


def delete_placement(db: Database, placement_id: int, user: str | None = None) -> None:
    with db.session(user) as session:
        placement = session.get(Placement, placement_id)
        if placement is None:
            return  # already gone: what the user wanted
        keep_deleted(session, "placement", placement_id, placement.reference)  # 30 days back
        session.delete(placement)


def with_changes(form: PlacementForm, **changes: object) -> PlacementForm:
    """A copy of the form with some fields replaced (handy for tests and scripts)."""
    return replace(form, **changes)  # type: ignore[arg-type]
