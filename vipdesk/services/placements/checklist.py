"""Per-phase checklists: the items (data in resources/checklists.json) and who ticked them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError
from vipdesk.models import LIFECYCLE, ChecklistTick, Phase, Placement, Status
from vipdesk.resources import load_json


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    phase: Phase
    label: str
    required_for: Status | None  # moving to this status (or later) needs the item ticked


@dataclass(frozen=True)
class ItemState:
    item: ChecklistItem
    done_by: str | None = None
    done_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@cache
def checklist_items() -> tuple[ChecklistItem, ...]:
    data = load_json("checklists.json")
    return tuple(
        ChecklistItem(
            key=raw["key"],
            phase=Phase(raw["phase"]),
            label=raw["label"],
            required_for=Status(raw["required_for"]) if raw["required_for"] else None,
        )
        for raw in data["items"]
    )


def item_by_key(key: str) -> ChecklistItem:
    for item in checklist_items():
        if item.key == key:
            return item
    raise ValidationError.single("item", f"There is no checklist item '{key}'.")


def blockers(done_keys: set[str], target: Status) -> list[ChecklistItem]:
    """Open items that must be ticked before a placement may move to `target`."""
    if target not in LIFECYCLE:
        return []
    reach = LIFECYCLE.index(target)
    return [
        item
        for item in checklist_items()
        if item.required_for is not None
        and LIFECYCLE.index(item.required_for) <= reach
        and item.key not in done_keys
    ]


def checklist_state(db: Database, placement_id: int) -> list[ItemState]:
    """Every item, in order, with who ticked it and when."""
    with db.session() as session:
        ticks = {
            t.item_key: t
            for t in session.scalars(
                select(ChecklistTick).where(ChecklistTick.placement_id == placement_id)
            )
        }
    return [
        ItemState(item, ticks[item.key].done_by, ticks[item.key].done_at)
        if item.key in ticks
        else ItemState(item)
        for item in checklist_items()
    ]


def set_done(
    db: Database, placement_id: int, key: str, done: bool, user: str | None = None
) -> None:
    """Tick or untick an item; ticking twice keeps the first tick.

    Two coordinators ticking (or unticking) the same item at the same moment want the same
    outcome, so the second one changes nothing: no conflict to resolve, and never a raw
    database error.

    Raises:
        NotFoundError: the placement was deleted.
        ConflictError: the tick could not be stored and the item is still not done.
    """
    item = item_by_key(key)
    try:
        with db.session(user) as session:
            if session.get(Placement, placement_id) is None:
                raise NotFoundError("This placement no longer exists.")
            tick = _tick(session, placement_id, key)
            if done and tick is None:
                session.add(
                    ChecklistTick(
                        placement_id=placement_id,
                        item_key=key,
                        phase=item.phase,
                        done_by=session.info["user"],
                    )
                )
            elif not done and tick is not None:
                session.delete(tick)  # gone meanwhile is fine (see ChecklistTick)
    except IntegrityError as exc:
        # Someone ticked the item between our read and our write (the UNIQUE constraint
        # caught it): the outcome wanted is there, the first tick stays.
        with db.session() as session:
            if session.get(Placement, placement_id) is None:
                raise NotFoundError("This placement no longer exists.") from exc
            if _tick(session, placement_id, key) is None:
                raise ConflictError("checklist") from exc


def _tick(session: Session, placement_id: int, key: str) -> ChecklistTick | None:
    return session.scalar(
        select(ChecklistTick).where(
            ChecklistTick.placement_id == placement_id, ChecklistTick.item_key == key
        )
    )
