"""The work list's texts in the interface's language are the rules' own texts in English."""

from __future__ import annotations

from datetime import date

from vipdesk.services.worklist.rules import shipped_rules
from vipdesk.ui.today import rule_texts


def test_every_rule_has_its_texts_written_the_same_for_the_catalogue() -> None:
    shipped = {rule.key: (rule.what, rule.action, rule.setting) for rule in shipped_rules()}
    assert rule_texts.rule_texts() == shipped


def test_an_unknown_rule_keeps_the_services_words() -> None:
    assert rule_texts.what("later_rule", "Something new") == "Something new"
    assert rule_texts.action("later_rule", "Do it") == "Do it"


def test_when_an_item_is_due_counts_days(qapp: object) -> None:
    class Item:
        due = date(2027, 1, 10)

    as_of = date(2027, 1, 10)
    assert rule_texts.due_text(Item(), as_of) == "Due today"  # type: ignore[arg-type]
    assert rule_texts.due_text(Item(), date(2027, 1, 11)) == "1 day overdue"  # type: ignore[arg-type]
    assert rule_texts.due_text(Item(), date(2027, 1, 7)) == "Due in 3 days"  # type: ignore[arg-type]
