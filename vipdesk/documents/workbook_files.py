"""Making and saving the workbooks vipdesk writes.

Files are written to a temporary name in the target folder and renamed when complete, so a
cancelled or failed export never leaves a half-written file where the user looks for it. Rows
written by `streamed_rows.stream_rows` are put into their sheets as the file is saved.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from openpyxl import Workbook

from vipdesk import __version__
from vipdesk.documents.files import write_atomically
from vipdesk.documents.streamed_rows import close_streamed, splice_rows, streamed_sheets


def new_workbook(title: str, subject: str, *, write_only: bool = True) -> Workbook:
    """A workbook whose properties say what it is and who made it."""
    wb = Workbook(write_only=write_only)
    wb.properties.title = title
    wb.properties.subject = subject
    wb.properties.creator = "vipdesk"
    wb.properties.lastModifiedBy = "vipdesk"
    wb.properties.description = f"Made with vipdesk {__version__}"
    wb.streamed_rows = {}  # by sheet title: see streamed_rows.stream_rows
    return wb


def discard(wb: Workbook) -> None:
    """Close a write-only workbook that will not be saved, and remove its temporary files.

    Left alone, its half-written sheets would complain when garbage-collected and leave their
    temporary files until the program ends.
    """
    for ws in wb.worksheets:
        if not getattr(ws, "closed", True):
            with contextlib.suppress(Exception):
                ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()
    close_streamed(wb)


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save atomically (see `write_atomically`).

    The workbook is zipped in memory (some 10 MB for the largest report) and then written:
    a disk that fills up fails in the writer, with its one clear message, and leaves no
    half-written zip archive behind to complain when it is garbage-collected.
    """
    zipped = io.BytesIO()
    wb.save(zipped)
    saved = zipped.getvalue()
    streamed = streamed_sheets(wb)
    if streamed:
        try:
            saved = splice_rows(saved, streamed)
        finally:
            close_streamed(wb)
    write_atomically(path, saved)
