"""Unsaved edits survive a crash: drafts on disk."""

from __future__ import annotations

import os
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from vipdesk.models import Mode, PeriodKind, Status
from vipdesk.services.placements.drafts import discard_draft, drafts_dir, load_draft, save_draft
from vipdesk.services.placements.records import PeriodForm, PlacementForm

KEY = "sqlite:////home/anna/vipdesk.sqlite3"


def form(**changes: object) -> PlacementForm:
    values: dict[str, object] = {
        "id": 7,
        "version": 3,
        "reference": "VIP-2026-00007",
        "status": Status.PREPARING,
        "student_id": 1,
        "host_id": 2,
        "institution_id": 3,
        "mode": Mode.BLENDED,
        "title": "Ελένη's <b>draft</b> & notes",
        "planned_start": date(2027, 2, 1),
        "planned_end": date(2027, 5, 31),
        "hours_per_week": 25,
        "ects_credits": Decimal("7.5"),
        "periods": [PeriodForm(PeriodKind.PHYSICAL, date(2027, 2, 1), None)],
    }
    values.update(changes)
    return PlacementForm(**values)  # type: ignore[arg-type]


def test_a_draft_round_trips_exactly(tmp_path: Path) -> None:
    original = form()
    save_draft(tmp_path, KEY, original)
    draft = load_draft(tmp_path, KEY, 7)
    assert draft is not None
    assert draft.form == original


def test_new_placements_and_databases_have_their_own_drafts(tmp_path: Path) -> None:
    save_draft(tmp_path, KEY, form(id=None, title="new one"))
    save_draft(tmp_path, "postgresql+psycopg://office/vipdesk", form(title="other db"))
    assert load_draft(tmp_path, KEY, None).form.title == "new one"  # type: ignore[union-attr]
    assert load_draft(tmp_path, KEY, 7) is None


def test_discard_and_unreadable_files(tmp_path: Path) -> None:
    path = save_draft(tmp_path, KEY, form())
    discard_draft(tmp_path, KEY, 7)
    assert load_draft(tmp_path, KEY, 7) is None
    path.write_text("{ half-written", encoding="utf-8")
    assert load_draft(tmp_path, KEY, 7) is None  # ignored, not a crash
    discard_draft(tmp_path, KEY, 7)
    discard_draft(tmp_path, KEY, 7)  # twice is fine
    assert not list(drafts_dir(tmp_path).rglob("*.tmp"))


def test_a_killed_draft_write_leaves_nothing_after_the_next_draft(tmp_path: Path) -> None:
    path = save_draft(tmp_path, KEY, form())
    leftover = path.with_name(f".{path.stem}.0badf00d.part")  # as a killed write leaves it
    leftover.write_text("{ half", encoding="utf-8")
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    save_draft(tmp_path, KEY, form(title="typed on"))
    assert not leftover.exists()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert load_draft(tmp_path, KEY, 7).form.title == "typed on"  # type: ignore[union-attr]
