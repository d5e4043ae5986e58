"""Speed of the work list at 100,000 placements: prints figures, asserts nothing.

    make bench                      # SQLite, and PostgreSQL when VIPDESK_BENCH_POSTGRES_URL
                                    # (or VIPDESK_TEST_POSTGRES_URL) names a server
    python benchmarks/bench_worklist.py --placements 20000

Goals on a 2-core machine: `vipdesk due` ≤ 1 s from the shell prompt to the last line, the
Today tab's list read and shown ≤ 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_records import DATA, drop_postgres, postgres_url, prepare  # noqa: E402


def due_command(url: str, runs: int = 5) -> list[float]:
    """`vipdesk due` in a fresh process each time, as a coordinator's shell runs it."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "vipdesk", "--database", url, "due"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        times.append(time.perf_counter() - started)
    return times


def today_tab(url: str, runs: int = 5) -> tuple[list[float], int]:
    """Read the work list and show it in the Today tab's grid, as the main window does."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from vipdesk.db import open_database
    from vipdesk.services.worklist.due import work_list
    from vipdesk.ui.today.view import TodayView

    db = open_database(url)
    view = TodayView(db)
    view.resize(1280, 700)
    view.show()
    times, items = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        worklist = work_list(db)
        view.show_list(worklist)
        view.table.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - started)
        items = len(worklist.items)
    view.close()
    db.dispose()
    return times, items


def bench(label: str, url: str, placements: int) -> None:
    print(f"\n{label}")
    prepare(url, placements)
    times = due_command(url)
    print(
        f"  vipdesk due (process start to last line): median {statistics.median(times):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    shown, items = today_tab(url)
    print(
        f"  Today tab, work list read and shown ({items:,} items): median "
        f"{statistics.median(shown) * 1000:.0f} ms, max {max(shown) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=100_000)
    args = parser.parse_args()
    print(f"vipdesk work-list benchmark: {args.placements:,} placements, {os.cpu_count()} cores")
    DATA.mkdir(exist_ok=True)
    bench("SQLite", f"sqlite:///{DATA / f'bench-{args.placements}.sqlite3'}", args.placements)
    url = postgres_url()
    if url is None:
        print("\nPostgreSQL: skipped (set VIPDESK_BENCH_POSTGRES_URL to a server's URL)")
        return
    try:
        bench("PostgreSQL", url, args.placements)
    finally:
        drop_postgres(url)


if __name__ == "__main__":
    main()
