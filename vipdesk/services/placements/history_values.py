"""Stored audit values in words: names for ids, labels for enum values, readable dates."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from vipdesk.enums import Mode, Phase, Status
from vipdesk.models import (
    AgreementDocument,
    AllocationRule,
    Base,
    Cadence,
    Contact,
    CostCategory,
    CostItem,
    FundingSource,
    Institution,
    Organisation,
    Placement,
    ProtocolActor,
    SignatureMethod,
    Student,
    ToolTestResult,
)

# Columns that hold the id of another record, and the record they point to.
REFERENCE_COLUMNS: dict[str, type[Base]] = {
    "student_id": Student,
    "host_id": Organisation,
    "organisation_id": Organisation,
    "institution_id": Institution,
    "mentor_id": Contact,
    "tutor_id": Contact,
    "source_id": FundingSource,
    "document_id": AgreementDocument,
    "cost_item_id": CostItem,
    "placement_id": Placement,
}

# Enumerations named by their column (columns whose name means one enum wherever it occurs).
ENUM_COLUMNS: dict[str, Callable[[Any], Any]] = {
    "status": Status,
    "mode": Mode,
    "share_mode": Mode,
    "phase": Phase,
    "reporting": Cadence,
    "meetings": Cadence,
    "actor": ProtocolActor,
    "method": SignatureMethod,
    "result": ToolTestResult,
    "category": CostCategory,
    "rule": AllocationRule,
}

FIELD_LABELS = {
    "student_id": "student",
    "host_id": "host organisation",
    "organisation_id": "organisation",
    "institution_id": "sending institution",
    "mentor_id": "company mentor",
    "tutor_id": "academic tutor",
    "source_id": "funding source",
    "cost_item_id": "shared cost",
    "document_id": "document",
    "planned_start": "planned start",
    "planned_end": "planned end",
    "hours_per_week": "hours per week",
    "ects_credits": "ECTS credits",
    "reply_hours": "reply time",
    "meeting_minutes": "meeting length",
    "tools_note": "note on tools",
    "done_by": "ticked by",
    "done_at": "ticked at",
    "signer_name": "signer",
    "signer_function": "signer's function",
    "signer_email": "signer's e-mail",
    "signed_on": "signing date",
    "tool_key": "tool",
    "tested_on": "test date",
    "content_hash": "content fingerprint",
    "final_sha256": "fingerprint of the signed PDF",
    "pdf": "PDF",
    "signed_pdf": "signed PDF",
    "final_pdf": "signed and locked PDF",
    "spent_on": "date",
    "questionnaire_id": "questionnaire",
    "rule_key": "work-list item",
    "held_on": "date",
}

_UNITS = {"reply_hours": "hours", "meeting_minutes": "minutes"}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}.*")
_LONGEST = 60


@dataclass(frozen=True)
class Names:
    """What the ids in a history stand for, and the time zone its moments are shown in."""

    by_column: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    tz: tzinfo | None = None  # None: the computer's own

    def of(self, column: str, record_id: int) -> str:
        name = self.by_column.get(column, {}).get(record_id)
        return name if name is not None else f"a record no longer on file (#{record_id})"


def field_label(column: str) -> str:
    return FIELD_LABELS.get(column) or column.removesuffix("_id").replace("_", " ")


def day_text(day: date) -> str:
    """'4 Dec 2026'."""
    return f"{day.day} {day:%b %Y}"


def day_and_time(moment: datetime) -> str:
    """'4 Dec 2026 20:47' (in the zone `moment` carries)."""
    return f"{day_text(moment)} {moment:%H:%M}"


def quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= _LONGEST else text[: _LONGEST - 1] + '…'}”"


def _enum_label(column: str, value: Any) -> str | None:
    try:
        return str(ENUM_COLUMNS[column](value).label)
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True)
class Value:
    """One stored value, ready to be worded in any language: what kind of thing it is, and
    its content (a name or a text as stored, a label in English, a day or a moment)."""

    kind: str  # none, yes, no, name, label, unit, number, day, moment, fingerprint, text
    text: str = ""
    at: date | datetime | None = None
    unit: str = ""  # of a number of hours or minutes

    def english(self) -> str:
        if self.kind == "none":
            return "—"
        if self.kind in ("yes", "no"):
            return self.kind
        if self.kind == "day" and isinstance(self.at, date):
            return day_text(self.at)
        if self.kind == "moment" and isinstance(self.at, datetime):
            return day_and_time(self.at)
        if self.kind == "unit":
            return f"{self.text} {self.unit}"
        return self.text


def value_of(column: str, value: Any, names: Names) -> Value:
    """One stored value as what it is (`Value`); worded by `show`, or by the interface."""
    if value is None or value == "":
        return Value("none")
    if isinstance(value, bool):
        return Value("yes" if value else "no")
    if column in REFERENCE_COLUMNS and isinstance(value, int):
        return Value("name", names.of(column, value))
    label = _enum_label(column, value)
    if label is not None:
        return Value("label", label)
    if column in _UNITS:
        return Value("unit", str(value), unit=_UNITS[column])
    if isinstance(value, int | float):
        return Value("number", str(value))
    text = str(value)
    if _DAY.fullmatch(text):
        return Value("day", at=date.fromisoformat(text))
    if _MOMENT.fullmatch(text):
        try:
            return Value("moment", at=datetime.fromisoformat(text).astimezone(names.tz))
        except ValueError:
            return Value("text", quoted(text))
    if column.endswith(("sha256", "hash")):
        return Value("fingerprint", text[:12] + "…")
    if re.fullmatch(r"[\d.]+", text):
        return Value("number", text)  # a decimal (credits, an amount)
    return Value("text", quoted(text))


def show(column: str, value: Any, names: Names) -> str:
    """One stored value as a coordinator reads it; '—' for nothing."""
    return value_of(column, value, names).english()
