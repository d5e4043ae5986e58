"""What an evidence-backed checklist item's state is made of (shared by the evidence readers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Evidence:
    """Whether the records back an item; `text` says what backs it, or why it is still open."""

    done: bool
    text: str
    at: datetime | date | None = None  # when the backing record came about


def day(value: datetime | date) -> str:
    """'3 Dec 2026', in the user's time zone for a timestamp."""
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return f"{value.day} {value:%b %Y}"
