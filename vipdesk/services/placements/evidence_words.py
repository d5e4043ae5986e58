"""The checklist's findings in English, for the command line and the history.

The evidence readers say what they found as `Finding`s; this words them. The interface words
the same findings in its own language (`vipdesk.ui.placements.evidence_texts`), and a test
keeps its English the same as this.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from vipdesk.models import ProtocolActor, ReadinessParty
from vipdesk.services.agreements.views import PARTY_LABELS
from vipdesk.services.evaluations.questionnaires import RESPONDENT_LABELS
from vipdesk.services.monitoring.recognition import MISSING_LABELS, grading_scales
from vipdesk.services.placements.evidence_types import Evidence, Finding, day
from vipdesk.services.preparation.questionnaires import default_library
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name

# Checklist item backed by the log -> how the coordinator names one entry, and several.
LOGGED_NAMES: dict[str, tuple[str, str]] = {
    "kickoff": ("kick-off meeting", "kick-off meetings"),
    "mentoring": ("mentor meeting", "mentor meetings"),
    "coaching": ("coaching session", "coaching sessions"),
    "peer_feedback": ("peer feedback", "peer feedback entries"),
    "reflection": ("reflection entry", "reflection entries"),
}


def evidence(done: bool, *findings: Finding, at: datetime | date | None = None) -> Evidence:
    """Evidence of what was found, with its English text."""
    return Evidence(done, english(findings), at, findings)


def english(findings: Sequence[Finding]) -> str:
    return "; ".join(_sentence(f) for f in findings)


def short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def and_list(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join(parts) if len(parts) <= 2 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _party(key: str) -> str:
    return PARTY_LABELS.get(key, key).lower()


def _sentence(finding: Finding) -> str:
    v, key = finding.values, finding.key
    if key == "questionnaire_started":
        return "questionnaire started, not completed yet"
    if key == "no_questionnaire":
        return "no questionnaire completed yet"
    if key == "questionnaire_clear":
        return f"questionnaire completed {day(v['day'])}, no critical flag"
    if key == "critical_flags":
        flags = "; ".join(
            f"“{short(question)}” answered {answer}"
            for question, answer in (_flag_english(*flag) for flag in v["flags"])
        )
        count = len(v["flags"])
        return f"{count} critical flag{'s' if count > 1 else ''} open: {flags}"
    if key == "protocol_saved":
        return f"protocol saved {day(v['day'])}"
    if key == "no_protocol":
        return "no communication protocol saved yet"
    if key == "no_tool_for":
        labels = {p.key: p.label for p in purposes()}
        return f"no tool chosen for: {', '.join(labels.get(p, p) for p in v['purposes'])}"
    if key == "tool_open":
        parts = [
            f"not tested with the {ProtocolActor(actor).label.lower()}"
            if state == "not_tested"
            else f"failed with the {ProtocolActor(actor).label.lower()}, no reason recorded"
            for actor, state in v["open"]
        ]
        return f"{tool_name(v['tool'])}: {'; '.join(parts)}"
    if key == "tools_tested":
        count, accepted, last = v["count"], v["accepted"], v["last"]
        text = f"{count} tool{'s' if count > 1 else ''} tested with every actor"
        if accepted:
            text += f" ({accepted} failed test{'s' if accepted > 1 else ''} accepted with a reason)"
        return text + (f", last on {day(last)}" if last else "")
    if key.startswith("document_"):
        return _document(key, finding)
    if key == "nothing_logged":
        return f"no {LOGGED_NAMES[v['item']][0]} logged yet"
    if key == "logged":
        count, last = v["count"], day(v["last"])
        if count == 1:
            return f"{LOGGED_NAMES[v['item']][0]} logged, on {last}"
        return f"{_plural(count, *LOGGED_NAMES[v['item']])} logged, last on {last}"
    if key == "no_final_evaluation":
        who = [RESPONDENT_LABELS[ReadinessParty(p)].lower() for p in v["parties"]]
        return "no final evaluation by the " + " or the ".join(who)
    if key == "final_evaluations":
        return f"final evaluations by the student and the host mentor, the last on {day(v['day'])}"
    if key == "no_credits":
        return "no credits planned: the placement does not count toward the degree"
    if key == "recognition_missing":
        return "not recorded yet: " + ", ".join(MISSING_LABELS[m] for m in v["missing"])
    if key == "recognised":
        scale = grading_scales().get(v["scale"])
        on_scale = f" ({scale.label})" if scale else ""
        return (
            f"{v['awarded']} of {v['planned']} credits recognised, grade {v['grade']}"
            f"{on_scale}, transcript of {day(v['day'])}"
        )
    raise ValueError(f"no wording for the finding {key!r}")


def _document(key: str, finding: Finding) -> str:
    v = finding.values
    name = "agreement" if v["kind"] == "agreement" else "certificate"
    if key == "document_none":
        return f"no {name} drafted yet"
    title = f"{name} {v['number']}" if v["kind"] == "agreement" else name
    if key == "document_locked":
        return f"{title} signed and locked {day(v['day'])}"
    who = and_list([f"the {_party(p)}" for p in v.get("parties", ())])
    if key == "document_declined":
        return f"{title} declined by {who}"
    if key == "document_waiting":
        return f"{title} out for signature; not signed yet by {who or 'every party'}"
    return f"{title} is a draft, not sent for signature yet"


def _flag_english(
    questionnaire_id: str, version: int, item_key: str, value: object
) -> tuple[str, str]:
    item = default_library().get(questionnaire_id, version).item(item_key)
    return item.text, item.label(value)  # type: ignore[arg-type]
