"""The work list's memory: an item a coordinator put off until a date, with a note.

The items themselves are not stored: they follow from the records and the dates (rules in
resources/worklist.json). Only a snooze is a choice a person made, so only it is a row.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vipdesk.models.base import Base, Versioned


class Snooze(Versioned, Base):
    """Work-list item `rule_key` of a placement, hidden until `until` (inclusive of that day)."""

    __tablename__ = "work_snooze"
    __table_args__ = (UniqueConstraint("placement_id", "rule_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True
    )
    rule_key: Mapped[str] = mapped_column(String(60))
    until: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text)
    snoozed_by: Mapped[str] = mapped_column(String(120))
