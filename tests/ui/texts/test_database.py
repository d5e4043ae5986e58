"""Why a database cannot be opened, worded by the interface: every template of the database
layer is in the catalogue, in English each reads as the layer says it, and in German a refusal
keeps no English but the file's name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import vipdesk.db as database
import vipdesk.db.problems as problems
from tests.helpers.phrases import templates_in
from tests.helpers.translations import interface_in
from vipdesk.db import open_database
from vipdesk.errors import VipdeskError
from vipdesk.ui.phrases import error_text
from vipdesk.ui.texts.database import TEMPLATES


def test_the_interface_knows_every_template_of_the_database_layer() -> None:
    assert templates_in((database, problems), {"said": 0, "Phrase": 0}) == set(TEMPLATES)


def refusals(tmp_path: Path) -> list[VipdeskError]:
    """A file that is not a database, a newer vipdesk's database, a folder, a URL of another
    kind of database."""
    found = []
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"Dear Anna, " * 500)
    newer = tmp_path / "newer.sqlite3"
    open_database(f"sqlite:///{newer}").dispose()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    for url in (f"sqlite:///{junk}", f"sqlite:///{newer}", f"sqlite:///{tmp_path}", "mysql://x/y"):
        with pytest.raises(VipdeskError) as caught:
            open_database(url)
        found.append(caught.value)
    return found


def test_each_refusal_reads_in_english_as_the_layer_says_it(tmp_path: Path) -> None:
    found = refusals(tmp_path)
    assert all(error.phrase is not None for error in found)
    assert [error_text(error) for error in found] == [str(error) for error in found]


def test_in_german_a_refusal_keeps_no_english(qapp: object, tmp_path: Path) -> None:
    junk, newer, _folder, _mysql = refusals(tmp_path)
    with interface_in("de", tmp_path):
        worded = error_text(junk), error_text(newer)
    assert worded == (
        f"{tmp_path / 'notes.sqlite3'} ist keine vipdesk-Datenbank: es ist überhaupt keine "
        "Datenbankdatei. Sie wurde nicht verändert.",
        "Diese Datenbank wurde von einer neueren vipdesk-Version angelegt (Schema "
        "9999_from_the_future). Installieren Sie die neuere vipdesk-Version, um sie zu öffnen; "
        "sie wurde nicht verändert.",
    )
