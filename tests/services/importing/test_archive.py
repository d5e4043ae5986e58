"""The xlsx archive: members checked against size limits before and while they unpack; no DTD."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest

from tests.helpers.hostile_sheets import (
    SHEET,
    add_member,
    forge_size,
    rewrite,
    shared_strings,
    workbook,
)
from vipdesk.services.importing import archive
from vipdesk.services.importing.files import UnreadableFileError, read_sheet


@pytest.mark.parametrize("member", [SHEET, "xl/sharedStrings.xml", "xl/workbook.xml"])
def test_a_dtd_or_entity_declaration_is_refused(tmp_path: Path, member: str) -> None:
    dtd = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    )
    path = shared_strings(workbook(tmp_path / "dtd.xlsx", ("Name",), ("Anna",)))
    rewrite(path, member, lambda xml: dtd + xml.split(b"?>")[-1].replace(b"Anna", b"&b;"))
    with pytest.raises(UnreadableFileError, match="document type declaration"):
        read_sheet(path)


def test_a_member_claiming_gigabytes_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = add_member(workbook(tmp_path / "bomb.xlsx", ("Name",), ("Anna",)), "mimetype", b"x")
    forge_size(path, "mimetype", 2_500_000_000)
    with pytest.raises(UnreadableFileError, match=re.escape("would unpack to 2.3 GB")):
        read_sheet(path)


def test_a_zip_bomb_is_refused_within_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBER_SIZE", 4 * archive.MB)
    path = workbook(tmp_path / "bomb.xlsx", ("Name",), ("Anna",))
    add_member(path, "mimetype", bytes(5 * archive.MB))
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFileError, match="would unpack to 5 MB"):
            read_sheet(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * archive.MB


def test_a_member_that_unpacks_to_more_than_it_says_is_damaged(tmp_path: Path) -> None:
    path = workbook(tmp_path / "lie.xlsx", ("Name",), ("Anna",))
    padded = b" " * 2_000_000 + b"</sheetData>"
    rewrite(path, SHEET, lambda xml: xml.replace(b"</sheetData>", padded))
    forge_size(path, SHEET, 4000)
    with pytest.raises(UnreadableFileError, match="damaged"):
        read_sheet(path)


def test_a_total_of_members_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_SIZE", 3 * archive.MB)
    path = workbook(tmp_path / "many.xlsx", ("Name",), ("Anna",))
    for n in range(4):
        add_member(path, f"xl/media/image{n}.bin", bytes(archive.MB))
    with pytest.raises(UnreadableFileError, match="would unpack to 4 MB"):
        read_sheet(path)
