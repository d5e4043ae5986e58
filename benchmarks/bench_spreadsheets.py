"""Speed of the spreadsheets: prints figures, asserts nothing.

    python benchmarks/bench_spreadsheets.py                    # 100,000 placements, 10,000 rows
    python benchmarks/bench_spreadsheets.py --placements 20000 --import-rows 2000

1. The placements report of every placement, against openpyxl's write-only mode writing the
   same cells as plain values (the least any report of these cells can cost), and the peak
   memory of each (ru_maxrss of its own process).
2. Importing placements: the report of a demo database read back into a copy whose placements
   were deleted (reading, checking every row, inserting), and students from a CSV.

Each measurement runs in a fresh process, so that its time and memory are its own. Wall-clock
and CPU time are both printed: on a busy machine CPU time is the steadier figure.
Goals: report ≤ 20 s and ≤ 1.3 times the write-only baseline, ≤ 500 MB; import ≤ 10 s.

The database of bench_records.py (bench-data/bench-N.sqlite3) is reused when it exists, as a
copy: the original is never opened for writing (opening migrates).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench-data"

# Each child prints one JSON line: {"wall": s, "cpu": s, "rss_mb": MB, ...}.
CHILD_PRELUDE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
def done(**figures):
    figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures), flush=True)
"""

REPORT_CHILD = """
from pathlib import Path
from vipdesk.db import open_database
from vipdesk.documents.reports import export_report
db = open_database(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
result = export_report(db, "placements", Path(sys.argv[2]))
done(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu, rows=result.records)
"""

# The same cells, as plain values, appended to a write-only sheet: no styles, no widths, no
# other sheets. The data is read before the clock starts.
BASELINE_CHILD = """
from openpyxl import Workbook
from vipdesk.db import open_database
from vipdesk.documents.placements_report import DETAIL_TITLES
from vipdesk.services.reporting import load_placement_details
details = load_placement_details(open_database(sys.argv[1]))
rows = [
    (d.reference, d.student, d.email, d.host, d.country, d.mode.label, d.status.label, d.title,
     d.start, d.end, d.weeks, d.hours_per_week, d.ects, d.mentor or None, d.tutor or None,
     d.institution, d.periods or None)
    for d in details
]
del details
wall, cpu = time.perf_counter(), time.process_time()
wb = Workbook(write_only=True)
ws = wb.create_sheet("Placements")
ws.append(DETAIL_TITLES)
for row in rows:
    ws.append(row)
wb.save(sys.argv[2])
done(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu, rows=len(rows))
"""

IMPORT_CHILD = """
from pathlib import Path
from vipdesk.db import open_database
from vipdesk.services.importing import plan_import, run_import
db = open_database(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
plan = plan_import(db, sys.argv[2], Path(sys.argv[3]))
checked = time.perf_counter() - wall
assert plan.ok, plan.problems[:5]
result = run_import(db, plan, "benchmark")
done(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu, checked=checked,
     created=result.created)
"""


def child(code: str, *args: str) -> dict[str, float]:
    script = CHILD_PRELUDE.format(root=str(ROOT)) + code
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr}")
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def database(placements: int, folder: Path) -> str:
    """A database with `placements` demo placements in `folder` (a copy when one exists)."""
    target = folder / f"bench-{placements}.sqlite3"
    existing = DATA / f"bench-{placements}.sqlite3"
    started = time.perf_counter()
    if existing.exists():
        shutil.copyfile(existing, target)
        how = f"copied {existing.relative_to(ROOT)}"
    else:
        from vipdesk.db import open_database
        from vipdesk.services.demo import generate_demo

        db = open_database(f"sqlite:///{target}")
        generate_demo(db, placements, seed=42)
        db.dispose()
        how = "generated demo data"
    print(f"  {placements:,} placements: {how} in {time.perf_counter() - started:.1f} s")
    return f"sqlite:///{target}"


def line(label: str, figures: dict[str, float]) -> None:
    print(
        f"  {label:<34} {figures['wall']:6.1f} s wall  {figures['cpu']:6.1f} s CPU  "
        f"{figures['rss_mb']:5.0f} MB peak"
    )


def bench_report(url: str, folder: Path, runs: int) -> None:
    print("\nplacements report")
    reports, baselines = [], []
    for run in range(runs):  # alternating, so that a busy moment hits both alike
        baselines.append(child(BASELINE_CHILD, url, str(folder / f"baseline-{run}.xlsx")))
        reports.append(child(REPORT_CHILD, url, str(folder / f"report-{run}.xlsx")))
    for figures in baselines:
        line(f"write-only baseline ({int(figures['rows']):,} rows)", figures)
    for figures in reports:
        line(f"report ({int(figures['rows']):,} rows)", figures)
    best = {key: min(f[key] for f in reports) for key in ("wall", "cpu")}
    base = {key: min(f[key] for f in baselines) for key in ("wall", "cpu")}
    size = (folder / "report-0.xlsx").stat().st_size / 1e6
    print(
        f"  best of {runs}: report {best['wall']:.1f} s wall / {best['cpu']:.1f} s CPU; "
        f"ratio to the baseline {best['wall'] / base['wall']:.2f} wall, "
        f"{best['cpu'] / base['cpu']:.2f} CPU; peak {max(f['rss_mb'] for f in reports):.0f} MB; "
        f"file {size:.1f} MB"
    )


def bench_import(rows: int, folder: Path) -> None:
    print("\nimport")
    url = database(rows, folder)
    report = folder / "to-import.xlsx"
    child(REPORT_CHILD, url, str(report))
    from sqlalchemy import delete

    from vipdesk.db import open_database
    from vipdesk.models import Placement

    db = open_database(url)
    with db.session() as session:
        session.execute(delete(Placement))
    db.dispose()
    figures = child(IMPORT_CHILD, url, "placements", str(report))
    line(f"placements from .xlsx ({int(figures['created']):,})", figures)
    print(f"    of which reading and checking: {figures['checked']:.1f} s")

    students = folder / "students.csv"
    lines = ["Given name;Family name;E-mail;Student number;Date of birth;Time zone;Languages"]
    lines += [
        f"Given{n};Family{n};bench{n}@uni.example;B{n:06d};{n % 28 + 1:02d}.03.2002;"
        f"Europe/Vienna;English C1, German B2"
        for n in range(rows)
    ]
    students.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    figures = child(IMPORT_CHILD, url, "students", str(students))
    line(f"students from .csv ({int(figures['created']):,})", figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--placements", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2, help="report runs (best is kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vipdesk-bench-") as tmp:
        folder = Path(tmp)
        print("databases")
        url = database(args.placements, folder)
        bench_report(url, folder, args.runs)
        bench_import(args.import_rows, folder)


if __name__ == "__main__":
    main()
