"""Tools chosen for a placement, one per purpose, and the test of each tool with each actor.

The tools themselves are data (resources/tools.json); rows here refer to them by key.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from vipdesk.models.base import Base, Versioned, enum_column
from vipdesk.models.protocol import ProtocolActor


class ToolTestResult(enum.StrEnum):
    NOT_YET = "not_yet"
    PASSED = "passed"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"not_yet": "Not yet", "passed": "Passed", "failed": "Failed"}[self.value]


class ToolChoice(Base):
    """Which tool serves one purpose (meetings, reporting, ...) in one placement."""

    __tablename__ = "tool_choice"
    __table_args__ = (UniqueConstraint("placement_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(30))
    tool_key: Mapped[str] = mapped_column(String(40))

    def __str__(self) -> str:
        return f"tool for {self.purpose}"


class ToolTest(Versioned, Base):
    """Whether a tool was tried out with one actor before the start, when, and what happened."""

    __tablename__ = "tool_test"
    __table_args__ = (
        UniqueConstraint("placement_id", "tool_key", "actor"),
        CheckConstraint("result = 'not_yet' OR tested_on IS NOT NULL", name="dated_when_tested"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"))
    tool_key: Mapped[str] = mapped_column(String(40))
    actor: Mapped[ProtocolActor] = mapped_column(enum_column(ProtocolActor, "tested_actor"))
    result: Mapped[ToolTestResult] = mapped_column(enum_column(ToolTestResult, "tool_test_result"))
    tested_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)

    def __str__(self) -> str:
        return f"test of {self.tool_key} with the {self.actor.value}"
