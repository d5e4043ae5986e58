"""Migration 0021 (the language vipdesk writes to a student in) on a database filled before it:
every record is kept and no student has a language yet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, select

from tests.helpers.tables import table_counts as counts
from vipdesk import db as dbmod
from vipdesk.db import open_database
from vipdesk.models import Student
from vipdesk.services.demo.generate import generate_demo


def test_a_database_filled_at_0020_upgrades_and_keeps_every_record(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'before-student-languages.sqlite3'}"
    database = open_database(url)
    generate_demo(database, 40, seed=3, today=date(2026, 12, 4))
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0020")
    with database.engine.connect() as conn:
        names = {c["name"] for c in inspect(conn).get_columns("student")}
    assert "preferred_language" not in names
    database.dispose()
    before = counts(url)
    assert before["student"] > 0

    upgraded = open_database(url)  # upgrades to the head, a copy aside first
    assert counts(url) == before
    with upgraded.session() as session:
        assert set(session.scalars(select(Student.preferred_language))) == {None}
    upgraded.dispose()
