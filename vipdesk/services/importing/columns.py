"""The columns an import understands, how headers are recognised, how cells are read.

Headers are matched leniently: case, accents, spaces, underscores, punctuation and hints in
brackets do not matter, and common synonyms are known ("Surname" for "Family name", "Student
ID" for "Student number"). The same specs write the import templates and their Help sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from vipdesk.languages import IN_ENGLISH, LANGUAGES
from vipdesk.phrase import Phrase
from vipdesk.resources import load_json
from vipdesk.services.importing.cells import Cell, ImportProblem, shorten
from vipdesk.services.placements.catalogue import fold
from vipdesk.services.refdata import countries

KINDS: tuple[str, ...] = ("students", "organisations", "placements")


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    title: str  # the header in a template
    help: str
    required: bool = False
    allowed: str = ""  # the values or format a cell may hold, for the Help sheet
    example: str = ""
    synonyms: tuple[str, ...] = ()
    imported: bool = True  # False: recognised (e.g. from our own reports) but not read


@cache
def columns(kind: str) -> tuple[ColumnSpec, ...]:
    """The columns of `kind` (students, organisations, placements), from the shipped data."""
    data = load_json("import_templates/columns.json")
    return tuple(
        ColumnSpec(
            key=c["key"],
            title=c["title"],
            help=c["help"],
            required=c.get("required", False),
            allowed=c["allowed"],
            example=c["example"],
            synonyms=tuple(c["synonyms"]),
            imported=c.get("imported", True),
        )
        for c in data[kind]
    )


def one_of(kind: str) -> list[tuple[str, ...]]:
    """Groups of columns of which at least one must be there (the student of a placement)."""
    data = load_json("import_templates/columns.json")
    return [tuple(group) for group in data["one_of"].get(kind, [])]


def spec(kind: str, key: str) -> ColumnSpec:
    return next(s for s in columns(kind) if s.key == key)


def header_key(text: str) -> str:
    """'E-mail address (work)' → 'emailaddress': what is left to compare."""
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text)
    return re.sub(r"[^0-9a-z]", "", fold(text))


@cache
def _known(kind: str) -> dict[str, ColumnSpec]:
    out: dict[str, ColumnSpec] = {}
    for column in columns(kind):
        for name in (column.title, column.key, *column.synonyms):
            out.setdefault(header_key(name), column)
    return out


@dataclass
class HeaderMatch:
    positions: dict[str, int] = field(default_factory=dict)  # column key → index in the row
    headers: dict[str, str] = field(default_factory=dict)  # column key → header as written
    ignored: list[str] = field(default_factory=list)  # headers not understood
    problems: list[ImportProblem] = field(default_factory=list)

    def label(self, key: str, kind: str) -> str:
        """The column as the user knows it: their header, else our title."""
        if key in self.headers:
            return self.headers[key]
        found = [c.title for c in columns(kind) if c.key == key]
        return found[0] if found else key


def match_headers(kind: str, headers: tuple[str, ...], header_row: int = 1) -> HeaderMatch:
    known = _known(kind)
    match = HeaderMatch()
    for index, header in enumerate(headers):
        if not header.strip():
            continue
        column = known.get(header_key(header))
        if column is None:
            match.ignored.append(header)
            continue
        if column.key in match.positions:
            match.problems.append(
                ImportProblem.said(
                    header_row,
                    header,
                    "Two columns mean '{title}' ('{first}' and '{second}'); keep one.",
                    title=column.title,
                    first=match.headers[column.key],
                    second=header,
                )
            )
            continue
        match.positions[column.key] = index
        match.headers[column.key] = header
    for column in columns(kind):
        if column.required and column.key not in match.positions:
            match.problems.append(_missing(header_row, column.title, column.synonyms[:2]))
    for group in one_of(kind):
        if not any(key in match.positions for key in group):
            titles = [c.title for c in columns(kind) if c.key in group]
            match.problems.append(
                ImportProblem.said(
                    header_row,
                    titles[0],
                    "Add a column '{first}' or '{second}'.",
                    first=titles[0],
                    second=titles[-1],
                )
            )
    return match


def _missing(header_row: int, title: str, synonyms: tuple[str, ...]) -> ImportProblem:
    """A required column the file lacks, with the other names it may have."""
    if len(synonyms) >= 2:
        return ImportProblem.said(
            header_row,
            title,
            "The column '{title}' (or '{first}' or '{second}') is missing.",
            title=title,
            first=synonyms[0],
            second=synonyms[1],
        )
    if synonyms:
        return ImportProblem.said(
            header_row,
            title,
            "The column '{title}' (or '{first}') is missing.",
            title=title,
            first=synonyms[0],
        )
    return ImportProblem.said(header_row, title, "The column '{title}' is missing.", title=title)


# --- reading cells -------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the text is for the user, and
    `phrase` the same text kept as a phrase."""

    def __init__(self, template: str, **values: Any) -> None:
        self.phrase = Phrase(template, values)
        super().__init__(self.phrase.english())


def as_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a student number typed into Excel as a number
    return str(value).strip()


class DateOrder(StrEnum):
    """How an import reads 01/02/2026: most of Europe day first, the United States month first.

    31.12.2000 (dots) is always day first and 2000-12-31 (ISO) always year first.
    """

    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"

    @property
    def label(self) -> str:
        return (
            "day first (1 February)" if self is DateOrder.DAY_FIRST else "month first (January 2)"
        )


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DATE_PATTERN = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4}"  # what parse_date reads


def parse_date(text: str, order: DateOrder = DateOrder.DAY_FIRST) -> date:
    """2000-12-31, 31.12.2000, or 31/12/2000 read in `order` (12/31/2000 month first)."""
    text = text.strip()
    if found := _ISO.match(text):
        year, month, day = (int(g) for g in found.groups())
    elif found := _DOTTED.match(text):
        day, month, year = (int(g) for g in found.groups())
    elif found := _SLASHED.match(text):
        first, second, year = (int(g) for g in found.groups())
        day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
    else:
        raise CellError(
            "'{text}' is not a date: write 2027-02-01, 01.02.2027 or 01/02/2027.",
            text=shorten(text),
        )
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _not_in_calendar(shorten(text), order if found.re is _SLASHED else None) from exc


def _not_in_calendar(text: str, order: DateOrder | None) -> CellError:
    """`order`: how a date with / was read, which may be why it is none."""
    if order is DateOrder.DAY_FIRST:
        return CellError(
            "'{text}' is not a date in the calendar; dates with / are read day first (1 February).",
            text=text,
        )
    if order is DateOrder.MONTH_FIRST:
        return CellError(
            "'{text}' is not a date in the calendar; dates with / are read month first "
            "(January 2).",
            text=text,
        )
    return CellError("'{text}' is not a date in the calendar.", text=text)


def as_date(value: Cell, order: DateOrder = DateOrder.DAY_FIRST) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        raise CellError("'{text}' is a number, not a date: format the cell as a date.", text=value)
    if isinstance(value, timedelta):
        raise CellError(
            "'{text}' is a duration, not a date: format the cell as a date.", text=str(value)
        )
    return parse_date(value, order)


def as_whole(value: Cell, too_many: str, not_whole: str) -> int | None:
    """A whole number; `too_many` and `not_whole` say why a cell is none ('{text}': the cell)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = as_text(value)
    if re.fullmatch(r"[+-]?\d{1,9}", text):
        return int(text)
    if re.fullmatch(r"[+-]?\d+", text):
        raise CellError(too_many, text=shorten(text))
    raise CellError(not_whole, text=shorten(text))


def as_decimal(value: Cell) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        number = Decimal(repr(value)).normalize()
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        try:
            number = Decimal(as_text(value).replace(",", "."))
        except InvalidOperation as exc:
            raise CellError("'{text}' is not a number.", text=shorten(as_text(value))) from exc
    # NaN and Infinity are Decimals too, and a number of a hundred thousand digits breaks any
    # sum or rounding made with it: what no one types for a record is refused here.
    if not number.is_finite() or len(number.as_tuple().digits) > _DIGITS:
        raise CellError("'{text}' is not a number vipdesk can use.", text=shorten(as_text(value)))
    if not -_DIGITS <= number.adjusted() < _DIGITS:
        raise CellError("'{text}' is not a number vipdesk can use.", text=shorten(as_text(value)))
    return number


_DIGITS = 15  # significant digits, and the largest power of ten, of a number read


_COUNTRY_ALIASES = {
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "usa": "US",
    "united states of america": "US",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "korea": "KR",
    "republic of korea": "KR",
    "turkey": "TR",
    "vietnam": "VN",
    "russian federation": "RU",
    "ivory coast": "CI",
    "macedonia": "MK",
    "swaziland": "SZ",
}


@cache
def _country_names() -> dict[str, str]:
    names = {fold(name): code for code, name in countries().items()}
    names.update(_COUNTRY_ALIASES)
    return names


def as_country(value: Cell) -> str | None:
    """An ISO code from a code ('de') or an English name ('Germany', 'UK')."""
    text = as_text(value)
    if not text:
        return None
    if len(text) == 2 and text.upper() in countries():
        return text.upper()
    code = _country_names().get(fold(text))
    if code is None:
        raise CellError(
            "'{text}' is not a country: write its English name or its code (DE).",
            text=shorten(text),
        )
    return code


@cache
def _language_names() -> dict[str, str]:
    """Each language's code, English name and own name (folded) → its code."""
    return {
        fold(name): code for code in LANGUAGES for name in (code, IN_ENGLISH[code], LANGUAGES[code])
    }


def as_language(value: Cell) -> str | None:
    """A language vipdesk writes in, from its code ('de') or its name in English or in
    itself ('German', 'Deutsch')."""
    text = as_text(value)
    if not text:
        return None
    code = _language_names().get(fold(text))
    if code is None:
        raise CellError(
            "'{text}' is not a language vipdesk writes messages in: write one of {codes}, "
            "or its name (German, Deutsch).",
            text=shorten(text),
            codes=", ".join(sorted(LANGUAGES)),
        )
    return code


def as_choice(value: Cell, choices: dict[str, str], unknown: str) -> str | None:
    """The canonical value of a choice, from any spelling in `choices` (folded keys); `unknown`
    says why a cell is none ('{text}': the cell, '{allowed}': the choices)."""
    text = as_text(value)
    if not text:
        return None
    found = choices.get(re.sub(r"[\s_-]+", " ", fold(text)).strip())
    if found is None:
        allowed = ", ".join(dict.fromkeys(choices.values()))
        raise CellError(unknown, text=shorten(text), allowed=allowed)
    return found


@cache
def _zones_by_country() -> dict[str, list[tuple[str, str]]]:
    """Country code → [(zone, comment)] from the tz database's zone.tab, most populous first."""
    try:  # tzdata: the IANA database vipdesk depends on, also on Windows
        text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    out: dict[str, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        out.setdefault(parts[0], []).append((parts[2], parts[3] if len(parts) > 3 else ""))
    return out


def country_time_zone(country: str | None) -> str | None:
    """The zone of a country with one (or one for 'most of' it, as Germany); else None."""
    zones = _zones_by_country().get((country or "").upper(), [])
    if len(zones) == 1:
        return zones[0][0]
    if zones and (zones[0][1].startswith("most of") or "(mainland)" in zones[0][1]):
        return zones[0][0]
    return None
