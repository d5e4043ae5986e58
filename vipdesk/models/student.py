"""Students (trainees), their languages, and their equity flags kept apart as sensitive data."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.models.base import Base, Versioned
from vipdesk.models.parties import Institution


class Student(Versioned, Base):
    __tablename__ = "student"
    __table_args__ = (CheckConstraint("study_cycle BETWEEN 5 AND 8", name="eqf_level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(120))
    family_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    student_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    date_of_birth: Mapped[date | None]
    nationality: Mapped[str | None] = mapped_column(String(2))
    study_cycle: Mapped[int | None]  # EQF level 5-8
    field_of_education: Mapped[str | None] = mapped_column(String(120))  # ISCED-F
    programme: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )

    institution: Mapped[Institution | None] = relationship()
    languages: Mapped[list[StudentLanguage]] = relationship(
        back_populates="student", cascade="all, delete-orphan", order_by="StudentLanguage.id"
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def __str__(self) -> str:
        return self.full_name


class StudentLanguage(Base):
    __tablename__ = "student_language"
    __table_args__ = (
        UniqueConstraint("student_id", "language"),
        CheckConstraint("level IN ('A1','A2','B1','B2','C1','C2','native')", name="cefr_level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(6))

    student: Mapped[Student] = relationship(back_populates="languages")


class StudentEquity(Base):
    """Special-category personal data (Erasmus+ fewer opportunities).

    Kept in its own table so that it is read only where it matters and never by the lists,
    searches and exports that do not ask for it.
    """

    __tablename__ = "student_equity"

    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    disability: Mapped[bool] = mapped_column(default=False)
    fewer_opportunities: Mapped[bool] = mapped_column(default=False)
    migrant_or_refugee: Mapped[bool] = mapped_column(default=False)
    working_or_carer: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
