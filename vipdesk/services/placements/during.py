"""Evidence during and after the placement: the monitoring log and the recognition.

The kick-off, mentoring, coaching, peer feedback and reflection items are done when the log
holds an entry of their kind. Recognition is done when the placement does not count toward
the degree (no credits planned), or when its recognition is complete (`services.monitoring.
recognition`). Two queries for any number of placements.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vipdesk.models import (
    EntryKind,
    EvaluationResponse,
    EvaluationStage,
    MonitoringEntry,
    Placement,
    ReadinessParty,
    Recognition,
)
from vipdesk.services.monitoring.recognition import recognition_form
from vipdesk.services.placements.evidence_types import Evidence, found, local_day
from vipdesk.services.placements.evidence_words import evidence

RECOGNITION_ITEM = "recognition"
EVALUATION_ITEM = "evaluation"
EVALUATED_BY = (ReadinessParty.STUDENT, ReadinessParty.COMPANY)
# Checklist item -> the log entry that backs it.
LOG_ITEMS: dict[str, EntryKind] = {
    "kickoff": EntryKind.KICKOFF,
    "mentoring": EntryKind.MENTOR_MEETING,
    "coaching": EntryKind.TUTOR_COACHING,
    "peer_feedback": EntryKind.PEER_FEEDBACK,
    "reflection": EntryKind.REFLECTION,
}
DURING_ITEMS = frozenset((*LOG_ITEMS, EVALUATION_ITEM, RECOGNITION_ITEM))


def during_evidence(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Evidence]]:
    """Placement id → item key → evidence for the items the log and the recognition back."""
    out: dict[int, dict[str, Evidence]] = {pid: {} for pid in ids}
    if not ids:
        return out
    kinds = list(LOG_ITEMS.values())
    held: dict[tuple[int, EntryKind], tuple[int, date]] = {
        (pid, kind): (count, last)
        for pid, kind, count, last in session.execute(
            select(
                MonitoringEntry.placement_id,
                MonitoringEntry.kind,
                func.count(),
                func.max(MonitoringEntry.held_on),
            )
            .where(MonitoringEntry.placement_id.in_(ids), MonitoringEntry.kind.in_(kinds))
            .group_by(MonitoringEntry.placement_id, MonitoringEntry.kind)
        )
    }
    for pid in ids:
        for key, kind in LOG_ITEMS.items():
            entries = held.get((pid, kind))
            if entries is None:
                out[pid][key] = evidence(False, found("nothing_logged", item=key))
                continue
            count, last = entries
            logged = found("logged", item=key, count=count, last=last)
            out[pid][key] = evidence(True, logged, at=last)
    for pid, recognised in _recognition(session, ids).items():
        out[pid][RECOGNITION_ITEM] = recognised
    for pid, evaluated in _evaluation(session, ids).items():
        out[pid][EVALUATION_ITEM] = evaluated
    return out


def _evaluation(session: Session, ids: Sequence[int]) -> dict[int, Evidence]:
    """Done when the student and the host mentor have both given their final evaluation."""
    r = EvaluationResponse
    given: dict[int, dict[ReadinessParty, datetime]] = {}
    for pid, party, last in session.execute(
        select(r.placement_id, r.party, func.max(r.recorded_at))
        .where(r.placement_id.in_(ids), r.stage == EvaluationStage.FINAL)
        .group_by(r.placement_id, r.party)
    ):
        given.setdefault(pid, {})[ReadinessParty(party)] = last
    out: dict[int, Evidence] = {}
    for pid in ids:
        given_by = given.get(pid, {})
        missing = tuple(p.value for p in EVALUATED_BY if p not in given_by)
        if missing:
            out[pid] = evidence(False, found("no_final_evaluation", parties=missing))
            continue
        last = max(given_by[p] for p in EVALUATED_BY)
        out[pid] = evidence(True, found("final_evaluations", day=local_day(last)), at=last)
    return out


def _recognition(session: Session, ids: Sequence[int]) -> dict[int, Evidence]:
    rows = session.execute(
        select(Placement.id, Placement.ects_credits, Recognition)
        .outerjoin(Recognition, Recognition.placement_id == Placement.id)
        .where(Placement.id.in_(ids))
    ).all()
    out: dict[int, Evidence] = {}
    for pid, planned, row in rows:
        if not planned:
            out[pid] = evidence(True, found("no_credits"))
            continue
        form = recognition_form(pid, planned, row)
        missing = tuple(form.missing_fields())
        if missing:
            out[pid] = evidence(False, found("recognition_missing", missing=missing))
            continue
        assert form.transcript_on is not None
        recognised = found(
            "recognised",
            awarded=form.credits_awarded,
            planned=planned,
            grade=form.grade,
            scale=form.grading_scale,
            day=form.transcript_on,
        )
        out[pid] = evidence(True, recognised, at=form.transcript_on)
    return out
