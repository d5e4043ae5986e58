"""Demo bulk inserts: SQLite gets the values SQLAlchemy would send, made faster."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Date, Time, text
from sqlalchemy.dialects import sqlite

from vipdesk.db import Database
from vipdesk.models.base import UTCDateTime
from vipdesk.services.demo.writer import _converted, rollback_journal, sqlite_converter


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (UTCDateTime(), datetime(2026, 3, 29, 1, 30, 5, 12, tzinfo=ZoneInfo("Europe/Berlin"))),
        (UTCDateTime(), datetime(2026, 1, 1, tzinfo=UTC)),
        (Date(), date(2026, 1, 2)),
        (Date(), datetime(2026, 1, 2, 5, 6)),
        (Time(), time(17, 30, 1, 5)),
        (Time(), None),
    ],
)
def test_the_fast_conversions_give_sqlalchemys_values(kind: Any, value: Any) -> None:
    dialect = sqlite.dialect()
    sent = kind.process_bind_param(value, dialect) if isinstance(kind, UTCDateTime) else value
    expected = kind.dialect_impl(dialect).bind_processor(dialect)(sent)
    assert sqlite_converter(kind, dialect)(value) == expected


def test_each_distinct_value_of_a_column_is_converted_once() -> None:
    seen: list[object] = []

    def convert(value: object) -> str:
        seen.append(value)
        return f"<{value}>"

    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [{"id": n, "day": date(2026, 1, 1 + n % 3), "at": stamp} for n in range(1000)]
    values = _converted(rows, ["id", "day", "at"], [lambda v: v, convert, convert])
    assert values[4] == (4, "<2026-01-02>", f"<{stamp}>")
    assert len(values) == 1000 and len(seen) == 4  # three days, one stamp


def _journal(db: Database) -> str:
    with db.engine.connect() as connection:
        return str(connection.exec_driver_sql("PRAGMA journal_mode").scalar())


def _versions(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar_one())


def test_the_demo_writes_with_a_rollback_journal_and_leaves_the_file_in_wal(db: Database) -> None:
    assert _journal(db) == "wal"
    with rollback_journal(db):
        assert _journal(db) == "delete"
        with pytest.raises(KeyboardInterrupt), db.session() as session:
            session.execute(text("INSERT INTO alembic_version VALUES ('cancelled')"))
            raise KeyboardInterrupt
    assert _journal(db) == "wal"
    assert _versions(db) == 1  # the cancelled write rolled back


def test_a_file_open_elsewhere_stays_in_wal_while_the_demo_writes(db: Database) -> None:
    with db.engine.connect() as elsewhere:
        elsewhere.exec_driver_sql("SELECT * FROM alembic_version").all()
        with rollback_journal(db):
            assert _journal(db) == "wal"
    assert _journal(db) == "wal"
