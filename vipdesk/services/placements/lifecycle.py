"""A placement's lifecycle: which status may follow which, and the checks on each move.

Every check of a status move is here. Moving forward needs the checklist items of the new
status done (by evidence, or ticked by hand) and the records the status stands for: "agreement
sent" a version sent for signature, "signed" and later the agreement signed by all and locked,
"completed" the credits recognised where the placement counts toward the degree.
A refused move names every reason at once, each with the place to fix it. An office lead
(`services.placements.leads`) may move past them deliberately, with a reason kept in the
history. Moving back one step undoes a slip; any status but "completed" can be cancelled.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, TransitionError, ValidationError
from vipdesk.models import LIFECYCLE, AuditEntry, Placement, Status
from vipdesk.models.base import utcnow
from vipdesk.phrase import Count, Label
from vipdesk.services.placements.checklist import (
    REASON_LIMIT,
    Basis,
    ItemState,
    blockers,
    checklist_states,
)
from vipdesk.services.placements.during import DURING_ITEMS
from vipdesk.services.placements.evidence import (
    AGREEMENT_ITEM,
    CERTIFICATE_ITEM,
    PROTOCOL_ITEM,
    READINESS_ITEMS,
    TOOLS_ITEM,
    sent_agreement,
)
from vipdesk.services.placements.evidence_types import Finding
from vipdesk.services.placements.leads import is_office_lead
from vipdesk.services.placements.records import PlacementForm, load_placement, to_form


class FixPlace(enum.StrEnum):
    """Where a coordinator fixes what blocks a move: a tab of the placement editor."""

    CHECKLIST = "checklist"
    PREPARATION = "preparation"
    AGREEMENT = "agreement"
    MONITORING = "monitoring"

    @property
    def label(self) -> str:
        return {
            "checklist": "Status",
            "preparation": "Preparation",
            "agreement": "Agreement",
            "monitoring": "Monitoring",
        }[self.value]


_PLACES = {
    **dict.fromkeys((*READINESS_ITEMS.values(), PROTOCOL_ITEM, TOOLS_ITEM), FixPlace.PREPARATION),
    AGREEMENT_ITEM: FixPlace.AGREEMENT,
    CERTIFICATE_ITEM: FixPlace.AGREEMENT,
    **dict.fromkeys(DURING_ITEMS, FixPlace.MONITORING),
}


@dataclass(frozen=True)
class Refusal:
    """One reason a move may not happen yet, in the coordinator's words, and where to fix it."""

    text: str
    place: FixPlace
    item_key: str | None = None  # the checklist item it is about; None for a record rule
    rule: str = ""  # which reason (`REFUSAL_RULES`), for the interface to word it
    findings: tuple[Finding, ...] = ()  # what the records say about it


# Each kind of refusal; the interface words them from `rule` and `findings`.
REFUSAL_RULES = ("item_open", "not_ticked", "agreement_not_locked", "agreement_not_sent")


class MoveRefusedError(TransitionError):
    """A move the records do not back yet; `reasons` lists every one of them."""

    def __init__(self, target: Status, reasons: Sequence[Refusal]) -> None:
        self.target = target
        self.reasons = tuple(reasons)
        listed = "\n".join(f"• {r.text}" for r in self.reasons)
        super().__init__(f"The placement cannot move to '{target.label}' yet:\n{listed}")


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
    *,
    override: str | None = None,
) -> PlacementForm:
    """Move a placement along its lifecycle.

    `override` is an office lead's reason to move although the records do not back the move
    yet; it is kept in the placement's history with the reasons it overrode.

    Raises:
        TransitionError: the move is not allowed; `MoveRefusedError` names every open reason.
        ValidationError: an override without a reason, or by someone who is not an office lead.
        ConflictError: the placement changed since `expected_version`.
    """
    try:
        with db.session(user) as session:
            placement = session.get(Placement, placement_id)
            if placement is None:
                raise NotFoundError.said("This placement no longer exists.")
            if placement.version != expected_version:
                raise ConflictError(
                    "placement", theirs=to_form(placement), changed_by=placement.updated_by
                )
            move_status(session, placement, target, override=override)
            session.flush()
            return to_form(placement)
    except StaleDataError as exc:
        # Someone saved between our read and our write: the version in the UPDATE caught it.
        theirs = load_placement(db, placement_id)
        raise ConflictError("placement", theirs=theirs, changed_by=theirs.updated_by) from exc


def move_status(
    session: Session, placement: Placement, target: Status, *, override: str | None = None
) -> None:
    """Move within an open session, with every check of `change_status` but the version's.

    Raises:
        TransitionError, MoveRefusedError, ValidationError: as for `change_status`.
    """
    if target not in allowed_transitions(placement.status):
        raise TransitionError.said(
            "A placement cannot go from '{current}' to '{target}'.",
            current=Label(placement.status.label),
            target=Label(target.label),
        )
    if is_forward(placement.status, target):
        states = checklist_states(session, [placement.id])[placement.id]
        reasons = refusals(session, placement.id, target, states)
        if reasons and override is None:
            raise MoveRefusedError(target, reasons)
        if reasons:
            _record_override(session, placement, target, reasons, override or "")
    placement.status = target


@dataclass(frozen=True)
class Outlook:
    """What the Status tab shows: every item's state, the next step and what blocks it."""

    states: list[ItemState]
    next_status: Status | None
    blocking: list[Refusal]


def next_status(status: Status) -> Status | None:
    forward = [s for s in allowed_transitions(status) if is_forward(status, s)]
    return forward[0] if forward else None


def outlook(db: Database, placement_id: int, status: Status) -> Outlook:
    """The checklist of a placement at `status` and the reasons its next move waits."""
    with db.session() as session:
        states = checklist_states(session, [placement_id])[placement_id]
        target = next_status(status)
        blocking = refusals(session, placement_id, target, states) if target else []
    return Outlook(states, target, blocking)


def refusals(
    session: Session, placement_id: int, target: Status, states: Sequence[ItemState]
) -> list[Refusal]:
    """Every reason a forward move to `target` is not backed by the records yet, in order."""
    reach = LIFECYCLE.index(target)
    needs_lock = reach >= LIFECYCLE.index(Status.SIGNED)
    by_key = {s.item.key: s for s in states}
    out: list[Refusal] = []
    for item in blockers({s.item.key for s in states if s.done}, target):
        if item.key == AGREEMENT_ITEM and needs_lock:
            continue  # said once, below, from the agreement itself
        out.append(_refusal(by_key[item.key]))
    agreement = by_key[AGREEMENT_ITEM]
    if needs_lock and agreement.basis is not Basis.EVIDENCE:
        out.append(
            Refusal(
                "The agreement is not signed by all three parties and locked: "
                + (_open_detail(agreement) or "record the signatures on the Agreement tab"),
                FixPlace.AGREEMENT,
                rule="agreement_not_locked",
                findings=_open_findings(agreement),
            )
        )
    elif reach >= LIFECYCLE.index(Status.AGREEMENT_SENT) and not sent_agreement(
        session, placement_id
    ):
        out.append(
            Refusal(
                "No agreement version has been sent for signature: "
                + (_open_detail(agreement) or "draft it and send it from the Agreement tab"),
                FixPlace.AGREEMENT,
                rule="agreement_not_sent",
                findings=_open_findings(agreement),
            )
        )
    return out


def _open_detail(state: ItemState) -> str:
    return state.detail if state.basis is Basis.OPEN else ""


def _open_findings(state: ItemState) -> tuple[Finding, ...]:
    return state.findings if state.basis is Basis.OPEN else ()


def _refusal(state: ItemState) -> Refusal:
    name = state.item.label.split(":")[0]
    place = _PLACES.get(state.item.key, FixPlace.CHECKLIST)
    if state.item.backed_by_evidence:
        text = f"{name} — {state.detail or 'not done yet'}"
        return Refusal(text, place, state.item.key, "item_open", state.findings)
    return Refusal(f"Not ticked yet: {state.item.label}", place, state.item.key, "not_ticked")


def _record_override(
    session: Session,
    placement: Placement,
    target: Status,
    reasons: Sequence[Refusal],
    reason: str,
) -> None:
    """Check an office lead's override and keep it, with what it overrode, in the history."""
    user = str(session.info.get("user") or "unknown")
    text = " ".join(reason.split())
    if not text:
        raise ValidationError.on("override", "Say why the placement moves anyway.")
    if len(text) > REASON_LIMIT:
        raise ValidationError.on(
            "override", "Keep the reason under {limit} characters.", limit=Count(REASON_LIMIT)
        )
    if not is_office_lead(session, user):
        raise ValidationError.on(
            "override", "Only an office lead can move a placement past open checks."
        )
    changes = {
        "status": [placement.status.value, target.value],
        "reason": [None, text],
        "overridden": [None, "; ".join(r.text for r in reasons)],
    }
    session.execute(
        insert(AuditEntry),
        [
            {
                "at": utcnow(),
                "user": user,
                "entity": "placement",
                "entity_id": placement.id,
                "action": "override",
                "summary": f"moved to {target.label} past open checks: {text}"[:300],
                "changes": json.dumps(changes, ensure_ascii=False),
            }
        ],
    )
