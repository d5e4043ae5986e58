"""The parts of an .xlsx, read with limits: a workbook is a ZIP archive of XML files, and both
can be made to explode.

A few megabytes of ZIP can unpack to gigabytes (a "zip bomb"): every member's size is checked
against the archive's directory before anything is unpacked, and counted again while it is,
since the directory can lie. XML can declare entities that expand a kilobyte into gigabytes,
or fetch files: spreadsheets never carry a document type declaration (DTD), so one is refused.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from xml.parsers import expat

from vipdesk.errors import VipdeskError
from vipdesk.phrase import Count, Phrase

MB = 1024 * 1024
MAX_MEMBERS = 10_000  # Excel writes a dozen; a workbook with images and charts, hundreds
MAX_MEMBER_SIZE = 512 * MB  # unpacked: a 200,000-row sheet is about a fifth of this
MAX_TOTAL_SIZE = 1024 * MB  # unpacked, all members together
_CHUNK = 256 * 1024
# What zipfile and zlib raise for a damaged archive: a bad directory or stream, a version or
# compression method Python does not know, an encrypted member.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


class UnreadableFileError(VipdeskError):
    """The file is not a spreadsheet vipdesk can read; the message says what it is instead."""


def size_text(size: int) -> str:
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    return f"{size / MB:.0f} MB" if size >= MB else f"{size:,} bytes"


class Archive:
    """A ZIP archive whose members are unpacked only within the limits above.

    Raises:
        UnreadableFileError: not a ZIP archive, damaged, or too large once unpacked.
    """

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self._inflated = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise UnreadableFileError.said(
                "{name} is a damaged or unknown archive: {advice}", name=name, advice=SAVE_AS
            ) from exc
        if len(infos) > MAX_MEMBERS:
            raise UnreadableFileError.said(
                "{name} holds {count} files; a spreadsheet has far fewer: {advice}",
                name=name,
                count=Count(len(infos)),
                advice=SAVE_AS,
            )
        total = 0
        for info in infos:
            if info.file_size > MAX_MEMBER_SIZE:
                raise self._too_large(info.file_size)
            total += info.file_size
        if total > MAX_TOTAL_SIZE:
            raise self._too_large(total)
        self._infos = {info.filename: info for info in infos}

    def _too_large(self, size: int) -> UnreadableFileError:
        return UnreadableFileError.said(
            "{name} would unpack to {size}, more than a spreadsheet vipdesk reads ({most}); "
            "it is not an ordinary workbook.",
            name=self.name,
            size=size_text(size),
            most=size_text(MAX_MEMBER_SIZE),
        )

    def names(self) -> set[str]:
        return set(self._infos)

    def has(self, member: str) -> bool:
        return member in self._infos

    def chunks(self, member: str) -> Iterator[bytes]:
        """The unpacked bytes of `member`, a piece at a time, never beyond the limits."""
        info = self._infos.get(member)
        if info is None:
            raise UnreadableFileError.said(
                "{name} is damaged: the part {member} is missing from it. {advice}",
                name=self.name,
                member=member,
                advice=SAVE_AS_LONG,
            )
        read = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    read += len(chunk)
                    self._inflated += len(chunk)
                    if read > max(info.file_size, 0) or read > MAX_MEMBER_SIZE:
                        raise self._too_large(read)
                    if self._inflated > MAX_TOTAL_SIZE:
                        raise self._too_large(self._inflated)
                    yield chunk
        except _ZIP_ERRORS as exc:
            raise UnreadableFileError.said(
                "{name} is damaged: its part {member} cannot be unpacked. {advice}",
                name=self.name,
                member=member,
                advice=SAVE_AS_LONG,
            ) from exc

    def head(self, member: str, size: int) -> bytes:
        """At most the first `size` bytes of `member` (b"" if it is not there)."""
        if member not in self._infos:
            return b""
        out = b""
        for chunk in self.chunks(member):
            out += chunk
            if len(out) >= size:
                break
        return out[:size]

    def close(self) -> None:
        self._zip.close()


SAVE_AS = Phrase("save it from Excel or LibreOffice as .xlsx or as CSV (UTF-8), then import that.")
SAVE_AS_LONG = Phrase(
    "Open it in Excel or LibreOffice and save it again, or save it as CSV (UTF-8)."
)


# --- XML -----------------------------------------------------------------------------------


class XmlDamage(Exception):  # noqa: N818 - not an error a user sees as such
    """A part is not well-formed XML; `line` is where the parser stopped."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _no_dtd(*_args: Any) -> int:
    raise _DtdFound


class _DtdFound(Exception):  # noqa: N818 - caught right here
    pass


StartHandler = Callable[[str, dict[str, str]], None]
EndHandler = Callable[[str], None]
TextHandler = Callable[[str], None]


def local(name: str) -> str:
    """'x:row' → 'row': the prefix a writer chose does not matter."""
    return name.rpartition(":")[2]


def parse_xml(
    archive: Archive,
    member: str,
    start: StartHandler,
    end: EndHandler,
    text: TextHandler,
) -> Iterator[None]:
    """Parse `member` with the handlers given; yields after each piece fed to the parser.

    The caller collects what the handlers produce and takes it after each yield, so a sheet of
    any length goes through in bounded memory.

    Raises:
        UnreadableFileError: the part holds a DTD, or is missing or cannot be unpacked.
        XmlDamage: the XML is not well-formed (cut off, garbled).
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    parser.ExternalEntityRefHandler = _no_dtd
    parser.buffer_text = True
    parser.ordered_attributes = False
    parser.StartElementHandler = lambda name, attrs: start(local(name), attrs)
    parser.EndElementHandler = lambda name: end(local(name))
    parser.CharacterDataHandler = text
    try:
        for chunk in archive.chunks(member):
            parser.Parse(chunk, False)
            yield
        parser.Parse(b"", True)
        yield
    except _DtdFound:
        raise UnreadableFileError.said(
            "{name} contains a document type declaration (DTD) in {member}, which workbooks "
            "saved by Excel or LibreOffice never do; vipdesk does not read it. {advice}",
            name=archive.name,
            member=member,
            advice=SAVE_AS_LONG,
        ) from None
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code] if exc.code else str(exc)
        raise XmlDamage(reason, exc.lineno) from exc


def parse_all(
    archive: Archive, member: str, start: StartHandler, end: EndHandler | None = None
) -> None:
    """Parse a small part whole (workbook, relationships, styles); damage is unreadable."""
    texts: list[str] = []
    try:
        for _ in parse_xml(archive, member, start, end or (lambda _n: None), texts.append):
            texts.clear()
    except XmlDamage as exc:
        raise UnreadableFileError.said(
            "{name} is damaged: its part {member} is not well-formed ({reason}, line {line}). "
            "{advice}",
            name=archive.name,
            member=member,
            reason=str(exc),
            line=exc.line,
            advice=SAVE_AS_LONG,
        ) from exc


def resolve(base: str, target: str) -> str:
    """A relationship's target as a member name: relative to `base`'s folder, or absolute."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def relationships(archive: Archive, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of `part`: id → (type's last word, member name)."""
    folder, file = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{file}.rels")
    out: dict[str, tuple[str, str]] = {}
    if not archive.has(rels):
        return out

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship" and attrs.get("TargetMode") != "External":
            kind = attrs.get("Type", "").rstrip("/").rpartition("/")[2]
            out[attrs.get("Id", "")] = (kind, resolve(part, attrs.get("Target", "")))

    parse_all(archive, rels, start)
    return out
