"""The work list's rules: data in resources/worklist.json, their day counts set per office.

A rule names what is due ("Agreement waiting for signatures"), what to do about it, the tab of
the placement where that is done, and a number of days. The shipped number is a default; an
office changes it in the settings, stored in the `setting` table as `worklist.<key>.days`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import FieldProblem, ValidationError
from vipdesk.models import Setting
from vipdesk.phrase import Label
from vipdesk.resources import load_json
from vipdesk.services.settings import store_settings

SETTING_PREFIX = "worklist."

# The placement editor's tabs a rule may open (the UI maps them to its widgets).
TABS = ("checklist", "preparation", "costs", "agreement", "monitoring", "evaluations", "history")


@dataclass(frozen=True)
class Rule:
    key: str
    days: int  # the office's number of days (the shipped default unless changed)
    default_days: int
    min_days: int
    max_days: int
    tab: str  # where in the placement editor the work is done
    setting: str  # what the number means, for the settings dialog
    what: str  # the item's title on the work list
    action: str  # what to do about it

    @property
    def changed(self) -> bool:
        return self.days != self.default_days


@cache
def shipped_rules() -> tuple[Rule, ...]:
    """The rules as shipped, in the order the settings list them."""
    data = load_json("worklist.json")
    out = []
    for raw in data["rules"]:
        if raw["tab"] not in TABS:
            raise ValueError(f"worklist.json: rule {raw['key']} opens an unknown tab")
        out.append(
            Rule(
                key=raw["key"],
                days=int(raw["days"]),
                default_days=int(raw["days"]),
                min_days=int(raw["min"]),
                max_days=int(raw["max"]),
                tab=raw["tab"],
                setting=raw["setting"],
                what=raw["what"],
                action=raw["action"],
            )
        )
    return tuple(out)


def _setting_key(rule_key: str) -> str:
    return f"{SETTING_PREFIX}{rule_key}.days"


def rules_in(session: Session) -> dict[str, Rule]:
    """Every rule by key, with the office's day counts."""
    query = select(Setting.key, Setting.value).where(Setting.key.startswith(SETTING_PREFIX))
    stored = {key: value for key, value in session.execute(query)}
    out: dict[str, Rule] = {}
    for rule in shipped_rules():
        value = stored.get(_setting_key(rule.key), "")
        days = int(value) if value.isdigit() else rule.days
        out[rule.key] = replace(rule, days=min(max(days, rule.min_days), rule.max_days))
    return out


def load_rules(db: Database) -> list[Rule]:
    with db.session() as session:
        return list(rules_in(session).values())


def set_rule_days(db: Database, days: Mapping[str, int], user: str | None = None) -> list[Rule]:
    """Store the office's day counts; a count equal to the default removes the override.

    Raises:
        ValidationError: an unknown rule or a count out of its range; nothing is stored.
    """
    shipped = {rule.key: rule for rule in shipped_rules()}
    problems = []
    for key, value in days.items():
        rule = shipped.get(key)
        if rule is None:
            problems.append(FieldProblem.said(key, "There is no work-list rule '{key}'.", key=key))
        elif not rule.min_days <= value <= rule.max_days:
            problems.append(
                FieldProblem.said(
                    key,
                    "“{setting}”: choose from {least} to {most} days.",
                    setting=Label(rule.setting),
                    least=rule.min_days,
                    most=rule.max_days,
                )
            )
    if problems:
        raise ValidationError(problems)
    values = {
        _setting_key(key): None if value == shipped[key].default_days else str(value)
        for key, value in days.items()
    }
    store_settings(db, values, user, what="work-list day count")
    return load_rules(db)
