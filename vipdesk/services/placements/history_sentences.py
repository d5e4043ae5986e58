"""The audit trail of a placement told in a coordinator's words.

An audit entry keeps a summary ("changed signature of the host on the learning agreement 1")
and the changed columns with their raw values (ids, enum values, ISO timestamps). This module
turns each entry into sentences ("Signature of the host organisation on learning agreement 1
recorded: typed approval by Eva Berg, 3 Dec 2026"), naming related records and showing labels.
It is pure: names of related records come in a `Names` lookup, read by `history.py`.

Each sentence is also kept as a `Phrase`: an English template and what fills it (stored values,
names, and `Word`s: a field, a party, a document…), so that the interface can word it in its
own language (`vipdesk.ui.placements.history_texts`); `what` is the English for the command line.

Entries of a placement's child records carry no table name, only the summary their label
produced (see `models.audit._target`); `KINDS` recognises each of those labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from vipdesk.enums import PeriodKind
from vipdesk.models import (
    DocumentState,
    ResponseStatus,
    SignatureState,
    ToolTestResult,
)
from vipdesk.phrase import Phrase, stored_phrase
from vipdesk.services.placements.history_values import (
    Names,
    day_and_time,
    quoted,
    value_of,
)
from vipdesk.services.placements.history_words import (
    Entry,
    Said,
    Word,
    capital,
    field_changes,
    new_value,
    old_value,
    one_per_field,
    said,
)
from vipdesk.services.preparation.tool_catalogue import tool_name

# --- one describer per kind of record ------------------------------------------------------


def _placement(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    c = entry.changes
    reference = match["label"]
    if entry.action == "create":
        about = Phrase(
            "{title}, {student} at {host}, {start} – {end}",
            {
                "title": quoted(str(new_value(c, "title") or "")),
                "student": value_of("student_id", new_value(c, "student_id"), names),
                "host": value_of("host_id", new_value(c, "host_id"), names),
                "start": value_of("planned_start", new_value(c, "planned_start"), names),
                "end": value_of("planned_end", new_value(c, "planned_end"), names),
            },
        )
        return [said("Placement {reference} created", about, reference=reference)]
    if entry.action == "delete":
        return [said("Placement {reference} deleted", reference=reference)]
    return one_per_field(None, c, names)


def _tick(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    item = Word("item", match["key"])
    note = str(new_value(entry.changes, "note") or "")
    if entry.action == "create":
        return [said("{item} ticked", note, item=item)]
    if entry.action == "delete":
        return [said("{item} unticked", item=item)]
    if set(entry.changes) == {"note"}:
        return [said("Note on {item} changed", note, item=item)]
    return one_per_field(Phrase("{item}", {"item": item}), entry.changes, names, ("phase",))


def _period(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    kind = Word("period", PeriodKind(match["kind"]).value)
    c = entry.changes
    if entry.action == "create":
        start, end = (
            value_of("start", new_value(c, "start"), names),
            value_of("end", new_value(c, "end"), names),
        )
        return [said("{kind} period added: {start} – {end}", kind=kind, start=start, end=end)]
    if entry.action == "delete":
        return [said("{kind} period removed", kind=kind)]
    return one_per_field(Phrase("{kind} period", {"kind": kind}), c, names)


def _document(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    document = Word("document", match["label"])
    c = entry.changes
    note = str(new_value(c, "note") or "")
    if entry.action == "create":
        return [said("{document} drafted", note, document=document)]
    if entry.action == "delete":
        return [said("{document} deleted", document=document)]
    if "state" in c:
        state = Word("state", DocumentState(new_value(c, "state")).value)
        return [said("{document} {state}", note, document=document, state=state)]
    if "content" in c:
        return [said("{document} edited", note, document=document)]
    if "signed_pdf" in c:
        return [said("Signed PDF of {document} updated", document=document)]
    if set(c) == {"content_hash"}:
        return [said("{document} checked and frozen for sending", document=document)]
    if set(c) == {"note"}:
        return [said("Note on {document} changed", note, document=document)]
    return one_per_field(Phrase("{document}", {"document": document}), c, names)


def _signature(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    party, document = Word("party", match["party"]), Word("document", match["document"])
    of = {"party": party, "document": document}
    c = entry.changes
    if entry.action == "create":
        return [said("Signature of {party} awaited on {document}", **of)]
    if entry.action == "delete":
        return [said("Signature of {party} on {document} removed", **of)]
    # vipdesk's own reason (an unconfirmed signer recorded) as it said it; a party's, as typed
    reason: str | Phrase = stored_phrase(new_value(c, "reason_phrase")) or str(
        new_value(c, "reason") or ""
    )
    state = new_value(c, "state")
    if state == SignatureState.SIGNED:
        method = new_value(c, "method")
        signer = new_value(c, "signer_name")
        on = value_of("signed_on", new_value(c, "signed_on"), names)
        how: Phrase = Phrase("{method}", {"method": Word("method", method) if method else ""})
        if signer:
            how = Phrase("{how} from {signer}", {"how": how, "signer": str(signer)})
        if on.kind != "none":
            how = Phrase("{how}, dated {day}", {"how": how, "day": on})
        return [said("Signature of {party} on {document} recorded ({how})", reason, how=how, **of)]
    if state == SignatureState.DECLINED:
        return [said("{party}'s refusal to sign {document} recorded", reason, **of)]
    if state == SignatureState.PENDING:
        return [said("Signature of {party} on {document} reset: signing starts over", **of)]
    if set(c) <= {"reason", "reason_phrase", "recorded_by", "recorded_at"} and reason:
        return [said("Note on the signature of {party} on {document} changed", reason, **of)]
    return one_per_field(Phrase("Signature of {party} on {document}", of), c, names)


def _readiness(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    questionnaire = Word("questionnaire", match["party"])
    c = entry.changes
    if entry.action == "create":
        respondent = new_value(c, "respondent")
        if respondent:
            return [
                said(
                    "{questionnaire} started with {respondent}",
                    questionnaire=questionnaire,
                    respondent=str(respondent),
                )
            ]
        return [said("{questionnaire} started", questionnaire=questionnaire)]
    if entry.action == "delete":
        return [
            said("{questionnaire} discarded before it was completed", questionnaire=questionnaire)
        ]
    if new_value(c, "status") == ResponseStatus.COMPLETED:
        return [said("{questionnaire} completed", questionnaire=questionnaire)]
    subject = Phrase("{questionnaire}", {"questionnaire": questionnaire})
    return one_per_field(subject, c, names, skip=("completed_at",))


def _protocol(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    if entry.action == "create":
        return [said("Communication protocol saved")]
    if entry.action == "delete":
        return [said("Communication protocol removed")]
    return one_per_field(Phrase("Communication protocol"), entry.changes, names)


def _tool_choice(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    purpose = Word("purpose", match["purpose"])
    c = entry.changes
    if entry.action == "create":
        tool = tool_name(str(new_value(c, "tool_key")))
        return [said("{tool} chosen for {purpose}", tool=tool, purpose=purpose)]
    if entry.action == "delete":
        return [said("Tool for {purpose} removed", purpose=purpose)]
    before, after = (
        tool_name(str(old_value(c, "tool_key"))),
        tool_name(str(new_value(c, "tool_key"))),
    )
    return [
        said(
            "Tool for {purpose} changed from {before} to {after}",
            purpose=purpose,
            before=before,
            after=after,
        )
    ]


def _tool_test(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    subject = Phrase(
        "{tool} with {actor}",
        {"tool": tool_name(match["tool"]), "actor": Word("actor", match["actor"])},
    )
    c = entry.changes
    if entry.action == "delete":
        return [said("Test of {subject} removed", subject=subject)]
    note = str(new_value(c, "note") or "")
    result = new_value(c, "result")
    if result is None:
        if set(c) == {"note"}:
            return [said("Note on the test of {subject} changed", note, subject=subject)]
        return one_per_field(Phrase("Test of {subject}", {"subject": subject}), c, names)
    outcome = ToolTestResult(result)
    if outcome is ToolTestResult.NOT_YET:
        return [said("Test of {subject} marked as not yet done", note, subject=subject)]
    on = value_of("tested_on", new_value(c, "tested_on"), names)
    word = Word("outcome", outcome.value)
    if on.kind == "none":
        return [
            said("Test of {subject} recorded as {outcome}", note, subject=subject, outcome=word)
        ]
    return [
        said(
            "Test of {subject} ({day}) recorded as {outcome}",
            note,
            subject=subject,
            day=on,
            outcome=word,
        )
    ]


def _cost(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    cost = quoted(match["description"])
    c = entry.changes
    if entry.action == "create":
        amount = f"{new_value(c, 'amount')} {new_value(c, 'currency')}"
        notes = str(new_value(c, "notes") or "")
        return [said("Cost {cost} added: {amount}", notes, cost=cost, amount=amount)]
    if entry.action == "delete":
        return [said("Cost {cost} removed", cost=cost)]
    return one_per_field(Phrase("Cost {cost}", {"cost": cost}), c, names)


def _cost_share(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    cost = value_of("cost_item_id", new_value(entry.changes, "cost_item_id"), names)
    if entry.action == "create":
        return [said("Shared cost {cost} now shared with this placement", cost=cost)]
    if entry.action == "delete":
        return [said("This placement no longer shares a shared cost")]
    return one_per_field(Phrase("Share of a shared cost"), entry.changes, names)


def _snooze(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    c = entry.changes
    item = Word("rule", str(new_value(c, "rule_key") or ""))
    note = str(new_value(c, "note") or "")
    if entry.action == "create":
        until = value_of("until", new_value(c, "until"), names)
        return [said("Work-list item {item} snoozed until {until}", note, item=item, until=until)]
    if entry.action == "delete":
        return [said("A work-list item is no longer snoozed")]
    return one_per_field(Phrase("Snooze of a work-list item"), c, names)


def _during(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    """A monitoring-log entry ("mentor meeting of 03 Dec 2026") or the recognition."""
    what = Word("record", match["what"])
    if entry.action == "create":
        return [said("{what} recorded", str(new_value(entry.changes, "note") or ""), what=what)]
    if entry.action == "delete":
        return [said("{what} removed", what=what)]
    return one_per_field(Phrase("{what}", {"what": what}), entry.changes, names)


def _mail(entry: Entry, match: re.Match[str], names: Names) -> list[Said]:
    """An e-mail of the outbox: queued, then sent, failed, cancelled or queued again."""
    about = {"subject": match["subject"], "to": match["to"]}
    if entry.action == "create":
        return [said("E-mail “{subject}” to {to} queued", **about)]
    if entry.action == "delete":
        return [said("E-mail “{subject}” to {to} removed from the outbox", **about)]
    c = entry.changes
    state = new_value(c, "state")
    if state == "sent":
        return [
            said(
                "E-mail “{subject}” to {to} sent", str(new_value(c, "server_reply") or ""), **about
            )
        ]
    if state == "failed":
        failure = str(new_value(c, "failure") or "")
        return [said("E-mail “{subject}” to {to} could not be sent", failure, **about)]
    if state == "cancelled":
        return [said("E-mail “{subject}” to {to} cancelled", **about)]
    if state == "queued":
        return [said("E-mail “{subject}” to {to} queued again", **about)]
    return one_per_field(Phrase("E-mail “{subject}” to {to}", about), c, names)


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
    summary = capital(entry.summary)  # English as stored: no phrase to word it otherwise
    if entry.action != "update":
        return [Said(summary)]
    return [Said(f"{summary}: {p.english()}") for p in field_changes(entry.changes, names)] or [
        Said(f"{summary} saved")
    ]


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
    before = value_of("status", old_value(c, "status"), names)
    after = value_of("status", new_value(c, "status"), names)
    overridden = str(new_value(c, "overridden") or "")
    reason = str(new_value(c, "reason") or "")
    note = Phrase(
        "{reason} (open then: {overridden})", {"reason": reason, "overridden": overridden}
    )
    return said(
        "Status changed from {before} to {after} past open checks",
        note if overridden else reason,
        before=before,
        after=after,
    )


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
