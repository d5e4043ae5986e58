"""Bad databases and URLs: one line naming the cause, and the file left byte for byte."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.helpers.factories import make_placement, make_world
from tests.helpers.fake_postgres import refusing_server
from vipdesk.db import open_database
from vipdesk.errors import DatabaseRefusedError, DatabaseUnavailableError, NewerSchemaError

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _vipdesk_file(path: Path, *, journal: str = "delete") -> Path:
    """A current vipdesk database, switched to the given journal mode (as an older copy or a
    file made by another tool would be)."""
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    return path


def _journal_mode(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    conn.close()
    return mode


# --- files that are not vipdesk databases -----------------------------------------------------


def _damaged(tmp_path: Path, how: str) -> Path:
    path = tmp_path / f"{how}.sqlite3"
    if how in ("random bytes", "a text file"):
        path.write_bytes(os.urandom(5000) if how == "random bytes" else b"Dear Anna,\n")
        return path
    data = _vipdesk_file(tmp_path / "whole.sqlite3").read_bytes()
    path.write_bytes(data[: len(data) // 2] if how == "cut in half" else data[:100] + bytes(4000))
    return path


@pytest.mark.parametrize(
    ("how", "cause"),
    [
        ("random bytes", "not a database file"),
        ("a text file", "not a database file"),
        ("cut in half", "is damaged"),
        ("first page zeroed", "is damaged"),
    ],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, how: str, cause: str
) -> None:
    path = _damaged(tmp_path, how)
    before = _digest(path)
    with pytest.raises(DatabaseRefusedError, match=cause) as refused:
        open_database(f"sqlite:///{path}")
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)
    assert _digest(path) == before
    assert not list(tmp_path.glob("*-wal"))


def test_another_programs_database_stays_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "invoices.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer TEXT)")
        conn.execute("INSERT INTO invoice (customer) VALUES ('Anna Kowalska')")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseRefusedError, match="not a vipdesk database"):
        open_database(f"sqlite:///{path}")
    assert _digest(path) == before
    assert _journal_mode(path) == "delete"  # not switched to WAL on the way to the refusal
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoices.sqlite3"]


def test_a_newer_database_in_rollback_journal_mode_stays_byte_for_byte(tmp_path: Path) -> None:
    path = _vipdesk_file(tmp_path / "newer.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _digest(path)
    with pytest.raises(NewerSchemaError):
        open_database(f"sqlite:///{path}")
    assert _digest(path) == before
    assert _journal_mode(path) == "delete"


def test_an_accepted_file_is_switched_to_wal(tmp_path: Path) -> None:
    path = _vipdesk_file(tmp_path / "office.sqlite3")
    open_database(f"sqlite:///{path}").dispose()
    assert _journal_mode(path) == "wal"


# --- paths ------------------------------------------------------------------------------------


def test_a_folder_given_as_the_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefusedError, match="is a folder, not a database file"):
        open_database(f"sqlite:///{tmp_path}")


def test_a_folder_that_cannot_be_made_says_so(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    with pytest.raises(DatabaseRefusedError, match="Cannot make the folder"):
        open_database(f"sqlite:///{a_file / 'vipdesk.sqlite3'}")
    assert a_file.read_text() == "x"


def test_a_database_opened_read_only_is_refused_untouched(tmp_path: Path) -> None:
    path = _vipdesk_file(tmp_path / "office.sqlite3")
    before = _digest(path)
    with pytest.raises(DatabaseRefusedError, match="read-only") as refused:
        open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert "cannot be reached" not in str(refused.value)
    assert _digest(path) == before


def test_a_save_into_a_read_only_database_says_so(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(f"sqlite:///{path}").dispose()  # in WAL mode: it opens, and refuses writes
    database = open_database(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with pytest.raises(DatabaseRefusedError, match="read-only"):
            make_world(database)
    finally:
        database.dispose()


@pytest.mark.skipif(AS_ROOT, reason="file permissions do not bind the root user")
def test_a_read_only_file_and_a_read_only_folder_say_so(tmp_path: Path) -> None:
    path = _vipdesk_file(tmp_path / "office.sqlite3")
    path.chmod(0o444)
    with pytest.raises(DatabaseRefusedError, match="read-only file"):
        open_database(f"sqlite:///{path}")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseRefusedError, match=r"folder .* is read-only"):
            open_database(f"sqlite:///{folder / 'new.sqlite3'}")
    finally:
        folder.chmod(0o755)


# --- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("not a url", "URL is not understood"),
        ("", "URL is not understood"),
        ("postgres://vipdesk@db.example/office", "instead of postgres://"),
        ("postgresql://vipdesk@db.example/office", "instead of postgresql://"),
        ("mysql://vipdesk@db.example/office", "not mysql://"),
        ("oracle+oracledb://scott:tiger@db.example/xe", "not oracle"),
    ],
)
def test_a_url_vipdesk_cannot_use_says_what_to_write(url: str, cause: str) -> None:
    with pytest.raises(DatabaseRefusedError, match=cause) as refused:
        open_database(url)
    assert "postgresql+psycopg://" in str(refused.value)
    assert "tiger" not in str(refused.value)


# --- servers that refuse ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sqlstate", "message", "password", "cause"),
    [
        ("28P01", 'password authentication failed for user "vipdesk"', "wrong", "refused the pass"),
        ("28P01", 'password authentication failed for user "vipdesk"', "", "asks for a password"),
        ("3D000", 'database "office" does not exist', "pw", 'no database "office"'),
        ("28000", 'role "vipdesk" does not exist', "pw", "has no user vipdesk"),
        ("42501", 'permission denied for database "office"', "pw", "may not connect"),
    ],
)
def test_a_server_that_refuses_says_why(
    monkeypatch: pytest.MonkeyPatch, sqlstate: str, message: str, password: str, cause: str
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    with refusing_server(sqlstate, message, ask_password=sqlstate == "28P01") as port:
        login = f"vipdesk:{password}" if password else "vipdesk"
        with pytest.raises(DatabaseRefusedError, match=cause) as refused:
            open_database(f"postgresql+psycopg://{login}@127.0.0.1:{port}/office")
    assert "network" not in str(refused.value)
    assert "wrong" not in str(refused.value)  # the password itself is never shown


@pytest.mark.postgres
def test_a_missing_database_on_the_real_server_says_so(postgres_url: str) -> None:
    missing = make_url(postgres_url).set(database="vipdesk_nobody_made_this")
    with pytest.raises(DatabaseRefusedError, match='no database "vipdesk_nobody_made_this"'):
        open_database(missing.render_as_string(hide_password=False))


def test_an_unknown_host_says_so() -> None:
    with pytest.raises(DatabaseUnavailableError, match=r"name nowhere\.invalid is not known"):
        open_database("postgresql+psycopg://vipdesk@nowhere.invalid/office")


def test_a_working_database_still_works_after_the_checks(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'fine.sqlite3'}")
    assert make_placement(database, make_world(database)).id is not None
    database.dispose()
