"""A placement's history worded by the interface: every template the services use is in the
catalogue, and in English every sentence of the demo's histories reads as the command line's."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

import vipdesk.services.placements.history_sentences as sentences
import vipdesk.services.placements.history_words as words
from tests.helpers.phrases import templates_in
from vipdesk.db import Database
from vipdesk.models import Placement
from vipdesk.services.demo.fill import fill_demo
from vipdesk.services.placements.history import placement_history
from vipdesk.ui.placements.history_texts import TEMPLATES, event_text


def service_templates() -> set[str]:
    return templates_in((sentences, words), {"said": 0, "Phrase": 0})


def test_the_interface_knows_every_template_of_the_services() -> None:
    assert service_templates() == set(TEMPLATES)


def test_the_demo_histories_read_in_english_as_the_command_line_tells_them(db: Database) -> None:
    fill_demo(db, 40, seed=4, agreements=3, today=date(2026, 12, 4))
    with db.session() as session:
        ids = list(session.scalars(select(Placement.id)))
    told = 0
    for pid in ids:
        for day in placement_history(db, pid):
            for event in day.events:
                assert event.phrase is not None, event.what  # a kind of entry it knows
                english = event.what + (f": {event.note}" if event.note else "")
                assert re.sub(r"\b0(\d) ", r"\1 ", event_text(event)) == english
                told += 1
    assert told > 100
