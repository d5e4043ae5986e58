"""Unsaved edits kept on disk, so that a crash or a power cut loses nothing typed.

An editor writes its form here a moment after each change and removes the file once the
form is saved or deliberately discarded. Opening the record again offers what was left.
Drafts sit in the user's data folder (never in logs) and are written atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from vipdesk.documents.files import write_atomically
from vipdesk.models import Mode, PeriodKind, Status
from vipdesk.services.placements.records import PeriodForm, PlacementForm

FORMAT = 1


@dataclass(frozen=True)
class Draft:
    form: PlacementForm
    saved_at: datetime


def drafts_dir(data_dir: Path) -> Path:
    return data_dir / "drafts"


def _path(data_dir: Path, database_key: str, placement_id: int | None) -> Path:
    safe = "".join(c if c.isalnum() else "_" for c in database_key)[-80:]
    name = f"placement-{placement_id if placement_id is not None else 'new'}.json"
    return drafts_dir(data_dir) / safe / name


def _encode(form: PlacementForm) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, date | Decimal):
            return str(value)
        if isinstance(value, Mode | Status | PeriodKind):
            return value.value
        return value

    out = {name: plain(value) for name, value in vars(form).items() if name != "periods"}
    out["periods"] = [
        {"kind": p.kind.value, "start": plain(p.start), "end": plain(p.end)} for p in form.periods
    ]
    return out


def _decode(raw: dict[str, Any]) -> PlacementForm:
    def day(value: str | None) -> date | None:
        return date.fromisoformat(value) if value else None

    return PlacementForm(
        id=raw["id"],
        version=raw["version"],
        reference=raw["reference"],
        status=Status(raw["status"]),
        student_id=raw["student_id"],
        host_id=raw["host_id"],
        institution_id=raw["institution_id"],
        mode=Mode(raw["mode"]),
        title=raw["title"],
        description=raw["description"],
        planned_start=day(raw["planned_start"]),
        planned_end=day(raw["planned_end"]),
        hours_per_week=raw["hours_per_week"],
        ects_credits=Decimal(raw["ects_credits"]) if raw["ects_credits"] is not None else None,
        mentor_id=raw["mentor_id"],
        tutor_id=raw["tutor_id"],
        notes=raw["notes"],
        periods=[
            PeriodForm(PeriodKind(p["kind"]), day(p["start"]), day(p["end"]))
            for p in raw["periods"]
        ],
        updated_by=raw.get("updated_by"),
    )


def save_draft(data_dir: Path, database_key: str, form: PlacementForm) -> Path:
    """Write the form atomically: a crash mid-write leaves the previous draft intact.

    Raises:
        OSError: the drafts folder cannot be made.
        VipdeskError: the draft cannot be written (a full disk, a read-only folder).
    """
    target = _path(data_dir, database_key, form.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "saved_at": datetime.now(UTC).isoformat(),
        "form": _encode(form),
    }
    # The one atomic writer: a killed write's temporary file goes with the next draft.
    write_atomically(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return target


def load_draft(data_dir: Path, database_key: str, placement_id: int | None) -> Draft | None:
    """The draft left for this placement, or None (also for an unreadable file)."""
    path = _path(data_dir, database_key, placement_id)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("format") != FORMAT:
            return None
        return Draft(_decode(payload["form"]), datetime.fromisoformat(payload["saved_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def discard_draft(data_dir: Path, database_key: str, placement_id: int | None) -> None:
    _path(data_dir, database_key, placement_id).unlink(missing_ok=True)
