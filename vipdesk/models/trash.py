"""Recently deleted records: what a delete removed, kept for 30 days so that it can be restored.

A deleted placement or cost item leaves its tables as before (every query stays as it was);
the rows it took with it — the placement's periods, ticks, questionnaires, protocol, tools,
agreements, costs — are kept here as JSON, one row per delete.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vipdesk.models.base import Base, UTCDateTime, utcnow


class DeletedRecord(Base):
    __tablename__ = "deleted_record"
    audited = False  # the delete itself is in the audit trail; its copy would repeat it whole

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # placement, cost, log
    record_id: Mapped[int]
    label: Mapped[str] = mapped_column(String(200))  # a reference or a description: no names
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    deleted_by: Mapped[str] = mapped_column(String(120))
    rows: Mapped[str] = mapped_column(Text)  # JSON: table → the rows it lost, in insert order

    def __str__(self) -> str:
        return f"deleted {self.kind} {self.label}"
