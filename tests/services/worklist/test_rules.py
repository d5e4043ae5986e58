"""The rules' day counts: shipped in resources/worklist.json, changed per office in settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.helpers.factories import make_placement, make_world
from tests.helpers.worklist import add_document, set_record
from vipdesk.db import Database
from vipdesk.errors import ValidationError
from vipdesk.models import DocumentKind, Setting, Status
from vipdesk.services.worklist.due import work_list
from vipdesk.services.worklist.rules import TABS, load_rules, set_rule_days, shipped_rules


def test_every_shipped_rule_is_complete() -> None:
    rules = shipped_rules()
    assert len({r.key for r in rules}) == len(rules) == 9
    for rule in rules:
        assert rule.tab in TABS
        assert rule.min_days <= rule.days <= rule.max_days
        assert rule.what and rule.action and rule.setting


def test_an_office_shortens_the_wait_for_signatures(db: Database) -> None:
    form = make_placement(db, make_world(db))
    assert form.id is not None
    set_record(db, form.id, status=Status.AGREEMENT_SENT)
    sent = date(2027, 1, 4)
    add_document(db, form.id, DocumentKind.AGREEMENT, sent)
    as_of = sent + timedelta(days=7)

    def waiting() -> list[str]:
        return [i.rule_key for i in work_list(db, as_of).items if i.rule_key != "start_blocked"]

    assert waiting() == []
    rules = set_rule_days(db, {"agreement_unsigned": 7}, user="lead")
    assert next(r for r in rules if r.key == "agreement_unsigned").changed
    assert waiting() == ["agreement_unsigned"]
    # Back to the default: the override goes, the shipped number counts again.
    set_rule_days(db, {"agreement_unsigned": 14})
    with db.session() as s:
        assert s.query(Setting).count() == 0
    assert waiting() == []


def test_day_counts_out_of_range_store_nothing(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        set_rule_days(db, {"past_end": 3, "agreement_unsigned": 0, "nonsense": 5})
    assert [p.field for p in caught.value.problems] == ["agreement_unsigned", "nonsense"]
    assert "choose from 1 to 90 days" in str(caught.value)
    assert all(not r.changed for r in load_rules(db))


def test_a_stored_value_that_makes_no_sense_falls_back(db: Database) -> None:
    with db.session() as s:
        s.add(Setting(key="worklist.past_end.days", value="soon"))
        s.add(Setting(key="worklist.certificate_missing.days", value="9999"))
    rules = {r.key: r for r in load_rules(db)}
    assert rules["past_end"].days == 0
    assert rules["certificate_missing"].days == rules["certificate_missing"].max_days
