"""The communication protocol of a placement: who is available when, reporting, replies, meetings.

The EU-VIP guide: "Such a protocol states when the different actors are available; when
reporting is required; when feedback can be expected". Hours are kept in each actor's own
IANA time zone, so that they stay right when clocks change.
"""

from __future__ import annotations

import enum
from datetime import time

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.models.base import Base, Versioned, enum_column


class Cadence(enum.StrEnum):
    """How often something happens: reports, meetings."""

    DAILY = "daily"
    TWICE_WEEKLY = "twice_weekly"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"

    @property
    def label(self) -> str:
        return {
            "daily": "Daily",
            "twice_weekly": "Twice a week",
            "weekly": "Weekly",
            "fortnightly": "Every two weeks",
            "monthly": "Monthly",
        }[self.value]


class ProtocolActor(enum.StrEnum):
    STUDENT = "student"
    MENTOR = "mentor"
    TUTOR = "tutor"

    @property
    def label(self) -> str:
        return {"student": "Student", "mentor": "Company mentor", "tutor": "Academic tutor"}[
            self.value
        ]


class CommunicationProtocol(Versioned, Base):
    __tablename__ = "communication_protocol"
    __table_args__ = (
        CheckConstraint("reply_hours BETWEEN 1 AND 336", name="reply_hours_range"),
        CheckConstraint("meeting_minutes BETWEEN 10 AND 240", name="meeting_minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), unique=True
    )
    reporting: Mapped[Cadence] = mapped_column(enum_column(Cadence, "reporting_cadence"))
    reply_hours: Mapped[int]  # feedback can be expected within this many hours
    meetings: Mapped[Cadence] = mapped_column(enum_column(Cadence, "meeting_cadence"))
    meeting_minutes: Mapped[int]
    tools_note: Mapped[str | None] = mapped_column(Text)  # which channel serves which purpose
    student_helpdesk: Mapped[str | None] = mapped_column(String(300))
    staff_helpdesk: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)

    availability: Mapped[list[ActorAvailability]] = relationship(
        back_populates="protocol", cascade="all, delete-orphan", order_by="ActorAvailability.id"
    )

    def __str__(self) -> str:
        return "communication protocol"


class ActorAvailability(Base):
    """When one actor can be reached: working days and hours, in the actor's own time zone."""

    __tablename__ = "actor_availability"
    __table_args__ = (
        UniqueConstraint("protocol_id", "actor"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
        CheckConstraint("length(weekdays) BETWEEN 1 AND 7", name="some_weekdays"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    protocol_id: Mapped[int] = mapped_column(
        ForeignKey("communication_protocol.id", ondelete="CASCADE")
    )
    actor: Mapped[ProtocolActor] = mapped_column(enum_column(ProtocolActor, "protocol_actor"))
    timezone: Mapped[str] = mapped_column(String(64))
    weekdays: Mapped[str] = mapped_column(String(7))  # ISO day numbers, "12345" = Monday to Friday
    start_time: Mapped[time]
    end_time: Mapped[time]

    protocol: Mapped[CommunicationProtocol] = relationship(back_populates="availability")

    def __str__(self) -> str:
        return f"{self.actor.label.lower()} availability"
