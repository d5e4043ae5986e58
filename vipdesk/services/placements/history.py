"""Reading the audit trail of one record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import AuditEntry


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    user: str
    action: str
    summary: str
    changes: dict[str, list[object]]

    def describe_changes(self) -> str:
        """'title: Old → New; hours_per_week: 20 → 25' for the fields that changed."""
        parts = []
        for name, (old, new) in self.changes.items():
            label = name.removesuffix("_id").replace("_", " ")
            parts.append(f"{label}: {_show(old)} → {_show(new)}")
        return "; ".join(parts)


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def record_history(
    db: Database, entity: str, entity_id: int, limit: int = 200
) -> list[HistoryLine]:
    """The newest changes first."""
    with db.session() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        ).all()
        return [
            HistoryLine(e.at, e.user, e.action, e.summary, json.loads(e.changes)) for e in entries
        ]
