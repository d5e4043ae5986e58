"""Evaluations answered for a placement: mid-term and final, by student, host mentor and tutor.

The questions are data (resources/questionnaires/evaluation_*.json), like the readiness
questionnaires. An evaluation is recorded whole, when it is answered (typed in by the
coordinator, or read back from the returned PDF), and never edited: a second one of the same
stage and party supersedes it and the first stays as history. The overall score and the
planned learning outcomes reached are kept beside the answers, so that reports count them in
the database instead of scoring 100,000s of responses again.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.models.base import Base, UTCDateTime, enum_column, utcnow
from vipdesk.models.readiness import ReadinessParty


class EvaluationStage(enum.StrEnum):
    MIDTERM = "midterm"
    FINAL = "final"

    @property
    def label(self) -> str:
        return "Mid-term" if self is EvaluationStage.MIDTERM else "Final"


class AnswerSource(enum.StrEnum):
    """How the answers reached vipdesk."""

    TYPED = "typed"  # entered by the coordinator (in an interview, from an e-mail)
    RETURNED_PDF = "returned_pdf"  # read back from the fillable PDF the respondent filled in

    @property
    def label(self) -> str:
        return "Typed in" if self is AnswerSource.TYPED else "Returned PDF"


class EvaluationResponse(Base):
    """One evaluation of a placement by one party at one stage."""

    __tablename__ = "evaluation_response"
    __table_args__ = (
        CheckConstraint("questionnaire_version >= 1", name="questionnaire_version_positive"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
        CheckConstraint(
            "outcomes_reached >= 0 AND outcomes_reached <= outcomes_planned",
            name="outcomes_reached_of_planned",
        ),
        Index("ix_evaluation_response_placement_party_stage", "placement_id", "party", "stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"))
    stage: Mapped[EvaluationStage] = mapped_column(enum_column(EvaluationStage, "evaluation_stage"))
    # Who answered: the student, the host (its mentor) or the sending institution (the tutor).
    party: Mapped[ReadinessParty] = mapped_column(enum_column(ReadinessParty, "evaluation_party"))
    questionnaire_id: Mapped[str] = mapped_column(String(40))
    questionnaire_version: Mapped[int]
    respondent: Mapped[str] = mapped_column(String(200))
    source: Mapped[AnswerSource] = mapped_column(enum_column(AnswerSource, "answer_source"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(120))
    # The agreement's planned learning outcomes as they were asked (a JSON list of texts).
    planned_outcomes: Mapped[str] = mapped_column(Text, default="[]")
    score: Mapped[int | None]
    outcomes_planned: Mapped[int] = mapped_column(default=0)
    outcomes_reached: Mapped[int] = mapped_column(default=0)

    answers: Mapped[list[EvaluationAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="EvaluationAnswer.id"
    )

    def __str__(self) -> str:
        return f"{self.stage.label.lower()} evaluation ({self.questionnaire_id})"


class EvaluationAnswer(Base):
    """One answer: a number for a scale item, text for yes/no, choice and free-text items."""

    __tablename__ = "evaluation_answer"
    __table_args__ = (
        UniqueConstraint("response_id", "item_key"),
        CheckConstraint("value_text IS NOT NULL OR value_number IS NOT NULL", name="has_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_response.id", ondelete="CASCADE")
    )
    item_key: Mapped[str] = mapped_column(String(60))
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[int | None]

    response: Mapped[EvaluationResponse] = relationship(back_populates="answers")

    def __str__(self) -> str:
        return f"evaluation answer {self.item_key}"
