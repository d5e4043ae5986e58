"""Two imports at once, as two coordinators start them: both succeed, each seeing what the
other added, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.hostile_sheets import row_counts
from tests.helpers.sheet_world import add_parties
from vipdesk import db as db_module
from vipdesk.db import Database, open_database
from vipdesk.errors import DatabaseUnavailableError
from vipdesk.models import Placement, Student
from vipdesk.services.importing.plan import ImportResult, plan_import, run_import

STUDENTS = "Given name,Family name,E-mail,Institution\n"
PLACEMENTS = (
    "Student number,Host,Country code,Institution,Mode,Title,Start date,End date,"
    "Hours per week,Mentor\n"
)
FILES = {
    "students": (
        STUDENTS + "".join(f"A{n},Q,a{n}@uni.example,KU Leuven\n" for n in range(30)),
        STUDENTS + "".join(f"B{n},Q,b{n}@uni.example,KU Leuven\n" for n in range(30)),
    ),
    "placements": (
        PLACEMENTS + "S0001,Nordlicht Analytics GmbH,AT,KU Leuven,virtual,Data study,"
        "01.03.2028,31.03.2028,20,sepp@nordlicht-at.example\n",
        PLACEMENTS + "S0002,Atelier Lumière SARL,FR,KU Leuven,virtual,Brand study,"
        "03.04.2028,30.06.2028,20,a.berg@lumiere.example\n",
    ),
}


def overlapping(db: Database, kind: str, first: Path, second: Path) -> list[object]:
    """Run the import of `second` while that of `first` has written its rows but not yet
    committed; the outcome of each, a result or the exception."""
    plans = [plan_import(db, kind, first), plan_import(db, kind, second)]
    assert all(plan.ok for plan in plans), [plan.problems for plan in plans]
    outcomes: list[object] = [None, None]
    calls = 0

    def run(index: int, should_cancel: object = None) -> None:
        try:
            outcomes[index] = run_import(db, plans[index], should_cancel=should_cancel)  # type: ignore[arg-type]
        except Exception as exc:
            outcomes[index] = exc

    other = threading.Thread(target=run, args=(1,))

    def hold_after_writing() -> bool:
        nonlocal calls
        calls += 1
        if calls == 2:  # the first import has flushed its rows: start the second, let it run
            other.start()
            time.sleep(1.0)
        return False

    run(0, hold_after_writing)
    other.join(30)
    assert not other.is_alive()
    return outcomes


@pytest.mark.parametrize("kind", ["students", "placements"])
def test_two_imports_at_once_both_succeed(any_db: Database, tmp_path: Path, kind: str) -> None:
    add_parties(any_db)
    paths = []
    for n, text in enumerate(FILES[kind]):
        paths.append(tmp_path / f"{kind}{n}.csv")
        paths[-1].write_text(text, encoding="utf-8")
    first, second = overlapping(any_db, kind, *paths)
    assert isinstance(first, ImportResult), first
    assert isinstance(second, ImportResult), second
    assert first.created == second.created == (30 if kind == "students" else 1)
    with any_db.session() as s:
        if kind == "placements":
            references = s.scalars(select(Placement.reference)).all()
            assert len(references) == len(set(references)) == 2
        else:
            assert len(s.scalars(select(Student.id)).all()) == 64


def test_the_same_file_twice_at_once(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    path = tmp_path / "s.csv"
    path.write_text(FILES["students"][0], encoding="utf-8")
    first, second = overlapping(any_db, "students", path, path)
    assert isinstance(first, ImportResult) and isinstance(second, ImportResult), second
    assert (first.created, second.created, len(second.skipped)) == (30, 0, 30)


def test_an_import_that_cannot_get_the_database_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "SQLITE_BUSY_TIMEOUT", 0.2)
    path = tmp_path / "busy.sqlite3"
    db = open_database(f"sqlite:///{path}")
    add_parties(db)
    students = tmp_path / "s.csv"
    students.write_text(FILES["students"][0], encoding="utf-8")
    plan = plan_import(db, "students", students)
    before = row_counts(db)
    other = sqlite3.connect(path)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program is writing
        with pytest.raises(DatabaseUnavailableError, match="The database is busy"):
            run_import(db, plan)
    finally:
        other.rollback()
        other.close()
    assert row_counts(db) == before
    db.dispose()
