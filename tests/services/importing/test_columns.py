"""Headers recognised however they are written; cells read as what their column holds."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from vipdesk.services.importing.columns import (
    KINDS,
    CellError,
    DateOrder,
    as_country,
    as_date,
    as_decimal,
    as_text,
    as_whole,
    columns,
    header_key,
    match_headers,
    parse_date,
)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("E-mail", "email"),
        ("Email address", "email"),
        ("EMAIL_ADDRESS", "email"),
        ("Surname", "family_name"),
        ("Family name", "family_name"),
        ("family_name", "family_name"),
        ("Student ID", "student_number"),
        ("Student number", "student_number"),
        ("  date of  birth (dd.mm.yyyy) ", "date_of_birth"),
        ("Prénom", "given_name"),
    ],
)
def test_student_headers_are_matched_tolerantly(header: str, key: str) -> None:
    canonical = {"given_name": "Given name", "family_name": "Family name", "email": "E-mail"}
    headers = [h for k, h in canonical.items() if k != key]
    match = match_headers("students", (*headers, header))
    assert match.positions[key] == len(headers)
    assert not match.problems


def test_country_code_is_a_country_column() -> None:
    match = match_headers("organisations", ("Company name", "Country code", "Web site"))
    assert match.positions == {"name": 0, "country": 1, "website": 2}
    assert not match.problems


def test_missing_required_columns_are_each_named() -> None:
    match = match_headers("placements", ("Host", "Something else"))
    missing = sorted(p.column for p in match.problems)
    assert missing == sorted(
        ["Country", "Mode", "Title", "Planned start", "Planned end", "Hours/week", "Student e-mail"]
    )
    assert match.ignored == ["Something else"]
    assert all(p.row == 1 for p in match.problems)


def test_two_columns_for_one_field_are_a_problem() -> None:
    match = match_headers("students", ("Given name", "Family name", "Email", "E-mail address"))
    assert [p.message for p in match.problems] == [
        "Two columns mean 'E-mail' ('Email' and 'E-mail address'); keep one."
    ]


def test_synonyms_do_not_clash_within_a_kind() -> None:
    for kind in KINDS:
        seen: dict[str, str] = {}
        for column in columns(kind):
            for name in (column.title, *column.synonyms):
                key = header_key(name)
                assert seen.setdefault(key, column.key) == column.key, (kind, name)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2027-02-01", date(2027, 2, 1)),
        ("1.2.2027", date(2027, 2, 1)),
        ("01.02.2027", date(2027, 2, 1)),
        ("2027-02-01 00:00:00", date(2027, 2, 1)),
        (datetime(2027, 2, 1), date(2027, 2, 1)),
        (date(2027, 2, 1), date(2027, 2, 1)),
        (None, None),
    ],
)
def test_dates_iso_dotted_and_date_cells(cell: object, expected: date | None) -> None:
    assert as_date(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("31.02.2027", "not a date in the calendar"),
        ("2027/02/01", r"write 2027-02-01, 01\.02\.2027 or 01/02/2027"),
        ("13/31/2027", "not a date in the calendar"),
        ("next week", "is not a date"),
        (46054, "is a number, not a date"),
    ],
)
def test_bad_dates_say_how_to_write_them(cell: object, message: str) -> None:
    with pytest.raises(CellError, match=message):
        as_date(cell)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "day_first", "month_first"),
    [
        ("31/12/2000", date(2000, 12, 31), None),  # how most of Europe writes it
        ("12/31/2000", None, date(2000, 12, 31)),
        ("01/02/2026", date(2026, 2, 1), date(2026, 1, 2)),  # the setting decides
        ("1/2/2026", date(2026, 2, 1), date(2026, 1, 2)),
        ("31.12.2000", date(2000, 12, 31), date(2000, 12, 31)),  # dots: always day first
        ("2000-12-31", date(2000, 12, 31), date(2000, 12, 31)),
    ],
)
def test_slashed_dates_follow_the_chosen_order(
    text: str, day_first: date | None, month_first: date | None
) -> None:
    for order, expected in ((DateOrder.DAY_FIRST, day_first), (DateOrder.MONTH_FIRST, month_first)):
        if expected is None:
            with pytest.raises(CellError, match=re.escape(f"dates with / are read {order.label}")):
                parse_date(text, order)
        else:
            assert parse_date(text, order) == expected


MANY, NOT_WHOLE = "'{text}' is far too many hours.", "'{text}' is not a whole number of hours."


def test_numbers_and_text() -> None:
    assert as_text(12345.0) == "12345"  # a student number typed as a number
    assert as_text(datetime(2027, 2, 1)) == "2027-02-01"
    assert as_whole("20", too_many=MANY, not_whole=NOT_WHOLE) == 20
    assert as_whole(20.0, too_many=MANY, not_whole=NOT_WHOLE) == 20
    with pytest.raises(CellError, match="not a whole number of hours"):
        as_whole("20.5", too_many=MANY, not_whole=NOT_WHOLE)
    assert as_decimal("7,5") == Decimal("7.5")
    assert as_decimal(7.5) == Decimal("7.5")
    with pytest.raises(CellError, match="not a number"):
        as_decimal("lots")


@pytest.mark.parametrize(
    ("cell", "code"),
    [("de", "DE"), ("Germany", "DE"), ("UK", "GB"), ("côte d'ivoire", "CI"), ("", None)],
)
def test_countries_by_code_or_name(cell: str, code: str | None) -> None:
    assert as_country(cell) == code


def test_an_unknown_country() -> None:
    with pytest.raises(CellError, match="'Atlantis' is not a country"):
        as_country("Atlantis")
