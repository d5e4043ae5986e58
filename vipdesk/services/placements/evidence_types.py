"""What an evidence-backed checklist item's state is made of (shared by the evidence readers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One thing the records say about an item, for the interface to word in its language.

    `key` names the sentence ("protocol_saved"); `values` fill it with what was found: dates,
    counts and keys (of parties, tools, purposes, questions), never words. `Evidence.text` is
    the same in English, for the command line.
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)


def found(key: str, **values: Any) -> Finding:
    return Finding(key, MappingProxyType(values))


@dataclass(frozen=True)
class Evidence:
    """Whether the records back an item; `text` says what backs it, or why it is still open."""

    done: bool
    text: str
    at: datetime | date | None = None  # when the backing record came about
    findings: tuple[Finding, ...] = ()  # `text`, as what was found


def day(value: datetime | date) -> str:
    """'3 Dec 2026', in the user's time zone for a timestamp."""
    if isinstance(value, datetime):
        value = value.astimezone().date()
    return f"{value.day} {value:%b %Y}"


def local_day(value: datetime | date) -> date:
    """The day of `value`, in the user's time zone for a timestamp (what `day` writes)."""
    return value.astimezone().date() if isinstance(value, datetime) else value
