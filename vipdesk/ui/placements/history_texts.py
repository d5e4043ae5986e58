"""A placement's history in the interface's language.

The services tell each audit entry as a `Phrase` (an English template and what fills it:
stored values, names, and `Word`s naming a field, a party, a document…) and word it in English
for the command line (`services.placements.history_sentences` and `history_words`). The
templates are written again here so that the catalogue holds them, and a test keeps both sets
the same; a template this module does not know is worded in English, never dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any, cast

from PySide6.QtCore import QT_TR_NOOP, QLocale, QTime

from vipdesk.models import EntryKind, ReadinessParty, SignatureMethod, ToolTestResult
from vipdesk.phrase import Phrase, english
from vipdesk.services.placements.history import HistoryDay, HistoryEvent
from vipdesk.services.placements.history_values import Value, field_label
from vipdesk.services.placements.history_words import Said, Word
from vipdesk.services.preparation.tool_catalogue import purposes
from vipdesk.services.worklist.rules import shipped_rules
from vipdesk.ui import phrases, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.placements import checklist_texts
from vipdesk.ui.placements.evidence_texts import actor_names
from vipdesk.ui.today import rule_texts

_DOCUMENT = re.compile(r"(learning agreement|amendment|traineeship certificate) (\d+)")
_LOGGED = re.compile(r"(.+) of (\d{2} \w{3} \d{4})")


def event_text(event: HistoryEvent) -> str:
    """What happened, and its note: 'Status changed from Preparing to Agreement sent'."""
    return said_text(Said(event.what, event.note, event.phrase, event.note_phrase))


def said_text(said: Said) -> str:
    what = _capital(phrase_text(said.phrase)) if said.phrase is not None else said.what
    note = phrase_text(said.note_phrase) if said.note_phrase is not None else said.note
    return what + (f": {note}" if note else "")


def event_row(event: HistoryEvent) -> str:
    """'20:47  Status changed from Preparing to Agreement sent by ana' (the day is the heading)."""
    said = Said(event.what, "", event.phrase)
    row = tr("{time}  {what} by {user}").format(
        time=_time(event.at), what=said_text(said), user=event.user
    )
    return row + _after_colon(event)


def event_sentence(event: HistoryEvent) -> str:
    """The whole sentence: what, by whom, when, and the note."""
    said = Said(event.what, "", event.phrase)
    text = tr("{what} by {user}, {moment}").format(
        what=said_text(said), user=event.user, moment=_moment(event.at)
    )
    return text + _after_colon(event)


def _after_colon(event: HistoryEvent) -> str:
    note = phrase_text(event.note_phrase) if event.note_phrase is not None else event.note
    return f": {note}" if note else ""


def day_heading(day: HistoryDay) -> str:
    """'Today · Friday 4 December 2026'."""
    long = when.long_day(day.day)
    if day.ago == 0:
        return tr("Today · {day}").format(day=long)
    if day.ago == 1:
        return tr("Yesterday · {day}").format(day=long)
    return long


def phrase_text(phrase: Phrase) -> str:
    return phrases.phrase_text(phrase, _history_part)


def _history_part(part: Any) -> str | None:
    """A stored value or a named thing of a history; None for the usual parts."""
    if isinstance(part, Value):
        return value_text(part)
    if isinstance(part, Word):
        return word_text(part)
    return None


def value_text(value: Value) -> str:
    kind = value.kind
    if kind == "yes":
        return tr("yes")
    if kind == "no":
        return tr("no")
    if kind == "label":
        return shown(value.text)
    if kind == "unit":
        number = value.text
        return (tr("{n} hours") if value.unit == "hours" else tr("{n} minutes")).format(n=number)
    if kind == "day" and isinstance(value.at, date):
        return when.day(value.at)
    if kind == "moment" and isinstance(value.at, datetime):
        return _moment(value.at)
    return value.english()


def word_text(word: Word) -> str:
    kind, key = word.kind, word.key
    if kind == "field":
        return _fields().get(key) or field_label(key)
    if kind == "item":
        label = checklist_texts.item_label(key, "")
        first = re.split(r"[:;(]", label, maxsplit=1)[0].strip()
        return f"“{first}”" if first else english(word)
    if kind == "party":
        return _parties().get(key) or english(word)
    if kind == "actor":
        return actor_names().get(key) or english(word)
    if kind == "questionnaire":
        return _questionnaires().get(key) or english(word)
    if kind == "state":
        return _states().get(key) or english(word)
    if kind == "method":
        return in_sentence(SignatureMethod(key).label)
    if kind == "outcome":
        return in_sentence(ToolTestResult(key).label, noun=False)
    if kind == "purpose":
        label = next((p.label for p in purposes() if p.key == key), "")
        return f"“{shown(label)}”" if label else english(word)
    if kind == "period":
        return tr("Physical") if key == "physical" else tr("Virtual")
    if kind == "rule":
        rule = next((r for r in shipped_rules() if r.key == key), None)
        return f"“{rule_texts.what(key, rule.what)}”" if rule else english(word)
    if kind == "document":
        return _document(key)
    if kind == "record":
        return _record(key)
    return english(word)


def _document(label: str) -> str:
    found = _DOCUMENT.fullmatch(label)
    if found is None:
        return label
    kind, number = found.groups()
    if kind == "learning agreement":
        return tr("learning agreement {number}").format(number=number)
    if kind == "amendment":
        return tr("amendment {number}").format(number=number)
    return tr("traineeship certificate {number}").format(number=number)


def _record(label: str) -> str:
    """A monitoring record: 'mentor meeting of 03 Dec 2026', 'recognition', 'final evaluation'."""
    if label == "recognition":
        return tr("recognition")
    if label in ("mid-term evaluation", "final evaluation"):
        return tr("mid-term evaluation") if label.startswith("mid") else tr("final evaluation")
    found = _LOGGED.fullmatch(label)
    if found is not None:
        kind = next((k for k in EntryKind if k.label.lower() == found[1]), None)
        try:
            on = datetime.strptime(found[2], "%d %b %Y").date()
        except ValueError:
            return label
        if kind is not None:
            return tr("{entry} of {day}").format(entry=in_sentence(kind.label), day=when.day(on))
    return label


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _time(moment: datetime) -> str:
    return QLocale().toString(QTime(moment.hour, moment.minute), "HH:mm")


def _moment(moment: datetime) -> str:
    return f"{when.day(moment.date())} {_time(moment)}"


@cache
def _parties() -> dict[str, str]:
    return {
        "student": tr("the student"),
        "sending": tr("the sending institution"),
        "host": tr("the host organisation"),
    }


@cache
def _questionnaires() -> dict[str, str]:
    return {
        ReadinessParty.STUDENT.label.lower(): tr("Student readiness questionnaire"),
        ReadinessParty.COMPANY.label.lower(): tr("Host organisation readiness questionnaire"),
        ReadinessParty.INSTITUTION.label.lower(): tr("Sending institution readiness questionnaire"),
    }


@cache
def _states() -> dict[str, str]:
    return {
        "draft": tr("reopened as a draft"),
        "sent": tr("sent for signature"),
        "signed": tr("signed by all three parties and locked"),
        "superseded": tr("superseded by a newer version"),
    }


@cache
def _fields() -> dict[str, str]:
    """The names of the fields a history names most; others keep their English name."""
    return {
        "student_id": tr("student"),
        "host_id": tr("host organisation"),
        "organisation_id": tr("organisation"),
        "institution_id": tr("sending institution"),
        "mentor_id": tr("company mentor"),
        "tutor_id": tr("academic tutor"),
        "source_id": tr("funding source"),
        "cost_item_id": tr("shared cost"),
        "document_id": tr("document"),
        "planned_start": tr("planned start"),
        "planned_end": tr("planned end"),
        "hours_per_week": tr("hours per week"),
        "ects_credits": tr("ECTS credits"),
        "reply_hours": tr("reply time"),
        "meeting_minutes": tr("meeting length"),
        "tools_note": tr("note on tools"),
        "done_by": tr("ticked by"),
        "done_at": tr("ticked at"),
        "signer_name": tr("signer"),
        "signer_function": tr("signer's function"),
        "signer_email": tr("signer's e-mail"),
        "signed_on": tr("signing date"),
        "tool_key": tr("tool"),
        "tested_on": tr("test date"),
        "content_hash": tr("content fingerprint"),
        "final_sha256": tr("fingerprint of the signed PDF"),
        "pdf": tr("PDF"),
        "signed_pdf": tr("signed PDF"),
        "final_pdf": tr("signed and locked PDF"),
        "spent_on": tr("date"),
        "held_on": tr("date"),
        "questionnaire_id": tr("questionnaire"),
        "rule_key": tr("work-list item"),
        "title": tr("title"),
        "status": tr("status"),
        "mode": tr("mode"),
        "description": tr("description"),
        "notes": tr("notes"),
        "note": tr("note"),
        "reason": tr("reason"),
        "amount": tr("amount"),
        "currency": tr("currency"),
        "category": tr("category"),
        "state": tr("state"),
        "method": tr("method"),
        "reporting": tr("reporting"),
        "meetings": tr("meetings"),
        "start": tr("start"),
        "end": tr("end"),
        "until": tr("until"),
        "grade": tr("grade"),
        "credits_awarded": tr("credits awarded"),
        "transcript_on": tr("transcript date"),
        "certificate_received_on": tr("certificate received on"),
        "minutes": tr("minutes"),
        "participants": tr("participants"),
        "concern": tr("concern"),
        "resolved_on": tr("resolved on"),
        "result": tr("result"),
        "phase": tr("phase"),
    }


TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("{reason} (open then: {overridden})"),
        QT_TR_NOOP("Status changed from {before} to {after} past open checks"),
        QT_TR_NOOP("{subject}: {change}"),
        QT_TR_NOOP("{title}, {student} at {host}, {start} – {end}"),
        QT_TR_NOOP("{tool} with {actor}"),
        QT_TR_NOOP("{kind} period"),
        QT_TR_NOOP("Signature of {party} on {document}"),
        QT_TR_NOOP("Communication protocol"),
        QT_TR_NOOP("Tool for {purpose} changed from {before} to {after}"),
        QT_TR_NOOP("Test of {subject} ({day}) recorded as {outcome}"),
        QT_TR_NOOP("Cost {cost}"),
        QT_TR_NOOP("Share of a shared cost"),
        QT_TR_NOOP("Snooze of a work-list item"),
        QT_TR_NOOP("E-mail “{subject}” to {to}"),
        QT_TR_NOOP("{subject} saved"),
        QT_TR_NOOP("Placement {reference} created"),
        QT_TR_NOOP("Placement {reference} deleted"),
        QT_TR_NOOP("{item} ticked"),
        QT_TR_NOOP("{item} unticked"),
        QT_TR_NOOP("Note on {item} changed"),
        QT_TR_NOOP("{kind} period added: {start} – {end}"),
        QT_TR_NOOP("{kind} period removed"),
        QT_TR_NOOP("{document} drafted"),
        QT_TR_NOOP("{document} deleted"),
        QT_TR_NOOP("{document} {state}"),
        QT_TR_NOOP("{document} edited"),
        QT_TR_NOOP("Signed PDF of {document} updated"),
        QT_TR_NOOP("{document} checked and frozen for sending"),
        QT_TR_NOOP("Note on {document} changed"),
        QT_TR_NOOP("Signature of {party} awaited on {document}"),
        QT_TR_NOOP("Signature of {party} on {document} removed"),
        QT_TR_NOOP("{how} from {signer}"),
        QT_TR_NOOP("{how}, dated {day}"),
        QT_TR_NOOP("Signature of {party} on {document} recorded ({how})"),
        QT_TR_NOOP("{party}'s refusal to sign {document} recorded"),
        QT_TR_NOOP("Signature of {party} on {document} reset: signing starts over"),
        QT_TR_NOOP("Note on the signature of {party} on {document} changed"),
        QT_TR_NOOP("{questionnaire} started"),
        QT_TR_NOOP("{questionnaire} started with {respondent}"),
        QT_TR_NOOP("{questionnaire} discarded before it was completed"),
        QT_TR_NOOP("{questionnaire} completed"),
        QT_TR_NOOP("Communication protocol saved"),
        QT_TR_NOOP("Communication protocol removed"),
        QT_TR_NOOP("{tool} chosen for {purpose}"),
        QT_TR_NOOP("Tool for {purpose} removed"),
        QT_TR_NOOP("Test of {subject} removed"),
        QT_TR_NOOP("Test of {subject}"),
        QT_TR_NOOP("Note on the test of {subject} changed"),
        QT_TR_NOOP("Test of {subject} marked as not yet done"),
        QT_TR_NOOP("Test of {subject} recorded as {outcome}"),
        QT_TR_NOOP("Cost {cost} added: {amount}"),
        QT_TR_NOOP("Cost {cost} removed"),
        QT_TR_NOOP("Shared cost {cost} now shared with this placement"),
        QT_TR_NOOP("This placement no longer shares a shared cost"),
        QT_TR_NOOP("Work-list item {item} snoozed until {until}"),
        QT_TR_NOOP("A work-list item is no longer snoozed"),
        QT_TR_NOOP("{what} recorded"),
        QT_TR_NOOP("{what} removed"),
        QT_TR_NOOP("E-mail “{subject}” to {to} queued"),
        QT_TR_NOOP("E-mail “{subject}” to {to} removed from the outbox"),
        QT_TR_NOOP("E-mail “{subject}” to {to} sent"),
        QT_TR_NOOP("E-mail “{subject}” to {to} could not be sent"),
        QT_TR_NOOP("E-mail “{subject}” to {to} cancelled"),
        QT_TR_NOOP("E-mail “{subject}” to {to} queued again"),
        QT_TR_NOOP("Placement saved"),
        QT_TR_NOOP("{field} replaced"),
        QT_TR_NOOP("{field} added"),
        QT_TR_NOOP("{field} set to {after}"),
        QT_TR_NOOP("{field} cleared (was {before})"),
        QT_TR_NOOP("{field} changed from {before} to {after}"),
    ),
)
