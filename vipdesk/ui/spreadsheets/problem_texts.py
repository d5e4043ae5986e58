"""What the import finds wrong with a file, in the interface's language.

The import's services say each problem of the preview, and each error of a file that cannot be
read, as a phrase (`ImportProblem.said`, `CellError`, `UnreadableFileError.said`); their English
templates are written again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from functools import cache
from typing import cast

from PySide6.QtCore import QT_TR_NOOP

from vipdesk.ui.i18n import tr

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        # a file that is not a workbook, or a damaged one
        QT_TR_NOOP(
            "save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that."
        ),
        QT_TR_NOOP("Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8)."),
        QT_TR_NOOP(
            "{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); it is "
            "not an ordinary workbook."
        ),
        QT_TR_NOOP("{name} holds {count} files; a spreadsheet has far fewer: {advice}"),
        QT_TR_NOOP("{name} is damaged: the part {member} is missing from it. {advice}"),
        QT_TR_NOOP(
            "{name} contains a document type declaration (DTD) in {member}, which workbooks saved "
            "by Excel or LibreOffice never do; vipdesk does not read it. {advice}"
        ),
        QT_TR_NOOP(
            "{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). "
            "{advice}"
        ),
        QT_TR_NOOP("{name} is a damaged or unknown archive: {advice}"),
        QT_TR_NOOP("{name} is damaged: its part {member} cannot be unpacked. {advice}"),
        # a cell that holds no value
        QT_TR_NOOP("'{text}' is not a number vipdesk can use."),
        QT_TR_NOOP(
            "{code} is an error shown by the spreadsheet (a formula that failed), not a value: "
            "correct it or clear the cell."
        ),
        QT_TR_NOOP("The cell holds {size} characters; a cell holds at most {most}."),
        QT_TR_NOOP("The cell holds {type}, not a value."),
        QT_TR_NOOP(
            "'{text}' contains a control character ({code}), which is not text: retype the cell."
        ),
        # the columns and the cells' values
        QT_TR_NOOP("The column '{title}' is missing."),
        QT_TR_NOOP("'{text}' is not a date in the calendar."),
        QT_TR_NOOP("The column '{title}' (or '{first}' or '{second}') is missing."),
        QT_TR_NOOP("The column '{title}' (or '{first}') is missing."),
        QT_TR_NOOP(
            "'{text}' is not a date in the calendar; dates with / are read day first (1 February)."
        ),
        QT_TR_NOOP(
            "'{text}' is not a date in the calendar; dates with / are read month first (January 2)."
        ),
        QT_TR_NOOP("'{text}' is a number, not a date: format the cell as a date."),
        QT_TR_NOOP("'{text}' is a duration, not a date: format the cell as a date."),
        QT_TR_NOOP("'{text}' is not a country: write its English name or its code (DE)."),
        QT_TR_NOOP(
            "'{text}' is not a language vipdesk writes messages in: write one of {codes}, or its "
            "name (German, Deutsch)."
        ),
        QT_TR_NOOP("Two columns mean '{title}' ('{first}' and '{second}'); keep one."),
        QT_TR_NOOP("Add a column '{first}' or '{second}'."),
        QT_TR_NOOP("'{text}' is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027."),
        QT_TR_NOOP("'{text}' is not a number."),
        # the office's date order
        QT_TR_NOOP("{order} is not a date order: choose day_first or month_first."),
        # a file that cannot be read
        QT_TR_NOOP("{name} is larger than {most} ({size}); import it in parts."),
        QT_TR_NOOP("{name} is a ZIP archive, not a spreadsheet: {advice}"),
        QT_TR_NOOP(
            "The row has {last} values but the header only {width} columns: a value that holds the "
            "separator (comma) needs quotes around it."
        ),
        QT_TR_NOOP("{name} is empty: there is nothing to import."),
        QT_TR_NOOP("{name} is a folder, not a file: choose a file in it."),
        QT_TR_NOOP(
            "{name} is a named pipe, not an ordinary file: vipdesk imports only files saved on "
            "disk."
        ),
        QT_TR_NOOP(
            "{name} is a socket, not an ordinary file: vipdesk imports only files saved on disk."
        ),
        QT_TR_NOOP(
            "{name} is a device, not an ordinary file: vipdesk imports only files saved on disk."
        ),
        QT_TR_NOOP("{name} is a PDF document, not a spreadsheet: {advice}"),
        QT_TR_NOOP(
            "{name} is an old-style Excel 97-2003 (.xls) or Office file, not a spreadsheet: "
            "{advice}"
        ),
        QT_TR_NOOP("{name} is an image, not a spreadsheet: {advice}"),
        QT_TR_NOOP(
            "{name} is text in UTF-16 (Excel's 'Unicode Text'), not a spreadsheet: {advice}"
        ),
        QT_TR_NOOP("{name} is a binary file, not a spreadsheet: {advice}"),
        QT_TR_NOOP("{name} is an OpenDocument spreadsheet (.ods), not a spreadsheet: {advice}"),
        QT_TR_NOOP("{name} is a Word document, not a spreadsheet: {advice}"),
        QT_TR_NOOP(
            "The row has {last} values but the header only {width} columns: a value that holds the "
            "separator (tab) needs quotes around it."
        ),
        QT_TR_NOOP(
            "The row has {last} values but the header only {width} columns: a value that holds the "
            "separator (semicolon) needs quotes around it."
        ),
        QT_TR_NOOP("{name} has no worksheet: there is nothing to import."),
        QT_TR_NOOP("There is no file {path}."),
        QT_TR_NOOP("Cannot read {name}: {reason}."),
        QT_TR_NOOP(
            "{name} is not UTF-8 text (line {line}): in Excel choose 'CSV UTF-8 (comma delimited)' "
            "when saving, or save as .xlsx."
        ),
        QT_TR_NOOP("{name} is not a readable CSV file (line {line}): {reason}."),
        QT_TR_NOOP("{name} has more than {most} rows; import it in parts."),
        QT_TR_NOOP("{name} is damaged: its sheet cannot be read ({reason}). {advice}"),
        QT_TR_NOOP(
            "The file is damaged here ({reason}): nothing from this row on can be read. {advice}"
        ),
        # a placement's row
        QT_TR_NOOP("'{text}' is not a mode; choose one of: {allowed}."),
        QT_TR_NOOP("'{text}' is not a status; choose one of: {allowed}."),
        QT_TR_NOOP("'{text}' is far too many hours."),
        QT_TR_NOOP("'{text}' is not a whole number of hours."),
        QT_TR_NOOP("'{text}' is not a period: write e.g. 'physical 2027-02-01 to 2027-02-28'."),
        QT_TR_NOOP(
            "No student with the e-mail {email} in vipdesk; import or add the student first."
        ),
        QT_TR_NOOP("No student with the number {number} in vipdesk."),
        QT_TR_NOOP("The e-mail and the student number belong to two different students."),
        QT_TR_NOOP(
            "No host organisation '{name}' in {country} in vipdesk; import or add it first."
        ),
        QT_TR_NOOP("{count} contacts at the host are called {name}: give the e-mail instead."),
        QT_TR_NOOP("A reference has at most 20 characters."),
        QT_TR_NOOP("Enter the mode: virtual, blended or physical."),
        QT_TR_NOOP("No contact with the e-mail {email} in vipdesk."),
        QT_TR_NOOP("The mentor must work at the host organisation."),
        QT_TR_NOOP("The academic tutor must work at an institution."),
        QT_TR_NOOP(
            "{count} contacts at the institution are called {name}: give the e-mail instead."
        ),
        QT_TR_NOOP("The same reference as row {first}."),
        QT_TR_NOOP("The same student, host and planned start as row {first}."),
        QT_TR_NOOP(
            "Nobody called {name} works at the host; give the e-mail of a contact in vipdesk."
        ),
        QT_TR_NOOP(
            "Nobody called {name} works at the institution; give the e-mail of a contact in "
            "vipdesk."
        ),
        # the import as a whole
        QT_TR_NOOP("vipdesk imports {kinds}; not '{kind}'."),
        QT_TR_NOOP(
            "Nothing imported: {problems} problems in {rows} rows of {source}; correct the file "
            "and import it again."
        ),
        QT_TR_NOOP(
            "The database refused one of the placements (someone may have added the same record "
            "meanwhile), so nothing was imported. Import the file again: the preview will show "
            "what exists now."
        ),
        QT_TR_NOOP(
            "Nothing imported: 1 problem in 1 row of {source}; correct the file and import it "
            "again."
        ),
        QT_TR_NOOP(
            "Nothing imported: {problems} problems in 1 row of {source}; correct the file and "
            "import it again."
        ),
        QT_TR_NOOP(
            "The database refused one of the students (someone may have added the same record "
            "meanwhile), so nothing was imported. Import the file again: the preview will show "
            "what exists now."
        ),
        QT_TR_NOOP(
            "The database refused one of the organisations (someone may have added the same record "
            "meanwhile), so nothing was imported. Import the file again: the preview will show "
            "what exists now."
        ),
        QT_TR_NOOP("There are no rows below the header."),
        # a student's or an organisation's row
        QT_TR_NOOP("'{text}' is not a study cycle: write 5, 6, 7 or 8 (EQF level)."),
        QT_TR_NOOP("'{text}' is not a size; choose one of: {allowed}."),
        QT_TR_NOOP("There is no institution '{name}' in vipdesk; add it first."),
        QT_TR_NOOP("The same e-mail as row {first}."),
        QT_TR_NOOP("'{text}' is far too many employees."),
        QT_TR_NOOP("'{text}' is not a whole number of employees."),
        QT_TR_NOOP("'{text}' is not a number of employees."),
        QT_TR_NOOP("The same student number as row {first}."),
        # inside a workbook
        QT_TR_NOOP("'{text}' is stored as a number but is none."),
        QT_TR_NOOP("The cell is formatted as a date but {text} is no date."),
        QT_TR_NOOP(
            "{name} is damaged: its shared strings are not well-formed ({reason}, line {line}). "
            "{advice}"
        ),
        QT_TR_NOOP(
            "{name} is damaged: the sheet '{sheet}' is listed but not where to find it. {advice}"
        ),
        QT_TR_NOOP("row {row} is beyond Excel's last row"),
        QT_TR_NOOP("The cell refers to text the file does not hold: damaged."),
        QT_TR_NOOP("a cell lies beyond Excel's last column"),
        # how the preview shows a blended period it read ("virtual 2027-02-01 to 2027-03-31")
        QT_TR_NOOP("{kind} {start} to {end}"),
    ),
)


@cache
def templates() -> dict[str, str]:
    return {english: tr(english) for english in TEMPLATES}
