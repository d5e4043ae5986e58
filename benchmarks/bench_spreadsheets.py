"""Speed of the spreadsheets: prints figures, asserts nothing.

    python benchmarks/bench_spreadsheets.py                    # 100,000 placements, 10,000 rows
    python benchmarks/bench_spreadsheets.py --placements 20000 --import-rows 2000
    python benchmarks/bench_spreadsheets.py --kinds readiness,tools --skip-import \
        --database sqlite:///FILLED.sqlite3     # one kept from an earlier run, as it is

1. Every report kind (placements, costs, funding, readiness, tools) of every placement, against
   openpyxl's write-only mode writing the same detail cells as plain values (the least any
   report of these cells can cost; the data is read before its clock starts), XlsxWriter's
   constant_memory mode writing the same cells (to see which writer is the floor), and the
   peak memory of each (the peak resident size of its own process). The funding report's
   sheets hold a row per funding source and budget line, so it has no baseline: its time is
   reading and summing costs. The demo holds costs, questionnaires and tools; an older one
   without them gets them from `bench_report_data.add_report_data`, and the script says so.
   With --postgres (or $VIPDESK_TEST_POSTGRES_URL) the reports run on PostgreSQL too.
2. Importing placements: the report of a demo database read back into a copy whose placements
   were deleted (reading, checking every row, inserting), and students from a CSV.

Each measurement runs in a fresh process, so that its time and memory are its own. Wall-clock
and CPU time are both printed: on a busy machine CPU time is the steadier figure.
Goals (issue 16): each report ≤ 1.3 times its write-only baseline, ≤ 500 MB, ≤ 20 s, funding ≤ 2 s;
import ≤ 10 s.

The database of bench_records.py (bench-data/bench-N.sqlite3) is reused when it exists, as a
copy: the original is never opened for writing (opening migrates).
"""

from __future__ import annotations

import argparse
import json
import os
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
def peak_mb():
    # VmHWM: this process's own peak. ru_maxrss would count the parent's size at the fork.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def done(**figures):
    figures["rss_mb"] = peak_mb()
    print(json.dumps(figures), flush=True)
"""

REPORT_CHILD = """
from pathlib import Path
from vipdesk.db import open_database
from vipdesk.reports.kinds import export_report
db = open_database(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
result = export_report(db, sys.argv[3], Path(sys.argv[2]))
done(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu, rows=result.records)
"""

# The detail sheet's cells, as plain values, appended to a write-only sheet: no styles, no
# widths, no other sheets. The data is read (and scored, shared…) before the clock starts.
BASELINE_CHILD = """
from pathlib import Path
from openpyxl import Workbook
from vipdesk.db import open_database
from vipdesk.services.reports.filters import load_placement_details
db, kind = open_database(sys.argv[1]), sys.argv[3]
read = time.perf_counter()
details = load_placement_details(db)
if kind == "placements":
    from vipdesk.reports.placements import DETAIL_TITLES as titles
    rows = [
        (d.reference, d.student, d.email, d.host, d.country, d.mode.label, d.status.label,
         d.title, d.start, d.end, d.weeks, d.hours_per_week, d.ects, d.mentor or None,
         d.tutor or None, d.institution, d.periods or None)
        for d in details
    ]
else:
    if kind == "costs":
        from vipdesk.reports.costs import detail_table
        from vipdesk.services.reports.data import cost_data
        data = cost_data(db, details)
    elif kind == "readiness":
        from vipdesk.reports.readiness import detail_table
        from vipdesk.services.reports.readiness import readiness_data
        data = readiness_data(db, details)
    else:
        from vipdesk.reports.tools import detail_table
        from vipdesk.services.reports.tools import tools_data
        data = tools_data(db, details)
    cols, rows = detail_table(data)
    titles = [c.title for c in cols]
    del data
del details
read = time.perf_counter() - read
wall, cpu = time.perf_counter(), time.process_time()
if sys.argv[4] == "xlsxwriter":
    # The same cells with XlsxWriter's constant_memory mode (a row at a time, like
    # write-only): dates as day numbers, Decimals and other numbers as numbers.
    import xlsxwriter
    wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    ws = wb.add_worksheet("Detail")
    ws.write_row(0, 0, titles)
    from datetime import date
    from decimal import Decimal
    zero = date(1899, 12, 30).toordinal()
    for n, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(n, c, v)
            elif isinstance(v, date):
                ws.write_number(n, c, v.toordinal() - zero)
            elif isinstance(v, int | float | Decimal):
                ws.write_number(n, c, v)
            else:
                ws.write_string(n, c, str(v))
    wb.close()
elif sys.argv[4] == "streamed":
    # The same cells written as sheet XML by vipdesk's own writer, with no formats.
    from vipdesk.documents.streamed_rows import stream_rows
    from vipdesk.documents.workbook_files import new_workbook, save_workbook
    wb = new_workbook("Baseline", "the same rows")
    ws = wb.create_sheet("Detail")
    ws.append(titles)
    stream_rows(ws, [None] * len(titles), rows)
    save_workbook(wb, Path(sys.argv[2]))
else:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Detail")
    ws.append(titles)
    for row in rows:
        ws.append(row)
    wb.save(sys.argv[2])
done(wall=time.perf_counter() - wall, cpu=time.process_time() - cpu, rows=len(rows), read=read)
"""

IMPORT_CHILD = """
from pathlib import Path
from vipdesk.db import open_database
from vipdesk.services.importing.plan import plan_import, run_import
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
        from vipdesk.services.demo.generate import generate_demo

        db = open_database(f"sqlite:///{target}")
        generate_demo(db, placements, seed=42)
        db.dispose()
        how = "generated demo data"
    print(f"  {placements:,} placements: {how} in {time.perf_counter() - started:.1f} s")
    return f"sqlite:///{target}"


KINDS = ("placements", "costs", "funding", "readiness", "tools")
BASELINES = ("placements", "costs", "readiness", "tools")


def postgres_database(server: str, placements: int) -> str:
    """The URL of database vipdesk_bench_N on `server`, filled with N demo placements the first
    time (that takes a while) and reused afterwards as it is."""
    from sqlalchemy import create_engine, func, select, text
    from sqlalchemy.engine import make_url

    from vipdesk.db import open_database
    from vipdesk.models import Placement
    from vipdesk.services.demo.generate import generate_demo

    name = f"vipdesk_bench_{placements}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not found:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    db = open_database(url)
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(Placement)) or 0
    if count == 0:
        started = time.perf_counter()
        generate_demo(db, placements, seed=42)
        print(f"  {name}: generated demo data in {time.perf_counter() - started:.1f} s")
    else:
        print(f"  {name}: {count:,} placements, as it is")
    db.dispose()
    return url


def enrich(url: str) -> None:
    """Costs, questionnaires and tools in the copy (see `bench_report_data`), after migrating,
    unless the demo made them (it does since it has funding, readiness and tools)."""
    from bench_report_data import add_report_data
    from sqlalchemy import func, select

    from vipdesk.db import open_database
    from vipdesk.models import CostItem

    db = open_database(url)  # migrated first: the rows go into the current schema
    with db.session() as session:
        costs = session.scalar(select(func.count()).select_from(CostItem))
    db.dispose()
    if costs:
        print(f"  the demo holds costs ({costs:,} items), questionnaires and tools: none added")
        return
    started = time.perf_counter()
    added = add_report_data(Path(url.removeprefix("sqlite:///")))
    print(f"  added in {time.perf_counter() - started:.1f} s:")
    for what, count in added.items():
        print(f"    {count:>9,} {what}")


def line(label: str, figures: dict[str, float]) -> None:
    print(
        f"  {label:<34} {figures['wall']:6.1f} s wall  {figures['cpu']:6.1f} s CPU  "
        f"{figures['rss_mb']:5.0f} MB peak"
    )


def bench_report(url: str, folder: Path, kind: str, runs: int) -> None:
    print(f"\n{kind} report")
    reports: list[dict[str, float]] = []
    baselines: list[dict[str, float]] = []
    xlsxwriter: list[dict[str, float]] = []
    streamed: list[dict[str, float]] = []
    for run in range(runs):  # alternating, so that a busy moment hits both alike
        if kind in BASELINES:
            out = str(folder / f"baseline-{run}.xlsx")
            baselines.append(child(BASELINE_CHILD, url, out, kind, "openpyxl"))
            xlsxwriter.append(child(BASELINE_CHILD, url, out, kind, "xlsxwriter"))
            streamed.append(child(BASELINE_CHILD, url, out, kind, "streamed"))
        reports.append(child(REPORT_CHILD, url, str(folder / f"{kind}-{run}.xlsx"), kind))
    for figures in baselines:
        line(f"write-only baseline ({int(figures['rows']):,} rows)", figures)
    for figures in xlsxwriter:
        line("the same rows, XlsxWriter constant_memory", figures)
    for figures in streamed:
        line("the same rows, streamed (vipdesk's writer)", figures)
    for figures in reports:
        line(f"report ({int(figures['rows']):,} records)", figures)
    best = {key: min(f[key] for f in reports) for key in ("wall", "cpu")}
    size = (folder / f"{kind}-0.xlsx").stat().st_size / 1e6
    if baselines:
        base = {key: min(f[key] for f in baselines) for key in ("wall", "cpu")}
        ratio = (
            f"ratio to the baseline {best['wall'] / base['wall']:.2f} wall, "
            f"{best['cpu'] / base['cpu']:.2f} CPU"
        )
        # What the baseline leaves out: reading (scoring, sharing…) the data, which the
        # report's time includes.
        read = min(f["read"] for f in baselines)
        print(
            f"  reading the data (in the baseline's process, not in its time): {read:.1f} s; "
            f"report against reading + baseline: {best['wall'] / (read + base['wall']):.2f} wall"
        )
    else:
        ratio = "no baseline (a few rows: the time is reading and sharing the costs)"
    peak = max(f["rss_mb"] for f in reports)
    print(
        f"  best of {runs}: report {best['wall']:.1f} s wall / {best['cpu']:.1f} s CPU; "
        f"{ratio}; peak {peak:.0f} MB; file {size:.1f} MB"
    )
    limit = 2.0 if kind == "funding" else 20.0  # the goals of issue 16
    within = best["wall"] <= limit and peak <= 500
    if baselines:
        within = within and best["wall"] <= 1.3 * base["wall"]
    print(f"  goal (≤ {limit:.0f} s, ≤ 500 MB, ≤ 1.3 × baseline): {'met' if within else 'NOT met'}")


def bench_import(rows: int, folder: Path) -> None:
    print("\nimport")
    url = database(rows, folder)
    report = folder / "to-import.xlsx"
    child(REPORT_CHILD, url, str(report), "placements")
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
    parser.add_argument("--kinds", default=",".join(KINDS), help="report kinds, comma-separated")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--database", help="a database already filled by an earlier run: reports only, no copy"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("VIPDESK_TEST_POSTGRES_URL"),
        help="a PostgreSQL server URL (default: $VIPDESK_TEST_POSTGRES_URL): the reports run "
        "there too, on a database vipdesk_bench_N filled with the demo once and then reused",
    )
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown report kinds: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="vipdesk-bench-") as tmp:
        folder = Path(tmp)
        print("databases")
        if args.database:
            url = args.database
            print(f"  {url}, as it is")
        else:
            url = database(args.placements, folder)
            if set(kinds) - {"placements"}:
                enrich(url)
        for kind in kinds:
            bench_report(url, folder, kind, args.runs)
        if args.postgres:
            print(f"\non PostgreSQL ({args.placements:,} placements)")
            pg = postgres_database(args.postgres, args.placements)
            for kind in kinds:
                bench_report(pg, folder, kind, args.runs)
        if not args.skip_import:
            bench_import(args.import_rows, folder)


if __name__ == "__main__":
    main()
