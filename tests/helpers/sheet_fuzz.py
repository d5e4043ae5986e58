"""Malformed spreadsheets made from valid ones by a seeded random generator: cut, flipped,
re-encoded, with hostile cell values, damaged or doctored ZIP members. The same seed gives the
same files, so a failure can be reproduced by its number."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from openpyxl import Workbook

HOSTILE = (
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "-inf",
    "sNaN",
    "1e999",
    "1E+100000",
    "9" * 5000,
    "x" * 40_000,
    "#N/A",
    "#REF!",
    "#DIV/0!",
    "#VALUE!",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example")',
    "@SUM(A1)",
    "+1+1",
    "\x00",
    "a\x00b",
    "\x07bell",
    "\x1b[31mred",
    "31.02.2027",
    "2027-13-45",
    "0000-00-00",
    "99999-01-01",
    "",
    "   ",
    "\ufeff",
    "\u202eevil",
    "💥" * 50,
    "²",
    "-0",
    "1,5",
    "７",
    "'",
    '"',
    ";;;",
    "a\nb",
    "\r",
    "<b>&amp;</b>",
    "virtual 2027-02-01 to 2026-01-01",
    "physical 2027-02-31 to 2027-03-01",
)
NUMBERS = ("NaN", "INF", "-inf", "Infinity", "1e999", "abc", "", "1.2.3", "0x10", "9" * 400)
CELL_TYPES = ("n", "s", "e", "b", "d", "str", "inlineStr", "zz", "")


@dataclass(frozen=True)
class Malformed:
    number: int
    kind: str  # students, organisations, placements
    suffix: str  # csv or xlsx
    how: str  # the mutations applied, for a failure message
    data: bytes


_BASES: dict[str, list[tuple[str, ...]]] = {
    "students": [
        (
            "Given name",
            "Family name",
            "E-mail",
            "Student number",
            "Date of birth",
            "Institution",
            "Languages",
        ),
        ("Mia", "Koch", "mia@uni.example", "S91", "2004-01-31", "KU Leuven", "English C1"),
        ("Jan", "Berg", "jan@uni.example", "S92", "17.05.2003", "KU Leuven", "German B2"),
    ],
    "organisations": [
        ("Name", "Country", "City", "Size", "Website"),
        ("Acme GmbH", "DE", "Berlin", "120", "https://acme.example"),
        ("Beta SARL", "France", "Lyon", "large", ""),
    ],
    "placements": [
        (
            "Student number",
            "Host",
            "Country code",
            "Institution",
            "Mode",
            "Title",
            "Start date",
            "End date",
            "Hours per week",
            "Credits",
            "Mentor",
        ),
        (
            "S0001",
            "Nordlicht Analytics GmbH",
            "AT",
            "KU Leuven",
            "virtual",
            "Data study",
            "2028-03-01",
            "2028-03-31",
            "20",
            "7,5",
            "sepp@nordlicht-at.example",
        ),
    ],
}


def _csv(rows: list[tuple[str, ...]], delimiter: str) -> bytes:
    lines = [delimiter.join(f'"{v}"' if delimiter in v else v for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows: list[tuple[str, ...]], typed: bool) -> bytes:
    wb = Workbook()
    for row in rows:
        values: list[object] = list(row)
        if typed:  # numbers and dates as Excel holds them when typed in
            for i, value in enumerate(values):
                if re.fullmatch(r"\d+", str(value)):
                    values[i] = int(str(value))
                elif re.fullmatch(r"\d{4}-\d\d-\d\d", str(value)):
                    values[i] = date.fromisoformat(str(value))
        wb.active.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def base_files() -> list[tuple[str, str, bytes]]:
    """(kind, suffix, content) of valid files: CSV with each separator, typed workbooks."""
    out = []
    for kind, rows in _BASES.items():
        out.append((kind, "csv", _csv(rows, ",")))
        out.append((kind, "csv", b"\xef\xbb\xbf" + _csv(rows, ";")))
        out.append((kind, "xlsx", _xlsx(rows, typed=False)))
        out.append((kind, "xlsx", _xlsx(rows, typed=True)))
    return out


# --- mutations of any file -----------------------------------------------------------------

Mutation = Callable[[random.Random, bytes], bytes]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def insert_garbage(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


# --- CSV -----------------------------------------------------------------------------------


def csv_hostile_cell(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.split("\n")
    row = rng.randrange(max(1, len(lines) - 1))
    delimiter = ";" if ";" in lines[0] else ","
    cells = lines[row].split(delimiter)
    value = rng.choice(HOSTILE)
    cells[rng.randrange(len(cells))] = f'"{value}"' if rng.random() < 0.5 else value
    lines[row] = delimiter.join(cells)
    return "\n".join(lines).encode("utf-8")


def csv_encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8-sig", errors="replace") + "Zoë;Łukasz;Ğ\n"
    encoding = rng.choice(("cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32", "cp437"))
    return text.encode(encoding, errors="replace")


def csv_ragged(rng: random.Random, data: bytes) -> bytes:
    lines = data.decode("utf-8-sig", errors="replace").split("\n")
    row = rng.randrange(len(lines))
    extra = rng.choice((";x", ",x,y", ";", '"unclosed', "\t\t", ""))
    lines[row] = lines[row][: rng.randrange(len(lines[row]) + 1)] + extra
    return "\n".join(lines).encode("utf-8")


def csv_nul(rng: random.Random, data: bytes) -> bytes:
    padding = b"".join(b"Extra%d,Row,x%d@uni.example\n" % (n, n) for n in range(300))
    at = rng.randrange(len(padding))
    return data + padding[:at] + b"\x00" + padding[at:]


CSV_MUTATIONS: tuple[Mutation, ...] = (
    truncate,
    flip_bytes,
    insert_garbage,
    csv_hostile_cell,
    csv_hostile_cell,
    csv_encoding,
    csv_ragged,
    csv_nul,
)


# --- workbooks -----------------------------------------------------------------------------


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _on_members(change: Callable[[random.Random, dict[str, bytes]], None]) -> Mutation:
    def mutation(rng: random.Random, data: bytes) -> bytes:
        try:
            members = _members(data)
        except Exception:
            return flip_bytes(rng, data)  # already broken by an earlier mutation
        change(rng, members)
        return _zip(members)

    mutation.__name__ = change.__name__
    return mutation


SHEET = "xl/worksheets/sheet1.xml"
_VALUE = re.compile(rb"(<(?:v|t)>)(.*?)(</(?:v|t)>)", re.S)


def _sheet_of(members: dict[str, bytes]) -> str:
    return SHEET if SHEET in members else next(iter(members))


def xlsx_hostile_value(rng: random.Random, members: dict[str, bytes]) -> None:
    name = _sheet_of(members)
    spans = list(_VALUE.finditer(members[name]))
    if not spans:
        return
    found = rng.choice(spans)
    value = rng.choice(HOSTILE + NUMBERS)
    text = (escape(value) if rng.random() < 0.8 else value).encode("utf-8")
    xml = members[name]
    members[name] = xml[: found.start(2)] + text + xml[found.end(2) :]


def xlsx_cell_type(rng: random.Random, members: dict[str, bytes]) -> None:
    name = _sheet_of(members)
    xml = members[name]
    cells = [m.start() for m in re.finditer(rb"<c r=", xml)]
    if cells:
        at = rng.choice(cells)
        kind = rng.choice(CELL_TYPES)
        style = rng.choice((b"", b' s="1"', b' s="999"', b' s="-1"'))
        members[name] = xml[:at] + b'<c t="%s"%s r=' % (kind.encode(), style) + xml[at + 6 :]


def xlsx_coordinates(rng: random.Random, members: dict[str, bytes]) -> None:
    name = _sheet_of(members)
    odd = rng.choice((b"A0", b"ZZZZ1", b"XFE2", b"A99999999", b"1A", b"", b"A-1"))
    members[name] = re.sub(rb'r="[A-Z]+\d+"', b'r="' + odd + b'"', members[name], count=1)
    if rng.random() < 0.5:
        row = rng.choice((b"0", b"-5", b"1048577", b"x", b"99999999999"))
        members[name] = re.sub(rb'<row r="\d+"', b'<row r="' + row + b'"', members[name], count=1)


def xlsx_drop_member(rng: random.Random, members: dict[str, bytes]) -> None:
    members.pop(rng.choice(sorted(members)))


def xlsx_cut_member(rng: random.Random, members: dict[str, bytes]) -> None:
    name = rng.choice(sorted(members))
    members[name] = members[name][: rng.randrange(len(members[name]) + 1)]


def xlsx_flip_member(rng: random.Random, members: dict[str, bytes]) -> None:
    name = rng.choice(sorted(members))
    if members[name]:
        members[name] = flip_bytes(rng, members[name])


def xlsx_dtd(rng: random.Random, members: dict[str, bytes]) -> None:
    name = rng.choice(sorted(members))
    dtd = rng.choice(
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
            b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
            b'<!DOCTYPE x SYSTEM "http://evil.example/x.dtd">',
        )
    )
    xml = members[name].split(b"?>")[-1]
    members[name] = b'<?xml version="1.0"?>' + dtd + xml.replace(b"<t>", b"<t>&b;", 1)


def xlsx_styles(rng: random.Random, members: dict[str, bytes]) -> None:
    """Every cell formatted as a date or a duration, whatever it holds."""
    name = _sheet_of(members)
    members[name] = re.sub(rb"<c r=", b'<c s="1" r=', members[name])
    code = rng.choice((b"yyyy-mm-dd", b"[h]:mm:ss", b"hh:mm", b"0.00"))
    xf = b'<numFmts count="1"><numFmt numFmtId="164" formatCode="%s"/></numFmts>' % code
    styles = members.get("xl/styles.xml", b"<styleSheet></styleSheet>")
    styles = re.sub(rb"<numFmts.*?</numFmts>", b"", styles, flags=re.S)
    styles = styles.replace(b"<cellXfs", xf + b"<cellXfs", 1).replace(
        b"</cellXfs>", b'<xf numFmtId="164" applyNumberFormat="1"/></cellXfs>', 1
    )
    members["xl/styles.xml"] = styles


XLSX_MUTATIONS: tuple[Mutation, ...] = (
    truncate,
    flip_bytes,
    insert_garbage,
    _on_members(xlsx_hostile_value),
    _on_members(xlsx_hostile_value),
    _on_members(xlsx_cell_type),
    _on_members(xlsx_coordinates),
    _on_members(xlsx_drop_member),
    _on_members(xlsx_cut_member),
    _on_members(xlsx_flip_member),
    _on_members(xlsx_dtd),
    _on_members(xlsx_styles),
)


def malformed_files(seed: int, count: int) -> Iterator[Malformed]:
    """`count` malformed files, each with one to three mutations of a valid file."""
    rng = random.Random(seed)
    bases = base_files()
    for number in range(count):
        kind, suffix, data = rng.choice(bases)
        mutations = CSV_MUTATIONS if suffix == "csv" else XLSX_MUTATIONS
        applied = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            mutation = rng.choice(mutations)
            if len(data) > 1:
                data = mutation(rng, data)
            applied.append(mutation.__name__)
        yield Malformed(number, kind, suffix, " + ".join(applied), data)
