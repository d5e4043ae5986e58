"""What the records say about checklist items, in the interface's language.

The services find it (`Finding`: a sentence's key and its dates, counts and keys) and word it
in English for the command line (`services.placements.evidence_words`); this words the same
findings here. A test keeps the English of both the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from functools import cache

from vipdesk.models import ProtocolActor
from vipdesk.services.monitoring.recognition import grading_scales
from vipdesk.services.placements.checklist import Basis, ItemState
from vipdesk.services.placements.evidence_types import Finding
from vipdesk.services.placements.lifecycle import Refusal
from vipdesk.services.preparation.questionnaires import AnswerValue
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name
from vipdesk.ui import labels, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.placements import checklist_texts
from vipdesk.ui.preparation.questionnaire_words import question_and_answer
from vipdesk.ui.today.rule_texts import and_list
from vipdesk.ui.typed import credits_text

QUESTION_LIMIT = 80  # a flagged question is cut to this many characters


def findings_text(findings: Sequence[Finding]) -> str:
    return "; ".join(finding_text(f) for f in findings)


def state_text(state: ItemState) -> str:
    """An item's detail: what backs it or keeps it open, or the reason of a tick by hand."""
    if state.basis is not Basis.HAND and state.findings:
        return findings_text(state.findings)
    return state.detail


def ticked_text(state: ItemState) -> str:
    """Who ticked an item by hand, when, and why."""
    on = when.day(state.done_at.astimezone().date()) if state.done_at else ""
    by = ", ".join(part for part in (state.done_by or "", on) if part)
    text = tr("Ticked by {who}").format(who=by) if by else tr("Ticked by hand")
    return text + (f": {state.detail}" if state.detail else "")


def refusal_text(refusal: Refusal) -> str:
    """One reason a status move is refused, as the status dialog lists it."""
    if refusal.rule == "not_ticked" and refusal.item_key:
        label = checklist_texts.item_label(refusal.item_key, refusal.text)
        return tr("Not ticked yet: {item}").format(item=label)
    detail = findings_text(refusal.findings)
    if refusal.rule == "item_open" and refusal.item_key:
        name = checklist_texts.item_label(refusal.item_key, "").split(":")[0]
        if not name:
            return refusal.text
        return tr("{item} — {detail}").format(item=name, detail=detail or tr("not done yet"))
    if refusal.rule == "agreement_not_locked":
        return tr("The agreement is not signed by all three parties and locked: {detail}").format(
            detail=detail or tr("record the signatures on the Agreement tab")
        )
    if refusal.rule == "agreement_not_sent":
        return tr("No agreement version has been sent for signature: {detail}").format(
            detail=detail or tr("draft it and send it from the Agreement tab")
        )
    return refusal.text


def finding_text(finding: Finding) -> str:
    v, key = finding.values, finding.key
    if key in _PLAIN:
        return _plain()[key]
    if key == "questionnaire_clear":
        return tr("questionnaire completed {day}, no critical flag").format(day=when.day(v["day"]))
    if key == "critical_flags":
        flags = "; ".join(_flag(*flag) for flag in v["flags"])
        return tr("%n critical flag(s) open: {flags}", "", len(v["flags"])).format(flags=flags)
    if key == "protocol_saved":
        return tr("protocol saved {day}").format(day=when.day(v["day"]))
    if key == "no_tool_for":
        names = {p.key: labels.shown(p.label) for p in purposes()}
        chosen = ", ".join(names.get(p, p) for p in v["purposes"])
        return tr("no tool chosen for: {purposes}").format(purposes=chosen)
    if key == "tool_open":
        return _tool_open(v["tool"], v["open"])
    if key == "tools_tested":
        return _tools_tested(v["count"], v["accepted"], v["last"])
    if key.startswith("document_"):
        return _document(key, v["kind"], v.get("number"), v.get("parties", ()), v.get("day"))
    if key in ("nothing_logged", "logged"):
        return _logged(v["item"], v.get("count", 0), v.get("last"))
    if key == "no_final_evaluation":
        respondents = {"student": tr("the student"), "company": tr("the host mentor")}
        who = [respondents.get(p, p) for p in v["parties"]]
        if len(who) > 1:
            return tr("no final evaluation by {first} or {second}").format(
                first=who[0], second=who[1]
            )
        return tr("no final evaluation by {who}").format(who="".join(who))
    if key == "final_evaluations":
        return tr("final evaluations by the student and the host mentor, the last on {day}").format(
            day=when.day(v["day"])
        )
    if key == "recognition_missing":
        fields = recognition_fields()
        missing = ", ".join(fields.get(m, m) for m in v["missing"])
        return tr("not recorded yet: {missing}").format(missing=missing)
    if key == "recognised":
        return _recognised(v["awarded"], v["planned"], v["grade"], v["scale"], v["day"])
    return key  # a finding this interface does not know yet: its key, never a wrong sentence


_PLAIN = frozenset({"questionnaire_started", "no_questionnaire", "no_protocol", "no_credits"})


@cache
def _plain() -> dict[str, str]:
    return {
        "questionnaire_started": tr("questionnaire started, not completed yet"),
        "no_questionnaire": tr("no questionnaire completed yet"),
        "no_protocol": tr("no communication protocol saved yet"),
        "no_credits": tr("no credits planned: the placement does not count toward the degree"),
    }


def _flag(questionnaire_id: str, version: int, item_key: str, value: AnswerValue) -> str:
    question, answer = question_and_answer(questionnaire_id, version, item_key, value)
    if len(question) > QUESTION_LIMIT:
        question = question[: QUESTION_LIMIT - 1].rstrip() + "…"
    return tr("“{question}” answered {answer}").format(question=question, answer=answer)


@cache
def actor_names() -> dict[str, str]:
    """The protocol's actors inside a sentence: "the student", "the company mentor"…"""
    return {
        ProtocolActor.STUDENT.value: tr("the student"),
        ProtocolActor.MENTOR.value: tr("the company mentor"),
        ProtocolActor.TUTOR.value: tr("the academic tutor"),
    }


def _tool_open(tool: str, open_with: Sequence[tuple[str, str]]) -> str:
    parts = [
        tr("not tested with {who}").format(who=actor_names().get(actor, actor))
        if state == "not_tested"
        else tr("failed with {who}, no reason recorded").format(who=actor_names().get(actor, actor))
        for actor, state in open_with
    ]
    return tr("{tool}: {problems}").format(tool=tool_name(tool), problems="; ".join(parts))


def _tools_tested(count: int, accepted: int, last: date | None) -> str:
    text = tr("%n tool(s) tested with every actor", "", count)
    if accepted:
        text += " " + tr("(%n failed test(s) accepted with a reason)", "", accepted)
    if last is not None:
        text += tr(", last on {day}").format(day=when.day(last))
    return text


def _document(
    key: str, kind: str, number: int | None, parties: Sequence[str], on: date | None
) -> str:
    agreement = kind == "agreement"
    if key == "document_none":
        return tr("no agreement drafted yet") if agreement else tr("no certificate drafted yet")
    title = tr("agreement {number}").format(number=number) if agreement else tr("certificate")
    if key == "document_locked" and on is not None:
        return tr("{document} signed and locked {day}").format(document=title, day=when.day(on))
    names = {
        "student": tr("the trainee"),
        "sending": tr("the sending institution"),
        "host": tr("the receiving organisation"),
    }
    who = and_list([names.get(p, p) for p in parties])
    if key == "document_declined":
        return tr("{document} declined by {who}").format(document=title, who=who)
    if key == "document_waiting":
        return tr("{document} out for signature; not signed yet by {who}").format(
            document=title, who=who or tr("every party")
        )
    return tr("{document} is a draft, not sent for signature yet").format(document=title)


def _logged(item: str, count: int, last: date | None) -> str:
    texts = _log_texts().get(item)
    if texts is None:
        return item
    none, one, several = texts
    if last is None:
        return none
    if count == 1:
        return one.format(day=when.day(last))
    return several(count).format(day=when.day(last))


@cache
def _log_texts() -> dict[str, tuple[str, str, Callable[[int], str]]]:
    """Per item: nothing logged; one entry logged; several logged."""
    return {
        "kickoff": (
            tr("no kick-off meeting logged yet"),
            tr("kick-off meeting logged, on {day}"),
            lambda n: tr("%n kick-off meeting(s) logged, last on {day}", "", n),
        ),
        "mentoring": (
            tr("no mentor meeting logged yet"),
            tr("mentor meeting logged, on {day}"),
            lambda n: tr("%n mentor meeting(s) logged, last on {day}", "", n),
        ),
        "coaching": (
            tr("no coaching session logged yet"),
            tr("coaching session logged, on {day}"),
            lambda n: tr("%n coaching session(s) logged, last on {day}", "", n),
        ),
        "peer_feedback": (
            tr("no peer feedback logged yet"),
            tr("peer feedback logged, on {day}"),
            lambda n: tr("%n peer feedback entries logged, last on {day}", "", n),
        ),
        "reflection": (
            tr("no reflection entry logged yet"),
            tr("reflection entry logged, on {day}"),
            lambda n: tr("%n reflection entry(ies) logged, last on {day}", "", n),
        ),
    }


@cache
def recognition_fields() -> dict[str, str]:
    return {
        "credits_awarded": tr("the credits awarded"),
        "grade": tr("the grade"),
        "transcript_on": tr("the transcript date"),
        "outcomes_achieved": tr("the learning outcomes achieved"),
        "certificate_received_on": tr("the certificate's receipt date"),
    }


def _recognised(
    awarded: Decimal | int, planned: Decimal | int, grade: str, scale_key: str, on: date
) -> str:
    scale = grading_scales().get(scale_key)
    text = tr("{awarded} of {planned} credits recognised, grade {grade}").format(
        awarded=credits_text(Decimal(awarded)),
        planned=credits_text(Decimal(planned)),
        grade=grade,
    )
    if scale is not None:
        text += f" ({labels.shown(scale.label)})"
    return text + tr(", transcript of {day}").format(day=when.day(on))
