"""Speed of the monitoring log: prints figures, asserts nothing.

    python benchmarks/bench_monitoring.py --database FILLED.sqlite3   # a copy of it is used
    python benchmarks/bench_monitoring.py --placements 20000          # a demo made first

Issue 13's goals at 100,000 placements with about 20 log entries each (2 million entries):
opening the Monitoring tab ≤ 100 ms; the monitoring and evaluation reports each ≤ 20 s and
≤ 500 MB. The placements' entries are added to a copy of the database (the demo's own log is
kept) until each placement has `--entries` of them; each report runs in a fresh process so
that its time and peak memory are its own.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from vipdesk.db import Database, open_database  # noqa: E402
from vipdesk.models import EntryKind, MonitoringEntry, Placement  # noqa: E402
from vipdesk.services.monitoring.log import monitoring_view  # noqa: E402
from vipdesk.services.monitoring.recognition import load_recognition  # noqa: E402

REPORT_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from vipdesk.db import open_database
from vipdesk.reports.kinds import export_report
db = open_database({url!r})
wall, cpu = time.perf_counter(), time.process_time()
result = export_report(db, {kind!r}, Path({out!r}))
peak = 0.0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
print(json.dumps({{"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "rss_mb": peak, "records": result.records}}))
"""
KINDS = list(EntryKind)
BATCH = 50_000


def fill_log(db: Database, per_placement: int, seed: int = 1) -> tuple[int, float]:
    """Entries added so that each placement has about `per_placement`; (added, seconds)."""
    rng = random.Random(seed)
    started = time.perf_counter()
    added = 0
    with db.session("bench") as session:
        have = dict(
            session.execute(
                select(MonitoringEntry.placement_id, func.count()).group_by(
                    MonitoringEntry.placement_id
                )
            ).all()
        )
        placements = session.execute(
            select(Placement.id, Placement.planned_start, Placement.planned_end)
        ).all()
        rows: list[dict[str, object]] = []
        for pid, start, end in placements:
            days = max((end - start).days, 1)
            for _ in range(max(per_placement - have.get(pid, 0), 0)):
                rows.append(
                    {
                        "placement_id": pid,
                        "kind": rng.choice(KINDS).value,
                        "held_on": start + timedelta(days=rng.randrange(days)),
                        "participants": "student, mentor",
                        "minutes": 45,
                        "note": "Reviewed the week's tasks.",
                        "concern": rng.random() < 0.02,
                        "version": 1,
                        "updated_by": "bench",
                    }
                )
                if len(rows) >= BATCH:
                    session.execute(insert(MonitoringEntry), rows)
                    added += len(rows)
                    rows = []
        if rows:
            session.execute(insert(MonitoringEntry), rows)
            added += len(rows)
    return added, time.perf_counter() - started


def tab_open(db: Database, samples: int = 40) -> list[float]:
    """Seconds to read what the Monitoring tab shows, for random placements."""
    with db.session() as session:
        ids = list(session.scalars(select(Placement.id)))
    rng = random.Random(2)
    times = []
    for pid in rng.sample(ids, min(samples, len(ids))):
        started = time.perf_counter()
        monitoring_view(db, pid)
        load_recognition(db, pid)
        times.append(time.perf_counter() - started)
    return times


def report(url: str, kind: str, folder: Path) -> dict[str, float]:
    code = REPORT_CHILD.format(root=str(ROOT), url=url, kind=kind, out=str(folder / f"{kind}.xlsx"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, help="a filled SQLite file (copied, not changed)")
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=20, help="log entries per placement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        target = work / "bench.sqlite3"
        if args.database:
            shutil.copyfile(args.database, target)
        url = f"sqlite:///{target}"
        db = open_database(url)  # migrates a copy made at an older schema
        if not args.database:
            from vipdesk.services.demo.generate import generate_demo  # late: only without one

            generate_demo(db, args.placements, seed=1)
        added, seconds = fill_log(db, args.entries)
        with db.session() as session:
            total = session.scalar(select(func.count()).select_from(MonitoringEntry)) or 0
            placements = session.scalar(select(func.count()).select_from(Placement)) or 0
        print(f"{placements:,} placements, {total:,} log entries ({added:,} added in "
              f"{seconds:.1f} s)")  # fmt: skip
        times = sorted(tab_open(db))
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"Monitoring tab, one placement's log and rhythm: median "
              f"{statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
              f"(goal ≤ 100 ms)")  # fmt: skip
        db.dispose()
        for kind in ("monitoring", "evaluation"):
            figures = report(url, kind, work)
            print(f"report {kind}: {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU, "
                  f"peak {figures['rss_mb']:.0f} MB, {figures['records']:,.0f} placements "
                  f"(goal ≤ 20 s, ≤ 500 MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
