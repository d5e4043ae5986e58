"""01/02/2026 in an import: read day or month first as the office chose, kept in the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.sheet_world import add_parties
from vipdesk.db import Database
from vipdesk.errors import ValidationError
from vipdesk.services.importing.columns import DateOrder
from vipdesk.services.importing.date_order import load_date_order, save_date_order
from vipdesk.services.importing.plan import RowState, plan_import

STUDENTS = (
    "Given name;Family name;E-mail;Date of birth;Time zone\n"
    "Anna;Nowak;anna@uni.example;01/02/2003;Europe/Warsaw\n"
    "Jan;Kowalski;jan@uni.example;31/12/2002;Europe/Warsaw\n"
    "Eva;Berg;eva@uni.example;15.03.2001;Europe/Stockholm\n"
)


def births(db: Database, path: Path) -> tuple[DateOrder, list[date | None]]:
    plan = plan_import(db, "students", path)
    return plan.date_order, [
        row.form.date_of_birth if row.state is RowState.NEW else None for row in plan.rows
    ]


def test_slashed_dates_follow_the_setting_stored_for_everyone(
    any_db: Database, tmp_path: Path
) -> None:
    add_parties(any_db)
    path = tmp_path / "students.csv"
    path.write_text(STUDENTS, encoding="utf-8")
    assert load_date_order(any_db) is DateOrder.DAY_FIRST  # as most of Europe writes dates
    assert births(any_db, path) == (
        DateOrder.DAY_FIRST,
        [date(2003, 2, 1), date(2002, 12, 31), date(2001, 3, 15)],
    )
    save_date_order(any_db, "month_first", "anna")
    assert load_date_order(any_db) is DateOrder.MONTH_FIRST
    order, read = births(any_db, path)
    assert order is DateOrder.MONTH_FIRST
    assert read == [date(2003, 1, 2), None, date(2001, 3, 15)]  # 31/12 is no month-first date
    plan = plan_import(any_db, "students", path)
    assert [p.message for p in plan.problems] == [
        "'31/12/2002' is not a date in the calendar; dates with / are read month first (January 2)."
    ]


def test_an_unknown_order_is_refused_and_changes_nothing(any_db: Database) -> None:
    with pytest.raises(ValidationError, match="not a date order"):
        save_date_order(any_db, "year_first")
    assert load_date_order(any_db) is DateOrder.DAY_FIRST
