"""The columns the languages added, each on a database filled before it: migration 0020 (the
language per host organisation), 0021 (the language per student) and 0022 (the sentences kept
as phrases: why a message failed, why an unconfirmed signer was recorded). Every record is
kept, nothing has a language or a phrase yet, and the column takes one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect, select

from tests.helpers.tables import table_counts as counts
from vipdesk import db as dbmod
from vipdesk.db import open_database
from vipdesk.models import AgreementSignature, Organisation, OutboxMessage, Student
from vipdesk.services.demo.fill import fill_demo


@pytest.mark.parametrize(
    ("before", "table", "column"),
    [
        ("0019", "organisation", Organisation.document_language),
        ("0020", "student", Student.preferred_language),
        ("0021", "outbox_message", OutboxMessage.failure_phrase),
        ("0021", "agreement_signature", AgreementSignature.reason_phrase),
    ],
)
def test_a_database_filled_before_the_column_upgrades_and_keeps_every_record(
    tmp_path: Path, before: str, table: str, column: Any
) -> None:
    url = f"sqlite:///{tmp_path / f'before-{before}.sqlite3'}"
    database = open_database(url)
    fill_demo(database, 40, seed=3, agreements=4, today=date(2026, 12, 4))  # with its mail
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, before)
    with database.engine.connect() as conn:
        names = {c["name"] for c in inspect(conn).get_columns(table)}
    assert column.key not in names
    database.dispose()
    filled = counts(url)
    assert filled[table] > 0

    upgraded = open_database(url)  # upgrades to the head, a copy aside first
    assert counts(url) == filled
    with upgraded.session() as session:
        assert set(session.scalars(select(column))) == {None}
    upgraded.dispose()
