"""A placement's lifecycle: which status may follow which, and the checks on each move.

Moving forward needs the checklist items of the new status ticked and, before "agreement
sent", every chosen tool tested (`services.tools.preparation_gate`); moving back one step
undoes a slip; any status but "completed" can be cancelled.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, TransitionError
from vipdesk.models import LIFECYCLE, ChecklistTick, Placement, Status
from vipdesk.services.placements.checklist import blockers
from vipdesk.services.placements.records import PlacementForm, load_placement, to_form
from vipdesk.services.preparation.tools import preparation_gate


def allowed_transitions(status: Status) -> list[Status]:
    """Forward one step, back one step (to undo a slip), cancel, or reopen a cancelled one."""
    if status is Status.CANCELLED:
        return [Status.DRAFT]
    index = LIFECYCLE.index(status)
    out: list[Status] = []
    if index + 1 < len(LIFECYCLE):
        out.append(LIFECYCLE[index + 1])
    if index > 0:
        out.append(LIFECYCLE[index - 1])
    if status is not Status.COMPLETED:
        out.append(Status.CANCELLED)
    return out


def is_forward(current: Status, target: Status) -> bool:
    return (
        current in LIFECYCLE
        and target in LIFECYCLE
        and LIFECYCLE.index(target) > LIFECYCLE.index(current)
    )


def change_status(
    db: Database,
    placement_id: int,
    target: Status,
    expected_version: int,
    user: str | None = None,
) -> PlacementForm:
    """Move a placement along its lifecycle.

    Raises:
        TransitionError: the move is not allowed, or checklist items block it (named).
        ConflictError: the placement changed since `expected_version`.
    """
    try:
        with db.session(user) as session:
            placement = session.get(Placement, placement_id)
            if placement is None:
                raise NotFoundError("This placement no longer exists.")
            if placement.version != expected_version:
                raise ConflictError(
                    "placement", theirs=to_form(placement), changed_by=placement.updated_by
                )
            move_status(session, placement, target)
            session.flush()
            return to_form(placement)
    except StaleDataError as exc:
        # Someone saved between our read and our write: the version in the UPDATE caught it.
        theirs = load_placement(db, placement_id)
        raise ConflictError("placement", theirs=theirs, changed_by=theirs.updated_by) from exc


def move_status(session: Session, placement: Placement, target: Status) -> None:
    """Move within an open session, with every check of `change_status` but the version's.

    Raises:
        TransitionError: the move is not allowed, or checklist items block it (named).
    """
    if target not in allowed_transitions(placement.status):
        raise TransitionError(
            f"A placement cannot go from '{placement.status.label}' to '{target.label}'."
        )
    if is_forward(placement.status, target):
        done = set(
            session.scalars(
                select(ChecklistTick.item_key).where(ChecklistTick.placement_id == placement.id)
            )
        )
        open_items = blockers(done, target)
        if open_items:
            listed = "\n".join(f"• {item.label}" for item in open_items)
            raise TransitionError(
                f"Before moving to '{target.label}', tick these checklist items:\n{listed}"
            )
        preparation_gate(session, placement.id, target)  # chosen tools tested by everyone
    placement.status = target
