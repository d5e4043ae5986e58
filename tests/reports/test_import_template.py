"""Import templates: the header row to fill in, a Help sheet, and they import as they are."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.helpers.sheet_world import add_parties
from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import Student
from vipdesk.reports.import_template import save_import_template, template_columns
from vipdesk.services.importing.columns import KINDS
from vipdesk.services.importing.plan import import_file, plan_import


@pytest.mark.parametrize("kind", KINDS)
def test_header_row_and_help_sheet(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.xlsx"
    save_import_template(kind, path)
    wb = load_workbook(path)
    assert wb.sheetnames == [kind.capitalize(), "Help"]
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers == [c.title for c in template_columns(kind)]
    assert wb.worksheets[0].freeze_panes == "A2"
    help_rows = [r for r in wb["Help"].iter_rows(values_only=True) if r and r[0]]
    table = {r[0]: r for r in help_rows if r[0] in headers}
    assert set(table) == set(headers)  # every column explained
    for column in template_columns(kind):
        _, required, _, allowed, _, synonyms = table[column.title]
        assert required.startswith("Required" if column.required else ("Optional", "Required"))
        assert allowed == column.allowed
        assert synonyms == (", ".join(column.synonyms) or None)
    assert wb.properties.title == f"vipdesk import template: {kind}"


def test_columns_from_our_own_reports_are_not_offered() -> None:
    titles = [c.title for c in template_columns("placements")]
    assert "Weeks" not in titles and "Student" not in titles
    assert {"Student e-mail", "Host", "Country", "Mode", "Planned start"} <= set(titles)


def test_a_filled_template_imports(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    path = tmp_path / "students.xlsx"
    save_import_template("students", path)
    wb = load_workbook(path)
    ws = wb["Students"]
    headers = [c.value for c in ws[1]]
    values = {
        "Given name": "Nora",
        "Family name": "Lind",
        "E-mail": "nora@uni.example",
        "Student number": "0413",  # text: the leading zero stays
        "Date of birth": datetime(2003, 4, 1),
        "Study cycle": "7",
        "Institution": "Universität Wien",
        "Languages": "Swedish native; English C2",
        "Language": "Deutsch",  # what vipdesk writes to her in
    }
    for title, value in values.items():
        ws.cell(row=2, column=headers.index(title) + 1, value=value)
    wb.save(path)
    plan = plan_import(db, "students", path)
    assert plan.ok, plan.problems
    assert plan.new == 1 and len(plan.rows) == 1  # the prepared empty rows are not records
    assert import_file(db, "students", path).created == 1
    with db.session() as session:
        nora = select(Student.preferred_language).where(Student.email == "nora@uni.example")
        assert session.scalar(nora) == "de"


def test_mode_and_status_offer_a_list(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    save_import_template("placements", path)
    validations = load_workbook(path)["Placements"].data_validations.dataValidation
    lists = sorted(v.formula1 for v in validations)
    assert '"virtual,blended,physical"' in lists
    assert any("agreement sent" in f for f in lists)


def test_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(VipdeskError, match="There are templates for"):
        save_import_template("tools", tmp_path / "t.xlsx")
