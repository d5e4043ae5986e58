"""Shared settings written by two coordinators at the same moment."""

import pytest

from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError
from vipdesk.services.funding.currency import base_currency, set_base_currency
from vipdesk.services.placements.leads import office_leads, set_office_leads
from vipdesk.services.worklist.rules import load_rules, set_rule_days, shipped_rules


def test_the_same_base_currency_set_twice_at_once_is_no_conflict(any_db: Database) -> None:
    with before_next_flush(lambda: set_base_currency(any_db, "PLN", "anna")):
        set_base_currency(any_db, "PLN", "ben")
    assert base_currency(any_db) == "PLN"


def test_another_base_currency_set_at_the_same_moment_is_a_conflict(any_db: Database) -> None:
    with (
        before_next_flush(lambda: set_base_currency(any_db, "PLN", "anna")),
        pytest.raises(ConflictError, match="base currency was changed"),
    ):
        set_base_currency(any_db, "DKK", "ben")
    assert base_currency(any_db) == "PLN"  # anna's, not replaced unseen


def test_office_leads_set_by_two_at_once_keep_the_first(any_db: Database) -> None:
    with (
        before_next_flush(lambda: set_office_leads(any_db, ["anna"], "anna")),
        pytest.raises(ConflictError, match="list of office leads"),
    ):
        set_office_leads(any_db, ["ben"], "ben")
    assert office_leads(any_db) == ["anna"]


def test_a_work_list_day_count_set_by_two_at_once(any_db: Database) -> None:
    rule = next(r for r in shipped_rules() if r.max_days > r.default_days + 1)
    with (
        before_next_flush(lambda: set_rule_days(any_db, {rule.key: rule.default_days + 1}, "a")),
        pytest.raises(ConflictError, match="work-list day count"),
    ):
        set_rule_days(any_db, {rule.key: rule.default_days + 2}, "ben")
    assert {r.key: r.days for r in load_rules(any_db)}[rule.key] == rule.default_days + 1
    # Back to the default removes the override; the same value at once is no conflict.
    assert {r.key: r.days for r in set_rule_days(any_db, {rule.key: rule.default_days})}[
        rule.key
    ] == rule.default_days
