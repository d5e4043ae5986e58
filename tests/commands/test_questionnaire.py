"""`vipdesk questionnaire export|import`: out as a PDF, back answer by answer, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import vipdesk
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import fill_fields, pdf_text
from vipdesk.cli import main
from vipdesk.db import open_database
from vipdesk.documents.agreement.form import document_properties, form_values, open_pdf
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.records import placement_evaluations
from vipdesk.services.preparation import translated as translated_module


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


def test_a_german_evaluation_goes_out_in_german_and_scores_as_the_english_one(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(sqlite_url)
    placement = make_placement(db, make_world(db))
    files: dict[str, Path] = {}
    for language in ("en", "de"):
        files[language] = tmp_path / f"q-{language}.pdf"
        args = ["--database", sqlite_url, "questionnaire", "export", str(placement.reference),
                "--party", "host", "--kind", "final", "--out", str(files[language]),
                "--language", language]  # fmt: skip
        assert main(args) == 0
    assert "“Abschlussevaluation durch die Mentorin" in capsys.readouterr().out
    german = pdf_text(files["de"].read_bytes(), tmp_path)
    assert "Abschlussevaluation" in german and "Hervorragend" in german, german
    assert "Ihr Name" in german and "Seite 1 von" in german and "Praktikum" in german
    for english in ("Your name", "Answered by", "Page 1", "(optional)", "Mostly reached",
                    "send it back", "generated"):  # fmt: skip
        assert english not in german, english
    assert (
        document_properties(open_pdf(files["de"].read_bytes(), "q.pdf"))["VipdeskLanguage"] == "de"
    )

    stored = {}
    for language, path in files.items():
        fields, _signed = form_values(open_pdf(path.read_bytes(), path.name))
        values = {name: "" for name in fields} | {
            "respondent": "Jürgen Weiß", "q_host_again": "yes", "q_workload": "about_right",
            "q_final_assessment": "Sehr gut",
        }  # fmt: skip
        values |= {name: "4" for name in fields if name.startswith("q_outcome_")}
        for name in ("overall_performance", "deliverables_done", "mentoring_sustainable",
                     "university_cooperation", "tools_worked", "team_gained"):  # fmt: skip
            values[f"q_{name}"] = "5"
        back = tmp_path / f"back-{language}.pdf"
        back.write_bytes(fill_fields(path.read_bytes(), values))
        assert main(["--database", sqlite_url, "questionnaire", "import", str(back)]) == 0
        capsys.readouterr()
        stored[language] = placement_evaluations(db, placement.id or 0)[-1]
    assert stored["de"].answers == stored["en"].answers
    assert stored["de"].score == stored["en"].score


def test_a_readiness_questionnaire_goes_out_in_the_language_asked(
    sqlite_url: str, tmp_path: Path
) -> None:
    db = open_database(sqlite_url)
    placement = make_placement(db, make_world(db))
    out = tmp_path / "r.pdf"
    done = vipdesk("--database", sqlite_url, "questionnaire", "export", str(placement.reference),
                   "--party", "student", "--kind", "readiness", "--out", str(out),
                   "--language", "pl")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "“Gotowość studenta" in done.stdout and "Polski" in done.stdout
    assert "not translated" not in done.stdout
    refused = vipdesk("--database", sqlite_url, "questionnaire", "export", "X",
                      "--party", "student", "--kind", "readiness", "--out", str(out),
                      "--language", "xx")  # fmt: skip
    assert refused.returncode == 2 and "invalid choice: 'xx'" in refused.stderr


def test_a_questionnaire_not_yet_translated_goes_out_in_english_and_says_so(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = open_database(sqlite_url)
    placement = make_placement(db, make_world(db))
    (tmp_path / "questionnaires").mkdir()  # a language whose files are not there yet
    monkeypatch.setattr(translated_module, "resources_dir", lambda: tmp_path)
    translated_module._translated.cache_clear()
    try:
        assert main(["--database", sqlite_url, "questionnaire", "export",
                     str(placement.reference), "--party", "student", "--kind", "readiness",
                     "--out", str(tmp_path / "r.pdf"), "--language", "pl"]) == 0  # fmt: skip
    finally:
        translated_module._translated.cache_clear()
    assert "It is not translated into Polski yet: it is in English." in capsys.readouterr().out
