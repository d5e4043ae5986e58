"""The whole demo, placements and stored agreements, in one transaction.

Killed or cancelled at any point, it leaves the database as it was, so it can simply be run
again (it was two transactions: a kill between them left placements without agreements, and
the next run refused a database that was no longer empty).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import Placement
from vipdesk.services.demo.agreements import DEMO_AGREEMENTS, render_demo_pdfs
from vipdesk.services.demo.generate import DemoSummary, build_demo
from vipdesk.services.demo.mail import add_demo_mail
from vipdesk.services.demo.parties import DEMO_USER
from vipdesk.services.demo.writer import rollback_journal

DEMO_PLACEMENTS = 1500  # the demo database's size: every tab and report full, made in seconds


def fill_demo(
    db: Database,
    placements: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    agreements: int = DEMO_AGREEMENTS,
    today: date | None = None,
) -> DemoSummary:
    """Fill an empty database with demo placements, render the PDFs of up to `agreements`.

    Raises:
        VipdeskError: the database already holds placements, or `placements` is negative.
        DemoCancelledError: `should_cancel` said stop; nothing was written.
    """
    with rollback_journal(db), db.session(DEMO_USER) as session:
        summary = build_demo(session, placements, seed, progress, should_cancel, today=today)
        rendered = render_demo_pdfs(session, limit=agreements)
        add_demo_mail(session, today or date.today())  # the mail that took those PDFs out
    return replace(summary, rendered=rendered)


def ensure_demo(
    db: Database,
    placements: int = DEMO_PLACEMENTS,
    seed: int = 1,
    *,
    announce: Callable[[], None] | None = None,
) -> bool:
    """Fill `db` with the demo unless it already holds placements; True when it filled it.

    The demo database (`--demo`) is made on first use, by the app or by any command;
    `announce` is called just before filling.
    """
    with db.session() as session:
        if session.scalar(select(Placement.id).limit(1)) is not None:
            return False
    if announce is not None:
        announce()
    fill_demo(db, placements, seed)
    return True
