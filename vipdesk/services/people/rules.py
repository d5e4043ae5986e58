"""What students, organisations, contacts and institutions share: input checks and the
load / save / delete machinery with conflict detection (the rules of `placements.save_placement`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.errors import (
    ConflictError,
    FieldProblem,
    NotFoundError,
    ValidationError,
    VipdeskError,
)
from vipdesk.models import Placement
from vipdesk.models.base import Versioned
from vipdesk.phrase import Count, Label, Phrase
from vipdesk.services.refdata import is_country, is_time_zone

# local@domain.tld — deliberately loose: international addresses are fine, typos with spaces,
# a missing @ or a missing domain are not.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[^@\s.]{2,}$")
# acme.example, www.acme.example/en, https://acme.example:8080/path
_URL = re.compile(r"^(https?://)?([^\s/:@.]+\.)+[^\s/:@.]{2,}(:\d{1,5})?([/?#]\S*)?$", re.I)

BOOKKEEPING_FIELDS = frozenset({"id", "version", "updated_by"})


def normal_email(value: str) -> str:
    """E-mail addresses are stored trimmed and lower-cased, so that duplicates are found."""
    return value.strip().lower()


def optional(value: str | None) -> str | None:
    """Trimmed text, or None when nothing is left."""
    if value is None:
        return None
    return value.strip() or None


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def join_words(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


class Checker:
    """Collects field problems with friendly messages; one method per kind of rule.

    The rules say their problems as phrases (`FieldProblem.said`), for the interface to word;
    a caller gives whole sentences as templates, so no English word is put into another.
    """

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def add(self, name: str, message: str) -> None:
        """A problem already worded (in English only)."""
        self.problems.append(FieldProblem(name, message))

    def said(self, field: str, template: str, /, **values: object) -> None:
        self.problems.append(FieldProblem.said(field, template, **values))

    def text(
        self, name: str, value: str | None, too_long: str, max_length: int, *, required: str = ""
    ) -> None:
        """`too_long` says "… longer than {limit} characters."; `required` is the problem of an
        empty value (none: optional)."""
        value = (value or "").strip()
        if not value:
            if required:
                self.said(name, required)
        elif len(value) > max_length:
            self.said(name, too_long, limit=max_length)

    def email(self, name: str, value: str, required: str) -> None:
        """`required` is the problem of an empty address ("Enter the student's e-mail …")."""
        value = value.strip()
        if not value:
            self.said(name, required)
        elif len(value) > 254 or not _EMAIL.match(value):
            self.said(
                name,
                "'{value}' is not an e-mail address; it should look like name@uni.eu.",
                value=value,
            )

    def country(self, name: str, value: str | None, *, required: str = "") -> None:
        if not value:
            if required:
                self.said(name, required)
        elif not is_country(value):
            self.said(
                name,
                "'{value}' is not a country code; choose a country from the list.",
                value=value,
            )

    def time_zone(self, name: str, value: str | None) -> None:
        if not value:
            self.said(name, "Choose the time zone, e.g. Europe/Warsaw.")
        elif not is_time_zone(value):
            self.said(name, "'{value}' is not a time zone; choose one from the list.", value=value)

    def website(self, name: str, value: str | None) -> None:
        value = (value or "").strip()
        if not value:
            return
        if len(value) > 300:
            self.said(name, "The website address is longer than 300 characters.")
        elif not _URL.match(value):
            self.said(
                name,
                "'{value}' does not look like a web address, e.g. https://acme.eu.",
                value=value,
            )


def count_placements(session: Session, condition: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(Placement).where(condition)) or 0


# How many records of a kind, inside a sentence: "2 placements" (one template per number form
# in English; each language words the count its own way).
_COUNTED = {
    "placement": (Phrase("{count} placement"), Phrase("{count} placements")),
    "student": (Phrase("{count} student"), Phrase("{count} students")),
    "contact": (Phrase("{count} contact"), Phrase("{count} contacts")),
}


def counted(count: int, noun: str) -> Phrase:
    """'2 placements' as a phrase (`noun`: a key of `_COUNTED`)."""
    one, more = _COUNTED[noun]
    return Phrase((one if count == 1 else more).template, {"count": Count(count)})


def listed(parts: Sequence[Phrase]) -> Phrase:
    """'a', 'a and b' or 'a, b and c' (at most three parts)."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return Phrase("{first} and {second}", {"first": parts[0], "second": parts[1]})
    first, second, third = parts
    return Phrase(
        "{first}, {second} and {third}", {"first": first, "second": second, "third": third}
    )


def in_use_message(name: str, counts: list[tuple[int, str]]) -> Phrase | None:
    """'Acme has 2 placements and 1 contact; …', or None when every count is 0."""
    parts = [counted(count, noun) for count, noun in counts if count]
    if not parts:
        return None
    return Phrase(
        "{name} has {records}; delete or reassign them first.",
        {"name": name, "records": listed(parts)},
    )


# --- the record machinery ------------------------------------------------------------------


class RecordForm(Protocol):
    id: int | None
    version: int | None
    updated_by: str | None


F = TypeVar("F", bound=RecordForm)
M = TypeVar("M", bound=Versioned)


@dataclass(frozen=True)
class Unique:
    """A UNIQUE constraint as the two databases name it, and the field to blame it on."""

    fragments: tuple[str, ...]  # PostgreSQL names the constraint, SQLite the columns
    field: str
    message: str


@dataclass(frozen=True)
class RecordKind(Generic[F, M]):
    """How one kind of record is validated, checked against others, loaded and stored."""

    what: str  # "student": used in messages
    model: type[M]
    form_type: type[F]
    to_form: Callable[[M], F]
    apply: Callable[[Session, M, F], None]
    validate: Callable[[F], list[FieldProblem]]
    check: Callable[[Session, F], list[FieldProblem]]  # needs the database: duplicates, links
    in_use: Callable[[Session, M], Phrase | None]  # why it cannot be deleted, or None
    unique: tuple[Unique, ...] = ()

    def editable(self) -> list[str]:
        return [f.name for f in fields(self.form_type) if f.name not in BOOKKEEPING_FIELDS]  # type: ignore[arg-type]

    def changed_fields(self, before: F, after: F) -> list[str]:
        return [n for n in self.editable() if getattr(before, n) != getattr(after, n)]


def load_record(db: Database, kind: RecordKind[F, M], record_id: int) -> F:
    with db.session() as session:
        obj = session.get(kind.model, record_id)
        if obj is None:
            raise NotFoundError.said(
                "This {what} no longer exists: someone may have deleted it.",
                what=Label(kind.what),
            )
        return kind.to_form(obj)


def save_record(
    db: Database,
    kind: RecordKind[F, M],
    form: F,
    user: str | None,
    *,
    overwrite: bool,
    also: Callable[[Session, M], None] | None = None,
) -> F:
    """Create or update a record and return it as now stored.

    `also` stores what travels beside the record (a student's equity flags) in the same
    transaction, under the same version check.

    Raises:
        ValidationError: the form breaks a rule or duplicates another record; nothing is saved.
        ConflictError: someone saved the record after `form.version` was read (unless
            `overwrite`, the user's explicit "keep mine" after seeing theirs).
        NotFoundError: the record was deleted meanwhile.
    """
    problems = kind.validate(form)
    if problems:
        raise ValidationError(problems)
    try:
        with db.session(user) as session:
            problems = kind.check(session, form)
            if problems:
                raise ValidationError(problems)
            if form.id is None:
                obj = kind.model()
                kind.apply(session, obj, form)
                session.add(obj)
            else:
                found = session.get(kind.model, form.id)
                if found is None:
                    raise NotFoundError.said(
                        "This {what} was deleted by someone else; your edits were not saved.",
                        what=Label(kind.what),
                    )
                obj = found
                if obj.version != form.version and not overwrite:
                    theirs = kind.to_form(obj)
                    raise ConflictError(
                        kind.what,
                        theirs=theirs,
                        changed_by=obj.updated_by,
                        changed_fields=kind.changed_fields(form, theirs),
                    )
                kind.apply(session, obj, form)
            if also is not None:
                session.flush()  # a new record gets its id
                also(session, obj)
            session.flush()
            return kind.to_form(obj)
    except StaleDataError as exc:
        # Someone saved between our read and our write: the version check in the UPDATE caught it.
        current = load_record(db, kind, form.id) if form.id is not None else None
        raise ConflictError(
            kind.what,
            theirs=current,
            changed_by=current.updated_by if current else None,
            changed_fields=kind.changed_fields(form, current) if current else [],
        ) from exc
    except IntegrityError as exc:
        raise _integrity_problem(kind, exc) from exc


def _integrity_problem(kind: RecordKind[F, M], exc: IntegrityError) -> ValidationError:
    """A constraint caught what the checks missed (someone saved the same value just now)."""
    text = str(exc.orig).lower()
    for unique in kind.unique:
        if any(fragment in text for fragment in unique.fragments):
            return ValidationError.on(unique.field, unique.message)
    return ValidationError.single("", f"The database refused the change: {exc.orig}")


def delete_record(
    db: Database, kind: RecordKind[F, M], record_id: int, user: str | None = None
) -> None:
    """Delete a record nothing refers to any more.

    Raises:
        VipdeskError: placements or other records still refer to it (named); nothing changes.
    """
    try:
        with db.session(user) as session:
            obj = session.get(kind.model, record_id)
            if obj is None:
                return  # already gone: what the user wanted
            reason = kind.in_use(session, obj)
            if reason:
                raise VipdeskError.saying(reason)
            session.delete(obj)
            session.flush()
    except IntegrityError as exc:
        raise VipdeskError.said(
            "This {what} was linked to another record just now, so it was not deleted.",
            what=Label(kind.what),
        ) from exc
