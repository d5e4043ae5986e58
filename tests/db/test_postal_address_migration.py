"""Migration 0014 (organisation street and postcode) keeps every organisation as it was."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect, text

from tests.helpers.factories import make_world
from vipdesk import db as dbmod
from vipdesk.db import open_database


def organisations(url: str) -> tuple[list[tuple[object, ...]], set[str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = list(conn.execute(text("SELECT id, name, country, city FROM organisation")))
        columns = {c["name"] for c in inspect(conn).get_columns("organisation")}
    engine.dispose()
    return [tuple(r) for r in rows], columns


def test_organisations_gain_street_and_postcode_and_keep_everything(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'at-0013.sqlite3'}"
    database = open_database(url)
    make_world(database, host_name="Ωmega Labs")
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0013")
    database.dispose()
    before, columns = organisations(url)
    assert before and not {"street", "postcode"} & columns

    open_database(url).dispose()  # upgrades to the head
    after, columns = organisations(url)
    assert after == before
    assert {"street", "postcode"} <= columns
