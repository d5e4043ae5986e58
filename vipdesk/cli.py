"""The command line: the same services the app uses, for automation and for testing.

Every command exits non-zero with one clear line on stderr when it fails.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from vipdesk import __version__
from vipdesk.commands import parsers
from vipdesk.db import default_database_url, demo_database_url
from vipdesk.errors import VipdeskError
from vipdesk.languages import LANGUAGES

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
    parser.add_argument(
        "--color-scheme",
        choices=("system", "light", "dark"),
        help="light or dark colours for this run (default: View → Colour scheme)",
    )
    parser.add_argument(
        "--interface-language",
        choices=sorted(LANGUAGES),
        metavar="CODE",
        help="the window's language for this run: "
        f"{', '.join(sorted(LANGUAGES))} (default: Settings → Language, else the system's)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="fill a database with realistic synthetic records")
    demo.add_argument("--placements", type=int, default=1000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    # Also accepted after the command (DESIGN.md writes it there); SUPPRESS keeps the global.
    demo.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)
    parsers.add_agreement_parser(commands)
    parsers.add_questionnaire_parser(commands)
    parsers.add_spreadsheet_parsers(commands)  # report, import
    parsers.add_due_parser(commands)
    parsers.add_grant_parser(commands)
    parsers.add_mail_parsers(commands)  # mail, import-mail
    return parser


def database_url(args: argparse.Namespace) -> str:
    """`--demo` (the demo database), else `--database`, else $VIPDESK_DATABASE_URL, else yours.

    Raises:
        VipdeskError: both `--demo` and `--database` were given.
    """
    if args.demo:
        if args.database:
            raise VipdeskError("Give either --demo or --database URL, not both.")
        return demo_database_url()
    return str(args.database or os.environ.get(DATABASE_ENV) or default_database_url())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = _run(args)
        sys.stdout.flush()  # here, so that a pipe closed early is caught below, not at exit
        return code
    except VipdeskError as exc:
        print(f"vipdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("vipdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a pipe that closed early (`| head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    """The command `args` names (the app when none); its exit status."""
    # Each command loads only what it needs (the app no reportlab or pyHanko at start, a
    # report no Qt): the entry point is the one place that chooses what to import.
    if args.command == "demo":
        from vipdesk.commands import demo  # late: the generator, only for `demo`

        return demo.run(args, database_url(args))
    if args.demo and args.command not in (None, "grant"):  # `grant` reads no database
        from vipdesk.commands import demo  # late: the generator, only for `--demo`

        demo.ensure(database_url(args))  # made on first use, as the app does
    if args.command in parsers.COMMANDS:
        from vipdesk.commands import spreadsheets  # late: openpyxl, only for these

        return spreadsheets.run(args, database_url(args))
    if args.command == "due":
        from vipdesk.commands import due  # late: openpyxl for --out, only for `due`

        return due.run(args, database_url(args))
    if args.command == "grant":
        from vipdesk.commands import grant  # late: SQLAlchemy models, only for `grant`

        return grant.run(args)
    if args.command == "agreement":
        from vipdesk.commands import agreement  # late: reportlab and pyHanko

        return agreement.run(args, database_url(args))
    if args.command in ("mail", "import-mail"):
        from vipdesk.commands import mail  # late: reportlab, pyHanko and smtplib

        return mail.run(args, database_url(args))
    if args.command == "questionnaire":
        from vipdesk.commands import questionnaire  # late: reportlab and pyHanko

        return questionnaire.run(args, database_url(args))
    from vipdesk.ui.shell.app import run_app  # late: Qt is imported only when a window is wanted

    return run_app(
        database_url=None if args.demo else database_url(args),
        screenshot=args.screenshot,
        color_scheme=args.color_scheme,
        language=args.interface_language,
    )
