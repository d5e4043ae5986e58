"""Speed of one agreement PDF: prints figures, asserts nothing.

    python benchmarks/bench_agreement.py [--runs 30]

Renders the agreement of one demo placement `--runs` times (median, fonts registered once
beforehand), the fillable variant, and a baseline: the same content laid out directly with
reportlab platypus (same fonts, plain tables, no form fields, no document properties, no
"page x of y"). Signing and verification are timed apart, for information.

Goals on a 2-core machine: ≤ 100 ms per agreement, and at most 1.5 times the baseline.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from vipdesk.db import open_database  # noqa: E402
from vipdesk.documents.agreement_pdf import render_agreement  # noqa: E402
from vipdesk.documents.fonts import FONT, FONT_BOLD, register_fonts  # noqa: E402
from vipdesk.services.agreement_data import AgreementData  # noqa: E402
from vipdesk.services.agreement_prefill import agreement_from_placement  # noqa: E402
from vipdesk.services.demo import generate_demo  # noqa: E402


def baseline(data: AgreementData) -> bytes:
    """The same content, straight platypus: what the layout costs without vipdesk's extras.

    Same sections, rows, bullets and tables, same fonts; no page header or footer, no
    "page x of y", no document properties, no form or signature fields, no keep-together.
    """
    body = ParagraphStyle("b", fontName=FONT, fontSize=8.5, leading=11)
    bold = ParagraphStyle("l", parent=body, fontName=FONT_BOLD)
    head = ParagraphStyle("h", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=10)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text or "—"), style)

    def dots(items: tuple[str, ...]) -> list[Paragraph]:
        return [Paragraph(escape(item), body, bulletText="•") for item in items]

    def grid(rows: list[list[Any]], widths: list[float]) -> Table:
        cells = [[p(c) if isinstance(c, str) else c for c in row] for row in rows]
        t = Table(cells, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, "#cccccc")]))
        return t

    def kv(rows: list[tuple[str, Any]]) -> Table:
        return grid([[p(k, bold), v] for k, v in rows], [46 * mm, 124 * mm])

    t, s, r, g = data.trainee, data.sending, data.receiving, data.programme
    story: list[Any] = [
        Paragraph(escape(f"Learning Agreement for Traineeships — {g.mode.value} placement"), head),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
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

    from tests.documents.certificates import PASSPHRASE, make_certificates
    from vipdesk.documents.agreement_signatures import Party
    from vipdesk.documents.signing import sign_agreement, verify_signatures

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


if __name__ == "__main__":
    main()
