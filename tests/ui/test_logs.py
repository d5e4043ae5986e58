"""vipdesk.log says what went wrong and where, never on whose data."""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import IntegrityError

from tests.helpers.dialogs import MessageBoxes
from vipdesk.db import Database, data_dir
from vipdesk.models import Student
from vipdesk.services.importing.plan import import_file
from vipdesk.ui.jobs import Job
from vipdesk.ui.shell import app
from vipdesk.ui.shell.logs import error_kind, log_file, private_traceback

PERSONAL = ("Kowalska", "Anna", "anna.kowalska", "31.02.1999")


def _students_with_a_broken_date_cell(path: Path) -> Path:
    """A students sheet whose date cell holds a name instead of a date (an `Invalid datetime
    value …` from openpyxl, quoting the cell), and a row with bad values besides."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Given name", "Surname", "Email address", "Student ID", "Date of birth"])
    ws.append(["Anna", "Kowalska", "anna.kowalska@uni.example", "S200", 12345])
    ws.append(["Anna", "", "anna.kowalska@", "S201", "31.02.1999"])
    wb.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(
        rb'<c r="E2"[^>]*><v>12345</v></c>',
        b'<c r="E2" t="d"><v>Kowalska Anna 31.02.1999</v></c>',
        parts[sheet],
    )
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _run_job(work: Callable[..., Any]) -> list[str]:
    failed: list[str] = []
    job = Job(work)
    job.signals.failed.connect(failed.append)
    job.run()
    return failed


def _duplicate_student(any_db: Database) -> None:
    """A save the database refuses; PostgreSQL quotes the row: Key (email)=(…)."""
    with any_db.session() as s:
        s.add(
            Student(
                given_name="Anna",
                family_name="Kowalska",
                email="anna.kowalska@uni.example",
                timezone="Europe/Warsaw",
            )
        )


def test_imports_and_failed_saves_leave_no_personal_data_in_the_log(
    qtbot: QtBot, any_db: Database, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    sheet = _students_with_a_broken_date_cell(tmp_path / "students.xlsx")
    with log_file(data_dir()) as log:
        _run_job(lambda _progress, _cancel: import_file(any_db, "students", sheet))
        _duplicate_student(any_db)
        assert _run_job(lambda _progress, _cancel: _duplicate_student(any_db))
        with pytest.raises(IntegrityError) as refused:
            _duplicate_student(any_db)
        app._install_excepthook()
        try:
            sys.excepthook(refused.type, refused.value, refused.tb)
        finally:
            sys.excepthook = sys.__excepthook__
    written = log.read_text(encoding="utf-8")
    assert "A background job failed" in written and "Unexpected error" in written
    assert "IntegrityError" in written and 'File "' in written  # the kind and where, kept
    assert [word for word in PERSONAL if word in written] == []
    if any_db.dialect == "postgresql":
        assert "SQLSTATE 23505" in written and "constraint uq_student_email" in written


def test_an_error_is_reduced_to_its_kind() -> None:
    assert error_kind(ValueError("Invalid datetime value Kowalska Anna 31.02.1999")) == (
        "ValueError"
    )
    assert error_kind(FileNotFoundError(2, "No such file", "Documents/Kowalska.xlsx")) == (
        "FileNotFoundError (ENOENT)"
    )
    email, name = "anna.kowalska@uni.example", "Kowalska Anna"  # not on a line that raises
    try:
        try:
            raise KeyError(email)
        except KeyError as exc:
            raise RuntimeError(name) from exc
    except RuntimeError as exc:
        text = private_traceback(exc)
    assert "KeyError" in text and "RuntimeError" in text and "which led to" in text
    assert [word for word in PERSONAL if word in text] == []
