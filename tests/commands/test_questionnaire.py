"""`vipdesk questionnaire export|import`: out as a PDF, back answer by answer, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import vipdesk
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import fill_fields
from vipdesk.cli import main
from vipdesk.db import open_database
from vipdesk.documents.agreement.form import document_properties, form_values, open_pdf
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.records import placement_evaluations


def test_an_evaluation_goes_out_and_comes_back_through_the_command_line(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(sqlite_url)
    placement = make_placement(db, make_world(db))
    out = tmp_path / "q.pdf"
    args = ["--database", sqlite_url, "questionnaire", "export", str(placement.reference),
            "--party", "host", "--kind", "final", "--out", str(out)]  # fmt: skip
    assert main(args) == 0
    assert "Wrote the final evaluation by the host mentor (evaluation_final_host v1" in (
        capsys.readouterr().out
    )
    pdf = out.read_bytes()
    fields, _signed = form_values(open_pdf(pdf, "q.pdf"))
    assert document_properties(open_pdf(pdf, "q.pdf"))["VipdeskQuestionnaire"] == (
        "evaluation_final_host"
    )
    values = {name: "" for name in fields} | {
        "respondent": "Jürgen Weiß",
        "q_final_assessment": "Sehr gut — 很好",
        "q_host_again": "yes",
        "q_workload": "about_right",
    }
    values |= {name: "4" for name in fields if name.startswith("q_outcome_")}
    for name in ("overall_performance", "deliverables_done", "mentoring_sustainable",
                 "university_cooperation", "tools_worked", "team_gained"):  # fmt: skip
        values[f"q_{name}"] = "5"
    back = tmp_path / "back.pdf"
    back.write_bytes(fill_fields(pdf, values))

    assert main(["--database", sqlite_url, "questionnaire", "import", str(back), "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "answered by Jürgen Weiß (host mentor)" in shown
    assert "Sehr gut — 很好" in shown and "4 – Mostly reached" in shown
    assert "Nothing was stored (--dry-run)." in shown
    assert placement_evaluations(db, placement.id or 0) == []

    assert main(["--database", sqlite_url, "questionnaire", "import", str(back)]) == 0
    assert "Stored as a completed evaluation" in capsys.readouterr().out
    [stored] = placement_evaluations(db, placement.id or 0)
    assert stored.party is ReadinessParty.COMPANY
    assert stored.answers["final_assessment"] == "Sehr gut — 很好"
    db.dispose()


def test_a_refused_file_is_one_line_on_stderr_and_exit_1(sqlite_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_url)
    placement = make_placement(db, make_world(db))
    db.dispose()
    foreign = tmp_path / "scan.pdf"
    foreign.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
    result = vipdesk("--database", sqlite_url, "questionnaire", "import", str(foreign))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("vipdesk: scan.pdf ")
    result = vipdesk("--database", sqlite_url, "questionnaire", "export",
                     str(placement.reference), "--party", "mentor", "--kind", "final",
                     "--out", str(tmp_path / "q.pdf"))  # fmt: skip
    assert result.returncode == 2 and "invalid choice: 'mentor'" in result.stderr
