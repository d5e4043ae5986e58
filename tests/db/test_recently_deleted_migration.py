"""Migration 0013 (recently deleted) on a database filled at 0008: every record is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from vipdesk import db as dbmod
from vipdesk.db import open_database
from vipdesk.models import Base
from vipdesk.services.demo.generate import generate_demo

# Tables later migrations add: empty after the upgrade, every other table as it was.
ADDED_AFTER_0008 = (
    "deleted_record",
    "evaluation_response",
    "evaluation_answer",
    "monitoring_entry",
    "recognition",
    "outbox_message",
    "outbox_attachment",
    "mail_template",
)


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
        found = {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}
    engine.dispose()
    return found


def test_a_database_filled_at_0008_upgrades_and_keeps_every_record(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'at-0008.sqlite3'}"
    database = open_database(url)
    # Filled by today's code, then taken back to 0008 (later migrations add columns the
    # code writes), the records of 0008's tables stay as they were written.
    generate_demo(database, 120, seed=4, today=date(2026, 12, 4))
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
    database.dispose()
    before = counts(url)
    assert "deleted_record" not in before and before["placement"] == 120
    assert before["cost_item"] > 0 and before["agreement_document"] > 0

    database = open_database(url)  # upgrades to the head, a copy aside first
    assert list(tmp_path.glob("*.bak"))
    database.dispose()
    after = counts(url)
    assert after == before | dict.fromkeys(ADDED_AFTER_0008, 0)
    assert set(after) == set(Base.metadata.tables) | {"deleted_record"}
