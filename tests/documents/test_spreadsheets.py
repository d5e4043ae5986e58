"""Saving workbooks: a full disk is one clear line, with nothing left over."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from tests.helpers.full_disk import fill_disk_after
from vipdesk.documents.workbook_files import save_workbook
from vipdesk.errors import VipdeskError


def test_a_full_disk_is_one_clear_line_and_no_zip_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Placements")
    for n in range(2000):
        ws.append([f"VIP-2026-{n:05}", "Nordlicht Analytics GmbH", n])
    target = tmp_path / "placements.xlsx"
    fill_disk_after(monkeypatch, 1000)
    with pytest.raises(VipdeskError, match=r"is full; placements\.xlsx was not saved") as full:
        save_workbook(wb, target)
    del full, wb, ws  # and with them whatever the failed save left open
    gc.collect()  # a half-written zip archive would complain now, when it is collected
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []
