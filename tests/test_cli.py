"""The command line contract, run as a user would run it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.helpers.cli import vipdesk
from tests.helpers.fake_postgres import refusing_server
from vipdesk import __version__
from vipdesk.db import open_database


def test_version() -> None:
    result = vipdesk("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"vipdesk {__version__}"


def test_demo_then_screenshot(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    made = vipdesk("--database", url, "demo", "--placements", "120", "--seed", "3")
    assert made.returncode == 0, made.stderr
    assert "Wrote 120 placements" in made.stdout
    shot = tmp_path / "main.png"
    result = vipdesk("--database", url, "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 1000


def test_the_database_comes_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "from-env.sqlite3"
    result = vipdesk("demo", "--placements", "5", env={"VIPDESK_DATABASE_URL": f"sqlite:///{path}"})
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_demo_refuses_a_filled_database_with_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.sqlite3'}"
    assert vipdesk("--database", url, "demo", "--placements", "5").returncode == 0
    again = vipdesk("--database", url, "demo", "--placements", "5")
    assert again.returncode == 1
    assert again.stderr.startswith("vipdesk: ")
    assert len(again.stderr.strip().splitlines()) == 1


def test_a_newer_database_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    assert vipdesk("--database", f"sqlite:///{path}", "demo", "--placements", "1").returncode == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    result = vipdesk("--database", f"sqlite:///{path}", "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "newer version of vipdesk" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.png").exists()


def test_database_may_follow_the_demo_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'after.sqlite3'}"
    result = vipdesk("demo", "--placements", "3", "--database", url)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "after.sqlite3").exists()


def test_the_demo_database_is_made_on_first_use(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shot = tmp_path / "demo.png"
    result = vipdesk("--demo", "--screenshot", str(shot), env={"VIPDESK_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "demo.sqlite3").exists()
    assert not QImage(str(shot)).isNull()


def _bad_databases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """(URL, words the one line must hold), by what is wrong."""
    text_file = tmp_path / "letter.sqlite3"
    text_file.write_text("Dear Anna,\n")
    office = tmp_path / "office.sqlite3"
    open_database(f"sqlite:///{office}").dispose()
    with sqlite3.connect(office) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return {
        "a text file": (f"sqlite:///{text_file}", "not a database file"),
        "a folder": (f"sqlite:///{tmp_path}", "is a folder"),
        "read-only": (f"sqlite:///file:{office}?mode=ro&uri=true", "is open read-only"),
        "postgres://": ("postgres://vipdesk@localhost/office", "postgresql+psycopg://"),
        "mysql://": ("mysql://vipdesk@localhost/office", "not mysql://"),
        "not a url": ("not a url", "URL is not understood"),
    }


@pytest.mark.parametrize(
    "what", ["a text file", "a folder", "read-only", "postgres://", "mysql://", "not a url"]
)
def test_a_bad_database_gives_one_line_and_exit_1(tmp_path: Path, what: str) -> None:
    url, words = _bad_databases(tmp_path)[what]
    result = vipdesk("--database", url, "agreement", "export", "1", "--out", str(tmp_path / "a"))
    assert result.returncode == 1
    assert result.stderr.startswith("vipdesk: ") and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "cannot be reached" not in result.stderr


def test_numbers_no_record_can_have_give_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    huge = "99999999999999999999"
    export = vipdesk("--database", url, "agreement", "export", huge, "--out", str(tmp_path / "a"))
    report = vipdesk(
        "--database", url, "report", "placements", "--year", huge, "--out", str(tmp_path / "r")
    )
    assert (export.returncode, report.returncode) == (1, 1)
    assert export.stderr == f"vipdesk: There is no placement '{huge}' in this database.\n"
    assert report.stderr == f"vipdesk: {huge} is not a year placements start in; use e.g. 2026.\n"
    assert not list(tmp_path.glob("[ar]*"))


def test_a_refused_password_gives_one_line_naming_it(tmp_path: Path) -> None:
    refusal = 'password authentication failed for user "vipdesk"'
    with refusing_server("28P01", refusal, ask_password=True) as port:
        url = f"postgresql+psycopg://vipdesk:wrong@127.0.0.1:{port}/office"
        out = str(tmp_path / "x.xlsx")
        result = vipdesk("--database", url, "report", "placements", "--out", out)
    assert result.returncode == 1
    assert result.stderr == (
        "vipdesk: The server 127.0.0.1 refused the password of user vipdesk: check the "
        "password in the database URL.\n"
    )


def test_output_into_a_pipe_closed_early_ends_quietly() -> None:
    """`vipdesk grant … | head -1`: the reader goes away; no traceback, exit 0."""
    reader = subprocess.Popen(
        [sys.executable, "-m", "vipdesk", "grant", "--country", "DE", "--start", "2026-03-02",
         "--end", "2026-04-15", "--mode", "virtual"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # before it writes: its first flush finds no reader
    with reader.stderr:
        error = reader.stderr.read().decode()
    assert reader.wait(60) == 0, error
    assert "Traceback" not in error and "BrokenPipe" not in error
