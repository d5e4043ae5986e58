"""What the import finds wrong with a file, worded by the interface: every template of the
import's services is in the catalogue, and in English each problem and error of a set of
malformed files reads as the service says it."""

from __future__ import annotations

import ast
import inspect
import zipfile
from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from tests.helpers.hostile_sheets import student_workbook
from tests.helpers.phrases import templates_in
from tests.helpers.sheet_world import add_parties
from tests.helpers.translations import compile_catalogues
from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.importing import (
    archive,
    cells,
    columns,
    date_order,
    files,
    placements,
    plan,
    rows,
    workbook,
)
from vipdesk.services.importing.cells import ImportProblem
from vipdesk.services.importing.date_order import save_date_order
from vipdesk.services.importing.plan import ImportRejectedError, plan_import, row_kind, run_import
from vipdesk.ui import phrases
from vipdesk.ui.i18n import CATALOGUE
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.spreadsheets import problem_texts
from vipdesk.ui.spreadsheets.problem_texts import templates

MODULES = (archive, cells, columns, date_order, files, placements, plan, rows, workbook)


def repeated_templates(modules: tuple[ModuleType, ...]) -> set[str]:
    """The problems of a row repeating another's key: the third part of a `Built.keys` entry."""
    found = set()
    for module in modules:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Tuple) and len(node.elts) == 3:
                last = node.elts[2]
                if isinstance(last, ast.Constant) and "{first}" in str(last.value):
                    found.add(str(last.value))
    return found


def service_templates() -> set[str]:
    said = templates_in(
        MODULES,
        {"said": 0, "Phrase": 0, "CellError": 0, "problem": 1, "on": 1},
        keywords=("too_many", "not_whole", "unknown"),
    )
    return said | templates_in(MODULES, {"said": 2}) | repeated_templates(MODULES)


def test_the_interface_knows_every_problem_the_import_says() -> None:
    assert service_templates() == set(templates())


STUDENTS = "Given name,Family name,E-mail,Student number,Date of birth,Institution,Study cycle\n"
PLACEMENTS = (
    "Student number,Student e-mail,Host,Country code,Institution,Mode,Status,Title,Start date,"
    "End date,Hours per week,Credits,Mentor,Academic tutor,Reference,Periods\n"
)

# Files whose rows are read, each with problems; the kind they are imported as.
PREVIEWED = {
    "students.csv": (
        "students",
        STUDENTS + "Anna,Nowak,anna@uni.example,S1,31.02.2001,KU Leuven,9\n"
        ",,not-an-address,S2,2001-13-01,Nowhere U,five\n"
        "Bo,Li,anna@uni.example,S1,01/13/2001,KU Leuven,#N/A\n"
        "Cy,Ng,cy@uni.example,S3,xx,KU Leuven,6,extra\n"
        "Di,\x01,di@uni.example,S4,1.1.2001,KU Leuven,6\n",
    ),
    "columns.csv": ("students", "Name,E-mail,E-mail address,Mail\nAnna,a@b.example,x,y\n"),
    "header only.csv": ("students", STUDENTS),
    "semicolons.csv": ("students", STUDENTS.replace(",", ";") + "A;B;c@d.example;S;;x;6;y\n"),
    "tabs.csv": ("students", STUDENTS.replace(",", "\t") + "A\tB\tc@d.example\tS\t\tx\t6\ty\n"),
    "organisations.csv": (
        "organisations",
        "Name,Country,Size,Employees,Language\nAcme,Atlantis,huge,many,Klingon\n"
        "Acme,DE,medium,99999999999,de\nBeta,DE,,12.5,de\n",
    ),
    "placements.csv": (
        "placements",
        PLACEMENTS + "S9,nobody@example.org,Nowhere GmbH,DE,KU Leuven,hybrid,lost,T,"
        "01.03.2028,31.03.2028,many,lots,x@example.org,Nobody Known,"
        "VIP-2027-000000000001,sometime\n"
        ",,Nordlicht Analytics GmbH,AT,KU Leuven,virtual,,T,01.03.2028,31.03.2028,"
        "99999999999,NaN,,,R1,\n"
        ",,Nordlicht Analytics GmbH,AT,KU Leuven,,,T,01.03.2028,31.03.2028,10,5,,,R1,\n",
    ),
}

# Files that cannot be read at all, by what they hold.
UNREADABLE = {
    "empty.csv": b"  \n",
    "document.pdf": b"%PDF-1.7\n",
    "old.xls": b"\xd0\xcf\x11\xe0rest",
    "photo.png": b"\x89PNG\r\n",
    "unicode.txt": b"\xff\xfeG\x00i\x00",
    "program.bin": b"MZ\x00\x00\x01",
    "latin1.csv": "Given name\nJürgen\n".encode("latin-1"),
    "broken.xlsx": b"PK\x03\x04 not really an archive",
}


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive_file:
        for member, data in members.items():
            archive_file.writestr(member, data)
    return path


def said_problems(db: Database, tmp_path: Path) -> list[ImportProblem]:
    add_parties(db)
    found: list[ImportProblem] = []
    for name, (kind, text) in PREVIEWED.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        found += plan_import(db, kind, path).problems
    workbook_path = student_workbook(
        tmp_path / "cells.xlsx",
        ("Anna", "Nowak", "a@uni.example", "S1", 45000, "KU Leuven"),
        ("Bo", "Li", "b@uni.example", "S2", timedelta(days=3), "KU Leuven"),
        ("Cy", "x" * 40_000, "c@uni.example", "S3", "#REF!", "KU Leuven"),
    )
    found += plan_import(db, "students", workbook_path).problems
    return found


def said_errors(db: Database, tmp_path: Path) -> list[VipdeskError]:
    paths = []
    for name, data in UNREADABLE.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    paths.append(zipped(tmp_path / "text.odt.xlsx", {"mimetype": b"x", "word/document.xml": b""}))
    paths.append(zipped(tmp_path / "sheet.ods", {"mimetype": b"opendocument.spreadsheet"}))
    paths.append(zipped(tmp_path / "other.zip", {"readme.txt": b"hello"}))
    paths += [tmp_path / "missing.csv", tmp_path]
    errors: list[VipdeskError] = []
    for path in paths:
        with pytest.raises(VipdeskError) as caught:
            plan_import(db, "students", path)
        errors.append(caught.value)
    bad = tmp_path / "bad.csv"
    bad.write_text(STUDENTS + "A,B,not-an-address,S1,,KU Leuven,6\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as rejected:
        run_import(db, plan_import(db, "students", bad))
    errors.append(rejected.value)
    with pytest.raises(VipdeskError) as kind:
        row_kind("courses")
    errors.append(kind.value)
    with pytest.raises(VipdeskError) as order:
        save_date_order(db, "year_first")
    errors.append(order.value)
    return errors


def test_each_problem_reads_in_english_as_the_service_says_it(db: Database, tmp_path: Path) -> None:
    said = said_problems(db, tmp_path)
    own = [p for p in said if p.phrase is None or p.phrase.template in templates()]
    assert len({p.phrase.template for p in own if p.phrase}) >= 30
    for problem in said:
        assert problem.phrase is not None, problem
        assert problem_text(problem) == problem.message


def test_each_error_of_a_file_reads_in_english_as_the_service_says_it(
    db: Database, tmp_path: Path
) -> None:
    errors = said_errors(db, tmp_path)
    assert len({e.phrase.template for e in errors if e.phrase}) >= 15
    for error in errors:
        assert error_text(error) == str(error)
        assert error.phrase is not None or getattr(error, "problems", None), error


def test_in_german_a_problem_and_an_error_keep_no_english(
    qapp: object, db: Database, tmp_path: Path
) -> None:
    csv_path = tmp_path / "students.csv"
    csv_path.write_text("Name\nAnna\n", encoding="utf-8")
    missing = plan_import(db, "students", csv_path).problems[0]
    pdf_path = tmp_path / "document.pdf"
    pdf_path.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(VipdeskError) as caught:
        plan_import(db, "students", pdf_path)
    german = QTranslator()
    assert german.load(CATALOGUE.format(language="de"), str(compile_catalogues(tmp_path, ["de"])))
    QCoreApplication.installTranslator(german)
    problem_texts.templates.cache_clear()
    phrases.all_templates.cache_clear()
    try:
        worded = problem_text(missing), error_text(caught.value)
    finally:
        QCoreApplication.removeTranslator(german)
        problem_texts.templates.cache_clear()
        phrases.all_templates.cache_clear()
    assert worded == (
        "Die Spalte 'Given name' (oder 'First name' oder 'Forename') fehlt.",
        "document.pdf ist ein PDF-Dokument, keine Tabelle: speichern Sie sie in Excel oder "
        "LibreOffice als .xlsx oder als CSV (UTF-8) und importieren Sie diese.",
    )
