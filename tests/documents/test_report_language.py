"""Looking up a report's texts: translated once, figures and dates as the language writes them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from vipdesk.documents.report_language import (
    catalogue,
    current_language,
    day,
    label,
    moment,
    number,
    report_language,
    t,
)
from vipdesk.errors import VipdeskError


def test_english_is_the_text_itself_outside_any_block() -> None:
    assert current_language() == "en"
    assert t("{count} placements; the filters that chose them are on the {sheet} sheet.",
             count="3", sheet="Filters") == (
        "3 placements; the filters that chose them are on the Filters sheet."
    )  # fmt: skip
    assert number(1234567) == "1,234,567" and day(date(2026, 12, 4)) == "4 December 2026"


def test_a_text_is_translated_once_however_often_it_is_handed_on() -> None:
    german = catalogue("de")
    missing: set[str] = set()
    with report_language("de", missing=missing):
        summary = t("Summary")
        assert summary == german["Summary"] and t(summary) == summary  # not looked up again
        assert t("Nordlicht Analytics GmbH") == "Nordlicht Analytics GmbH"  # no translation
        assert label("Anna Nowak") == "Anna Nowak"  # a name: not counted as missing
    assert missing == {"Nordlicht Analytics GmbH"}
    assert current_language() == "en"  # the block is over


def test_figures_and_dates_in_running_text_follow_the_language() -> None:
    with report_language("de"):
        assert number(1234567) == "1.234.567" and number(2.5, 1) == "2,5"
        assert day(date(2026, 12, 4)) == "4. Dezember 2026"
        assert moment(datetime(2026, 12, 4, 9, 30)) == "4. Dezember 2026, 09:30"
    with report_language("pl"):
        assert number(1234567) == "1\xa0234\xa0567"
        assert day(date(2026, 12, 4)) == "4 grudnia 2026"


def test_an_inner_block_reports_its_misses_to_the_outer_one() -> None:
    missing: set[str] = set()
    with report_language("pl", missing=missing), report_language("pl"):
        t("Not a text of any report")
    assert missing == {"Not a text of any report"}


def test_an_unknown_language_is_one_clear_line() -> None:
    with (
        pytest.raises(VipdeskError, match="cannot be written in 'xx'; choose one of da, de, en"),
        report_language("xx"),
    ):
        pass
