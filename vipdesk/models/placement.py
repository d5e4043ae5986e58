"""The placement record, its blended periods and its checklist ticks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.enums import Mode, PeriodKind, Phase, Status
from vipdesk.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow
from vipdesk.models.parties import Contact, Institution, Organisation
from vipdesk.models.student import Student


class Placement(Versioned, Base):
    __tablename__ = "placement"
    __table_args__ = (
        CheckConstraint("planned_end >= planned_start", name="end_after_start"),
        CheckConstraint("hours_per_week BETWEEN 1 AND 60", name="hours_range"),
        CheckConstraint("ects_credits >= 0 AND ects_credits <= 60", name="ects_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="RESTRICT"), index=True
    )
    host_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )
    mode: Mapped[Mode] = mapped_column(enum_column(Mode, "placement_mode"))
    status: Mapped[Status] = mapped_column(
        enum_column(Status, "placement_status"), default=Status.DRAFT, index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    planned_start: Mapped[date] = mapped_column(index=True)
    planned_end: Mapped[date]
    hours_per_week: Mapped[int]
    ects_credits: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    mentor_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    tutor_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str | None] = mapped_column(Text)

    student: Mapped[Student] = relationship()
    host: Mapped[Organisation] = relationship()
    institution: Mapped[Institution] = relationship()
    mentor: Mapped[Contact | None] = relationship(foreign_keys=[mentor_id])
    tutor: Mapped[Contact | None] = relationship(foreign_keys=[tutor_id])
    periods: Mapped[list[PlacementPeriod]] = relationship(
        back_populates="placement",
        cascade="all, delete-orphan",
        order_by="PlacementPeriod.start",
    )
    ticks: Mapped[list[ChecklistTick]] = relationship(
        back_populates="placement", cascade="all, delete-orphan"
    )


class PlacementPeriod(Base):
    """A physical or virtual stretch of a blended placement."""

    __tablename__ = "placement_period"
    __table_args__ = (CheckConstraint('"end" >= start', name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[PeriodKind] = mapped_column(enum_column(PeriodKind, "period_kind"))
    start: Mapped[date]
    end: Mapped[date]

    placement: Mapped[Placement] = relationship(back_populates="periods")


class ChecklistTick(Base):
    """One ticked checklist item of a placement: who ticked it and when."""

    __tablename__ = "checklist_tick"
    __table_args__ = (UniqueConstraint("placement_id", "item_key"),)
    # Unticking an item a colleague unticked a moment ago is the outcome both wanted: a
    # DELETE that finds no row is not an error here.
    __mapper_args__ = {"confirm_deleted_rows": False}  # noqa: RUF012 (SQLAlchemy reads it)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(String(60))
    phase: Mapped[Phase] = mapped_column(enum_column(Phase, "checklist_phase"))
    done_by: Mapped[str] = mapped_column(String(120))
    done_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)

    placement: Mapped[Placement] = relationship(back_populates="ticks")
