"""Speed of the agreement PDFs: prints figures, asserts nothing.

    python benchmarks/bench_agreement.py [--runs 30] [--batch 500]

1. One agreement: renders the agreement of one demo placement `--runs` times (median, fonts
   registered once beforehand), the fillable variant, and a baseline: the same content laid
   out directly with reportlab platypus (same fonts, plain tables, no form fields, no document
   properties, no "page x of y"). Signing and verification are timed apart, for information.
2. A batch: `--batch` agreements of a demo database whose placements all have a communication
   protocol and tested tools, exported with `export_agreements` as the UI runs it (progress
   reported and cancel polled after every file), in a fresh process so that its time and peak
   memory (ru_maxrss) are its own.
3. World names: the same agreement with its people named in Chinese, Korean, Devanagari,
   Thai, Arabic and Hebrew (fallback faces embedded, Devanagari and Thai shaped), against the
   same baseline; the first use of the fallback faces (reading the font files) is timed apart.

Goals on a 2-core machine: ≤ 100 ms per agreement, and at most 1.5 times the baseline.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from vipdesk.db import open_database  # noqa: E402
from vipdesk.documents.agreement.content import AgreementData  # noqa: E402
from vipdesk.documents.agreement.pdf import render_agreement  # noqa: E402
from vipdesk.documents.pdf.fonts import FONT, FONT_BOLD, markup, register_fonts  # noqa: E402
from vipdesk.services.agreements.prefill import agreement_from_placement  # noqa: E402
from vipdesk.services.demo.generate import generate_demo  # noqa: E402


def baseline(data: AgreementData) -> bytes:
    """The same content, straight platypus: what the layout costs without vipdesk's extras.

    Same sections, rows, bullets and tables, same fonts (a name DejaVu lacks in its fallback
    face, as `markup` picks it: a baseline drawing empty boxes would be cheaper and wrong);
    no page header or footer, no "page x of y", no document properties, no form or signature
    fields, no keep-together.
    """
    body = ParagraphStyle("b", fontName=FONT, fontSize=8.5, leading=11)
    bold = ParagraphStyle("l", parent=body, fontName=FONT_BOLD)
    head = ParagraphStyle("h", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=10)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(markup(text or "—"), style)

    def dots(items: tuple[str, ...]) -> list[Paragraph]:
        return [Paragraph(markup(item), body, bulletText="•") for item in items]

    def grid(rows: list[list[Any]], widths: list[float]) -> Table:
        cells = [[p(c) if isinstance(c, str) else c for c in row] for row in rows]
        t = Table(cells, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, "#cccccc")]))
        return t

    def kv(rows: list[tuple[str, Any]]) -> Table:
        return grid([[p(k, bold), v] for k, v in rows], [46 * mm, 124 * mm])

    t, s, r, g = data.trainee, data.sending, data.receiving, data.programme
    story: list[Any] = [
        Paragraph(markup(f"Learning Agreement for Traineeships — {g.mode.value} placement"), head),
        p(f"Reference {data.reference} · Version {data.version}"),
        Paragraph("1. The parties", head),
        kv([("Name", t.name), ("Date of birth", str(t.date_of_birth)),
            ("Nationality", t.nationality), ("Study cycle", str(t.study_cycle)),
            ("Field", t.field_of_education), ("E-mail", t.email)]),
        kv([("Name", s.name), ("Faculty", s.faculty), ("Erasmus code", s.erasmus_code),
            ("Address", s.address), ("Country", s.country), ("Contact", s.contact.name),
            ("Tutor", s.tutor.name)]),
        kv([("Name", r.name), ("Department", r.department), ("Address", r.address),
            ("Website", r.website), ("Country", r.country), ("Size", r.size), ("Sector", r.sector),
            ("Contact", r.contact.name), ("Mentor", r.mentor.name)]),
        Paragraph("2. The traineeship programme", head),
        kv([("Period", f"{g.start} to {g.end}"), ("Mode", g.mode.value),
            ("Hours", str(g.hours_per_week)), ("Title", g.title), ("Description", g.description),
            ("Language", f"{g.language} {g.language_level}")]),
        grid([["No.", "Task", "Deliverable", "Deadline"]]
             + [[str(n), x.description, x.deliverable, str(x.deadline)]
                for n, x in enumerate(g.tasks, 1)],
             [10 * mm, 84 * mm, 52 * mm, 24 * mm]),
        *dots(g.learning_outcomes), p(g.monitoring_plan), p(g.evaluation_plan),
        *dots(g.evaluation_criteria),
        Paragraph("3. Communication protocol", head), *dots(data.protocol),
        Paragraph("4. Roles and responsibilities", head),
        grid([["Actor", "Responsibilities"]]
             + [[[p(x.title, bold), p(x.name)], dots(x.duties)] for x in data.roles],
             [46 * mm, 124 * mm]),
        Paragraph("5. Technology", head),
        grid([["Tool", "Used for", "Tested"]]
             + [[x.name, x.purpose, x.test_status] for x in data.tools],
             [46 * mm, 76 * mm, 48 * mm]) if data.tools else p("No tools are recorded yet."),
        Paragraph("6. Recognition", head),
        kv([("Recognition", data.recognition.kind.label),
            ("Credits", str(data.recognition.credits)), ("Grade", data.recognition.grade),
            ("Recorded in", data.recognition.transcript),
            ("Insurance", data.recognition.insurance)]),
        Paragraph("7. Commitments of the receiving organisation", head),
        kv([("Financial support", str(data.host.amount)), ("In kind", data.host.in_kind),
            ("Insurance", data.host.insurance), ("Certificate", "within 5 weeks")]),
        Paragraph("8. Signatures", head),
        grid([["The trainee", "The sending institution", "The receiving organisation"],
              [t.name, s.contact.name, r.mentor.name], ["Date:", "Date:", "Date:"],
              [Spacer(1, 57)] * 3],
             [56.7 * mm] * 3),
    ]  # fmt: skip
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm).build(story)
    return out.getvalue()


def with_world_names(data: AgreementData) -> AgreementData:
    """`data` with its people named in the scripts DejaVu lacks, and in Arabic and Hebrew."""
    from dataclasses import replace

    from vipdesk.documents.agreement.content import Person

    def person(old: Person, name: str) -> Person:
        return replace(old, name=name)

    return replace(
        data,
        trainee=replace(data.trainee, name="李俊杰"),
        sending=replace(
            data.sending,
            contact=person(data.sending.contact, "ياسمين حداد"),
            tutor=person(data.sending.tutor, "정수아"),
        ),
        receiving=replace(
            data.receiving,
            contact=person(data.receiving.contact, "สมชาย ใจดี"),
            mentor=person(data.receiving.mentor, "देवेंद्र शर्मा"),
        ),
    )


def median_ms(actions: list[Callable[[], object]], runs: int) -> list[float]:
    """Median milliseconds of each action; the actions take turns, so that a busy machine
    slows all of them alike and their ratio stays meaningful."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, times, strict=True):
            started = time.perf_counter()
            action()
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) * 1000 for spent in times]


# The batch, in its own process; prints one JSON line.
BATCH_CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from vipdesk.db import open_database
from vipdesk.services.agreements.batch import export_agreements
from vipdesk.models import Placement
from sqlalchemy import select
db = open_database(sys.argv[1])
with db.session() as s:
    ids = list(s.scalars(select(Placement.id).order_by(Placement.id).limit(int(sys.argv[3]))))
reports = []
wall, cpu = time.perf_counter(), time.process_time()
result = export_agreements(
    db, ids, Path(sys.argv[2]), progress=lambda d, t, w: reports.append(d),
    should_cancel=lambda: False,
)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
size = sum(p.stat().st_size for p in result.written)
print(json.dumps(dict(wall=wall, cpu=cpu, files=len(result.written), reports=len(reports),
      bytes=size, rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))
"""


def prepare_all(db: Any) -> None:
    """A protocol (student, mentor, tutor hours in their zones) and four tools tested with
    each actor, for every placement the demo left unprepared (the demo prepares those from
    "agreement sent" on): the agreement's sections 3 and 5 as in real use."""
    from datetime import time as clock
    from datetime import timedelta

    from sqlalchemy import select, union
    from sqlalchemy.orm import selectinload

    from vipdesk.models import (
        ActorAvailability,
        Cadence,
        CommunicationProtocol,
        Placement,
        ProtocolActor,
        ToolChoice,
        ToolTest,
        ToolTestResult,
    )

    tools = {"meetings": "teams", "questions": "teams", "reporting": "email", "fallback": "phone"}
    with db.session("bench") as session:
        prepared = union(
            select(CommunicationProtocol.placement_id),
            select(ToolChoice.placement_id),
            select(ToolTest.placement_id),
        )
        placements = session.scalars(
            select(Placement)
            .where(Placement.id.not_in(prepared))
            .options(
                selectinload(Placement.student),
                selectinload(Placement.host),
                selectinload(Placement.mentor),
                selectinload(Placement.tutor),
                selectinload(Placement.institution),
            )
        ).all()
        for n, p in enumerate(placements):
            zones = {
                ProtocolActor.STUDENT: p.student.timezone,
                ProtocolActor.MENTOR: (p.mentor or p.host).timezone,
                ProtocolActor.TUTOR: (p.tutor or p.institution).timezone,
            }
            protocol = CommunicationProtocol(
                placement_id=p.id,
                reporting=Cadence.WEEKLY,
                reply_hours=24,
                meetings=Cadence.WEEKLY,
                meeting_minutes=60,
                student_helpdesk="ict-help@example.edu" if n % 2 else None,
                availability=[
                    ActorAvailability(
                        actor=actor, timezone=zone, weekdays="12345",
                        start_time=clock(9), end_time=clock(17),
                    )
                    for actor, zone in zones.items()
                ],
            )  # fmt: skip
            session.add(protocol)
            for purpose, key in tools.items():
                session.add(ToolChoice(placement_id=p.id, purpose=purpose, tool_key=key))
            for key in set(tools.values()):
                for k, actor in enumerate(ProtocolActor):
                    tested = (n + k) % 4 != 0
                    session.add(
                        ToolTest(
                            placement_id=p.id, tool_key=key, actor=actor,
                            result=ToolTestResult.PASSED if tested else ToolTestResult.NOT_YET,
                            tested_on=p.planned_start - timedelta(days=10) if tested else None,
                        )
                    )  # fmt: skip


def batch(count: int, single_ms: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.sqlite3"
        db = open_database(f"sqlite:///{path}")
        started = time.perf_counter()
        generate_demo(db, count, 7)
        prepare_all(db)
        setup_s = time.perf_counter() - started
        db.dispose()
        out = Path(folder) / "out"
        out.mkdir()
        child = subprocess.run(
            [sys.executable, "-c", BATCH_CHILD.format(root=str(ROOT)), f"sqlite:///{path}",
             str(out), str(count)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        figures = json.loads(child.stdout.strip().splitlines()[-1])
    files = figures["files"]
    per = figures["wall"] * 1000 / files
    print(f"Batch of {files} agreements (protocol and tools filled), demo database + setup "
          f"{setup_s:.1f} s")  # fmt: skip
    print(f"  export_agreements, wall            {figures['wall']:7.1f} s    "
          f"cpu {figures['cpu']:.1f} s")  # fmt: skip
    print(f"  per agreement                      {per:7.1f} ms   goal ≤ 100 ms")
    print(f"  per agreement, cpu (busy machine)  {figures['cpu'] * 1000 / files:7.1f} ms")
    print(f"  per agreement / single median      {per / single_ms:7.2f} ×")
    print(f"  progress reports                   {figures['reports']:7d}")
    print(f"  written                            {figures['bytes'] / 1e6:7.1f} MB")
    print(f"  peak memory (whole process)        {figures['rss_mb']:7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=500, help="agreements in the batch (0: none)")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        generate_demo(db, 40, 7)
        started = time.perf_counter()
        data = agreement_from_placement(db, 3)
        build_ms = (time.perf_counter() - started) * 1000
        db.dispose()

    started = time.perf_counter()
    register_fonts()
    fonts_ms = (time.perf_counter() - started) * 1000
    render_agreement(data)  # warm caches (styles, glyph widths) before timing
    baseline(data)

    plain, fillable, base = median_ms(
        [
            lambda: render_agreement(data),
            lambda: render_agreement(data, fillable=True),
            lambda: baseline(data),
        ],
        runs,
    )
    pdf = render_agreement(data, fillable=True)

    print(f"Agreement {data.reference} ({data.programme.mode.value}), {len(pdf):,} bytes fillable")
    print(f"  read from the database (once)      {build_ms:7.1f} ms")
    print(f"  register fonts (once per process)  {fonts_ms:7.1f} ms")
    print(f"  agreement PDF, median of {runs:<3}       {plain:7.1f} ms   goal ≤ 100 ms")
    print(f"  fillable PDF, median of {runs:<3}        {fillable:7.1f} ms")
    print(f"  baseline (plain platypus)          {base:7.1f} ms")
    print(f"  agreement / baseline               {plain / base:7.2f} ×    goal ≤ 1.5 ×")

    world = with_world_names(data)
    started = time.perf_counter()
    render_agreement(world)  # reads the fallback faces: once per process
    first_ms = (time.perf_counter() - started) * 1000
    world_plain, world_base = median_ms(
        [lambda: render_agreement(world), lambda: baseline(world)], runs
    )
    print("World names (李俊杰, 정수아, देवेंद्र शर्मा, สมชาย ใจดี, ياسمين حداد)")
    print(f"  first agreement (reads the faces)  {first_ms:7.1f} ms")
    print(f"  agreement PDF, median of {runs:<3}       {world_plain:7.1f} ms   goal ≤ 100 ms")
    print(f"  baseline (plain platypus)          {world_base:7.1f} ms")
    print(f"  agreement / baseline               {world_plain / world_base:7.2f} ×    goal ≤ 1.5 ×")

    from tests.helpers.certificates import PASSPHRASE, make_certificates
    from vipdesk.documents.agreement.signature_block import Party
    from vipdesk.documents.signatures.signing import sign_agreement
    from vipdesk.documents.signatures.verification import verify_signatures

    with tempfile.TemporaryDirectory() as folder:
        certificates = make_certificates(Path(folder))
    started = time.perf_counter()
    for party in Party:
        pdf = sign_agreement(
            pdf, party=party, pkcs12=certificates.p12[party.value], passphrase=PASSPHRASE
        ).pdf
    sign_ms = (time.perf_counter() - started) * 1000 / 3
    (verify,) = median_ms([lambda: verify_signatures(pdf)], 5)
    print(f"  one signature (not in the goal)    {sign_ms:7.1f} ms")
    print(f"  verify three signatures            {verify:7.1f} ms")
    if args.batch > 0:
        batch(args.batch, plain)


if __name__ == "__main__":
    main()
