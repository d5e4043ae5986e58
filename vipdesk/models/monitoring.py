"""During and after the placement: the monitoring log and the recognition of the credits.

The EU-VIP guide asks for a kick-off, task mentoring, academic coaching, peer feedback and
reflection during the placement, and for credits recognised in the transcript after it. Each
meeting, report or check is one `MonitoringEntry`; what the sending institution recognised is
one `Recognition` per placement.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from vipdesk.models.base import Base, Versioned, enum_column


class EntryKind(enum.StrEnum):
    KICKOFF = "kickoff"
    MENTOR_MEETING = "mentor_meeting"
    TUTOR_COACHING = "tutor_coaching"
    PROGRESS_REPORT = "progress_report"
    PEER_FEEDBACK = "peer_feedback"
    REFLECTION = "reflection"
    WELLBEING = "wellbeing"
    INCIDENT = "incident"

    @property
    def label(self) -> str:
        return {
            "kickoff": "Kick-off meeting",
            "mentor_meeting": "Mentor meeting",
            "tutor_coaching": "Tutor coaching",
            "progress_report": "Progress report",
            "peer_feedback": "Peer feedback",
            "reflection": "Reflection entry",
            "wellbeing": "Well-being check",
            "incident": "Incident",
        }[self.value]


class MonitoringEntry(Versioned, Base):
    """One meeting, report, reflection, check or incident of a placement."""

    __tablename__ = "monitoring_entry"
    __table_args__ = (
        CheckConstraint("minutes BETWEEN 1 AND 600", name="minutes_range"),
        CheckConstraint(
            "resolved_on IS NULL OR resolved_on >= held_on", name="resolved_after_held"
        ),
        # The cadence and the work list read the latest meeting of each placement.
        Index("ix_monitoring_entry_placement_kind_held", "placement_id", "kind", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"))
    kind: Mapped[EntryKind] = mapped_column(enum_column(EntryKind, "monitoring_kind"))
    held_on: Mapped[date]
    participants: Mapped[str] = mapped_column(String(300))
    tool_key: Mapped[str | None] = mapped_column(String(60))
    minutes: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    # Read only when opened: the tab lists thousands of entries without their files.
    attachment: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    concern: Mapped[bool] = mapped_column(default=False)
    follow_up: Mapped[str | None] = mapped_column(Text)
    resolved_on: Mapped[date | None]
    resolution: Mapped[str | None] = mapped_column(Text)

    def __str__(self) -> str:
        return f"{self.kind.label.lower()} of {self.held_on:%d %b %Y}"


class Recognition(Versioned, Base):
    """What the sending institution recognised: credits, grade, transcript, certificate."""

    __tablename__ = "recognition"
    __table_args__ = (
        CheckConstraint(
            "credits_awarded IS NULL OR (credits_awarded >= 0 AND credits_awarded <= 60)",
            name="credits_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), unique=True
    )
    credits_awarded: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    credits_reason: Mapped[str | None] = mapped_column(Text)  # why more than planned
    grading_scale: Mapped[str | None] = mapped_column(String(20))
    grade: Mapped[str | None] = mapped_column(String(20))
    transcript_on: Mapped[date | None]
    outcomes_achieved: Mapped[str | None] = mapped_column(Text)  # one outcome per line
    certificate_received_on: Mapped[date | None]

    def __str__(self) -> str:
        return "recognition"
