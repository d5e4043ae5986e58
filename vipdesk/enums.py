"""Enumerations stored in the database (by value, as short strings)."""

from __future__ import annotations

import enum


class Mode(enum.StrEnum):
    VIRTUAL = "virtual"
    BLENDED = "blended"
    PHYSICAL = "physical"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Status(enum.StrEnum):
    """The lifecycle of a placement, in order; `CANCELLED` can be reached from any state."""

    DRAFT = "draft"
    PREPARING = "preparing"
    AGREEMENT_SENT = "agreement_sent"
    SIGNED = "signed"
    ONGOING = "ongoing"
    EVALUATING = "evaluating"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def phase(self) -> Phase:
        if self in (Status.ONGOING,):
            return Phase.DURING
        if self in (Status.EVALUATING, Status.COMPLETED):
            return Phase.AFTER
        return Phase.BEFORE


LIFECYCLE: tuple[Status, ...] = (
    Status.DRAFT,
    Status.PREPARING,
    Status.AGREEMENT_SENT,
    Status.SIGNED,
    Status.ONGOING,
    Status.EVALUATING,
    Status.COMPLETED,
)


class Phase(enum.StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"

    @property
    def label(self) -> str:
        return {"before": "Before", "during": "During", "after": "After"}[self.value]


class OrganisationSize(enum.StrEnum):
    SMALL = "small"  # fewer than 250 employees
    LARGE = "large"  # 250 or more

    @property
    def label(self) -> str:
        return "< 250 employees" if self is OrganisationSize.SMALL else "≥ 250 employees"


class ContactRole(enum.StrEnum):
    HR = "hr"
    MENTOR = "mentor"
    ACADEMIC_TUTOR = "academic_tutor"
    COORDINATOR = "coordinator"

    @property
    def label(self) -> str:
        return {
            "hr": "HR",
            "mentor": "Company mentor",
            "academic_tutor": "Academic tutor",
            "coordinator": "Coordinator",
        }[self.value]


class PeriodKind(enum.StrEnum):
    PHYSICAL = "physical"
    VIRTUAL = "virtual"


CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
