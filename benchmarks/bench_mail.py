"""Speed of e-mail reminders: prints figures, asserts nothing.

    make bench                                  # at 100,000 placements (the bench database)
    python benchmarks/bench_mail.py --placements 20000

Issue 14's goal: building and queueing 500 reminder messages ≤ 10 s on a 2-core machine. The
reminders are planned from the work list of the whole database (as `vipdesk mail reminders`
does), 500 of them queued in the outbox in one transaction, then sent to an SMTP server on
127.0.0.1 (aiosmtpd) over one connection. The queued messages are removed again afterwards, so
that the bench database stays as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_records import DATA, prepare  # noqa: E402
from sqlalchemy import delete  # noqa: E402

from tests.helpers.smtp import MailServer  # noqa: E402
from vipdesk.db import open_database  # noqa: E402
from vipdesk.models import OutboxMessage  # noqa: E402
from vipdesk.services.mail import outbox  # noqa: E402
from vipdesk.services.mail.reminders import plan_reminders  # noqa: E402
from vipdesk.services.mail.settings import MailSettings, Security  # noqa: E402
from vipdesk.services.mail.smtp import send_queued  # noqa: E402

COUNT = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=100_000)
    args = parser.parse_args()
    print(f"vipdesk mail benchmark: {args.placements:,} placements, {os.cpu_count()} cores")
    DATA.mkdir(exist_ok=True)
    url = f"sqlite:///{DATA / f'bench-{args.placements}.sqlite3'}"
    prepare(url, args.placements)
    db = open_database(url)
    settings = MailSettings(
        host="127.0.0.1",
        security=Security.NONE,
        sender_name="International Office",
        sender_address="io@uni.example",
    )
    ids: list[int] = []
    try:
        as_of = date.today()
        started = time.perf_counter()
        plan = plan_reminders(db, settings, as_of)
        while len(plan.drafts) < COUNT and as_of < date.today() + timedelta(days=400):
            as_of += timedelta(days=30)  # a small database: later, more is due
            started = time.perf_counter()
            plan = plan_reminders(db, settings, as_of)
        planned = time.perf_counter() - started
        drafts = plan.drafts[:COUNT]
        started = time.perf_counter()
        ids = outbox.queue_many(db, drafts, settings.sender)
        queued = time.perf_counter() - started
        print(
            f"  plan the reminders due on {as_of} ({len(plan.drafts):,} messages from the work "
            f"list): {planned:6.2f} s"
        )
        print(f"  queue {len(ids)} of them in the outbox (one transaction): {queued:6.2f} s")
        print(f"  build and queue {len(ids)} reminders: {planned + queued:6.2f} s (goal ≤ 10 s)")
        with tempfile.TemporaryDirectory() as folder, MailServer(Path(folder)) as server:
            local = MailSettings(**{**settings.__dict__, "port": server.port})
            started = time.perf_counter()
            result = send_queued(db, local, None, ids)
            sent = time.perf_counter() - started
        print(
            f"  send them to an SMTP server on 127.0.0.1 ({result.summary()}): {sent:6.2f} s, "
            f"{len(result.sent) / sent:5.0f} messages/s"
        )
    finally:
        if ids:
            with db.session() as session:
                session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
        db.dispose()


if __name__ == "__main__":
    main()
