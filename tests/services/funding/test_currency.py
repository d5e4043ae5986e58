from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError
from vipdesk.services.funding.currency import (
    MissingRateError,
    RateTable,
    base_currency,
    convert,
    import_rates_csv,
    is_currency,
    list_rates,
    set_base_currency,
    set_rates,
)

D = Decimal


def test_iso_4217_codes_are_data() -> None:
    assert is_currency("EUR") and is_currency("PLN") and is_currency("JPY")
    assert not is_currency("XYZ") and not is_currency("eur") and not is_currency(None)


def test_conversion_uses_the_latest_rate_on_or_before_the_date() -> None:
    rates = RateTable.of(
        "EUR", [("USD", date(2027, 1, 1), D("1.10")), ("USD", date(2027, 2, 1), D("1.25"))]
    )
    assert rates.to_base(D("110.00"), "USD", date(2027, 1, 31)) == D("100.00")
    assert rates.to_base(D("125.00"), "USD", date(2027, 2, 1)) == D("100.00")
    assert rates.to_base(D("125.00"), "USD", date(2027, 6, 1)) == D("100.00")
    assert rates.to_base(D("12.34"), "EUR", date(1990, 1, 1)) == D("12.34")


def test_a_missing_rate_names_currency_and_date() -> None:
    rates = RateTable.of("EUR", [("USD", date(2027, 1, 1), D("1.10"))])
    with pytest.raises(MissingRateError, match=r"USD on or before 31 Dec 2026") as caught:
        rates.to_base(D("1.00"), "USD", date(2026, 12, 31))
    assert caught.value.currency == "USD" and caught.value.on == date(2026, 12, 31)
    with pytest.raises(MissingRateError, match="GBP"):
        rates.to_base(D("1.00"), "GBP", date(2027, 5, 1))


def test_cross_conversion_goes_through_the_base() -> None:
    rates = RateTable.of(
        "EUR", [("USD", date(2027, 1, 1), D("1.10")), ("PLN", date(2027, 1, 1), D("4.40"))]
    )
    assert rates.convert(D("11.00"), "USD", "PLN", date(2027, 3, 1)) == D("44.00")


def test_base_currency_is_a_setting_in_the_database(any_db: Database) -> None:
    assert base_currency(any_db) == "EUR"
    set_base_currency(any_db, "pln", "tester")
    assert base_currency(any_db) == "PLN"
    with pytest.raises(ValidationError, match="ISO 4217"):
        set_base_currency(any_db, "ABC")


def test_rates_import_from_csv_and_convert(any_db: Database) -> None:
    text = "date,currency,rate\n2027-01-01,USD,1.10\n2027-02-01,usd,1.25\n2027-01-01,GBP,0.85\n"
    assert import_rates_csv(any_db, text, "tester") == 3
    assert convert(any_db, D("110.00"), "USD", date(2027, 1, 15)) == D("100.00")
    set_rates(any_db, [("USD", date(2027, 1, 1), D("1.00"))])  # replaces
    assert convert(any_db, D("110.00"), "USD", date(2027, 1, 15)) == D("110.00")
    assert len(list_rates(any_db)) == 3
    with pytest.raises(MissingRateError, match="USD on or before 31 Dec 2026"):
        convert(any_db, D("1.00"), "USD", date(2026, 12, 31))


def test_a_bad_csv_names_its_lines_and_stores_nothing(db: Database) -> None:
    text = "2027-01-01,USD,1.10\n01/02/2027,USD,1.2\n2027-01-01,XXX,1\n2027-01-01,GBP,-1\n"
    with pytest.raises(ValidationError) as caught:
        import_rates_csv(db, text)
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith("Line 2: write the date as YYYY-MM-DD")
    assert "Line 3: 'XXX' is not an ISO 4217 code." in messages
    assert "Line 4: a rate must be more than zero." in messages
    assert list_rates(db) == []


def test_a_rate_stored_by_someone_else_at_the_same_moment_is_no_raw_error(
    any_db: Database,
) -> None:
    """Issue 19: two coordinators adding the rate of one day at once got an IntegrityError."""
    day = date(2027, 1, 4)
    with before_next_flush(lambda: set_rates(any_db, [("USD", day, D("1.0850"))], "anna")):
        assert set_rates(any_db, [("USD", day, D("1.0850"))], "ben") == 1  # the same rate
    with (
        before_next_flush(lambda: set_rates(any_db, [("PLN", day, D("4.30"))], "anna")),
        pytest.raises(ConflictError, match="rate of PLN for 04 Jan 2027"),
    ):
        set_rates(any_db, [("PLN", day, D("4.35"))], "ben")
    assert [(r.currency, r.rate) for r in list_rates(any_db)] == [
        ("PLN", D("4.30")),
        ("USD", D("1.0850")),
    ]
