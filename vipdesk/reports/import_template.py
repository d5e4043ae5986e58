"""Import templates: a workbook with the header row to fill in, and a Help sheet that explains
every column and the values it takes. Made from the same column list the import reads.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from vipdesk.documents.spreadsheets import (
    BOLD,
    FONT,
    HEADER_FILL,
    HEADER_FONT,
    TITLE_FONT,
    WRAP,
)
from vipdesk.documents.workbook_files import new_workbook, save_workbook
from vipdesk.errors import VipdeskError
from vipdesk.services.importing.columns import KINDS, ColumnSpec, columns, one_of

SHEET_NAMES = {"students": "Students", "organisations": "Organisations", "placements": "Placements"}
HELP_SHEET = "Help"
_REQUIRED_FONT = Font(name=FONT, bold=True, color="FFFFFF", underline="single")
# Drop-down lists for columns with a few fixed values (the import also accepts other spellings).
_LISTS = {
    ("placements", "mode"): "virtual,blended,physical",
    ("placements", "status"): (
        "draft,preparing,agreement sent,signed,ongoing,evaluating,completed,cancelled"
    ),
    ("organisations", "size"): "small,large",
    ("students", "study_cycle"): "5,6,7,8",
}
_ROWS_PREPARED = 1000  # rows that get the drop-down lists


def template_columns(kind: str) -> list[ColumnSpec]:
    """The columns a template offers: those the import reads."""
    if kind not in KINDS:
        raise VipdeskError(f"There are templates for {', '.join(KINDS)}; not for '{kind}'.")
    return [c for c in columns(kind) if c.imported]


def _required(kind: str, column: ColumnSpec) -> str:
    if column.required:
        return "Required"
    for group in one_of(kind):
        if column.key in group:
            others = [c.title for c in columns(kind) if c.key in group and c.key != column.key]
            return f"Required unless {' or '.join(others)} is given"
    return "Optional"


def save_import_template(kind: str, path: Path) -> None:
    """Write the template for `kind` (students, organisations, placements) to `path`.

    Raises:
        VipdeskError: unknown kind, or the file cannot be written.
    """
    specs = template_columns(kind)
    title = f"vipdesk import template: {kind}"
    wb = new_workbook(title, f"Fill in one row per {kind[:-1]}, then import", write_only=False)
    ws = wb.active
    ws.title = SHEET_NAMES[kind]
    for index, column in enumerate(specs, start=1):
        cell = ws.cell(row=1, column=index, value=column.title)
        cell.font = _REQUIRED_FONT if column.required else HEADER_FONT
        cell.fill = HEADER_FILL
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(14, len(column.title) + 4, len(column.example))
        # Text columns: Excel would turn "0413" into 413 and "5-6" into a date.
        if not column.key.endswith(("start", "end", "birth", "per_week", "credits")):
            ws.column_dimensions[letter].number_format = "@"
        choices = _LISTS.get((kind, column.key))
        if choices:
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
            validation.error = f"Choose one of: {choices.replace(',', ', ')}"
            validation.errorStyle = "warning"
            validation.add(f"{letter}2:{letter}{_ROWS_PREPARED + 1}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    _help_sheet(wb.create_sheet(HELP_SHEET), kind, specs)
    save_workbook(wb, path)


def _help_sheet(ws: object, kind: str, specs: list[ColumnSpec]) -> None:
    sheet = SHEET_NAMES[kind]
    lines = [
        f"Fill in the sheet '{sheet}': one row per {kind[:-1]}, below the header. Underlined "
        "headers are required.",
        "Nothing is imported while any row has a problem: vipdesk lists every one (row, column "
        "and what to correct). Rows already in vipdesk are skipped, not added twice.",
        "Headers may be written differently (case, spaces, the other names in the last column). "
        "Dates: date cells, or 2027-02-01, or 01.02.2027. CSV files (UTF-8, comma or "
        "semicolon) with the same headers work too.",
    ]
    ws.append([f"How to fill in the {kind} template"])  # type: ignore[attr-defined]
    ws["A1"].font = TITLE_FONT  # type: ignore[index]
    for line in lines:
        ws.append([line])  # type: ignore[attr-defined]
    ws.append([])  # type: ignore[attr-defined]
    header = ["Column", "Required", "What it holds", "Allowed values", "Example", "Also known as"]
    ws.append(header)  # type: ignore[attr-defined]
    first = ws.max_row  # type: ignore[attr-defined]
    for cell in ws[first]:  # type: ignore[index]
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for column in specs:
        ws.append(  # type: ignore[attr-defined]
            [
                column.title,
                _required(kind, column),
                column.help,
                column.allowed,
                column.example,
                ", ".join(column.synonyms),
            ]
        )
        ws.cell(row=ws.max_row, column=1).font = BOLD  # type: ignore[attr-defined]
    for letter, width in zip("ABCDEF", (20, 18, 50, 40, 30, 40), strict=True):
        ws.column_dimensions[letter].width = width  # type: ignore[attr-defined]
    for row in ws.iter_rows(min_row=first + 1):  # type: ignore[attr-defined]
        for cell in row:
            cell.alignment = WRAP
    ws.freeze_panes = f"A{first + 1}"  # type: ignore[attr-defined]
