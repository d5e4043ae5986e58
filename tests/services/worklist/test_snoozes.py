"""Snoozing an item hides it until a date; the records, not the snooze, make it go for good."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.helpers.factories import make_placement, make_world
from tests.helpers.worklist import set_record, tick
from vipdesk.db import Database
from vipdesk.errors import NotFoundError, ValidationError
from vipdesk.models import Snooze, Status
from vipdesk.services.worklist.due import work_list
from vipdesk.services.worklist.snoozes import snooze, wake

END = date(2027, 5, 31)
AS_OF = END + timedelta(days=20)  # the evaluation is 6 days overdue


@pytest.fixture
def placement_id(db: Database) -> int:
    form = make_placement(db, make_world(db))
    assert form.id is not None
    set_record(db, form.id, status=Status.EVALUATING, ects_credits=Decimal("10"))
    return form.id


def keys(db: Database, as_of: date) -> list[str]:
    return [i.rule_key for i in work_list(db, as_of).items]


def test_a_snoozed_item_is_hidden_until_its_date(db: Database, placement_id: int) -> None:
    assert keys(db, AS_OF) == ["evaluation_missing"]
    until = AS_OF + timedelta(days=3)
    snooze(
        db, placement_id, "evaluation_missing", until, " Student abroad until Friday ", today=AS_OF
    )
    assert keys(db, AS_OF) == []
    assert work_list(db, AS_OF).snoozed == 1
    assert keys(db, until) == []
    assert keys(db, until + timedelta(days=1)) == ["evaluation_missing"]
    with db.session() as s:
        row = s.query(Snooze).one()
        assert (row.note, row.until) == ("Student abroad until Friday", until)


def test_snoozing_again_moves_the_date_and_waking_shows_it(db: Database, placement_id: int) -> None:
    snooze(db, placement_id, "evaluation_missing", AS_OF + timedelta(days=3), today=AS_OF)
    snooze(db, placement_id, "evaluation_missing", AS_OF + timedelta(days=10), "later", today=AS_OF)
    assert keys(db, AS_OF + timedelta(days=5)) == []
    wake(db, placement_id, "evaluation_missing")
    assert keys(db, AS_OF) == ["evaluation_missing"]


def test_a_done_item_goes_for_good_after_its_snooze(db: Database, placement_id: int) -> None:
    snooze(db, placement_id, "evaluation_missing", AS_OF + timedelta(days=3), today=AS_OF)
    tick(db, placement_id, "evaluation")
    assert keys(db, AS_OF + timedelta(days=4)) == []
    assert work_list(db, AS_OF).snoozed == 0  # nothing due is hidden any more


def test_a_snooze_hides_only_its_own_rule(db: Database, placement_id: int) -> None:
    snooze(db, placement_id, "evaluation_missing", END + timedelta(days=60), today=AS_OF)
    assert keys(db, END + timedelta(days=50)) == ["certificate_missing", "recognition_missing"]


@pytest.mark.parametrize(
    ("rule", "until", "note", "message"),
    [
        ("no_such_rule", AS_OF + timedelta(days=1), "", "There is no work-list rule"),
        ("evaluation_missing", AS_OF, "", "Choose a day after today"),
        ("evaluation_missing", AS_OF + timedelta(days=1), "x" * 501, "longer than 500"),
    ],
)
def test_a_bad_snooze_says_why_and_stores_nothing(
    db: Database, placement_id: int, rule: str, until: date, note: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        snooze(db, placement_id, rule, until, note, today=AS_OF)
    with db.session() as s:
        assert s.query(Snooze).count() == 0


def test_snoozing_a_deleted_placement(db: Database) -> None:
    with pytest.raises(NotFoundError):
        snooze(db, 999, "evaluation_missing", AS_OF + timedelta(days=1), today=AS_OF)
