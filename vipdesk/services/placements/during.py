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
from vipdesk.services.evaluations.questionnaires import RESPONDENT_LABELS
from vipdesk.services.monitoring.recognition import grading_scales, recognition_form
from vipdesk.services.placements.evidence_types import Evidence, day

RECOGNITION_ITEM = "recognition"
EVALUATION_ITEM = "evaluation"
EVALUATED_BY = (ReadinessParty.STUDENT, ReadinessParty.COMPANY)
# Checklist item -> the log entry that backs it, and how the coordinator names that entry.
LOG_ITEMS: dict[str, tuple[EntryKind, str, str]] = {
    "kickoff": (EntryKind.KICKOFF, "kick-off meeting", "kick-off meetings"),
    "mentoring": (EntryKind.MENTOR_MEETING, "mentor meeting", "mentor meetings"),
    "coaching": (EntryKind.TUTOR_COACHING, "coaching session", "coaching sessions"),
    "peer_feedback": (EntryKind.PEER_FEEDBACK, "peer feedback", "peer feedback entries"),
    "reflection": (EntryKind.REFLECTION, "reflection entry", "reflection entries"),
}
DURING_ITEMS = frozenset((*LOG_ITEMS, EVALUATION_ITEM, RECOGNITION_ITEM))


def during_evidence(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Evidence]]:
    """Placement id → item key → evidence for the items the log and the recognition back."""
    out: dict[int, dict[str, Evidence]] = {pid: {} for pid in ids}
    if not ids:
        return out
    kinds = [kind for kind, _, _ in LOG_ITEMS.values()]
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
        for key, (kind, one, many) in LOG_ITEMS.items():
            found = held.get((pid, kind))
            if found is None:
                out[pid][key] = Evidence(False, f"no {one} logged yet")
                continue
            count, last = found
            what = one if count == 1 else f"{count} {many}"
            text = f"{what} logged, on {day(last)}" if count == 1 else f"{what} logged, last on "
            out[pid][key] = Evidence(True, text + ("" if count == 1 else day(last)), last)
    for pid, evidence in _recognition(session, ids).items():
        out[pid][RECOGNITION_ITEM] = evidence
    for pid, evidence in _evaluation(session, ids).items():
        out[pid][EVALUATION_ITEM] = evidence
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
        found = given.get(pid, {})
        missing = [RESPONDENT_LABELS[p].lower() for p in EVALUATED_BY if p not in found]
        if missing:
            out[pid] = Evidence(False, "no final evaluation by the " + " or the ".join(missing))
            continue
        last = max(found[p] for p in EVALUATED_BY)
        out[pid] = Evidence(True, f"final evaluations by the student and the host mentor, "
                                  f"the last on {day(last)}", last)  # fmt: skip
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
            out[pid] = Evidence(
                True, "no credits planned: the placement does not count toward the degree"
            )
            continue
        form = recognition_form(pid, planned, row)
        missing = form.missing()
        if missing:
            out[pid] = Evidence(False, "not recorded yet: " + ", ".join(missing))
            continue
        scale = grading_scales().get(form.grading_scale)
        on_scale = f" ({scale.label})" if scale else ""
        assert form.transcript_on is not None
        out[pid] = Evidence(
            True,
            f"{form.credits_awarded} of {planned} credits recognised, grade {form.grade}"
            f"{on_scale}, transcript of {day(form.transcript_on)}",
            form.transcript_on,
        )
    return out
