"""The engine and session factory, SQLite pragmas, and the schema migrations run at start."""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from vipdesk.db.problems import check_url, database_problem, sqlite_path
from vipdesk.db.problems import describe_url as describe_url  # used from here across the app
from vipdesk.errors import DatabaseRefusedError, NewerSchemaError
from vipdesk.models.audit import record_audit_trail, stamp_versioned_rows

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# The newest migration. Checked against the migration scripts by a test; knowing it here lets
# a start-up on a current database skip importing Alembic (a fifth of a second).
SCHEMA_HEAD = "0022"
# Seconds a write waits for another program's lock on a SQLite file before giving up.
SQLITE_BUSY_TIMEOUT = 10.0


def data_dir() -> Path:
    """The user's data folder, where the embedded database lives (VIPDESK_DATA_DIR overrides)."""
    override = os.environ.get("VIPDESK_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path("vipdesk", appauthor=False)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'vipdesk.sqlite3'}"


def demo_database_url() -> str:
    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"


def current_user() -> str:
    """Who is at the keyboard, for the audit trail."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "unknown"


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Nothing here may write to the file: a file that is refused (a newer schema, another
    # program's database) must be left byte for byte as it was. WAL comes after the check.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _use_wal(engine: Engine, url: str) -> None:
    """Switch a SQLite file to write-ahead logging (kept in the file, so done once)."""
    if sqlite_path(url) is None:
        return
    with engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA journal_mode").scalar() != "wal":
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")


class Database:
    """One database: its engine and a factory of short sessions, one per operation."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", stamp_versioned_rows)
        event.listen(self._sessions, "after_flush", record_audit_trail)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self, user: str | None = None) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back otherwise.

        Connection failures become `DatabaseUnavailableError`; the pool is told to drop the
        dead connections so that the next attempt reconnects.
        """
        session = self._sessions()
        session.info["user"] = user or current_user()
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            if exc.connection_invalidated:
                self.engine.dispose()
            problem = database_problem(exc, self.url)
            if problem is not None:
                raise problem from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def create_db_engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseRefusedError.said(
                "Cannot make the folder {folder} for the database: {reason}.",
                folder=str(path.parent),
                reason=str(exc.strerror or exc),
            ) from exc
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT}, hide_parameters=True
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if make_url(url).get_backend_name() == "sqlite":  # in memory: one shared connection
        from sqlalchemy.pool import StaticPool

        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            poolclass=StaticPool,
            hide_parameters=True,
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    # hide_parameters: error messages (and so logs) never carry the students' data.
    return create_engine(
        url, pool_pre_ping=True, connect_args={"connect_timeout": 5}, hide_parameters=True
    )


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def schema_head() -> str:
    """The newest revision among the shipped migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a SQLite database aside (WAL included) and return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{label}-{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def _stored_revision(engine: Engine) -> str | None:
    """The schema revision the database says it has, None when it has none (yet)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def migrate(engine: Engine, url: str) -> None:
    """Bring the schema to this version of vipdesk, refusing what it must not touch."""
    if _stored_revision(engine) == SCHEMA_HEAD:
        return  # the usual start: nothing to do, and no need to load Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    scripts = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in scripts.walk_revisions()}
    head = scripts.get_current_head()
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
        tables = set(inspect(conn).get_table_names())
    newer = current - known
    if newer:
        raise NewerSchemaError.said(
            "This database was made by a newer version of vipdesk (schema {schema}). Install "
            "the newer vipdesk to open it; it has not been changed.",
            schema=", ".join(sorted(newer)),
        )
    if current == {head}:
        return
    if not current and tables:
        raise DatabaseRefusedError.said(
            "{database} holds other data and is not a vipdesk database; it has not been changed.",
            database=describe_url(url),
        )
    path = sqlite_path(url)
    if path is not None and current:
        saved = backup_sqlite(path, "-".join(sorted(current)))
        log.info("Backed up the database before migrating it, to %s", saved)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_database(url: str, *, upgrade: bool = True) -> Database:
    """Connect, migrate to the current schema and return the database.

    Raises:
        DatabaseUnavailableError: the server or file cannot be reached or is locked.
        DatabaseRefusedError: the URL, the password, the path or the file is wrong; each
            message names the cause. The file is left as it was.
        NewerSchemaError: the database comes from a newer vipdesk (left untouched).
    """
    check_url(url)
    engine = create_db_engine(url)
    try:
        if upgrade:
            migrate(engine, url)
            _use_wal(engine, url)
        else:
            with engine.connect():
                pass
    except DBAPIError as exc:
        engine.dispose()
        problem = database_problem(exc, url)
        if problem is not None:
            raise problem from exc
        raise
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine)
