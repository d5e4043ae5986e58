"""Importing students, organisations and placements from a spreadsheet: all or nothing.

`plan_import` reads the file and checks every row (the editors' `validate_…` rules, links to
records that must exist, duplicates) without changing anything; its `ImportPlan` is the
preview. `run_import` then adds the new rows in one transaction, and only if no row has a
problem. Rows already in the database are skipped and reported, never created twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.phrase import Phrase
from vipdesk.services.importing.cells import ImportProblem
from vipdesk.services.importing.columns import (
    KINDS,
    DateOrder,
    as_text,
    columns,
    match_headers,
)
from vipdesk.services.importing.date_order import read_date_order
from vipdesk.services.importing.files import read_sheet
from vipdesk.services.importing.placements import PlacementRows
from vipdesk.services.importing.rows import OrganisationRows, Row, RowKind, StudentRows
from vipdesk.services.jobs import Progress, ShouldCancel, Steps, paused_gc

ALREADY_EXISTS = "already exists — skipped"


def row_kind(kind: str) -> RowKind:
    if kind == "students":
        return StudentRows()
    if kind == "organisations":
        return OrganisationRows()
    if kind == "placements":
        return PlacementRows()
    raise VipdeskError.said(
        "vipdesk imports {kinds}; not '{kind}'.", kinds=", ".join(KINDS), kind=kind
    )


class RowState(StrEnum):
    NEW = "new"
    EXISTS = "exists"
    INVALID = "invalid"

    @property
    def label(self) -> str:
        return {"new": "New", "exists": "Already exists — skipped", "invalid": "Invalid"}[self]


@dataclass
class PlannedRow:
    number: int  # as in the file
    state: RowState
    shown: dict[str, Any]  # column header → value as understood (text, or a phrase's part)
    note: str = ""  # why it is skipped or invalid
    form: Any = None


@dataclass
class ImportPlan:
    """What an import would do, row by row: the preview."""

    kind: str
    source: str  # the file (and sheet) read
    columns: list[tuple[str, str]]  # (header in the file, what vipdesk reads it as)
    ignored_columns: list[str]
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    date_order: DateOrder = DateOrder.DAY_FIRST  # how dates such as 01/02/2026 were read

    def count(self, state: RowState) -> int:
        return sum(1 for r in self.rows if r.state is state)

    @property
    def new(self) -> int:
        return self.count(RowState.NEW)

    @property
    def duplicates(self) -> int:
        return self.count(RowState.EXISTS)

    @property
    def invalid(self) -> int:
        return self.count(RowState.INVALID)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    kind: str
    created: int
    skipped: list[PlannedRow]
    seconds: float


class ImportRejectedError(VipdeskError):
    """Some rows have problems, so nothing was imported; `problems` lists every one."""

    def __init__(self, plan: ImportPlan) -> None:
        self.problems = plan.problems
        self.plan = plan
        phrase = _rejected(len(plan.problems), len({p.row for p in plan.problems}), plan.source)
        super().__init__(phrase.english())
        self.phrase = phrase


def _rejected(problems: int, rows: int, source: str) -> Phrase:
    values = {
        "problems": problems,
        "rows": rows,
        "source": source,
    }  # as the English always wrote them
    if problems == 1:
        return Phrase(
            "Nothing imported: 1 problem in 1 row of {source}; correct the file and import it "
            "again.",
            values,
        )
    if rows == 1:
        return Phrase(
            "Nothing imported: {problems} problems in 1 row of {source}; correct the file and "
            "import it again.",
            values,
        )
    return Phrase(
        "Nothing imported: {problems} problems in {rows} rows of {source}; correct the file "
        "and import it again.",
        values,
    )


def _cells(positions: dict[str, int], values: tuple[Any, ...]) -> dict[str, Any]:
    return {key: values[i] if i < len(values) else None for key, i in positions.items()}


def plan_import(
    db: Database,
    kind: str,
    path: Path,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportPlan:
    """Read and check every row of `path`; change nothing.

    Raises:
        UnreadableFileError: not a spreadsheet, empty, damaged, not UTF-8.
        CancelledError: `should_cancel` said stop.
    """
    builder = row_kind(kind)
    Steps(0, "Reading the file", progress, should_cancel)
    sheet = read_sheet(path, builder.sheet_names)
    match = match_headers(kind, sheet.headers, sheet.header_row)
    titles = {c.key: c.title for c in columns(kind)}
    plan = ImportPlan(
        kind,
        sheet.name,
        [(header, titles[key]) for key, header in match.headers.items()],
        match.ignored,
        problems=list(match.problems),
    )
    if match.problems:
        plan.problems.extend(sheet.problems)
        return plan  # without the columns, every row would say the same
    if not sheet.rows:
        plan.problems.extend(sheet.problems)
        if not sheet.problems:
            plan.problems.append(
                ImportProblem.said(sheet.header_row + 1, "", "There are no rows below the header.")
            )
        return plan
    steps = Steps(len(sheet.rows), "Checking rows", progress, should_cancel, every=250)
    seen: dict[tuple[str, Any], int] = {}  # (column, key) → first row with it
    with db.session() as session, paused_gc():
        builder.date_order = plan.date_order = read_date_order(session)
        builder.prepare(session)
        for sheet_row in sheet.rows:
            row = Row.of(sheet_row.number, _cells(match.positions, sheet_row.cells))
            built = builder.build(row)
            for column in match.positions:  # not shown as read (or not read): as written
                if column not in row.shown and row.cells.get(column) is not None:
                    row.shown[column] = as_text(row.cells[column])
            if built.existing is None:
                for column, key, repeated in built.keys:
                    first = seen.setdefault((column, key), row.number)
                    if first != row.number:
                        row.problem(column, repeated, first=first)
            shown = {match.label(k, kind): v for k, v in row.shown.items()}
            if row.problems:
                # In the order of the file's columns, as the user reads the row.
                row.problems.sort(key=lambda p: match.positions.get(p[0], len(sheet.headers)))
                for column, phrase in row.problems:
                    plan.problems.append(
                        ImportProblem.saying(row.number, match.label(column, kind), phrase)
                    )
                note = "; ".join(message for _, message in row.messages())
                plan.rows.append(PlannedRow(row.number, RowState.INVALID, shown, note))
            elif built.existing is not None:
                note = f"{ALREADY_EXISTS}: {built.existing}"
                plan.rows.append(PlannedRow(row.number, RowState.EXISTS, shown, note, built.form))
            else:
                plan.rows.append(PlannedRow(row.number, RowState.NEW, shown, "", built.form))
            steps.step()
    plan.problems.extend(sheet.problems)  # a damaged end, ragged rows: listed after the cells
    return plan


def run_import(
    db: Database,
    plan: ImportPlan,
    user: str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportResult:
    """Add the plan's new rows in one transaction; skip rows that exist by now.

    Raises:
        ImportRejectedError: the plan has problems; nothing was imported.
        CancelledError: `should_cancel` said stop; nothing was imported.
        VipdeskError: the database refused a row (someone added it meanwhile); nothing was
            imported.
    """
    if not plan.ok:
        raise ImportRejectedError(plan)
    started = time.perf_counter()
    builder = row_kind(plan.kind)
    wanted = [r for r in plan.rows if r.state is RowState.NEW]
    skipped = [r for r in plan.rows if r.state is RowState.EXISTS]
    steps = Steps(len(wanted), f"Importing {plan.kind}", progress, should_cancel, every=250)
    created = 0
    try:
        with db.session(user) as session, paused_gc():
            _write_lock(session)
            builder.prepare(session)  # again: someone may have added some since the preview
            new = []
            for planned in wanted:
                existing = builder.exists(planned.form)
                if existing is None:
                    new.append(planned)
                else:
                    note = f"{ALREADY_EXISTS}: {existing}"
                    skipped.append(PlannedRow(planned.number, RowState.EXISTS, planned.shown, note))
            builder.before_insert(session, [r.form for r in new])
            for planned in new:
                builder.insert(session, planned.form)
                created += 1
                steps.step()
                if created % 250 == 0:
                    session.flush()  # a round of INSERTs at a time, between checks for cancel
            session.flush()
            steps.check()
    except IntegrityError as exc:
        raise VipdeskError.saying(_refused(plan.kind)) from exc
    steps.finish()
    skipped.sort(key=lambda r: r.number)
    return ImportResult(plan.kind, created, skipped, time.perf_counter() - started)


def _refused(kind: str) -> Phrase:
    if kind == "students":
        return Phrase(
            "The database refused one of the students (someone may have added the same record "
            "meanwhile), so nothing was imported. Import the file again: the preview will show "
            "what exists now."
        )
    if kind == "organisations":
        return Phrase(
            "The database refused one of the organisations (someone may have added the same "
            "record meanwhile), so nothing was imported. Import the file again: the preview "
            "will show what exists now."
        )
    return Phrase(
        "The database refused one of the placements (someone may have added the same record "
        "meanwhile), so nothing was imported. Import the file again: the preview will show "
        "what exists now."
    )


_IMPORT_LOCK = 0x76697064  # "vipd": the PostgreSQL advisory lock held by an import


def _write_lock(session: Session) -> None:
    """Imports write one at a time, each seeing what the one before it added.

    An import reads what exists (to skip it), the next references and, on SQLite, the largest
    ids; two of them interleaved would both hand out the same. On SQLite the transaction starts
    IMMEDIATE, taking the database's write lock before the first read (the second import
    waits, up to the busy timeout); on PostgreSQL a transaction-scoped advisory lock does the
    same among imports, while other writers go on.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    elif dialect == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_IMPORT_LOCK)))


def import_file(
    db: Database,
    kind: str,
    path: Path,
    user: str | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ImportResult:
    """`plan_import` then `run_import`: the command line's import."""
    plan = plan_import(db, kind, path, progress, should_cancel)
    return run_import(db, plan, user, progress, should_cancel)
