"""The placements list, prepared once in memory so that search and sort stay instant.

At 100,000 placements a query per keystroke or a Qt proxy model that asks every cell is too
slow; a list of plain tuples with a pre-folded search text per row filters in milliseconds.
The list is loaded with one query, and single rows are refreshed after a save.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, case, literal_column, select
from sqlalchemy.exc import DBAPIError

from vipdesk.db import Database
from vipdesk.models import Contact, Mode, Organisation, Placement, Status, Student
from vipdesk.services.jobs import paused_gc
from vipdesk.services.placements.attention import NextSteps, attention_key
from vipdesk.services.refdata import ENGLISH_NAMES, Names
from vipdesk.textfold import fold as fold  # re-exported: the rule every search shares


class Column(IntEnum):
    REFERENCE = 0
    STUDENT = 1
    HOST = 2
    COUNTRY = 3
    MODE = 4
    STATUS = 5
    START = 6
    END = 7
    MENTOR = 8
    NEXT_STEP = 9  # the most urgent work-list item; its order is the list's default


COLUMN_TITLES = (
    "Reference",
    "Student",
    "Host",
    "Country",
    "Mode",
    "Status",
    "Start",
    "End",
    "Mentor",
    "Next step",
)


class PlacementRow(NamedTuple):
    id: int
    reference: str
    student: str
    host: str
    country: str  # the country's name, not its code: that is what people read and type
    mode: Mode
    status: Status
    start: date
    end: date
    mentor: str
    title: str
    country_code: str = ""  # ISO 3166-1 alpha-2 of the host, for the country filter


# Hosts, countries and titles repeat across thousands of placements: fold each once.
_fold_repeated = lru_cache(maxsize=65536)(fold)


def _haystack(row: PlacementRow) -> str:
    return "\n".join(
        (
            row.reference.lower(),
            fold(row.student),
            _fold_repeated(row.host),
            _fold_repeated(row.title),
            _fold_repeated(row.country),
        )
    )


_MODES = tuple(Mode)
_STATUSES = tuple(Status)


def _index_of(column: Any, members: tuple[Any, ...]) -> Any:
    """The member's position as a small integer: Python shares those, strings it copies."""
    return case({m.value: i for i, m in enumerate(members)}, value=column, else_=0)


def _query() -> Select[*tuple[Any, ...]]:
    """Plain columns; hosts and mentors come as ids and are named from small lookup tables."""
    p, student = Placement.__table__.c, Student.__table__.c
    query: Select[*tuple[Any, ...]] = select(
        p.id,
        p.reference,
        (student.given_name + literal_column("' '") + student.family_name),
        p.host_id,
        p.mentor_id,
        _index_of(p.mode, _MODES),
        _index_of(p.status, _STATUSES),
        p.planned_start,
        p.planned_end,
        p.title,
    ).select_from(Placement.__table__.join(Student.__table__, student.id == p.student_id))
    return query


def _names(
    conn: Connection, names: Names
) -> tuple[dict[int, tuple[str, str, str]], dict[int, str]]:
    """Host id → (name, country name, code) and contact id → name: a few thousand rows each."""
    host = Organisation.__table__.c
    hosts = {
        hid: (name, names.country(code), code)
        for hid, name, code in conn.execute(select(host.id, host.name, host.country))
    }
    contact = Contact.__table__.c
    people: dict[int, str] = {
        cid: name for cid, name in conn.execute(select(contact.id, contact.name))
    }
    return hosts, people


def _to_rows(
    result: Iterable[Any], hosts: dict[int, tuple[str, str, str]], people: dict[int, str]
) -> list[PlacementRow]:
    modes, statuses = _MODES, _STATUSES
    rows: list[PlacementRow] = []
    append = rows.append
    for pid, ref, student, host_id, mentor_id, mode, status, start, end, title in result:
        if type(start) is str:  # SQLite's driver hands dates over as ISO text
            start, end = date.fromisoformat(start), date.fromisoformat(end)
        host, country, code = hosts[host_id]
        append(
            PlacementRow(
                pid,
                ref,
                student,
                host,
                country,
                modes[mode],
                statuses[status],
                start,
                end,
                people.get(mentor_id, "") if mentor_id is not None else "",
                title,
                code,  # one string per host, shared by its placements
            )
        )
    return rows


def load_rows(db: Database, names: Names = ENGLISH_NAMES) -> list[PlacementRow]:
    """Every placement, in id order, fetched straight from the driver's cursor.

    SQLAlchemy's result rows would add a fifth to the time of the 100,000-row start-up load.
    """
    with db.session() as session, paused_gc():
        conn = session.connection()
        hosts, people = _names(conn, names)
        # The only literals are the enum values and their positions, our own constants.
        sql = str(
            _query()
            .order_by(Placement.__table__.c.id)
            .compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        )
        driver_error = conn.dialect.loaded_dbapi.Error
        try:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(sql)
                raw = cursor.fetchall()
            finally:
                cursor.close()
        except driver_error as exc:
            # As if SQLAlchemy had run it: the session turns this into a message for the user.
            raise DBAPIError.instance(sql, None, exc, driver_error) from exc
        return _to_rows(raw, hosts, people)


def load_row(db: Database, placement_id: int, names: Names = ENGLISH_NAMES) -> PlacementRow | None:
    with db.session() as session:
        conn = session.connection()
        result = conn.execute(_query().where(Placement.__table__.c.id == placement_id)).all()
        if not result:
            return None
        return _to_rows(result, *_names(conn, names))[0]


@dataclass(frozen=True)
class Filter:
    text: str = ""
    status: Status | None = None
    mode: Mode | None = None
    year: int | None = None
    country: str | None = None  # ISO code of the host's country
    attention: bool = False  # only placements with an open work-list item


def _sort_key(column: Column) -> Any:
    if column is Column.MODE:
        mode_order = {m: i for i, m in enumerate(Mode)}
        return lambda r: mode_order[r.mode]
    if column is Column.STATUS:
        status_order = {s: i for i, s in enumerate(Status)}
        return lambda r: status_order[r.status]
    if column in (Column.START, Column.END):
        return (lambda r: r.start) if column is Column.START else (lambda r: r.end)
    field = {
        Column.REFERENCE: 1,
        Column.STUDENT: 2,
        Column.HOST: 3,
        Column.COUNTRY: 4,
        Column.MENTOR: 9,
    }[column]
    return lambda r: fold(r[field])


class _Search(NamedTuple):
    """The last search: typing one more letter filters its result instead of every row."""

    words: tuple[str, ...]
    narrowing: tuple[Mode | None, int | None, str | None, bool]  # mode, year, country, attention
    found: list[int]


class PlacementCatalogue:
    """All placements as prepared rows, kept in the current sort order."""

    def __init__(
        self,
        rows: Sequence[PlacementRow] = (),
        sort: tuple[Column, bool] = (Column.REFERENCE, False),
        next_steps: NextSteps | None = None,
    ) -> None:
        self._rows: list[PlacementRow] = list(rows)
        self._steps = next_steps or NextSteps()
        # The folded search text per row, built on the first search or in idle steps
        # (prepare_search), so that the list shows without waiting for it.
        self._hay: list[str] = []
        self._by_id: dict[int, int] = {r.id: i for i, r in enumerate(self._rows)}
        self._sort_column, self._descending = Column(sort[0]), sort[1]
        self._order: list[int] = []
        self._keys: dict[Column, list[Any]] = {}  # sort key per row, computed once per column
        # The last search, kept so that typing one more letter filters its result, not all.
        self._last: _Search | None = None
        self._resort()

    @classmethod
    def load(
        cls,
        db: Database,
        sort: tuple[Column, bool] = (Column.REFERENCE, False),
        next_steps: NextSteps | None = None,
        names: Names = ENGLISH_NAMES,
    ) -> PlacementCatalogue:
        rows = load_rows(db, names)
        with paused_gc():
            return cls(rows, sort, next_steps)

    def __len__(self) -> int:
        return len(self._by_id)

    def row(self, index: int) -> PlacementRow:
        return self._rows[index]

    @property
    def next_steps(self) -> NextSteps:
        return self._steps

    def set_next_steps(self, steps: NextSteps) -> None:
        """A new work list: the next-step column, its order and the attention filter follow."""
        self._steps = steps
        self._keys.pop(Column.NEXT_STEP, None)
        self._resort()

    def countries(self) -> list[tuple[str, str]]:
        """(code, name) of the hosts' countries, by name (for the country filter)."""
        rows = self._rows
        found = {rows[i].country_code: rows[i].country for i in self._by_id.values()}
        return sorted(((c, n) for c, n in found.items() if c), key=lambda item: fold(item[1]))

    def years(self) -> list[int]:
        """The years in which placements start, newest first (for the year filter)."""
        rows = self._rows
        return sorted({rows[i].start.year for i in self._by_id.values()}, reverse=True)

    # --- sorting and filtering ---------------------------------------------------------------

    def sort(self, column: Column, descending: bool = False) -> None:
        self._sort_column, self._descending = Column(column), descending
        self._resort()

    @property
    def sort_order(self) -> tuple[Column, bool]:
        return self._sort_column, self._descending

    def _column_keys(self, column: Column) -> list[Any]:
        keys = self._keys.get(column)
        if keys is None:
            key = self._row_key(column)
            keys = self._keys[column] = [key(r) for r in self._rows]
        return keys

    def _row_key(self, column: Column) -> Any:
        if column is Column.NEXT_STEP:
            key = attention_key(self._steps)
            return lambda r: key(r.id, r.start)
        return _sort_key(column)

    def _resort(self) -> None:
        references = self._column_keys(Column.REFERENCE)
        keys = self._column_keys(self._sort_column)
        live = sorted(self._by_id.values())
        # Ties keep reference order, so that equal statuses or dates list predictably.
        live.sort(key=references.__getitem__)
        live.sort(key=keys.__getitem__, reverse=self._descending)
        self._order = live
        self._last = None

    def query(self, flt: Filter) -> tuple[list[int], Counter[Status]]:
        """Row indices matching the filter, in sort order, and counts per status.

        The counts ignore the status filter, so the user sees how many each status would show.
        """
        words = tuple(fold(flt.text).split())
        candidates = self._narrowed(words, (flt.mode, flt.year, flt.country or None, flt.attention))
        rows = self._rows
        counts = Counter([rows[i].status for i in candidates])
        if flt.status is not None:
            wanted = flt.status
            candidates = [i for i in candidates if rows[i].status is wanted]
        return candidates, counts

    def _narrowed(
        self, words: tuple[str, ...], narrowing: tuple[Mode | None, int | None, str | None, bool]
    ) -> list[int]:
        mode, year, country, attention = narrowing
        last = self._last
        candidates = self._order
        if (
            last is not None
            and last.narrowing == narrowing
            and len(words) >= len(last.words)
            and all(old in new for old, new in zip(last.words, words, strict=False))
        ):
            # Every row matching the new words matched the old ones: filter the last result.
            candidates = last.found
        else:
            rows = self._rows
            if mode is not None:
                candidates = [i for i in candidates if rows[i].mode is mode]
            if year is not None:
                candidates = [i for i in candidates if rows[i].start.year == year]
            if country is not None:
                code = country.upper()
                candidates = [i for i in candidates if rows[i].country_code == code]
            if attention:
                steps = self._steps.items
                candidates = [i for i in candidates if rows[i].id in steps]
        if words:
            self.prepare_search()
        hay = self._hay
        for word in words:
            candidates = [i for i in candidates if word in hay[i]]
        self._last = _Search(words, narrowing, candidates)
        return candidates

    def prepare_search(self, rows: int | None = None) -> bool:
        """Fold the search text of up to `rows` more rows (all when None); True when done."""
        hay, all_rows = self._hay, self._rows
        stop = len(all_rows) if rows is None else min(len(all_rows), len(hay) + rows)
        with paused_gc():
            hay.extend(_haystack(r) for r in all_rows[len(hay) : stop])
        return len(hay) == len(all_rows)

    # --- keeping up with edits ---------------------------------------------------------------

    def upsert(self, row: PlacementRow) -> int:
        """Add or replace one row (after a save) and return its index."""
        index = self._by_id.get(row.id)
        if index is None:
            index = len(self._rows)
            self._rows.append(row)
            if len(self._hay) == index:
                self._hay.append(_haystack(row))
            self._by_id[row.id] = index
            for column, keys in self._keys.items():
                keys.append(self._row_key(column)(row))
        else:
            self._rows[index] = row
            if index < len(self._hay):
                self._hay[index] = _haystack(row)
            for column, keys in self._keys.items():
                keys[index] = self._row_key(column)(row)
        self._resort()
        return index

    def remove(self, placement_id: int) -> None:
        index = self._by_id.pop(placement_id, None)
        if index is not None:
            self._order = [i for i in self._order if i != index]
            self._last = None

    def index_of(self, placement_id: int) -> int | None:
        return self._by_id.get(placement_id)
