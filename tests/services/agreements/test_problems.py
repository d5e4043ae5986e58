"""The words agreement checks use: sections, dates in messages, and the problem collector."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from vipdesk.services.agreements.checks.problems import (
    SECTION_KEYS,
    SECTIONS,
    Found,
    Problem,
    is_date,
    long_date,
    span,
)


def test_sections_are_the_wizard_pages_in_order() -> None:
    assert [s.key for s in SECTIONS] == [
        "parties",
        "programme",
        "tasks",
        "learning",
        "protocol",
        "roles",
        "technology",
        "recognition",
        "host",
    ]
    assert all(s.title for s in SECTIONS)

    assert tuple(s.key for s in SECTIONS) == SECTION_KEYS


@pytest.mark.parametrize(
    ("day", "text"),
    [(date(2027, 3, 3), "3 March 2027"), (date(2027, 12, 31), "31 December 2027")],
)
def test_long_dates_have_no_leading_zero_and_no_ambiguity(day: date, text: str) -> None:
    assert long_date(day) == text


def test_a_span_of_one_day_is_that_day() -> None:
    assert span(date(2027, 3, 3), date(2027, 3, 3)) == "3 March 2027"
    assert span(date(2027, 3, 3), date(2027, 4, 1)) == "3 March 2027 – 1 April 2027"


def test_found_files_each_problem_under_its_section() -> None:
    found = Found("parties")
    found.add("trainee.name", "Enter the trainee's name.")
    found.text("trainee.function", "  ", "Enter the function.")
    found.text("sending.name", "Uniwersytet Łódzki", "never")
    found.text("receiving.name", "محمد للتجارة", "never")
    assert found.problems == [
        Problem("parties", "trainee.name", "Enter the trainee's name."),
        Problem("parties", "trainee.function", "Enter the function."),
    ]


def test_found_checks_e_mails_like_the_people_editors() -> None:
    found = Found("parties")
    found.email("trainee.email", "", "Enter the trainee's e-mail address.")
    found.email(
        "tutor.email", "", "Enter the tutor's e-mail address.", required=False
    )  # may be left out
    found.email(
        "mentor.email", "mentor", "Enter the mentor's e-mail address.", required=False
    )  # but not mistyped
    found.email("host.email", "李@例子.中国", "Enter the host's e-mail address.")
    assert [(p.field, p.message) for p in found.problems] == [
        ("trainee.email", "Enter the trainee's e-mail address."),
        ("mentor.email", "'mentor' is not an e-mail address; it should look like name@uni.eu."),
    ]


def test_is_date_takes_dates_only() -> None:
    assert is_date(date(2027, 1, 1))
    assert is_date(datetime(2027, 1, 1, 9, 0))  # a datetime is a date too
    assert not is_date(None)
    assert not is_date("2027-01-01")
