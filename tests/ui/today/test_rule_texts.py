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


def _items() -> list[object]:
    """One item of every rule that words its details, as the services make them."""
    from vipdesk.models import Status
    from vipdesk.services.worklist.due import _item
    from vipdesk.services.worklist.queries import Fact, Who

    rules = {rule.key: rule for rule in shipped_rules()}
    who = Who(7, "VIP-2027-00007", "Ana Łoś", "Nordlicht GmbH", "KU Leuven",
              Status.ONGOING, date(2027, 2, 1), date(2027, 5, 31))  # fmt: skip
    facts = [
        Fact("start_blocked", who, date(2027, 1, 20), date(2027, 1, 25),
             ("readiness_company", "tools_tested")),
        Fact("agreement_unsigned", who, date(2027, 1, 4), date(2027, 1, 18),
             ("host:pending", "student:declined")),
        Fact("amendment_unsigned", who, date(2027, 3, 4), date(2027, 3, 18), ("sending:pending",)),
        Fact("tool_test_failed", who, date(2027, 1, 9), date(2027, 1, 16),
             ("teams|student", "teams|mentor")),
        Fact("meeting_overdue", who, date(2027, 3, 1), date(2027, 3, 8)),
        Fact("past_end", who, date(2027, 6, 1), date(2027, 6, 8)),
        Fact("certificate_missing", who, date(2027, 6, 1), date(2027, 7, 1)),
    ]  # fmt: skip
    return [_item(fact, rules[fact.rule_key], date(2027, 1, 10)) for fact in facts]


def test_an_items_details_read_as_the_services_write_them(qapp: object) -> None:
    """In English the interface words an item's details as the command line does (its dates
    the interface's way): who has not signed, what blocks the start, which test failed."""
    from vipdesk.services.worklist.due import day_text
    from vipdesk.ui import when

    for item in _items():
        expected = item.details  # type: ignore[attr-defined]
        for day in (item.start, item.end, item.since):  # type: ignore[attr-defined]
            expected = expected.replace(day_text(day), when.day(day))
        assert rule_texts.item_details(item) == expected  # type: ignore[arg-type]
    assert rule_texts.for_whom(item) == "Ana Łoś at Nordlicht GmbH"  # type: ignore[arg-type]


def test_an_items_details_in_german_keep_no_english(qapp: object, tmp_path: object) -> None:
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTranslator

    from tests.helpers.translations import compile_catalogues
    from vipdesk.ui.i18n import CATALOGUE

    folder = compile_catalogues(Path(str(tmp_path)), ["de"])
    german = QTranslator()
    assert german.load(CATALOGUE.format(language="de"), str(folder))
    QCoreApplication.installTranslator(german)
    rule_texts._blockers.cache_clear()
    try:
        words = [rule_texts.item_details(item) for item in _items()]  # type: ignore[arg-type]
    finally:
        QCoreApplication.removeTranslator(german)
        rule_texts._blockers.cache_clear()
    text = " ".join(words)
    assert "Versandt am" in text and "Bereitschaft der aufnehmenden Organisation" in text
    for english in ("Sent", "signed yet", "declined by", "still open", "failed with", "Ended",
                    "Planned end", " and "):  # fmt: skip
        assert english not in text, english
