"""Demo data: bulk inserts, the fastest way each database takes them.

Rows are plain dicts with their ids chosen up front (`new_ids`), so that children can point at
their parents before anything is written. PostgreSQL takes them by COPY; SQLite by
`executemany` of value tuples, converted as SQLAlchemy would convert them (dates and UTC times
as SQLite stores them, enums by value) but without its per-row overhead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, Dialect, Table, Time, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine

from vipdesk.db import Database
from vipdesk.db.problems import sqlite_path
from vipdesk.models import Base
from vipdesk.models.base import UTCDateTime
from vipdesk.services.demo.parties import Row


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@contextmanager
def rollback_journal(db: Database) -> Iterator[None]:
    """A SQLite file in rollback-journal mode while the demo is written, as it was after.

    The app keeps its files in WAL mode, where the demo's one transaction (2.4 GB at 100,000
    placements) was written twice: to the log, then copied into the file at the commit (a
    fifth of SQLite's time, in a bench of the same shape). A rollback journal keeps only the
    pages the file held before the transaction (a new file has next to none) and still rolls
    back a cancelled or failed demo. A file another connection holds open stays in WAL mode
    (SQLite refuses at once); the demo is then only slower. `open_database` switches a file
    back to WAL too, should the demo be killed in between."""
    if sqlite_path(db.url) is None:  # a server, or memory: nothing to switch
        yield
        return
    with db.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        try:
            connection.exec_driver_sql("PRAGMA journal_mode = DELETE")
        except OperationalError:  # "database is locked", at once: open elsewhere
            mode = None
    try:
        yield
    finally:
        if mode is not None:
            with db.engine.connect() as connection:
                connection.exec_driver_sql(f"PRAGMA journal_mode = {mode}")


class Writer:
    """Bulk inserts with ids chosen up front, so that children can point at their parents."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._postgres = session.get_bind().dialect.name == "postgresql"
        self._next_id: dict[str, int] = {}

    def new_ids(self, table: str, count: int) -> list[int]:
        if count == 0:
            return []
        if self._postgres:  # from the table's own sequence: later inserts carry on from there
            serial = func.pg_get_serial_sequence(table, "id")
            query = select(func.nextval(serial)).select_from(func.generate_series(1, count))
            return list(self._session.scalars(query))
        first = self._next_id.get(table)
        if first is None:
            first = (self._session.scalar(select(func.max(_table(table).c.id))) or 0) + 1
        self._next_id[table] = first + count
        return list(range(first, first + count))

    def insert(self, table: str | Table, rows: list[Row]) -> None:
        """Insert `rows` into `table` (one of the models', or a temporary one)."""
        if not rows:
            return
        schema = table if isinstance(table, Table) else _table(table)
        names = list(rows[0])
        dialect = self._session.get_bind().dialect
        quote = dialect.identifier_preparer.quote
        columns = ", ".join(quote(n) for n in names)
        connection = self._session.connection()
        if self._postgres:
            # COPY: about five times faster than INSERT through psycopg for a million rows.
            raw = connection.connection.driver_connection
            assert raw is not None
            sql = f"COPY {quote(schema.name)} ({columns}) FROM STDIN"
            with raw.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row([row[n] for n in names])
            return
        # SQLAlchemy's own conversions (dates, UTC times, enums), without its per-row overhead.
        convert = [sqlite_converter(schema.c[n].type, dialect) for n in names]
        sql = f"INSERT INTO {quote(schema.name)} ({columns}) VALUES ({', '.join('?' * len(names))})"
        connection.exec_driver_sql(sql, _converted(rows, names, convert))


def _same(value: object) -> object:
    return value


def sqlite_converter(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """The value SQLAlchemy would send SQLite for a column of type `kind`: for dates and times
    the text of SQLite's storage formats, made by `isoformat` in C (the demo's 13 million rows
    hold millions of them), else SQLAlchemy's own conversion."""
    if isinstance(kind, UTCDateTime):
        return _utc_text
    if isinstance(kind, Date):
        return _date_text
    if isinstance(kind, Time):
        return _time_text
    return kind.dialect_impl(dialect).bind_processor(dialect) or _same


def _utc_text(value: datetime | None) -> str | None:
    """'2026-12-04 09:30:00.000000': `UTCDateTime`'s value as SQLite's `DATETIME` stores it."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given for a UTC column")
    if value.tzinfo is not UTC:  # the demo's times are in UTC already: no new object for them
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:-6]  # without its "+00:00"


def _date_text(value: date | None) -> str | None:
    return None if value is None else date.isoformat(value)  # a datetime's date part too


def _time_text(value: time | None) -> str | None:
    return None if value is None else value.isoformat("microseconds")


def _converted(
    rows: list[Row], names: list[str], convert: Sequence[Callable[[Any], Any]]
) -> list[tuple[Any, ...]]:
    """The rows as value tuples (the driver takes tuples), converted only in the columns that
    need it (dates, times, enums), each distinct value once: a column of dates or of one
    stamp holds few of them, and `map` and `zip` then loop in C."""
    columns: list[Iterable[Any]] = []
    for name, convert_one in zip(names, convert, strict=True):
        values = map(itemgetter(name), rows)
        if convert_one is not _same:
            given = list(values)
            once = {value: convert_one(value) for value in set(given)}
            values = map(once.__getitem__, given)
        columns.append(values)
    return list(zip(*columns, strict=True))
