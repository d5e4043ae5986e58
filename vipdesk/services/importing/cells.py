"""What a cell read from a file can hold, and the checks every cell passes, whatever the file.

A cell that cannot be a value — an Excel error such as #N/A, a number that is not finite,
text longer than Excel itself allows, a control character — is read as a `CellProblem`: the
import lists it at its row and column and imports nothing, instead of storing a name "#N/A"
or failing on it later.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from vipdesk.phrase import Count, Phrase

Cell = str | int | float | date | datetime | timedelta | None

MAX_CELL = 32_767  # characters: Excel's own limit for one cell
_SHOWN = 40  # characters of an over-long or odd value repeated in a message

# What Excel shows (and writes into a CSV) for a formula that failed.
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#EXTERNAL!",
        "#PYTHON!",
    }
)
# C0 controls but tab, line feed and carriage return; DEL. No name or note holds them, XML
# cannot, and PostgreSQL refuses NUL.
_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]")
_LONGEST = 400  # characters of a problem's message
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ImportProblem:
    """Why one cell (or a whole row, or the file) cannot be imported."""

    row: int  # as the spreadsheet program numbers it; 1 is the header
    column: str  # the header as written in the file, or the column's name; "" for the row
    message: str
    phrase: Phrase | None = field(default=None, compare=False)  # `message`, worded

    @classmethod
    def said(cls, row: int, column: str, template: str, **values: Any) -> ImportProblem:
        """The problem saying `template` filled with `values` (English as its message)."""
        return cls.saying(row, column, Phrase(template, values))

    @classmethod
    def saying(cls, row: int, column: str, phrase: Phrase) -> ImportProblem:
        return cls(row, column, phrase.english(), phrase)

    def __post_init__(self) -> None:
        # One line each, of a readable length, whatever a cell quoted in it held.
        for name in ("column", "message"):
            text = _BREAKS.sub(" ", getattr(self, name))
            if len(text) > _LONGEST:
                text = text[: _LONGEST - 1] + "…"
            object.__setattr__(self, name, text)

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CellProblem:
    """A cell that holds no usable value; `phrase` says why, for the user."""

    phrase: Phrase
    shown: str = ""  # the cell as written, shortened

    @property
    def message(self) -> str:
        return self.phrase.english()


def shorten(text: str) -> str:
    text = _CONTROL.sub("?", text)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def excel_error(code: str) -> CellProblem:
    return CellProblem(
        Phrase(
            "{code} is an error shown by the spreadsheet (a formula that failed), "
            "not a value: correct it or clear the cell.",
            {"code": shorten(code)},
        ),
        shorten(code),
    )


def too_long(size: int, start: str) -> CellProblem:
    return CellProblem(
        Phrase(
            "The cell holds {size} characters; a cell holds at most {most}.",
            {"size": Count(size), "most": Count(MAX_CELL)},
        ),
        shorten(start),
    )


def check_text(text: str) -> str | CellProblem | None:
    """`text` stripped (None if blank), or the problem that keeps it from being a value."""
    if len(text) > MAX_CELL:
        return too_long(len(text), text)
    text = text.strip()
    if not text:
        return None
    if text in EXCEL_ERRORS:
        return excel_error(text)
    found = _CONTROL.search(text)
    if found:
        return CellProblem(
            Phrase(
                "'{text}' contains a control character ({code}), which is not text: "
                "retype the cell.",
                {"text": shorten(text), "code": f"U+{ord(found.group()):04X}"},
            ),
            shorten(text),
        )
    return text


def unusable_number(text: str) -> Phrase:
    return Phrase("'{text}' is not a number vipdesk can use.", {"text": text})


def check_value(value: object) -> Cell | CellProblem:
    """A value from a workbook as a cell: text checked, numbers finite, times as text."""
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and not math.isfinite(value):
        return CellProblem(unusable_number(str(value)), str(value))
    if isinstance(value, time):
        return value.isoformat()
    if value is None or isinstance(value, int | float | date | timedelta):
        return value
    return CellProblem(
        Phrase("The cell holds {type}, not a value.", {"type": type(value).__name__})
    )
