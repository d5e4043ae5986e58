"""Migration 0019 (readiness scores) on a database filled before it: every record is kept and
every completed questionnaire gets the assessment the Preparation tab computes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from tests.helpers.questionnaires import check_stored_scores
from tests.helpers.tables import table_counts as counts
from vipdesk import db as dbmod
from vipdesk.db import open_database
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.preparation.scores import COLUMNS


def test_a_database_filled_before_stored_scores_upgrades_and_scores_every_response(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'before-scores.sqlite3'}"
    database = open_database(url)
    generate_demo(database, 60, seed=5, today=date(2026, 12, 4))
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0018")  # to the revision before stored scores
    with database.engine.connect() as conn:
        names = {c["name"] for c in inspect(conn).get_columns("readiness_response")}
    assert not set(COLUMNS) & names
    database.dispose()
    before = counts(url)
    assert before["readiness_response"] > 60

    upgraded = open_database(url)  # upgrades to the head, a copy aside first
    assert counts(url) == before
    assert check_stored_scores(upgraded) > 60
    upgraded.dispose()
