"""`vipdesk report KIND --out FILE.xlsx` and `vipdesk import KIND FILE`.

Only argparse is imported at start-up; openpyxl and the services load when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMANDS = ("report", "import")
_SKIPPED_SHOWN = 20
REPORT_KINDS = ("placements", "costs", "funding", "readiness", "tools")  # see documents.reports
IMPORT_KINDS = ("students", "organisations", "placements")
_MODES = ("virtual", "blended", "physical")
_STATUSES = (
    "draft",
    "preparing",
    "agreement_sent",
    "signed",
    "ongoing",
    "evaluating",
    "completed",
    "cancelled",
)


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="write an Excel report",
        description="Write an Excel report. Equity flags are left out unless asked for.",
    )
    report.add_argument("kind", choices=REPORT_KINDS, metavar="KIND", help=", ".join(REPORT_KINDS))
    report.add_argument("--out", required=True, metavar="FILE.xlsx", type=Path)
    report.add_argument("--year", type=int, metavar="Y", help="placements starting in year Y")
    report.add_argument("--status", choices=_STATUSES)
    report.add_argument("--mode", choices=_MODES)
    report.add_argument("--country", metavar="CC", help="host country, two-letter code")
    report.add_argument("--search", default="", metavar="TEXT", help="as the search box")
    report.add_argument(
        "--include-sensitive",
        action="store_true",
        help="add the students' equity flags (special-category personal data)",
    )
    report.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)

    imports = commands.add_parser(
        "import",
        help="import students, organisations or placements from .xlsx or .csv",
        description="Import records; if any row has a problem, every problem is listed and "
        "nothing is imported. Records that already exist are skipped.",
    )
    imports.add_argument("kind", choices=IMPORT_KINDS, metavar="KIND", help=", ".join(IMPORT_KINDS))
    imports.add_argument("file", type=Path, metavar="FILE")
    imports.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)


def run(args: argparse.Namespace, url: str) -> int:
    """Run `report` or `import`; errors a user can fix propagate as VipdeskError."""
    from vipdesk.db import open_database

    database = open_database(url)
    try:
        if args.command == "report":
            return _report(args, database)
        return _import(args, database)
    finally:
        database.dispose()


def _report(args: argparse.Namespace, database: object) -> int:
    from vipdesk.db import Database
    from vipdesk.errors import VipdeskError
    from vipdesk.models import Mode, Status
    from vipdesk.reports.kinds import ReportOptions, export_report, report_kind
    from vipdesk.services.refdata import is_country
    from vipdesk.services.reports.filters import ReportFilter

    assert isinstance(database, Database)
    report_kind(args.kind)  # a planned kind fails here, before anything is read
    if args.country and not is_country(args.country):
        raise VipdeskError(f"'{args.country}' is not a country code; use two letters, e.g. DE.")
    options = ReportOptions(
        ReportFilter(
            text=args.search,
            status=Status(args.status) if args.status else None,
            mode=Mode(args.mode) if args.mode else None,
            year=args.year,
            country=args.country.upper() if args.country else None,
        ),
        include_sensitive=args.include_sensitive,
    )
    result = export_report(database, args.kind, args.out, options)
    sensitive = " (with equity flags)" if args.include_sensitive else ""
    print(
        f"Wrote the {args.kind} report{sensitive}: {result.records:,} records to {result.path} "
        f"in {result.seconds:.1f} s."
    )
    return 0


def _import(args: argparse.Namespace, database: object) -> int:
    from vipdesk.db import Database
    from vipdesk.services.importing.plan import ImportRejectedError, import_file

    assert isinstance(database, Database)
    try:
        result = import_file(database, args.kind, args.file)
    except ImportRejectedError as exc:
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        print(f"vipdesk: {exc}", file=sys.stderr)
        return 1
    noun = args.kind if result.created != 1 else args.kind[:-1]
    line = f"Imported {result.created:,} {noun} from {args.file.name}"
    if result.skipped:
        line += f"; {len(result.skipped):,} already existed — skipped"
    print(f"{line} ({result.seconds:.1f} s).")
    for row in result.skipped[:_SKIPPED_SHOWN]:
        print(f"  row {row.number}: {row.note}")
    if len(result.skipped) > _SKIPPED_SHOWN:
        print(f"  … and {len(result.skipped) - _SKIPPED_SHOWN:,} more rows that already exist")
    return 0
