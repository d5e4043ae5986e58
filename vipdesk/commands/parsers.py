"""The command line's commands and their options, registered on argparse.

Only argparse is imported here, so that building the parser (every start, the app's too) stays
light; `vipdesk.cli` loads the module that runs a command only when that command is given.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from vipdesk.languages import LANGUAGES
from vipdesk.reports.kinds import AVAILABLE

PARTIES = ("student", "sending", "host")

COMMANDS = ("report", "import")
REPORT_KINDS = AVAILABLE  # every report kind, without importing openpyxl
IMPORT_KINDS = ("students", "organisations", "placements")
MODES = ("virtual", "blended", "physical")
STATUSES = (
    "draft",
    "preparing",
    "agreement_sent",
    "signed",
    "ongoing",
    "evaluating",
    "completed",
    "cancelled",
)


def add_agreement_parser(commands: Any) -> None:
    """Register `agreement` and its actions on the top-level subparsers."""
    agreement = commands.add_parser(
        "agreement", help="export, read back, sign and verify learning agreements (PDF)"
    )
    actions = agreement.add_subparsers(dest="action", metavar="ACTION", required=True)

    export = actions.add_parser("export", help="write a placement's agreement as PDF")
    export.add_argument("ref", metavar="REF", help="placement reference (VIP-2026-00042) or id")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    export.add_argument(
        "--fillable", action="store_true", help="the host's part as form fields, for company HR"
    )
    export.add_argument(
        "--language",
        metavar="LANG",
        help="the language of an agreement not stored yet, remembered for its host "
        "organisation (default: the one remembered, else English; a stored version keeps its "
        "own): "
        + ", ".join(f"{code} ({name})" for code, name in sorted(LANGUAGES.items()))
        + "; or en+LANG for a bilingual agreement, each heading and fixed text in LANG and "
        "in English, what people entered once",
    )

    read_back = actions.add_parser("import", help="read back what the host filled in or signed")
    read_back.add_argument("file", type=Path, metavar="FILE.pdf")

    sign = actions.add_parser("sign", help="sign for one party with a PKCS#12 certificate")
    sign.add_argument("file", type=Path, metavar="FILE.pdf")
    sign.add_argument("--pkcs12", required=True, type=Path, metavar="P12")
    sign.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="file holding the passphrase (else it is asked for in the terminal)",
    )
    sign.add_argument("--party", required=True, choices=PARTIES)
    sign.add_argument("--out", required=True, type=Path, metavar="OUT.pdf")

    verify = actions.add_parser(
        "verify",
        help="check every signature and signer: exit 0 only if all hold and every signer is "
        "confirmed, 3 if intact but a signer is not confirmed, 1 if altered or damaged",
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.add_argument(
        "--trust",
        type=Path,
        action="append",
        default=[],
        metavar="CA.pem",
        help="certificate of an authority to trust (may be repeated)",
    )
    trust = actions.add_parser(
        "trust", help="trust the certificates of an authority (the office's CA, eIDAS issuers)"
    )
    trust.add_argument("file", type=Path, nargs="?", metavar="CA.pem")
    trust.add_argument("--list", action="store_true", help="list the trusted certificates")
    for parser in (export, read_back, verify, trust):
        # Also accepted after the action; SUPPRESS keeps the global option's value.
        parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)


def add_spreadsheet_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="write an Excel report",
        description="Write an Excel report. Equity flags are left out unless asked for.",
    )
    report.add_argument("kind", choices=REPORT_KINDS, metavar="KIND", help=", ".join(REPORT_KINDS))
    report.add_argument("--out", required=True, metavar="FILE.xlsx", type=Path)
    report.add_argument("--year", type=int, metavar="Y", help="placements starting in year Y")
    report.add_argument("--status", choices=STATUSES)
    report.add_argument("--mode", choices=MODES)
    report.add_argument("--country", metavar="CC", help="host country, two-letter code")
    report.add_argument("--search", default="", metavar="TEXT", help="as the search box")
    report.add_argument(
        "--include-sensitive",
        action="store_true",
        help="add the students' equity flags (special-category personal data)",
    )
    add_language_argument(report, "the language of sheet names, headers, summaries and charts")
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


def add_questionnaire_parser(commands: Any) -> None:
    """Register `questionnaire export|import` on the top-level subparsers."""
    questionnaire = commands.add_parser(
        "questionnaire", help="send a readiness or evaluation questionnaire as a PDF, read it back"
    )
    actions = questionnaire.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write a party's questionnaire as a fillable PDF")
    export.add_argument("ref", metavar="REF", help="placement reference (VIP-2026-00042) or id")
    export.add_argument("--party", required=True, choices=("student", "host", "tutor"))
    export.add_argument("--kind", required=True, choices=("readiness", "midterm", "final"))
    export.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    add_language_argument(
        export, "the language of the questions and the form, where translated (else English)"
    )
    read_back = actions.add_parser(
        "import", help="show the answers of a returned questionnaire, then store them"
    )
    read_back.add_argument("file", type=Path, metavar="FILE.pdf")
    read_back.add_argument("--dry-run", action="store_true", help="show the answers only")


def add_due_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    due = commands.add_parser(
        "due",
        help="the work list: what is due, for whom, since when and what to do",
        description="Print the work list grouped by urgency (overdue, this week, later), or "
        "write it to a spreadsheet. Snoozed items are left out until their date.",
    )
    due.add_argument(
        "--within",
        type=int,
        default=0,
        metavar="DAYS",
        help="also what falls due in the next DAYS days (default: 0, what is due today)",
    )
    due.add_argument(
        "--as-of", metavar="DATE", help="the list as it stands on DATE (YYYY-MM-DD; default: today)"
    )
    due.add_argument("--out", type=Path, metavar="FILE.xlsx", help="write it to a spreadsheet")
    add_language_argument(due, "the language of the spreadsheet (the printed list is English)")
    due.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)


def add_grant_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    grant = commands.add_parser(
        "grant",
        help="the Erasmus+ grant of a placement, line by line with the source of each rule",
        description="Work out an Erasmus+ traineeship grant without a database: each line "
        "(what, how many, rate, amount, source) and the total. The call year's table is chosen "
        "by the start date unless --call-year is given. Bad input exits 2.",
    )
    grant.add_argument("--country", required=True, metavar="CC", help="host country code")
    grant.add_argument("--start", required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    grant.add_argument("--end", required=True, metavar="DATE", help="last day (YYYY-MM-DD)")
    grant.add_argument("--mode", required=True, choices=MODES)
    grant.add_argument(
        "--physical-days", type=int, metavar="N", help="a blended placement's physical days"
    )
    grant.add_argument("--fewer-opportunities", action="store_true")
    grant.add_argument("--green-travel", action="store_true")
    grant.add_argument(
        "--travel-days", type=int, default=0, metavar="N", help="green travel days (up to 4)"
    )
    grant.add_argument("--distance-km", type=int, metavar="K", help="for travel support")
    grant.add_argument(
        "--zero-grant", action="store_true", help="no individual support from EU funds"
    )
    grant.add_argument(
        "--participant",
        type=int,
        metavar="N",
        help="the Nth participant of the year: adds the organisational support",
    )
    grant.add_argument("--call-year", type=int, metavar="Y", help="the call's rate table")
    grant.add_argument("--json", action="store_true", help="print JSON, for scripts")


def add_mail_parsers(commands: Any) -> None:
    """Register `mail send-agreement|reminders|outbox` and `import-mail`."""
    mail = commands.add_parser("mail", help="send agreements and reminders by e-mail; the outbox")
    actions = mail.add_subparsers(dest="action", metavar="ACTION", required=True)
    send = actions.add_parser(
        "send-agreement", help="e-mail the agreement out for signature to one party"
    )
    send.add_argument("ref", metavar="REF", help="placement reference (VIP-2026-00042) or id")
    send.add_argument("--party", required=True, choices=PARTIES)
    send.add_argument(
        "--fillable", action="store_true", help="attach the fillable PDF for the host's HR"
    )
    send.add_argument(
        "--eml", type=Path, metavar="FILE.eml", help="write the message to a file instead"
    )
    add_language_argument(
        send,
        "the message's language (by default the host's in the agreement's language, the "
        "others in English)",
        default=None,
    )
    reminders = actions.add_parser(
        "reminders", help="remind each party the work list waits for (signatures, certificate)"
    )
    reminders.add_argument(
        "--as-of", metavar="DATE", help="the work list of DATE (YYYY-MM-DD; default: today)"
    )
    reminders.add_argument("--dry-run", action="store_true", help="list them, queue nothing")
    reminders.add_argument(
        "--eml", type=Path, metavar="FOLDER", help="write them as .eml files instead"
    )
    box = actions.add_parser("outbox", help="list the outbox; send what is queued")
    box.add_argument("--send", action="store_true", help="send every queued message now")
    box.add_argument("--retry", action="store_true", help="queue the failed messages again")
    incoming = commands.add_parser(
        "import-mail", help="a returned agreement or questionnaire, from a saved e-mail (.eml)"
    )
    incoming.add_argument("file", type=Path, metavar="FILE.eml")
    incoming.add_argument(
        "--dry-run", action="store_true", help="show a questionnaire's answers, store nothing"
    )
    for parser in (send, reminders, box, incoming):
        parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS)


def add_language_argument(
    parser: argparse.ArgumentParser, what: str, default: str | None = "en"
) -> None:
    """`--language LANG` (English by default), `what` saying what it sets."""
    parser.add_argument(
        "--language",
        default=default,
        choices=sorted(LANGUAGES),
        metavar="LANG",
        help=f"{what}: "
        + ", ".join(f"{code} ({name})" for code, name in sorted(LANGUAGES.items())),
    )
