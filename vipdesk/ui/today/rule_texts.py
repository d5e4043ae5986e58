"""The work list in the interface's language: what an item is, what to do about it, when it
is due, and what each rule's number of days means.

The English texts are data (`resources/worklist.json`, read by the services); they are written
again here so that the translation catalogue holds them, and a test keeps both the same. An
item's details name records and dates, built by the services: they stay as written.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from vipdesk.services.worklist.due import Urgency, WorkItem
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
