"""The parts of a placement's history sentences: an audit entry as read (`Entry`), the names
a sentence gives (`Word`, worded in English here and in the reader's language by
`vipdesk.ui.placements.history_texts`), a sentence (`Said`), and the sentences of changed
fields that every kind of record shares. `history_sentences` tells each kind of record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vipdesk.enums import PeriodKind
from vipdesk.models import (
    DocumentState,
    ProtocolActor,
    ReadinessParty,
    SignatureMethod,
    ToolTestResult,
)
from vipdesk.phrase import Phrase
from vipdesk.services.placements.checklist import checklist_items
from vipdesk.services.placements.history_values import Names, field_label, value_of
from vipdesk.services.preparation.tool_catalogue import purposes
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
class Word:
    """Something a sentence names, to be worded in the reader's language: a field (its
    column), a party, an actor, a document ("learning agreement 1"), a questionnaire (its
    party), a document state, a signature method, a test result, a purpose, a period kind,
    a work-list rule, or a monitoring record ("mentor meeting of 03 Dec 2026")."""

    kind: str
    key: str

    def english(self) -> str:
        return _english_word(self)


@dataclass(frozen=True)
class Said:
    """One sentence about an entry: what happened, and an optional note after a colon."""

    what: str
    note: str = ""
    phrase: Phrase | None = None  # `what`, to be worded in another language
    note_phrase: Phrase | None = None  # `note`, when vipdesk wrote it (not a user's text)


def said(template: str, note: str | Phrase = "", /, **values: Any) -> Said:
    phrase = Phrase(template, values)
    if isinstance(note, Phrase):
        return Said(capital(phrase.english()), note.english(), phrase, note)
    return Said(capital(phrase.english()), note, phrase)


_DOCUMENT_STATE_WORDS = {
    DocumentState.DRAFT: "reopened as a draft",
    DocumentState.SENT: "sent for signature",
    DocumentState.SIGNED: "signed by all three parties and locked",
    DocumentState.SUPERSEDED: "superseded by a newer version",
}


def _english_word(word: Word) -> str:
    kind, key = word.kind, word.key
    if kind == "field":
        return field_label(key)
    if kind == "item":
        return f"“{_item_label(key)}”"
    if kind == "party":
        return PARTY_WORDS.get(key, f"the {key}")
    if kind == "actor":
        return _actor_words(key)
    if kind == "questionnaire":
        return _questionnaire(key)
    if kind == "state":
        return _DOCUMENT_STATE_WORDS[DocumentState(key)]
    if kind == "method":
        return SignatureMethod(key).label.lower()
    if kind == "outcome":
        return ToolTestResult(key).label.lower()
    if kind == "purpose":
        return f"“{_purpose_label(key)}”"
    if kind == "period":
        return PeriodKind(key).value.capitalize()
    if kind == "rule":
        what = next((r.what for r in shipped_rules() if r.key == key), key.replace("_", " "))
        return f"“{capital(what)}”" if key else "a work-list item"
    return key  # a document's or a monitoring record's label, already in English


def new_value(changes: Changes, key: str) -> Any:
    pair = changes.get(key)
    return pair[1] if pair else None


def old_value(changes: Changes, key: str) -> Any:
    pair = changes.get(key)
    return pair[0] if pair else None


def field_changes(changes: Changes, names: Names, skip: tuple[str, ...] = ()) -> list[Phrase]:
    """'hours per week from 20 to 25', 'company mentor set to Jürgen Weiß', … per field."""
    phrases = []
    for key, (old, new) in changes.items():
        if key in skip or key == "placement_id":
            continue
        label = Word("field", key)
        before, after = value_of(key, old, names), value_of(key, new, names)
        if key in ("content", "pdf", "signed_pdf", "final_pdf", "scan"):
            if old is not None:
                phrases.append(Phrase("{field} replaced", {"field": label}))
            else:
                phrases.append(Phrase("{field} added", {"field": label}))
        elif old in (None, ""):
            phrases.append(Phrase("{field} set to {after}", {"field": label, "after": after}))
        elif new in (None, ""):
            phrases.append(
                Phrase("{field} cleared (was {before})", {"field": label, "before": before})
            )
        else:
            values = {"field": label, "before": before, "after": after}
            phrases.append(Phrase("{field} changed from {before} to {after}", values))
    return phrases


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def one_per_field(
    subject: Phrase | None, changes: Changes, names: Names, skip: tuple[str, ...] = ()
) -> list[Said]:
    """One sentence per changed field, after `subject` ("Cost “Laptop”: amount changed…")."""
    phrases = field_changes(changes, names, skip)
    if not phrases:
        if subject is None:
            return [said("Placement saved")]
        return [said("{subject} saved", subject=subject)]
    if subject is None:
        return [said("{change}", change=p) for p in phrases]
    return [said("{subject}: {change}", subject=subject, change=p) for p in phrases]


def _item_label(key: str) -> str:
    """The first clause of the item's label: 'Student readiness checked'."""
    for item in checklist_items():
        if item.key == key:
            return re.split(r"[:;(]", item.label, maxsplit=1)[0].strip()
    return key.replace("_", " ").capitalize()


def _questionnaire(label: str) -> str:
    for party in ReadinessParty:
        if party.label.lower() == label:
            return f"{party.label} readiness questionnaire"
    return f"{capital(label)} readiness questionnaire"


def _purpose_label(key: str) -> str:
    return next((p.label for p in purposes() if p.key == key), key.replace("_", " "))


def _actor_words(value: str) -> str:
    try:
        return f"the {ProtocolActor(value).label.lower()}"
    except ValueError:
        return f"the {value}"
