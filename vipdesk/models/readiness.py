"""Readiness questionnaires answered for a placement: one response per assessment, its answers.

The questions themselves are data (resources/questionnaires/*.json); a response remembers the
questionnaire id and version it answered, so that it is always scored against the same text.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow


class ReadinessParty(enum.StrEnum):
    """Who a readiness questionnaire is about (and who answers it)."""

    STUDENT = "student"
    COMPANY = "company"
    INSTITUTION = "institution"

    @property
    def label(self) -> str:
        return {
            "student": "Student",
            "company": "Host organisation",
            "institution": "Sending institution",
        }[self.value]


class ResponseStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return "In progress" if self is ResponseStatus.IN_PROGRESS else "Completed"


_OPEN = "status = 'in_progress'"


class ReadinessResponse(Versioned, Base):
    """One assessment of one party's readiness; a re-assessment is a new response."""

    __tablename__ = "readiness_response"
    __table_args__ = (
        CheckConstraint("questionnaire_version >= 1", name="questionnaire_version_positive"),
        CheckConstraint(
            "(status = 'completed' AND completed_at IS NOT NULL) "
            "OR (status = 'in_progress' AND completed_at IS NULL)",
            name="completed_when_dated",
        ),
        # At most one half-filled response per party: a second start resumes it instead.
        Index(
            "uq_readiness_response_open",
            "placement_id",
            "party",
            unique=True,
            sqlite_where=text(_OPEN),
            postgresql_where=text(_OPEN),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True
    )
    party: Mapped[ReadinessParty] = mapped_column(enum_column(ReadinessParty, "readiness_party"))
    questionnaire_id: Mapped[str] = mapped_column(String(40))
    questionnaire_version: Mapped[int]
    respondent: Mapped[str] = mapped_column(String(200))
    status: Mapped[ResponseStatus] = mapped_column(
        enum_column(ResponseStatus, "response_status"), default=ResponseStatus.IN_PROGRESS
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The assessment of a completed response, stored when it is completed
    # (`services.preparation.scores`) so that reports need not score every response again.
    score: Mapped[int | None]  # 0 to 100; None when nothing scored was answered
    level: Mapped[str | None] = mapped_column(String(20))  # a ReadinessLevel value
    critical_flags: Mapped[int | None]
    critical_answers: Mapped[str | None] = mapped_column(Text)
    low_themes: Mapped[str | None] = mapped_column(Text)

    answers: Mapped[list[ReadinessAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="ReadinessAnswer.id"
    )

    def __str__(self) -> str:
        version = f"{self.questionnaire_id} v{self.questionnaire_version}"
        return f"{self.party.label.lower()} readiness ({version})"


class ReadinessAnswer(Base):
    """One answer: a number for a scale item, text for yes/no, choice and free-text items."""

    __tablename__ = "readiness_answer"
    __table_args__ = (
        UniqueConstraint("response_id", "item_key"),
        CheckConstraint("value_text IS NOT NULL OR value_number IS NOT NULL", name="has_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("readiness_response.id", ondelete="CASCADE")
    )
    item_key: Mapped[str] = mapped_column(String(60))
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[int | None]

    response: Mapped[ReadinessResponse] = relationship(back_populates="answers")

    def __str__(self) -> str:
        return f"readiness answer {self.item_key}"
