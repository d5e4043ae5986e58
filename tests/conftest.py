"""Shared fixtures: databases on SQLite and PostgreSQL, isolated data folder and settings."""

from __future__ import annotations

import os

# Before anything imports Qt: render offscreen, never on the developer's screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.helpers.certificates import Certificates, make_certificates
from tests.helpers.smtp import MemoryKeyring
from vipdesk.db import Database, open_database

POSTGRES_URL_VAR = "VIPDESK_TEST_POSTGRES_URL"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real data folder."""
    monkeypatch.setenv("VIPDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("VIPDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("VIPDESK_MAIL_PASSWORD", raising=False)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """No test reads or writes the system's credential store: passwords stay in memory."""
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_URL_VAR)
    if url:
        return url
    reason = (
        f"no PostgreSQL server: set {POSTGRES_URL_VAR} "
        "(e.g. postgresql+psycopg://user@127.0.0.1:5432/postgres) to run these tests on it"
    )
    if os.environ.get("VIPDESK_REQUIRE_POSTGRES"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    admin_url = make_url(_postgres_admin_url())
    name = f"vipdesk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'vipdesk.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest) -> str:
    """The same test on the embedded and on the shared database."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def any_db(any_db_url: str) -> Iterator[Database]:
    db = open_database(any_db_url)
    yield db
    db.dispose()


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    """An empty, migrated SQLite database (UI and quick service tests)."""
    database = open_database(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """Throwaway certificate authority and signers (made once per test process)."""
    return make_certificates(tmp_path_factory.mktemp("certificates"))
