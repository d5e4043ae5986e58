"""The README's command-line examples reach the demo database and do what they say."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from vipdesk.cli import main
from vipdesk.db import demo_database_url, open_database
from vipdesk.models import Institution
from vipdesk.services.demo.fill import ensure_demo

README = Path(__file__).resolve().parents[1] / "README.md"
PROGRAM = ".venv/bin/vipdesk"


def demo_examples() -> list[list[str]]:
    """The arguments of every README line that runs a command on the demo database."""
    examples = []
    for line in README.read_text(encoding="utf-8").splitlines():
        if not line.startswith(f"{PROGRAM} --demo "):
            continue
        words = shlex.split(line, comments=True)
        if words[:2] == [PROGRAM, "--demo"] and len(words) > 2 and not words[2].startswith("-"):
            examples.append(words[1:])
    return examples


def test_the_readme_shows_demo_examples_of_every_command() -> None:
    commands = {words[1] for words in demo_examples()}
    assert {"report", "agreement", "import", "due"} <= commands


def test_every_demo_example_of_the_readme_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    demo = open_database(demo_database_url())
    ensure_demo(demo)
    with demo.session() as session:
        institution = session.scalars(select(Institution.name).limit(1)).one()
    demo.dispose()
    Path("students.csv").write_text(
        f"Given name;Surname;E-mail;Institution\nAnna;Nowak;anna@uni.example;{institution}\n",
        encoding="utf-8",
    )
    for words in demo_examples():
        assert main(words) == 0, f"{shlex.join(words)}: {capsys.readouterr().err}"
    out = capsys.readouterr().out
    assert "Imported 1 student" in out
    costs = load_workbook(tmp_path / "costs.xlsx")
    assert len(list(costs["Placements"].values)) == 1 + 1500  # a row per demo placement
    figures = {row[0]: row[1] for row in costs["Summary"].values}
    assert figures["Total cost"] > 0 and figures["Shares of shared costs"] > 0  # not all zero


def test_demo_and_database_together_are_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'mine.sqlite3'}"
    assert main(["--demo", "--database", url, "report", "costs", "--out", "c.xlsx"]) == 1
    assert capsys.readouterr().err == "vipdesk: Give either --demo or --database URL, not both.\n"
    assert not (tmp_path / "mine.sqlite3").exists()
