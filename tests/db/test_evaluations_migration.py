"""Migration 0012 (evaluations) on a database filled before it: every record is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command

from tests.helpers.tables import table_counts as counts
from vipdesk import db as dbmod
from vipdesk.db import open_database
from vipdesk.services.demo.generate import generate_demo

# Tables 0016 (evaluations) and 0017 (monitoring log, recognition) add.
NEW_TABLES = (
    "evaluation_response",
    "evaluation_answer",
    "monitoring_entry",
    "recognition",
    "outbox_message",
    "outbox_attachment",
    "mail_template",
)


def test_a_database_filled_before_evaluations_upgrades_and_keeps_every_record(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'before-evaluations.sqlite3'}"
    database = open_database(url)
    generate_demo(database, 80, seed=7, today=date(2026, 12, 4))
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0015")  # before evaluations and monitoring
    database.dispose()
    before = counts(url)
    assert not set(NEW_TABLES) & set(before)
    assert before["placement"] == 80 and before["readiness_answer"] > 0

    open_database(url).dispose()  # upgrades to the head, a copy aside first
    after = counts(url)
    assert after == before | dict.fromkeys(NEW_TABLES, 0)
