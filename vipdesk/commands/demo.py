"""`vipdesk demo --placements N [--seed S]`: a database full of realistic synthetic records."""

from __future__ import annotations

import argparse
import sys
import time

from vipdesk.db import describe_url, open_database
from vipdesk.services.demo.agreements import add_demo_agreements
from vipdesk.services.demo.generate import generate_demo


def run(args: argparse.Namespace, url: str) -> int:
    """Fill the database at `url` with `args.placements` sample placements."""
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
