"""`vipdesk report KIND --out FILE.xlsx` and `vipdesk import KIND FILE`.

Loaded by `vipdesk.cli` only when one of these commands runs (its options are in `parsers`).
"""

from __future__ import annotations

import argparse
import sys

from vipdesk.db import Database, open_database
from vipdesk.errors import VipdeskError
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import ReportOptions, export_report, report_kind
from vipdesk.services.importing.plan import ImportRejectedError, import_file
from vipdesk.services.refdata import is_country
from vipdesk.services.reports.filters import ReportFilter

_SKIPPED_SHOWN = 20


def run(args: argparse.Namespace, url: str) -> int:
    """Run `report` or `import`; errors a user can fix propagate as VipdeskError."""

    database = open_database(url)
    try:
        if args.command == "report":
            return _report(args, database)
        return _import(args, database)
    finally:
        database.dispose()


def _report(args: argparse.Namespace, database: Database) -> int:

    report_kind(args.kind)  # a planned kind fails here, before anything is read
    if args.year is not None and not 1900 <= args.year <= 2999:
        raise VipdeskError(f"{args.year} is not a year placements start in; use e.g. 2026.")
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
        language=args.language,
    )
    result = export_report(database, args.kind, args.out, options)
    sensitive = " (with equity flags)" if args.include_sensitive else ""
    print(
        f"Wrote the {args.kind} report{sensitive}: {result.records:,} records to {result.path} "
        f"in {result.seconds:.1f} s."
    )
    return 0


def _import(args: argparse.Namespace, database: Database) -> int:

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
