"""Recognition after the placement: credits awarded, grade, transcript, certificate receipt.

A placement counts toward the degree when it has credits planned. Then "completed" needs its
recognition complete: credits awarded (more than planned only with a reason), a grade on the
institution's grading scale (data in resources/grading_scales.json), the date of the transcript
of records, the learning outcomes achieved (set against the agreement's planned ones, Table A)
and the day the host's certificate was received.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState, Placement, Recognition
from vipdesk.phrase import Joined, Label
from vipdesk.resources import load_json

REASON_LIMIT = 500
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
OUTCOMES_LIMIT = 4000


# What completion of a recognition needs, by field, in the coordinator's words.
MISSING_LABELS = {
    "credits_awarded": "the credits awarded",
    "grade": "the grade",
    "transcript_on": "the transcript date",
    "outcomes_achieved": "the learning outcomes achieved",
    "certificate_received_on": "the certificate's receipt date",
}


@dataclass(frozen=True)
class GradingScale:
    key: str
    label: str
    grades: tuple[str, ...] = ()  # a list of grades, or a number from `low` to `high`
    low: Decimal | None = None
    high: Decimal | None = None
    decimals: int = 0

    def accepts(self, grade: str) -> bool:
        return self.canonical(grade) is not None

    def canonical(self, grade: str) -> str | None:
        """The grade as the scale writes it ("b" is "B"), or None when it is not on the scale.

        A number is written plainly, with a point or a comma: "2e0" is no grade.
        """
        typed = grade.strip()
        if self.grades:
            return next((g for g in self.grades if g.casefold() == typed.casefold()), None)
        if not _PLAIN_NUMBER.fullmatch(typed) or self.low is None or self.high is None:
            return None
        number = Decimal(typed.replace(",", "."))
        exponent = number.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return typed if self.low <= number <= self.high and places <= self.decimals else None


@cache
def grading_scales() -> dict[str, GradingScale]:
    out: dict[str, GradingScale] = {}
    for raw in load_json("grading_scales.json")["scales"]:
        out[raw["key"]] = GradingScale(
            key=raw["key"],
            label=raw["label"],
            grades=tuple(raw.get("grades", ())),
            low=Decimal(str(raw["min"])) if "min" in raw else None,
            high=Decimal(str(raw["max"])) if "max" in raw else None,
            decimals=int(raw.get("decimals", 0)),
        )
    return out


@dataclass
class RecognitionForm:
    """What the recognition dialog edits; `planned_*` are shown beside it, not saved."""

    placement_id: int
    credits_awarded: Decimal | None = None
    credits_reason: str = ""
    grading_scale: str = ""
    grade: str = ""
    transcript_on: date | None = None
    outcomes_achieved: tuple[str, ...] = ()
    certificate_received_on: date | None = None
    planned_credits: Decimal | None = None
    planned_outcomes: tuple[str, ...] = field(default=())
    version: int | None = None

    @property
    def counts_toward_degree(self) -> bool:
        return bool(self.planned_credits)

    def missing(self) -> list[str]:
        """What completion still needs, in the coordinator's words; empty when complete."""
        return [MISSING_LABELS[key] for key in self.missing_fields()]

    def missing_fields(self) -> list[str]:
        """The fields completion still needs (keys of `MISSING_LABELS`), in form order."""
        present = {
            "credits_awarded": self.credits_awarded is not None,
            "grade": bool(self.grade.strip()),
            "transcript_on": self.transcript_on is not None,
            "outcomes_achieved": bool(self.outcomes_achieved),
            "certificate_received_on": self.certificate_received_on is not None,
        }
        return [key for key in MISSING_LABELS if not present[key]]


def validate_recognition(form: RecognitionForm, start: date, today: date) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def add(field: str, template: str, /, **values: object) -> None:
        problems.append(FieldProblem.said(field, template, **values))

    credits = form.credits_awarded
    if credits is not None:
        if not Decimal(0) <= credits <= Decimal(60) or credits != credits.quantize(Decimal("0.1")):
            add("credits_awarded", "Credits are from 0 to 60, with at most one decimal.")
        elif (
            form.planned_credits is not None
            and credits > form.planned_credits
            and not form.credits_reason.strip()
        ):
            add(
                "credits_awarded",
                "More credits than the {planned} planned: say why in the reason.",
                planned=form.planned_credits,
            )
    if len(form.credits_reason) > REASON_LIMIT:
        add("credits_reason", "Keep the reason under {limit} characters.", limit=REASON_LIMIT)
    scale = grading_scales().get(form.grading_scale) if form.grading_scale else None
    if form.grading_scale and scale is None:
        add("grading_scale", "Choose one of the grading scales.")
    if form.grade.strip():
        if scale is None and not form.grading_scale:
            add("grading_scale", "Choose the grading scale the grade is on.")
        elif scale is not None and not scale.accepts(form.grade):
            problems.append(_not_on_scale(form.grade, scale))
    for name in ("transcript_on", "certificate_received_on"):
        day = getattr(form, name)
        if day is not None and day > today:
            add(name, "The date is in the future.")
        elif day is not None and day < start:
            add(name, "The date is before the placement started.")
    if sum(len(o) for o in form.outcomes_achieved) > OUTCOMES_LIMIT:
        add(
            "outcomes_achieved", "Keep the outcomes under {limit} characters.", limit=OUTCOMES_LIMIT
        )
    return problems


def _not_on_scale(grade: str, scale: GradingScale) -> FieldProblem:
    """The grade is not on the scale: which grades it has, or its range of numbers."""
    if scale.grades:
        return FieldProblem.said(
            "grade",
            "“{grade}” is not on the {scale} scale ({grades}).",
            grade=grade,
            scale=Label(scale.label),
            grades=Joined(scale.grades, ", "),
        )
    return FieldProblem.said(
        "grade",
        "“{grade}” is not on the {scale} scale (a number from {low} to {high}).",
        grade=grade,
        scale=Label(scale.label),
        low=scale.low,
        high=scale.high,
    )


def _planned_outcomes(session: Session, placement_id: int) -> tuple[str, ...]:
    """Table A of the locked agreement (the outcomes planned); empty before it is locked."""
    content = session.scalar(
        select(AgreementDocument.content)
        .where(
            AgreementDocument.placement_id == placement_id,
            AgreementDocument.kind == DocumentKind.AGREEMENT,
            AgreementDocument.state == DocumentState.SIGNED,
        )
        .limit(1)
    )
    if not content:
        return ()
    programme = json.loads(content).get("programme", {})
    return tuple(programme.get("learning_outcomes", ()))


def load_recognition(db: Database, placement_id: int) -> RecognitionForm:
    with db.session() as session:
        placement = session.get(Placement, placement_id)
        if placement is None:
            raise NotFoundError("This placement no longer exists.")
        row = session.scalar(select(Recognition).where(Recognition.placement_id == placement_id))
        return recognition_form(
            placement_id,
            placement.ects_credits,
            row,
            _planned_outcomes(session, placement_id),
        )


def recognition_form(
    placement_id: int,
    planned_credits: Decimal | None,
    row: Recognition | None,
    planned_outcomes: tuple[str, ...] = (),
) -> RecognitionForm:
    """The form of a stored recognition (or an empty one when `row` is None)."""
    form = RecognitionForm(
        placement_id, planned_credits=planned_credits, planned_outcomes=planned_outcomes
    )
    if row is not None:
        form.credits_awarded = row.credits_awarded
        form.credits_reason = row.credits_reason or ""
        form.grading_scale = row.grading_scale or ""
        form.grade = row.grade or ""
        form.transcript_on = row.transcript_on
        form.outcomes_achieved = tuple(
            line.strip() for line in (row.outcomes_achieved or "").splitlines() if line.strip()
        )
        form.certificate_received_on = row.certificate_received_on
        form.version = row.version
    return form


def save_recognition(
    db: Database, form: RecognitionForm, user: str | None = None, today: date | None = None
) -> RecognitionForm:
    """Store what was recognised.

    Raises:
        ValidationError: every problem, by field; nothing is stored.
        ConflictError: someone saved the recognition since `form.version`.
    """
    try:
        with db.session(user) as session:
            placement = session.get(Placement, form.placement_id)
            if placement is None:
                raise NotFoundError("This placement no longer exists.")
            form.planned_credits = placement.ects_credits
            problems = validate_recognition(form, placement.planned_start, today or date.today())
            if problems:
                raise ValidationError(problems)
            row = session.scalar(
                select(Recognition).where(Recognition.placement_id == form.placement_id)
            )
            if row is None:
                row = Recognition(placement_id=form.placement_id)
                session.add(row)
            elif form.version is not None and row.version != form.version:
                raise ConflictError("recognition", changed_by=row.updated_by)
            row.credits_awarded = form.credits_awarded
            row.credits_reason = form.credits_reason.strip() or None
            row.grading_scale = form.grading_scale or None
            scale = grading_scales()[form.grading_scale] if form.grade.strip() else None
            row.grade = scale.canonical(form.grade) if scale else None
            row.transcript_on = form.transcript_on
            row.outcomes_achieved = "\n".join(o.strip() for o in form.outcomes_achieved) or None
            row.certificate_received_on = form.certificate_received_on
            session.flush()
    except StaleDataError as exc:
        raise ConflictError("recognition") from exc
    return load_recognition(db, form.placement_id)
