"""`vipdesk demo --placements N [--seed S]`: a database full of realistic synthetic records."""

from __future__ import annotations

import argparse
import sys
import time

from vipdesk.db import describe_url, open_database
from vipdesk.services.demo.fill import DEMO_PLACEMENTS, ensure_demo, fill_demo


def run(args: argparse.Namespace, url: str) -> int:
    """Fill the database at `url` with `args.placements` sample placements."""
    database = open_database(url)
    started = time.perf_counter()
    try:

        def progress(done: int, total: int) -> None:
            print(f"\r{done:,} of {total:,} placements", end="", file=sys.stderr, flush=True)

        summary = fill_demo(  # one transaction: a kill leaves nothing, and it runs again
            database,
            args.placements,
            args.seed,
            progress=progress if sys.stderr.isatty() else None,
        )
    finally:
        database.dispose()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Wrote {summary.placements:,} placements, {summary.students:,} students, "
        f"{summary.organisations:,} host organisations, {summary.contacts:,} contacts and "
        f"{summary.institutions:,} institutions, and {summary.agreements:,} agreements and "
        f"certificates on file ({summary.rendered} with their PDFs rendered) to "
        f"{describe_url(url)} "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


def ensure(url: str) -> None:
    """Fill the demo database at `url` on first use, saying so (it takes a few seconds)."""

    def announce() -> None:
        print(
            f"vipdesk: making the demo database ({DEMO_PLACEMENTS:,} sample placements)…",
            file=sys.stderr,
            flush=True,
        )

    database = open_database(url)
    try:
        ensure_demo(database, announce=announce)
    finally:
        database.dispose()
