"""The command line: the same services the app uses, for automation and for testing.

Every command exits non-zero with one clear line on stderr when it fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from vipdesk import __version__
from vipdesk.commands import agreement as agreement_commands
from vipdesk.commands import spreadsheets
from vipdesk.db import default_database_url, describe_url, open_database
from vipdesk.errors import VipdeskError

DATABASE_ENV = "VIPDESK_DATABASE_URL"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vipdesk",
        description="Records, preparation and reporting for virtual and blended placements.",
    )
    parser.add_argument("--version", action="version", version=f"vipdesk {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help=f"database URL (default: ${DATABASE_ENV}, else the embedded SQLite file)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the demo database, filled with sample data"
    )
    parser.add_argument(
        "--screenshot", metavar="FILE.png", help="render the main window to a PNG and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="fill a database with realistic synthetic records")
    demo.add_argument("--placements", type=int, default=1000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    # Also accepted after the command (DESIGN.md writes it there); SUPPRESS keeps the global.
    demo.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)
    agreement_commands.add_parser(commands)
    spreadsheets.add_parsers(commands)  # report, import
    return parser


def database_url(args: argparse.Namespace) -> str:
    return str(args.database or os.environ.get(DATABASE_ENV) or default_database_url())


def run_demo(args: argparse.Namespace) -> int:
    from vipdesk.services.demo.agreements import add_demo_agreements
    from vipdesk.services.demo.generate import generate_demo

    url = database_url(args)
    database = open_database(url)
    started = time.perf_counter()
    try:

        def progress(done: int, total: int) -> None:
            print(f"\r{done:,} of {total:,} placements", end="", file=sys.stderr, flush=True)

        summary = generate_demo(
            database,
            args.placements,
            args.seed,
            progress=progress if sys.stderr.isatty() else None,
        )
        agreements = add_demo_agreements(database, seed=args.seed)
    finally:
        database.dispose()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Wrote {summary.placements:,} placements, {summary.students:,} students, "
        f"{summary.organisations:,} host organisations, {summary.contacts:,} contacts and "
        f"{summary.institutions:,} institutions and {agreements} stored agreements to "
        f"{describe_url(url)} "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            return run_demo(args)
        if args.command in spreadsheets.COMMANDS:
            return spreadsheets.run(args, database_url(args))
        if args.command == "agreement":
            return agreement_commands.run(args, database_url(args))
        from vipdesk.ui.app import run_app  # Qt is imported only when a window is wanted

        return run_app(
            database_url=None if args.demo else database_url(args),
            screenshot=args.screenshot,
        )
    except VipdeskError as exc:
        print(f"vipdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vipdesk: interrupted", file=sys.stderr)
        return 130
