"""The placements list, prepared once in memory so that search and sort stay instant.

At 100,000 placements a query per keystroke or a Qt proxy model that asks every cell is too
slow; a list of plain tuples with a pre-folded search text per row filters in milliseconds.
The list is loaded with one query, and single rows are refreshed after a save.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any, NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import aliased

from vipdesk.db import Database
from vipdesk.models import Contact, Mode, Organisation, Placement, Status, Student
from vipdesk.services.refdata import country_name


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


def fold(text: str) -> str:
    """Lower-case and strip accents, so that 'lukasz' finds 'Łukasz' and 'zoe' finds 'Zoë'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_EXTRA_FOLDS)


# Letters that Unicode does not decompose into a base letter and an accent.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "\u0131": "i", "þ": "th"}
)


def _haystack(row: PlacementRow) -> str:
    return fold(f"{row.reference}\n{row.student}\n{row.host}\n{row.title}\n{row.country}")


def _query() -> Select[*tuple[Any, ...]]:
    mentor = aliased(Contact)
    query: Select[*tuple[Any, ...]] = (
        select(
            Placement.id,
            Placement.reference,
            Student.given_name,
            Student.family_name,
            Organisation.name,
            Organisation.country,
            Placement.mode,
            Placement.status,
            Placement.planned_start,
            Placement.planned_end,
            mentor.name,
            Placement.title,
        )
        .join(Student, Student.id == Placement.student_id)
        .join(Organisation, Organisation.id == Placement.host_id)
        .outerjoin(mentor, mentor.id == Placement.mentor_id)
    )
    return query


def _to_rows(result: Iterable[Any]) -> list[PlacementRow]:
    names: dict[str | None, str] = {}
    rows = []
    for pid, ref, given, family, host, code, mode, status, start, end, mentor, title in result:
        if code not in names:
            names[code] = country_name(code)
        rows.append(
            PlacementRow(
                pid,
                ref,
                f"{given} {family}",
                host,
                names[code],
                mode,
                status,
                start,
                end,
                mentor or "",
                title,
            )
        )
    return rows


def load_rows(db: Database) -> list[PlacementRow]:
    with db.session() as session:
        return _to_rows(session.execute(_query().order_by(Placement.id)))


def load_row(db: Database, placement_id: int) -> PlacementRow | None:
    with db.session() as session:
        rows = _to_rows(session.execute(_query().where(Placement.id == placement_id)))
    return rows[0] if rows else None


@dataclass(frozen=True)
class Filter:
    text: str = ""
    status: Status | None = None
    mode: Mode | None = None
    year: int | None = None


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


class PlacementCatalogue:
    """All placements as prepared rows, kept in the current sort order."""

    def __init__(self, rows: Sequence[PlacementRow] = ()) -> None:
        self._rows: list[PlacementRow] = list(rows)
        self._hay: list[str] = [_haystack(r) for r in self._rows]
        self._by_id: dict[int, int] = {r.id: i for i, r in enumerate(self._rows)}
        self._sort_column = Column.REFERENCE
        self._descending = False
        self._order: list[int] = []
        self._keys: dict[Column, list[Any]] = {}  # sort key per row, computed once per column
        self._resort()

    @classmethod
    def load(cls, db: Database) -> PlacementCatalogue:
        return cls(load_rows(db))

    def __len__(self) -> int:
        return len(self._by_id)

    def row(self, index: int) -> PlacementRow:
        return self._rows[index]

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
            key = _sort_key(column)
            keys = self._keys[column] = [key(r) for r in self._rows]
        return keys

    def _resort(self) -> None:
        references = self._column_keys(Column.REFERENCE)
        keys = self._column_keys(self._sort_column)
        live = sorted(self._by_id.values())
        # Ties keep reference order, so that equal statuses or dates list predictably.
        live.sort(key=references.__getitem__)
        live.sort(key=keys.__getitem__, reverse=self._descending)
        self._order = live

    def query(self, flt: Filter) -> tuple[list[int], Counter[Status]]:
        """Row indices matching the filter, in sort order, and counts per status.

        The counts ignore the status filter, so the user sees how many each status would show.
        """
        words = fold(flt.text).split()
        rows, hay = self._rows, self._hay
        candidates = self._order
        if words:
            candidates = [i for i in candidates if all(w in hay[i] for w in words)]
        if flt.mode is not None:
            candidates = [i for i in candidates if rows[i].mode is flt.mode]
        if flt.year is not None:
            candidates = [i for i in candidates if rows[i].start.year == flt.year]
        counts = Counter(rows[i].status for i in candidates)
        if flt.status is not None:
            candidates = [i for i in candidates if rows[i].status is flt.status]
        return candidates, counts

    # --- keeping up with edits ---------------------------------------------------------------

    def upsert(self, row: PlacementRow) -> int:
        """Add or replace one row (after a save) and return its index."""
        index = self._by_id.get(row.id)
        if index is None:
            index = len(self._rows)
            self._rows.append(row)
            self._hay.append(_haystack(row))
            self._by_id[row.id] = index
            for column, keys in self._keys.items():
                keys.append(_sort_key(column)(row))
        else:
            self._rows[index] = row
            self._hay[index] = _haystack(row)
            for column, keys in self._keys.items():
                keys[index] = _sort_key(column)(row)
        self._resort()
        return index

    def remove(self, placement_id: int) -> None:
        index = self._by_id.pop(placement_id, None)
        if index is not None:
            self._order = [i for i in self._order if i != index]

    def index_of(self, placement_id: int) -> int | None:
        return self._by_id.get(placement_id)
