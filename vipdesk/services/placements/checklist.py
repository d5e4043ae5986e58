"""Per-phase checklists: the items (data in resources/checklists.json), and why each is done.

An item vipdesk holds evidence for (`services.placements.evidence`) is done when the records
say so. A coordinator may still tick it by hand, but only with a reason ("done outside vipdesk:
paper questionnaire"), kept with who and when. The other items are plain ticks.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError
from vipdesk.models import LIFECYCLE, ChecklistTick, Phase, Placement, Status
from vipdesk.phrase import Count, Label
from vipdesk.resources import load_json
from vipdesk.services.placements.evidence import EVIDENCE_ITEMS, Evidence, day, evidence_for
from vipdesk.services.placements.evidence_types import Finding

REASON_LIMIT = 200  # a reason is a short line, shown beside the item


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    phase: Phase
    label: str
    required_for: Status | None  # moving to this status (or later) needs the item ticked

    @property
    def backed_by_evidence(self) -> bool:
        """vipdesk derives this item from its records; a tick by hand needs a reason."""
        return self.key in EVIDENCE_ITEMS


class Basis(enum.StrEnum):
    """Why an item counts as done, or that it does not."""

    EVIDENCE = "evidence"  # the records show it
    HAND = "hand"  # a coordinator ticked it (with a reason, for an evidence-backed item)
    OPEN = "open"


@dataclass(frozen=True)
class ItemState:
    """One item of one placement: done by evidence, done by hand, or open.

    `detail` is what backs it ("questionnaire completed 3 Dec 2026, no critical flag"), the
    reason of a tick by hand, or why it is still open ("1 critical flag open: …"); empty for an
    open plain item. `done_by`/`done_at` belong to a tick by hand.
    """

    item: ChecklistItem
    basis: Basis = Basis.OPEN
    detail: str = ""
    done_by: str | None = None
    done_at: datetime | None = None
    findings: tuple[Finding, ...] = ()  # `detail` as what the records say, for evidence

    @property
    def done(self) -> bool:
        return self.basis is not Basis.OPEN

    def describe(self) -> str:
        """One line for the coordinator: how it is done, or what is missing."""
        if self.basis is Basis.EVIDENCE:
            return f"Done: {self.detail}"
        if self.basis is Basis.HAND:
            when = day(self.done_at) if self.done_at else ""
            by = ", ".join(part for part in (self.done_by or "", when) if part)
            return f"Ticked by {by}" + (f": {self.detail}" if self.detail else "")
        return f"Open: {self.detail}" if self.detail else ""


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
    raise ValidationError.on("item", "There is no checklist item '{key}'.", key=key)


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
    """Every item, in order: done by evidence, ticked by hand (who, when, why), or open."""
    with db.session() as session:
        return checklist_states(session, [placement_id])[placement_id]


def checklist_states(session: Session, placement_ids: Sequence[int]) -> dict[int, list[ItemState]]:
    """`checklist_state` of many placements at once, in a fixed number of queries."""
    ids = list(dict.fromkeys(placement_ids))
    ticks: dict[int, dict[str, ChecklistTick]] = {pid: {} for pid in ids}
    if ids:
        for tick in session.scalars(
            select(ChecklistTick).where(ChecklistTick.placement_id.in_(ids))
        ):
            ticks[tick.placement_id][tick.item_key] = tick
    evidence = evidence_for(session, ids)
    return {
        pid: [
            _item_state(item, evidence[pid].get(item.key), ticks[pid]) for item in checklist_items()
        ]
        for pid in ids
    }


def _item_state(
    item: ChecklistItem, found: Evidence | None, ticks: dict[str, ChecklistTick]
) -> ItemState:
    if found is not None and found.done:
        return ItemState(item, Basis.EVIDENCE, found.text, findings=found.findings)
    tick = ticks.get(item.key)
    if tick is not None:
        return ItemState(item, Basis.HAND, (tick.note or "").strip(), tick.done_by, tick.done_at)
    if found is None:
        return ItemState(item, Basis.OPEN)
    return ItemState(item, Basis.OPEN, found.text, findings=found.findings)


def check_reason(item: ChecklistItem, reason: str) -> str | None:
    """The reason to keep with a tick by hand: required for an evidence-backed item.

    Raises:
        ValidationError: no reason for an evidence-backed item, or a reason too long.
    """
    text = " ".join(reason.split())
    if item.backed_by_evidence and not text:
        raise ValidationError.on(
            "reason",
            "“{item}” follows from vipdesk's records; to tick it by hand, say why "
            "(e.g. “done outside vipdesk: paper questionnaire”).",
            item=Label(item.label),
        )
    if len(text) > REASON_LIMIT:
        raise ValidationError.on(
            "reason", "Keep the reason under {limit} characters.", limit=Count(REASON_LIMIT)
        )
    return text or None


def set_done(
    db: Database,
    placement_id: int,
    key: str,
    done: bool,
    user: str | None = None,
    *,
    reason: str = "",
) -> None:
    """Tick or untick an item; ticking twice keeps the first tick.

    Ticking an item vipdesk holds evidence for needs `reason`; it is kept with the tick.

    Two coordinators ticking (or unticking) the same item at the same moment want the same
    outcome, so the second one changes nothing: no conflict to resolve, and never a raw
    database error.

    Raises:
        ValidationError: an evidence-backed item ticked without a reason.
        NotFoundError: the placement was deleted.
        ConflictError: the tick could not be stored and the item is still not done.
    """
    item = item_by_key(key)
    note = check_reason(item, reason) if done else None
    try:
        with db.session(user) as session:
            if session.get(Placement, placement_id) is None:
                raise NotFoundError.said("This placement no longer exists.")
            tick = _tick(session, placement_id, key)
            if done and tick is None:
                session.add(
                    ChecklistTick(
                        placement_id=placement_id,
                        item_key=key,
                        phase=item.phase,
                        done_by=session.info["user"],
                        note=note,
                    )
                )
            elif not done and tick is not None:
                session.delete(tick)  # gone meanwhile is fine (see ChecklistTick)
    except IntegrityError as exc:
        # Someone ticked the item between our read and our write (the UNIQUE constraint
        # caught it): the outcome wanted is there, the first tick stays.
        with db.session() as session:
            if session.get(Placement, placement_id) is None:
                raise NotFoundError.said("This placement no longer exists.") from exc
            if _tick(session, placement_id, key) is None:
                raise ConflictError("checklist") from exc


def _tick(session: Session, placement_id: int, key: str) -> ChecklistTick | None:
    return session.scalar(
        select(ChecklistTick).where(
            ChecklistTick.placement_id == placement_id, ChecklistTick.item_key == key
        )
    )
