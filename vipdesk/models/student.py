"""Students (trainees), their languages, and their equity flags kept apart as sensitive data."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.models.base import Base, Versioned
from vipdesk.models.parties import Institution
from vipdesk.textfold import fold


def student_search_text(
    given_name: str | None, family_name: str | None, email: str | None, number: str | None
) -> str:
    """What the student picker searches: names, e-mail and number, folded (see `textfold`).

    Stored, not computed per search: neither SQLite (non-ASCII case) nor PostgreSQL (accents,
    without the `unaccent` extension) can fold like Python, and folding 100,000 students per
    keystroke would be far too slow. Whatever writes students without the ORM (the demo's bulk
    insert) must fill the column with this function; the ORM does it by itself (see below).
    """
    return fold(" ".join(part or "" for part in (given_name, family_name, email, number)))


class Student(Versioned, Base):
    __tablename__ = "student"
    __table_args__ = (
        CheckConstraint("study_cycle BETWEEN 5 AND 8", name="eqf_level"),
        # The picker's search read from the index alone, already in its order (name): a word
        # most students match stops after the first screenful, a rare one scans this narrow
        # index, not the wide table (at 100,000 students: 1-20 ms instead of 20-60 ms).
        Index("ix_student_search", "family_name", "given_name", "id", "email", "search_text"),
    )

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
    # The language vipdesk writes to the student in (messages; the agreement's language is
    # chosen per agreement): a code of `languages.LANGUAGES`; None until chosen (English).
    preferred_language: Mapped[str | None] = mapped_column(String(5))
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )
    # Kept by `_refresh_search_text` on every ORM insert and update; never edited by hand.
    search_text: Mapped[str] = mapped_column(Text, server_default="")

    institution: Mapped[Institution | None] = relationship()
    languages: Mapped[list[StudentLanguage]] = relationship(
        back_populates="student", cascade="all, delete-orphan", order_by="StudentLanguage.id"
    )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def __str__(self) -> str:
        return self.full_name


@event.listens_for(Student, "before_insert")
@event.listens_for(Student, "before_update")
def _refresh_search_text(_mapper: Any, _connection: Any, student: Student) -> None:
    """Fold again at every flush of a student, whichever of its four source fields changed:
    one place, so no form, import or script can leave a stale search behind. An unchanged
    value records no change (no extra UPDATE, nothing in the audit trail)."""
    student.search_text = student_search_text(
        student.given_name, student.family_name, student.email, student.student_number
    )


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
