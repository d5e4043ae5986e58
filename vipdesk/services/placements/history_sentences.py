"""The audit trail of a placement told in a coordinator's words.

An audit entry keeps a summary ("changed signature of the host on the learning agreement 1")
and the changed columns with their raw values (ids, enum values, ISO timestamps). This module
turns each entry into sentences ("Signature of the host organisation on learning agreement 1
recorded: typed approval by Eva Berg, 3 Dec 2026"), naming related records and showing labels.
It is pure: names of related records come in a `Names` lookup, read by `history.py`.

Entries of a placement's child records carry no table name, only the summary their label
produced (see `models.audit._target`); `KINDS` recognises each of those labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vipdesk.enums import PeriodKind
from vipdesk.models import (
    DocumentState,
    ProtocolActor,
    ReadinessParty,
    ResponseStatus,
    SignatureMethod,
    SignatureState,
    ToolTestResult,
)
from vipdesk.services.placements.checklist import checklist_items
from vipdesk.services.placements.history_values import (
    Names,
    day_and_time,
    field_label,
    quoted,
    show,
)
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name
from vipdesk.services.worklist.rules import shipped_rules

Changes = Mapping[str, list[Any]]

PARTY_WORDS = {
    "student": "the student",
    "sending": "the sending institution",
    "host": "the host organisation",
}


@dataclass(frozen=True)
class Entry:
    """One audit entry as stored: what `describe` reads."""

    at: datetime
    user: str
    action: str  # create, update, delete
    summary: str
    changes: Changes = field(default_factory=dict)


@dataclass(frozen=True)
class Said:
    """One sentence about an entry: what happened, and an optional note after a colon."""

    what: str
    note: str = ""


def _new(changes: Changes, key: str) -> Any:
    pair = changes.get(key)
    return pair[1] if pair else None


def _old(changes: Changes, key: str) -> Any:
    pair = changes.get(key)
    return pair[0] if pair else None


def field_changes(changes: Changes, names: Names, skip: tuple[str, ...] = ()) -> list[str]:
    """'hours per week from 20 to 25', 'company mentor set to Jürgen Weiß', … per field."""
    phrases = []
    for key, (old, new) in changes.items():
        if key in skip or key == "placement_id":
            continue
        label = field_label(key)
        before, after = show(key, old, names), show(key, new, names)
        if key in ("content", "pdf", "signed_pdf", "final_pdf", "scan"):
            phrases.append(f"{label} replaced" if old is not None else f"{label} added")
        elif old in (None, ""):
            phrases.append(f"{label} set to {after}")
        elif new in (None, ""):
            phrases.append(f"{label} cleared (was {before})")
        else:
            phrases.append(f"{label} changed from {before} to {after}")
    return phrases


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _one_per_field(
    prefix: str, changes: Changes, names: Names, skip: tuple[str, ...] = ()
) -> list[Said]:
    phrases = field_changes(changes, names, skip)
    if not phrases:
        return [Said(_capital(prefix.removesuffix(": ") or "placement") + " saved")]
    return [Said(_capital(f"{prefix}{p}")) for p in phrases]


# --- one describer per kind of record ------------------------------------------------------


def _placement(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    c = entry.changes
    reference = match["label"]
    if entry.action == "create":
        student = show("student_id", _new(c, "student_id"), names)
        host = show("host_id", _new(c, "host_id"), names)
        start = show("planned_start", _new(c, "planned_start"), names)
        end = show("planned_end", _new(c, "planned_end"), names)
        title = quoted(str(_new(c, "title") or ""))
        return [
            Said(f"Placement {reference} created", f"{title}, {student} at {host}, {start} – {end}")
        ]
    if entry.action == "delete":
        return [Said(f"Placement {reference} deleted")]
    return _one_per_field("", c, names)


def _item_label(key: str) -> str:
    """The first clause of the item's label: 'Student readiness checked'."""
    for item in checklist_items():
        if item.key == key:
            return re.split(r"[:;(]", item.label, maxsplit=1)[0].strip()
    return key.replace("_", " ").capitalize()


def _tick(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    item = f"“{_item_label(match['key'])}”"
    note = str(_new(entry.changes, "note") or "")
    if entry.action == "create":
        return [Said(f"{item} ticked", note)]
    if entry.action == "delete":
        return [Said(f"{item} unticked")]
    if set(entry.changes) == {"note"}:
        return [Said(f"Note on {item} changed", note)]
    return _one_per_field(f"{item}: ", entry.changes, names, skip=("phase",))


def _period(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    kind = PeriodKind(match["kind"]).value.capitalize()
    c = entry.changes
    if entry.action == "create":
        start, end = show("start", _new(c, "start"), names), show("end", _new(c, "end"), names)
        return [Said(f"{kind} period added: {start} – {end}")]
    if entry.action == "delete":
        return [Said(f"{kind} period removed")]
    return _one_per_field(f"{kind} period: ", c, names)


_DOCUMENT_STATE_WORDS = {
    DocumentState.DRAFT: "reopened as a draft",
    DocumentState.SENT: "sent for signature",
    DocumentState.SIGNED: "signed by all three parties and locked",
    DocumentState.SUPERSEDED: "superseded by a newer version",
}


def _document(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    document = _capital(match["label"])
    c = entry.changes
    note = str(_new(c, "note") or "")
    if entry.action == "create":
        return [Said(f"{document} drafted", note)]
    if entry.action == "delete":
        return [Said(f"{document} deleted")]
    if "state" in c:
        state = DocumentState(_new(c, "state"))
        return [Said(f"{document} {_DOCUMENT_STATE_WORDS[state]}", note)]
    if "content" in c:
        return [Said(f"{document} edited", note)]
    if "signed_pdf" in c:
        return [Said(f"Signed PDF of {match['label']} updated")]
    if set(c) == {"content_hash"}:
        return [Said(f"{document} checked and frozen for sending")]
    if set(c) == {"note"}:
        return [Said(f"Note on {match['label']} changed", note)]
    return _one_per_field(f"{document}: ", c, names)


def _signature(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    party = PARTY_WORDS.get(match["party"], f"the {match['party']}")
    document = match["document"]
    c = entry.changes
    if entry.action == "create":
        return [Said(f"Signature of {party} awaited on {document}")]
    if entry.action == "delete":
        return [Said(f"Signature of {party} on {document} removed")]
    reason = str(_new(c, "reason") or "")
    state = _new(c, "state")
    if state == SignatureState.SIGNED:
        method = SignatureMethod(_new(c, "method")).label.lower() if _new(c, "method") else ""
        signer = _new(c, "signer_name")
        on = show("signed_on", _new(c, "signed_on"), names)
        how = (
            method + (f" from {signer}" if signer else "") + (f", dated {on}" if on != "—" else "")
        )
        return [Said(f"Signature of {party} on {document} recorded ({how})", reason)]
    if state == SignatureState.DECLINED:
        return [Said(f"{_capital(party)}'s refusal to sign {document} recorded", reason)]
    if state == SignatureState.PENDING:
        return [Said(f"Signature of {party} on {document} reset: signing starts over")]
    if set(c) <= {"reason", "recorded_by", "recorded_at"} and reason:
        return [Said(f"Note on the signature of {party} on {document} changed", reason)]
    return _one_per_field(f"Signature of {party} on {document}: ", c, names)


def _questionnaire(match: re.Match[str]) -> str:
    label = match["party"]
    for party in ReadinessParty:
        if party.label.lower() == label:
            return f"{party.label} readiness questionnaire"
    return f"{_capital(label)} readiness questionnaire"


def _readiness(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    questionnaire = _questionnaire(match)
    c = entry.changes
    if entry.action == "create":
        respondent = _new(c, "respondent")
        return [Said(f"{questionnaire} started" + (f" with {respondent}" if respondent else ""))]
    if entry.action == "delete":
        return [Said(f"{questionnaire} discarded before it was completed")]
    if _new(c, "status") == ResponseStatus.COMPLETED:
        return [Said(f"{questionnaire} completed")]
    return _one_per_field(f"{questionnaire}: ", c, names, skip=("completed_at",))


def _protocol(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    if entry.action == "create":
        return [Said("Communication protocol saved")]
    if entry.action == "delete":
        return [Said("Communication protocol removed")]
    return _one_per_field("Communication protocol: ", entry.changes, names)


def _purpose_label(key: str) -> str:
    return next((p.label for p in purposes() if p.key == key), key.replace("_", " "))


def _tool_choice(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    purpose = f"“{_purpose_label(match['purpose'])}”"
    c = entry.changes
    if entry.action == "create":
        return [Said(f"{tool_name(str(_new(c, 'tool_key')))} chosen for {purpose}")]
    if entry.action == "delete":
        return [Said(f"Tool for {purpose} removed")]
    before, after = tool_name(str(_old(c, "tool_key"))), tool_name(str(_new(c, "tool_key")))
    return [Said(f"Tool for {purpose} changed from {before} to {after}")]


def _actor_words(value: str) -> str:
    try:
        return f"the {ProtocolActor(value).label.lower()}"
    except ValueError:
        return f"the {value}"


def _tool_test(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    subject = f"{tool_name(match['tool'])} with {_actor_words(match['actor'])}"
    c = entry.changes
    if entry.action == "delete":
        return [Said(f"Test of {subject} removed")]
    note = str(_new(c, "note") or "")
    result = _new(c, "result")
    if result is None:
        if set(c) == {"note"}:
            return [Said(f"Note on the test of {subject} changed", note)]
        return _one_per_field(f"Test of {subject}: ", c, names)
    outcome = ToolTestResult(result)
    if outcome is ToolTestResult.NOT_YET:
        return [Said(f"Test of {subject} marked as not yet done", note)]
    on = show("tested_on", _new(c, "tested_on"), names)
    when = f" ({on})" if on != "—" else ""
    return [Said(f"Test of {subject}{when} recorded as {outcome.label.lower()}", note)]


def _cost(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    cost = quoted(match["description"])
    c = entry.changes
    if entry.action == "create":
        amount = f"{_new(c, 'amount')} {_new(c, 'currency')}"
        return [Said(f"Cost {cost} added: {amount}", str(_new(c, "notes") or ""))]
    if entry.action == "delete":
        return [Said(f"Cost {cost} removed")]
    return _one_per_field(f"Cost {cost}: ", c, names)


def _cost_share(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    cost = show("cost_item_id", _new(entry.changes, "cost_item_id"), names)
    if entry.action == "create":
        return [Said(f"Shared cost {cost} now shared with this placement")]
    if entry.action == "delete":
        return [Said("This placement no longer shares a shared cost")]
    return _one_per_field("Share of a shared cost: ", entry.changes, names)


def _snooze(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    c = entry.changes
    rule = _new(c, "rule_key")
    what = next((r.what for r in shipped_rules() if r.key == rule), str(rule).replace("_", " "))
    item = f"“{_capital(what)}”" if rule else "a work-list item"
    note = str(_new(c, "note") or "")
    if entry.action == "create":
        until = show("until", _new(c, "until"), names)
        return [Said(f"Work-list item {item} snoozed until {until}", note)]
    if entry.action == "delete":
        return [Said("A work-list item is no longer snoozed")]
    return _one_per_field("Snooze of a work-list item: ", c, names)


def _during(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    """A monitoring-log entry ("mentor meeting of 03 Dec 2026") or the recognition."""
    what = _capital(match["what"])
    if entry.action == "create":
        return [Said(f"{what} recorded", str(_new(entry.changes, "note") or ""))]
    if entry.action == "delete":
        return [Said(f"{what} removed")]
    return _one_per_field(f"{what}: ", entry.changes, names)


def _mail(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    """An e-mail of the outbox: queued, then sent, failed, cancelled or queued again."""
    about = f"E-mail “{match['subject']}” to {match['to']}"
    if entry.action == "create":
        return [Said(f"{about} queued")]
    if entry.action == "delete":
        return [Said(f"{about} removed from the outbox")]
    c = entry.changes
    state = _new(c, "state")
    if state == "sent":
        return [Said(f"{about} sent", str(_new(c, "server_reply") or ""))]
    if state == "failed":
        return [Said(f"{about} could not be sent", str(_new(c, "failure") or ""))]
    if state == "cancelled":
        return [Said(f"{about} cancelled")]
    if state == "queued":
        return [Said(f"{about} queued again")]
    return _one_per_field(f"{about}: ", c, names)


Describer = Callable[[Entry, re.Match[str], Names], list[Said]]


@dataclass(frozen=True)
class Kind:
    table: str  # the table whose rows produce this label
    pattern: re.Pattern[str]  # the label after "added/changed/removed "
    describe: Describer


KINDS: tuple[Kind, ...] = (
    Kind("placement", re.compile(r"placement (?P<label>.+)"), _placement),
    Kind("checklist_tick", re.compile(r"checklist item (?P<key>\S+)"), _tick),
    Kind("placement_period", re.compile(r"(?P<kind>physical|virtual) period"), _period),
    Kind(
        "agreement_signature",
        re.compile(r"signature of the (?P<party>\w+) on the (?P<document>.+)"),
        _signature,
    ),
    Kind(
        "agreement_document",
        re.compile(r"(?P<label>(learning agreement|amendment|traineeship certificate) \d+)"),
        _document,
    ),
    Kind("readiness_response", re.compile(r"(?P<party>.+) readiness \(.+\)"), _readiness),
    Kind("communication_protocol", re.compile(r"communication protocol"), _protocol),
    Kind("tool_choice", re.compile(r"tool for (?P<purpose>\S+)"), _tool_choice),
    Kind("tool_test", re.compile(r"test of (?P<tool>\S+) with the (?P<actor>\w+)"), _tool_test),
    Kind("cost_item", re.compile(r"cost item (?P<description>.*)"), _cost),
    Kind("cost_share", re.compile(r"share of a cost item"), _cost_share),
    Kind("work_snooze", re.compile(r"work snooze"), _snooze),
    Kind("monitoring_entry", re.compile(r"(?P<what>.+ of \d{2} \w{3} \d{4})"), _during),
    Kind("recognition", re.compile(r"(?P<what>recognition)"), _during),
    Kind("evaluation_response", re.compile(r"(?P<what>.+ evaluation) \(.+\)"), _during),
    Kind("outbox_message", re.compile(r'e-mail "(?P<subject>.*)" to (?P<to>.+)', re.DOTALL), _mail),
)

_VERB = re.compile(r"(added|changed|removed) (?P<label>.*)", re.DOTALL)


def _fallback(entry: Entry, names: Names) -> list[Said]:
    """A record of a kind this module does not know: its summary, and each field in words."""
    summary = _capital(entry.summary)
    if entry.action != "update":
        return [Said(summary)]
    return _one_per_field(f"{summary}: ", entry.changes, names)


def kind_of(summary: str) -> tuple[Kind, re.Match[str]] | None:
    """Which kind of record an entry's summary speaks of; None for a kind not known here."""
    verb = _VERB.fullmatch(summary)
    if verb is not None:
        for kind in KINDS:
            match = kind.pattern.fullmatch(verb["label"])
            if match is not None:
                return kind, match
    return None


def _override(entry: Entry, names: Names) -> Said:
    """An office lead's move past open checks (`lifecycle`): the reason, and what it overrode."""
    c = entry.changes
    before, after = (
        show("status", _old(c, "status"), names),
        show("status", _new(c, "status"), names),
    )
    overridden = str(_new(c, "overridden") or "")
    note = str(_new(c, "reason") or "") + (f" (open then: {overridden})" if overridden else "")
    return Said(f"Status changed from {before} to {after} past open checks", note)


def describe(entry: Entry, names: Names) -> list[Said]:
    """The sentences one audit entry becomes (usually one; an edit of several fields, several)."""
    if entry.action == "override":
        return [_override(entry, names)]
    found = kind_of(entry.summary)
    if found is None:
        return _fallback(entry, names)
    kind, match = found
    return kind.describe(entry, match, names)


def sentence(what: str, note: str, user: str, at: datetime) -> str:
    """'Status changed from Preparing to Agreement sent by ana, 4 Dec 2026 20:47'."""
    return f"{what} by {user}, {day_and_time(at)}" + (f": {note}" if note else "")
