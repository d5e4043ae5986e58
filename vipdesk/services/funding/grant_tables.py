"""The Erasmus+ rate tables, one per call year (resources/grants/YEAR.json), and their rules.

Each rule of a table carries its `source`: the Programme Guide edition, part and heading it
comes from, shown beside every grant line (the Costs tab's tooltip, `vipdesk grant`, the costs
report's notes). A rule the Guide leaves to the national agency says so in `set_by`. A table
covers the placements starting within its call's project period; the newest covering call is
chosen for a start date unless the user picks one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from vipdesk.errors import GrantInputError
from vipdesk.phrase import Day, Joined, Phrase
from vipdesk.resources import resources_dir
from vipdesk.services.worklist.due import day_text


@dataclass(frozen=True)
class Rule:
    key: str
    title: str
    source: str
    set_by: str = "Programme Guide"


@dataclass(frozen=True)
class RateTable:
    """One call year's rates; `data` is the parsed JSON, `rules` its rules with sources."""

    year: int
    currency: str
    start: date
    end: date
    data: dict[str, Any]

    def rule(self, key: str) -> Rule:
        raw = self.data["rules"][key]
        return Rule(key, raw["title"], raw["source"], raw.get("set_by", "Programme Guide"))

    def settings(self, key: str) -> dict[str, Any]:
        settings: dict[str, Any] = self.data["rules"][key]
        return settings

    @property
    def rules(self) -> list[Rule]:
        return [self.rule(key) for key in self.data["rules"]]

    @property
    def national_agency(self) -> str:
        return str(self.data["national_agency"]["name"])

    @property
    def period(self) -> str:
        return f"{day_text(self.start)} – {day_text(self.end)}"

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def country_group(self, country: str) -> str:
        code = country.strip().upper()
        code = self.data.get("country_aliases", {}).get(code, code)
        if code in self.settings("outermost_regions_and_octs")["codes"]:
            raise GrantInputError.said(
                "{code} is an outermost region or overseas country or territory: the Programme "
                "Guide sets their grants apart and the call {year} table has no rates for them; "
                "ask your national agency.",
                code=code,
                year=self.year,
            )
        for group, members in self.data["country_groups"].items():
            if code in members:
                return str(group)
        raise GrantInputError.said(
            "{country} is in none of the country groups of the call {year} rates.",
            country=country,
            year=self.year,
        )


def available_years() -> list[int]:
    return sorted(int(p.stem) for p in (resources_dir() / "grants").glob("*.json"))


@cache
def rate_table(year: int) -> RateTable:
    path = resources_dir() / "grants" / f"{year}.json"
    if not path.is_file():
        raise GrantInputError.said(
            "There are no Erasmus+ rates for the call year {year}.", year=year
        )
    with path.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    covers = data["covers"]
    return RateTable(
        int(data["call_year"]),
        str(data["currency"]),
        date.fromisoformat(covers["from"]),
        date.fromisoformat(covers["to"]),
        data,
    )


def table_for(start: date, year: int | None = None) -> RateTable:
    """The table of call `year`, or else the newest call whose project period covers `start`."""
    if year is not None:
        return rate_table(year)
    tables = [rate_table(y) for y in available_years()]
    covering = [t for t in tables if t.covers(start)]
    if covering:
        return covering[-1]
    known = Joined(
        tuple(
            Phrase("call {year}: {start} – {end}", {"year": t.year, "start": Day(t.start),
                                                    "end": Day(t.end)})
            for t in tables
        )
    )  # fmt: skip
    raise GrantInputError.said(
        "No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call year.",
        day=Day(start),
        known=known if tables else Phrase("none"),
    )


def rule_notes(table: RateTable) -> list[tuple[str, str]]:
    """Each rule of a table with its source, as (label, text) notes for a report."""
    notes = [
        (
            f"Erasmus+ call {table.year}",
            f"Grants by the {table.data['title']} table, for placements starting "
            f"{table.period}; national agency settings: {table.national_agency}.",
        )
    ]
    for rule in table.rules:
        by = " Set by the national agency." if rule.set_by != "Programme Guide" else ""
        notes.append((rule.title, f"Source: {rule.source}.{by}"))
    return notes


def all_rule_notes() -> list[tuple[str, str]]:
    """The rules and sources of every call year vipdesk ships, oldest first."""
    return [note for year in available_years() for note in rule_notes(rate_table(year))]
