"""One of every finding the checklist's evidence can hold, with the variations its wording
has (one and several, none and some parties, with and without a date)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from vipdesk.services.placements.evidence_types import Finding, found

DAY = date(2026, 12, 3)

SAMPLE_FINDINGS: tuple[Finding, ...] = (
    found("questionnaire_started"),
    found("no_questionnaire"),
    found("questionnaire_clear", day=DAY),
    found("critical_flags", flags=(("student", 1, "reliable_internet", "no"),)),
    found(
        "critical_flags",
        flags=(("company", 1, "real_tasks", "no"), ("company", 1, "mentor_time", "no")),
    ),
    found("protocol_saved", day=DAY),
    found("no_protocol"),
    found("no_tool_for", purposes=("meetings",)),
    found("no_tool_for", purposes=("meetings", "documents")),
    found("tool_open", tool="zoom", open=(("student", "not_tested"),)),
    found("tool_open", tool="teams", open=(("mentor", "failed"), ("tutor", "not_tested"))),
    found("tools_tested", count=1, accepted=0, last=None),
    found("tools_tested", count=3, accepted=1, last=DAY),
    found("tools_tested", count=2, accepted=2, last=DAY),
    found("document_none", kind="agreement"),
    found("document_none", kind="certificate"),
    found("document_locked", kind="agreement", number=2, day=DAY),
    found("document_locked", kind="certificate", number=1, day=DAY),
    found("document_declined", kind="agreement", number=1, parties=("host",)),
    found("document_waiting", kind="agreement", number=1, parties=("student", "sending")),
    found("document_waiting", kind="certificate", number=1, parties=()),
    found("document_draft", kind="agreement", number=3),
    *(found("nothing_logged", item=item) for item in ("kickoff", "mentoring", "coaching")),
    *(found("nothing_logged", item=item) for item in ("peer_feedback", "reflection")),
    *(found("logged", item=item, count=1, last=DAY) for item in ("kickoff", "reflection")),
    *(
        found("logged", item=item, count=4, last=DAY)
        for item in ("kickoff", "mentoring", "coaching", "peer_feedback", "reflection")
    ),
    found("no_final_evaluation", parties=("student", "company")),
    found("no_final_evaluation", parties=("company",)),
    found("final_evaluations", day=DAY),
    found("no_credits"),
    found("recognition_missing", missing=("grade", "transcript_on")),
    found(
        "recognition_missing",
        missing=(
            "credits_awarded",
            "grade",
            "transcript_on",
            "outcomes_achieved",
            "certificate_received_on",
        ),
    ),
    found("recognised", awarded=Decimal("7.5"), planned=10, grade="B", scale="ects", day=DAY),
    found("recognised", awarded=Decimal("6"), planned=6, grade="pass", scale="none", day=DAY),
)
