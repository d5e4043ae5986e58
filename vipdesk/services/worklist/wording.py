"""The work list in a document's language: what an item is, what to do, and its details.

The rules' English texts are data (`resources/worklist.json`); `resources/worklist.<language>.json`
gives, for each language but English, the translation of every English text the work list
writes outside the interface: the rules', the details' phrases and the spreadsheet's. The
interface words the same texts through its own catalogue (`vipdesk/ui/today/rule_texts.py`); a
test keeps the two translations the same. A text with figures in it is a template
(`"Sent {day}"`) whose placeholders the translation keeps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from babel.dates import format_date

from vipdesk.languages import ENGLISH, check_language
from vipdesk.models import ProtocolActor
from vipdesk.resources import load_json
from vipdesk.services.preparation.tool_catalogue import tool_name

if TYPE_CHECKING:  # the work list's items are worded by the module that makes them
    from vipdesk.services.worklist.due import WorkItem

BLOCKERS = {
    "readiness_student": "the student's readiness",
    "readiness_company": "the host's readiness",
    "readiness_institution": "the institution's readiness",
    "protocol": "the communication protocol",
    "tools_chosen": "a tool for every purpose",
    "tools_tested": "the tool tests",
    "agreement_signed": "the signed agreement",
}
ACTORS = {
    ProtocolActor.STUDENT.value: "the student",
    ProtocolActor.MENTOR.value: "the company mentor",
    ProtocolActor.TUTOR.value: "the academic tutor",
}
PARTIES = {
    "student": "the student ({name})",
    "host": "the host ({name})",
    "sending": "your institution ({name})",
}
AFTER_THE_END = ("certificate_missing", "evaluation_missing", "recognition_missing")


@cache
def translations(language: str) -> Mapping[str, str]:
    """The work list's texts in `language` by English text (none for English)."""
    if language == ENGLISH:
        return {}
    texts: dict[str, str] = load_json(f"worklist.{language}.json")["texts"]
    return texts


@dataclass(frozen=True)
class Wording:
    """Writes the work list's texts in one language."""

    language: str = ENGLISH

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", check_language(self.language, "The work list"))

    def text(self, english: str, **values: str) -> str:
        """`english` in the language (as it is where no translation is shipped), filled."""
        chosen = translations(self.language).get(english, english)
        return chosen.format(**values) if values else chosen

    def day(self, value: date) -> str:
        """4 Dec 2026; in another language babel's medium form: 04.12.2026, 4 gru 2026."""
        if self.language == ENGLISH:
            return f"{value.day} {value:%b %Y}"
        return str(format_date(value, format="medium", locale=self.language))

    def and_list(self, parts: list[str]) -> str:
        """'a', 'a and b', 'a, b and c'."""
        if len(parts) <= 1:
            return "".join(parts)
        return self.text("{first} and {last}", first=", ".join(parts[:-1]), last=parts[-1])


def details(found: WorkItem, wording: Wording) -> str:
    """What an item is about in particular: who has not signed, what blocks the start…,
    from what the records say (`WorkItem.particulars`: blocker keys, "party:state",
    "tool|actor") and the item's dates."""
    key, parts, text = found.rule_key, found.particulars, wording.text
    if key == "start_blocked" and found.start is not None:
        still = wording.and_list([text(BLOCKERS.get(k, k)) for k in parts])
        return text("Starts {day}; still open: {still}.", day=wording.day(found.start), still=still)
    if key in ("agreement_unsigned", "amendment_unsigned"):
        names = {"student": found.student, "host": found.host, "sending": found.institution}
        pending: list[str] = []
        declined: list[str] = []
        for entry in parts:
            party, _, state = entry.partition(":")
            named = text(PARTIES[party], name=names[party]) if party in PARTIES else party
            (declined if state == "declined" else pending).append(named)
        said = [text("Sent {day}", day=wording.day(found.since))]
        if pending:
            said.append(text("not signed yet by {who}", who=wording.and_list(pending)))
        if declined:
            said.append(text("declined by {who}", who=wording.and_list(declined)))
        return "; ".join(said) + "."
    if key == "tool_test_failed":
        by_tool: dict[str, list[str]] = {}
        for entry in parts:
            tool, _, actor = entry.partition("|")
            by_tool.setdefault(tool_name(tool), []).append(text(ACTORS.get(actor, actor)))
        failed = [
            text("{tool}: failed with {who}", tool=name, who=wording.and_list(who))
            for name, who in by_tool.items()
        ]
        return "; ".join(failed) + "."
    if key == "meeting_overdue":
        return text(
            "A meeting was expected by {day}; none logged since.", day=wording.day(found.since)
        )
    if key == "past_end" and found.end is not None:
        return text("Planned end {day}; still ongoing.", day=wording.day(found.end))
    if key in AFTER_THE_END and found.end is not None:
        return text("Ended {day}.", day=wording.day(found.end))
    return ""
