"""Speed of the placement records at 100,000 placements: prints figures, asserts nothing.

    make bench                      # SQLite, and PostgreSQL when VIPDESK_BENCH_POSTGRES_URL
                                    # (or VIPDESK_TEST_POSTGRES_URL) names a server
    python benchmarks/bench_records.py --placements 20000
    python benchmarks/bench_records.py --database URL --parts open   # one filled database,
                                    # only some measurements (startup, search, sort, open)

Goals on a 2-core machine: start ≤ 1.5 s, search ≤ 50 ms median and ≤ 100 ms p95 per keystroke,
open ≤ 100 ms, memory ≤ 400 MB.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"

# Run in a child process: the time from spawning Python to a painted, populated main window.
STARTUP_CHILD = """
import sys, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from vipdesk.db import open_database
from vipdesk.ui.shell.main_window import MainWindow
window = MainWindow(open_database(sys.argv[1]))
window.show()
app.processEvents()
assert window.placements_view.model.rowCount() > 0
print("ready", flush=True)
"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def prepare(url: str, placements: int) -> None:
    from vipdesk.db import open_database
    from vipdesk.services.demo.generate import generate_demo
    from vipdesk.services.placements.catalogue import load_rows

    db = open_database(url)
    existing = len(load_rows(db))
    if existing == placements:
        print(f"  database already holds {placements:,} placements (reused)")
    else:
        started = time.perf_counter()
        generate_demo(db, placements, seed=42)
        print(f"  generate {placements:,} placements: {time.perf_counter() - started:6.1f} s")
    db.dispose()


def startup(url: str, runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", STARTUP_CHILD, url],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        line = child.stdout.readline()  # the window is up and filled when this arrives
        times.append(time.perf_counter() - started)
        child.kill()
        child.wait()
        if "ready" not in line:
            raise SystemExit("start-up run failed: the window never reported ready")
    return times


PARTS = ("startup", "search", "sort", "open")


def in_process(url: str, parts: tuple[str, ...] = PARTS) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from vipdesk.db import open_database
    from vipdesk.ui.shell.main_window import MainWindow

    db = open_database(url)
    window = MainWindow(db)
    window.show()
    window.tabs.setCurrentWidget(window.placements_view)  # the app opens on Today
    app.processEvents()
    # As `run_app` does once the window is up: the rows loaded at start-up are kept out of
    # the cycle collector, whose full passes over them would otherwise stall any later step.
    gc.freeze()
    view = window.placements_view
    total = view.model.rowCount()
    print(f"  rows in the window: {total:,}; resident memory: {rss_mb():.0f} MB")
    rng = random.Random(7)
    if "search" in parts:
        search(app, view, rng, total)
    if "sort" in parts:
        sort(view)
    if "open" in parts:
        open_placements(app, db, view, rng, total)
    print(f"  resident memory at the end: {rss_mb():.0f} MB")
    window.close()
    db.dispose()


def search(app, view, rng: random.Random, total: int) -> None:  # type: ignore[no-untyped-def]
    idle = time.perf_counter()
    while not view.model.catalogue.prepare_search(rows=0):  # the idle-time folding finishes
        app.processEvents()
    print(f"  search text folded in idle steps after start: {ms(time.perf_counter() - idle)}")
    sample = [view.model.catalogue.row(rng.randrange(total)) for _ in range(6)]
    words = [s.student.split()[0] for s in sample[:2]] + [s.host for s in sample[2:4]]
    words += ["germany", sample[4].reference, "analyst intern"]
    latencies = []
    for word in words:
        view.search_box.clear()
        view._apply_search()
        for end in range(1, len(word) + 1):
            view.search_box.setText(word[:end])
            started = time.perf_counter()
            view._apply_search()  # what the debounce timer calls after a keystroke
            view.table.viewport().repaint()
            latencies.append(time.perf_counter() - started)
    view.search_box.clear()
    view._apply_search()
    print(
        f"  search per keystroke ({len(latencies)} keystrokes): "
        f"median {ms(statistics.median(latencies))}, p95 {ms(percentile(latencies, 95))}, "
        f"max {ms(max(latencies))}"
    )


def sort(view) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from vipdesk.services.placements.catalogue import COLUMN_TITLES

    sort_times = []
    order = {False: Qt.SortOrder.AscendingOrder, True: Qt.SortOrder.DescendingOrder}
    for column in range(len(COLUMN_TITLES)):
        for descending in (False, True):
            started = time.perf_counter()
            view.model.sort(column, order[descending])
            view.table.viewport().repaint()
            sort_times.append(time.perf_counter() - started)
    print(
        f"  sort a column ({len(sort_times)} sorts): median {ms(statistics.median(sort_times))}, "
        f"max {ms(max(sort_times))}"
    )


def open_placements(app, db, view, rng: random.Random, total: int) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from vipdesk.ui.placements.editor import PlacementEditor

    open_times = []
    ids = [view.model.catalogue.row(rng.randrange(total)).id for _ in range(20)]
    for placement_id in ids:
        started = time.perf_counter()
        editor = PlacementEditor(db, placement_id)
        editor.show()
        app.processEvents()
        open_times.append(time.perf_counter() - started)
        editor.hide()
        editor.deleteLater()
        app.processEvents()
        # What the app's event loop does for a closed editor; processEvents() alone does not.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(
        f"  open a placement ({len(open_times)} opens): median {ms(statistics.median(open_times))}"
        f", p95 {ms(percentile(open_times, 95))}"
    )


def bench(label: str, url: str, placements: int, parts: tuple[str, ...] = PARTS) -> None:
    print(f"\n{label}")
    prepare(url, placements)
    if "startup" in parts:
        times = startup(url)
        print(
            f"  start to populated main window: median {statistics.median(times):.2f} s "
            f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
        )
    rest = [part for part in parts if part != "startup"]
    if rest:
        # In a fresh process, so that memory figures are this database's alone.
        command = [sys.executable, __file__, "--measure", url, "--parts", ",".join(rest)]
        subprocess.run(command, check=True)


def postgres_url() -> str | None:
    admin = os.environ.get("VIPDESK_BENCH_POSTGRES_URL") or os.environ.get(
        "VIPDESK_TEST_POSTGRES_URL"
    )
    if not admin:
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"vipdesk_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def drop_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    engine = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    engine.dispose()


def parse_parts(text: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = set(parts) - set(PARTS)
    if unknown or not parts:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(PARTS)}")
    return parts


def describe(url: str) -> str:
    from vipdesk.db import describe_url

    return describe_url(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument(
        "--database",
        metavar="URL",
        help="measure only this database (filled with --placements first if it holds fewer)",
    )
    parser.add_argument(
        "--parts",
        type=parse_parts,
        default=PARTS,
        help=f"comma-separated, of {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        in_process(args.measure, args.parts)
        return
    print(f"vipdesk records benchmark: {args.placements:,} placements, {os.cpu_count()} cores")
    if args.database:
        bench(describe(args.database), args.database, args.placements, args.parts)
        return
    DATA.mkdir(exist_ok=True)
    path = DATA / f"bench-{args.placements}.sqlite3"
    bench("SQLite", f"sqlite:///{path}", args.placements, args.parts)
    url = postgres_url()
    if url is None:
        print("\nPostgreSQL: skipped (set VIPDESK_BENCH_POSTGRES_URL to a server's URL)")
        return
    try:
        bench("PostgreSQL", url, args.placements, args.parts)
    finally:
        drop_postgres(url)


if __name__ == "__main__":
    main()
