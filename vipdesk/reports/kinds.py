"""The Excel reports vipdesk makes, by kind.

A kind is one module, `vipdesk/reports/<kind>.py`, that defines `REPORT`, a `ReportKind(name,
title, build)` (for a workbook report, made by `workbook.workbook_report`); listing its name in
`AVAILABLE` makes it known to the command line and the UI. Kinds are imported only when used,
so that starting the app or the command line does not load openpyxl.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.jobs import Progress, ShouldCancel, never, no_progress
from vipdesk.services.reports.filters import ReportFilter

AVAILABLE: tuple[str, ...] = (
    "placements",
    "costs",
    "funding",
    "readiness",
    "tools",
    "evaluation",
    "monitoring",
)
# Named in the design, not yet written: each comes with the feature it reports on.
PLANNED: tuple[str, ...] = ()
ALL_KINDS: tuple[str, ...] = (*AVAILABLE, *PLANNED)
# What the UI lists without importing the modules (and openpyxl); each module's REPORT.title.
TITLES: dict[str, str] = {
    "placements": "Placements overview",
    "costs": "Cost per participant",
    "funding": "Funding: budget against actual",
    "readiness": "Readiness of placements",
    "tools": "Tools and their tests",
    "evaluation": "Evaluations of placements",
    "monitoring": "Monitoring of placements",
}


@dataclass(frozen=True)
class ReportOptions:
    """What the user chose: the filters, whether sensitive data may go into the file, and the
    language to write it in (a code of `report_language.LANGUAGES`)."""

    filter: ReportFilter = field(default_factory=ReportFilter)
    include_sensitive: bool = False  # equity flags: special-category personal data
    language: str = "en"


Build = Callable[[Database, Path, ReportOptions, Progress, ShouldCancel], int]
"""Write the report to the path (atomically) and return how many records it lists."""


@dataclass(frozen=True)
class ReportKind:
    name: str
    title: str
    build: Build


@dataclass(frozen=True)
class ReportResult:
    kind: str
    path: Path
    records: int
    seconds: float


def report_kind(name: str) -> ReportKind:
    """The kind called `name`.

    Raises:
        VipdeskError: the kind is planned but not in this version, or unknown.
    """
    if name in PLANNED:
        raise VipdeskError(
            f"The {name} report is not available yet in this version of vipdesk "
            f"(available: {', '.join(AVAILABLE)})."
        )
    if name not in AVAILABLE:
        raise VipdeskError(f"There is no '{name}' report; choose one of {', '.join(ALL_KINDS)}.")
    module = importlib.import_module(f"vipdesk.reports.{name}")
    kind: ReportKind = module.REPORT
    return kind


def export_report(
    db: Database,
    kind: str,
    path: Path,
    options: ReportOptions | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> ReportResult:
    """Write report `kind` to `path`.

    Raises:
        VipdeskError: unknown or not yet available kind; the file cannot be written.
        CancelledError: `should_cancel` said stop; no file was left behind.
    """
    report = report_kind(kind)
    if Path(path).suffix.lower() != ".xlsx":
        raise VipdeskError(f"Reports are Excel workbooks: name the file …xlsx, not {path}.")
    started = time.perf_counter()
    records = report.build(
        db, Path(path), options or ReportOptions(), progress or no_progress, should_cancel or never
    )
    return ReportResult(kind, Path(path), records, time.perf_counter() - started)
