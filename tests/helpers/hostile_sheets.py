"""Spreadsheets as an attacker or an unlucky office sends them: workbooks with damaged,
missing or doctored parts, forged archive sizes, and the valid files they start from."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from vipdesk.db import Database
from vipdesk.models import Base

SHEET = "xl/worksheets/sheet1.xml"

STUDENT_HEADER = (
    "Given name",
    "Family name",
    "E-mail",
    "Student number",
    "Date of birth",
    "Institution",
)


def workbook(path: Path, *rows: tuple[object, ...], formats: dict[str, str] | None = None) -> Path:
    """A workbook written by openpyxl; `formats` gives number formats by cell ("E2": "…")."""
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cell, number_format in (formats or {}).items():
        ws[cell].number_format = number_format
    wb.save(path)
    return path


def student_workbook(path: Path, *rows: tuple[object, ...], **kwargs: object) -> Path:
    return workbook(path, STUDENT_HEADER, *rows, **kwargs)  # type: ignore[arg-type]


def rewrite(path: Path, member: str, change: Callable[[bytes], bytes] | None) -> Path:
    """`path` with one member changed (or left out, when `change` is None)."""
    with zipfile.ZipFile(path) as old:
        parts = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in parts:
            if info.filename != member:
                new.writestr(info.filename, data)
            elif change is not None:
                new.writestr(info.filename, change(data))
    return path


_INLINE = re.compile(rb'<c r="(\w+)"( s="\d+")? t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def shared_strings(path: Path) -> Path:
    """`path` with its text in a shared strings part, as Excel and LibreOffice write it
    (openpyxl writes each text into its cell)."""
    strings: list[bytes] = []

    def shared(found: re.Match[bytes]) -> bytes:
        strings.append(found.group(3))
        style = found.group(2) or b""
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (found.group(1), style, len(strings) - 1)

    rewrite(path, SHEET, lambda xml: _INLINE.sub(shared, xml))
    items = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
    part = b'<sst xmlns="%s" count="%d">%s</sst>' % (_MAIN, len(strings), items)
    add_member(path, "xl/sharedStrings.xml", part)
    relation = (
        b'<Relationship Type="%s/sharedStrings" Target="sharedStrings.xml" Id="rId9"/>' % _RELS
    )
    rewrite(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(b"</Relationships>", relation + b"</Relationships>"),
    )
    return path


def forge_size(path: Path, member: str, size: int) -> Path:
    """Make the archive's directory (and the local header) claim `member` unpacks to `size`."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    # Local header: the uncompressed size sits at offset 22.
    struct.pack_into("<I", data, info.header_offset + 22, size)
    # Central directory entry: find it by its signature and name, size at offset 24.
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == name:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def add_member(path: Path, member: str, data: bytes, level: int = 9) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr(member, data)
    return path


def row_counts(db: Database) -> dict[str, int]:
    """Rows in every table: what a refused import must leave as it was."""
    with db.session() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
