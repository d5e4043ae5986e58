"""The work list in the interface's language: what an item is, what to do about it, when it
is due, and what each rule's number of days means.

The English texts are data (`resources/worklist.json`, read by the services); they are written
again here so that the translation catalogue holds them, and a test keeps both the same. An
item's details are worded here from what the services found (`WorkItem.particulars`), as
`services/worklist/wording.py` words them without Qt for the command line, the work-list
spreadsheet and the reminders, from `resources/worklist.<language>.json`: a test keeps those
files saying what this module's texts say in the catalogues.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from vipdesk.models import ProtocolActor
from vipdesk.services.preparation.tool_catalogue import tool_name
from vipdesk.services.worklist.due import Urgency, WorkItem
from vipdesk.ui import when
from vipdesk.ui.i18n import tr


@cache  # asked for every shown cell; the language is chosen once, at start
def rule_texts() -> dict[str, tuple[str, str, str]]:
    """Per rule: what an item is, what to do, what the rule's days mean."""
    return {
        "start_blocked": (
            tr("Starts soon with preparation open"),
            tr("Close what blocks the start, or move the start"),
            tr("Warn this many days before the start while preparation is open"),
        ),
        "agreement_unsigned": (
            tr("Agreement waiting for signatures"),
            tr("Remind who has not signed"),
            tr("Agreement out for signature for this many days"),
        ),
        "past_end": (
            tr("Still ongoing after its planned end"),
            tr("Move it to evaluating, or change the end date"),
            tr("Still ongoing this many days after the planned end"),
        ),
        "certificate_missing": (
            tr("Traineeship certificate not received"),
            tr("Ask the host for the certificate"),
            tr("No traineeship certificate this many days after the end"),
        ),
        "evaluation_missing": (
            tr("Evaluation missing"),
            tr("Evaluate it with the student and the host"),
            tr("Evaluation not done this many days after the end"),
        ),
        "recognition_missing": (
            tr("Recognition missing"),
            tr("Record the credits in the transcript"),
            tr("Credits not recognised this many days after the end"),
        ),
        "amendment_unsigned": (
            tr("Amendment waiting for signatures"),
            tr("Remind who has not signed the amendment"),
            tr("Amendment out for signature for this many days"),
        ),
        "meeting_overdue": (
            tr("Meeting overdue against the protocol"),
            tr("Hold the meeting and log it, or record why it was missed"),
            tr("Days of grace after the protocol's cadence expected a meeting (then overdue)"),
        ),
        "tool_test_failed": (
            tr("Tool test failed, no reason recorded"),
            tr("Choose another tool, or record why it is acceptable"),
            tr("A failed tool test has no reason this many days after it"),
        ),
    }


def what(rule_key: str, english: str) -> str:
    return rule_texts().get(rule_key, (english, "", ""))[0]


def action(rule_key: str, english: str) -> str:
    return rule_texts().get(rule_key, ("", english, ""))[1]


def setting(rule_key: str, english: str) -> str:
    return rule_texts().get(rule_key, ("", "", english))[2]


def item_what(item: WorkItem) -> str:
    return what(item.rule_key, item.what)


def item_action(item: WorkItem) -> str:
    return action(item.rule_key, item.action)


def due_text(item: WorkItem, as_of: date) -> str:
    """ "12 days overdue", "Due today", "Due in 3 days"."""
    days = (item.due - as_of).days
    if days < 0:
        return tr("%n day(s) overdue", "", -days)
    if days == 0:
        return tr("Due today")
    return tr("Due in %n day(s)", "", days)


def urgency_label(urgency: Urgency) -> str:
    return {
        Urgency.OVERDUE: tr("Overdue"),
        Urgency.THIS_WEEK: tr("This week"),
        Urgency.LATER: tr("Later"),
    }[urgency]


@cache
def _blockers() -> dict[str, str]:
    return {
        "readiness_student": tr("the student's readiness"),
        "readiness_company": tr("the host's readiness"),
        "readiness_institution": tr("the institution's readiness"),
        "protocol": tr("the communication protocol"),
        "tools_chosen": tr("a tool for every purpose"),
        "tools_tested": tr("the tool tests"),
        "agreement_signed": tr("the signed agreement"),
    }


def and_list(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' in the interface's language."""
    if len(parts) <= 1:
        return "".join(parts)
    return tr("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def for_whom(item: WorkItem) -> str:
    return tr("{student} at {host}").format(student=item.student, host=item.host)


def item_details(item: WorkItem) -> str:
    """What the item is about in particular: who has not signed, what blocks the start…"""
    key, parts = item.rule_key, item.particulars
    if key == "start_blocked" and item.start is not None:
        still = and_list([_blockers().get(k, k) for k in parts])
        return tr("Starts {day}; still open: {still}.").format(
            day=when.day(item.start), still=still
        )
    if key in ("agreement_unsigned", "amendment_unsigned"):
        names = {
            "student": tr("the student ({name})").format(name=item.student),
            "host": tr("the host ({name})").format(name=item.host),
            "sending": tr("your institution ({name})").format(name=item.institution),
        }
        pending: list[str] = []
        declined: list[str] = []
        for entry in parts:
            party, _, state = entry.partition(":")
            (declined if state == "declined" else pending).append(names.get(party, party))
        said = [tr("Sent {day}").format(day=when.day(item.since))]
        if pending:
            said.append(tr("not signed yet by {who}").format(who=and_list(pending)))
        if declined:
            said.append(tr("declined by {who}").format(who=and_list(declined)))
        return "; ".join(said) + "."
    if key == "tool_test_failed":
        actors = {
            ProtocolActor.STUDENT.value: tr("the student"),
            ProtocolActor.MENTOR.value: tr("the company mentor"),
            ProtocolActor.TUTOR.value: tr("the academic tutor"),
        }
        by_tool: dict[str, list[str]] = {}
        for entry in parts:
            tool, _, actor = entry.partition("|")
            by_tool.setdefault(tool_name(tool), []).append(actors.get(actor, actor))
        return (
            "; ".join(
                tr("{tool}: failed with {who}").format(tool=name, who=and_list(who))
                for name, who in by_tool.items()
            )
            + "."
        )
    if key == "meeting_overdue":
        return tr("A meeting was expected by {day}; none logged since.").format(
            day=when.day(item.since)
        )
    if key == "past_end" and item.end is not None:
        return tr("Planned end {day}; still ongoing.").format(day=when.day(item.end))
    if item.end is not None and key in ("certificate_missing", "evaluation_missing",
                                        "recognition_missing"):  # fmt: skip
        return tr("Ended {day}.").format(day=when.day(item.end))
    return item.details
