"""What reports are made of: the selected placements with names, and their key figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.sheet_world import add_parties, add_placements
from vipdesk.db import Database
from vipdesk.documents.report_language import report_language
from vipdesk.models import Mode, Status
from vipdesk.services.placements.catalogue import Filter, PlacementCatalogue
from vipdesk.services.refdata import Names, country_name
from vipdesk.services.reports.filters import (
    ReportFilter,
    load_placement_details,
    selected_ids,
    summarise,
)


@pytest.fixture
def world(any_db: Database) -> Database:
    add_placements(any_db, add_parties(any_db))
    return any_db


def refs(db: Database, flt: ReportFilter) -> list[str]:
    return [d.reference for d in load_placement_details(db, flt)]


def test_every_placement_with_names_by_reference(world: Database) -> None:
    details = load_placement_details(world)
    assert [d.reference for d in details] == [
        "VIP-2026-00001",
        "VIP-2026-00002",
        "VIP-2027-00001",
        "VIP-2027-00002",
        "VIP-2027-00003",
    ]
    first = details[0]
    assert (first.student, first.email, first.host, first.country) == (
        "Łukasz Żółć",
        "lukasz@student.example",
        "Nordlicht Analytics GmbH",
        "Germany",
    )
    assert (first.start, first.end, first.days, first.weeks) == (
        date(2026, 2, 2),
        date(2026, 5, 29),
        117,
        16.7,
    )
    assert first.ects == Decimal("7.5")
    assert first.mentor == "Jürgen Weiß <juergen@nordlicht.example>"
    assert first.tutor == "Ελένη Παπαδοπούλου <eleni@kuleuven.example>"
    assert first.equity is None  # not asked for: not even read
    assert (
        details[1].periods == "virtual 2026-09-01 to 2026-10-30; physical 2026-11-02 to 2026-12-18"
    )


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (ReportFilter(status=Status.ONGOING), ["VIP-2026-00001"]),
        (ReportFilter(mode=Mode.BLENDED), ["VIP-2026-00002"]),
        (ReportFilter(year=2026), ["VIP-2026-00001", "VIP-2026-00002"]),
        (ReportFilter(country="at"), ["VIP-2027-00001"]),
        (ReportFilter(text="LUKASZ"), ["VIP-2026-00001", "VIP-2027-00003"]),  # accents ignored
        (ReportFilter(text="lumiere brand"), ["VIP-2027-00003"]),  # every word
        (ReportFilter(text="austria"), ["VIP-2027-00001"]),  # the country's name
        (ReportFilter(text="nordlicht", year=2027, mode=Mode.VIRTUAL), ["VIP-2027-00002"]),
    ],
)
def test_filters(world: Database, flt: ReportFilter, expected: list[str]) -> None:
    assert refs(world, flt) == expected
    # Reports that list no placement select them by id, the same ones.
    ids = {d.id: d.reference for d in load_placement_details(world)}
    assert sorted(ids[i] for i in selected_ids(world, flt)) == expected


def test_the_text_search_matches_the_placements_list(world: Database) -> None:
    catalogue = PlacementCatalogue.load(world)
    for text in ("nord", "zoë", "2027", "data analyst", "evil"):
        shown, _ = catalogue.query(Filter(text=text))
        listed = sorted(catalogue.row(i).reference for i in shown)
        assert refs(world, ReportFilter.from_list(Filter(text=text))) == listed, text


GERMAN = Names(country=lambda code: country_name(code, "de"))


def test_a_list_in_another_language_is_searched_by_its_own_country_names(
    world: Database,
) -> None:
    """A German list finds "Österreich" and "Frankreich"; the report selects what it showed."""
    catalogue = PlacementCatalogue.load(world, names=GERMAN)
    assert {name for _code, name in catalogue.countries()} == {
        "Deutschland",
        "Frankreich",
        "Österreich",
    }
    for text in ("österreich", "frankreich", "france"):
        shown, _ = catalogue.query(Filter(text=text))
        listed = sorted(catalogue.row(i).reference for i in shown)
        flt = ReportFilter.from_list(Filter(text=text), names=GERMAN)
        assert refs(world, flt) == listed, text
    assert refs(world, ReportFilter.from_list(Filter(text="frankreich"), names=GERMAN))
    assert not refs(world, ReportFilter.from_list(Filter(text="france"), names=GERMAN))


def test_countries_are_named_in_the_reports_language(world: Database) -> None:
    with report_language("pl"):
        details = load_placement_details(world)
        described = dict(ReportFilter(country="de").described())
    assert {d.country for d in details} == {"Niemcy", "Francja", "Austria"}
    assert described["Host country"] == "Niemcy (DE)"


def test_equity_flags_only_when_asked(world: Database) -> None:
    details = load_placement_details(world, include_sensitive=True)
    flags = {d.email: d.equity for d in details}
    assert flags["zoe@student.example"] == (True, False, False, False)
    assert flags["lukasz@student.example"] == (False, False, False, False)


def test_key_figures(world: Database) -> None:
    summary = summarise(load_placement_details(world))
    assert summary.total == 5
    assert dict(summary.by_status)["Cancelled"] == 1
    assert [label for label, _ in summary.by_status][-1] == "Cancelled"
    assert dict(summary.by_mode) == {"Virtual": 3, "Blended": 1, "Physical": 1}
    assert summary.by_country == [("France", 2), ("Germany", 2), ("Austria", 1)]
    assert summary.by_year == [(2026, 2), (2027, 3)]
    assert summary.total_ects == Decimal(35) and summary.with_ects == 4
    assert summary.average_hours == 25.0
    assert summary.average_weeks == pytest.approx(round((117 + 109 + 28 + 117 + 103) / 5 / 7, 1))


def test_no_placements_no_averages() -> None:
    summary = summarise([])
    assert (summary.total, summary.average_weeks, summary.average_hours) == (0, None, None)


def test_the_filters_described() -> None:
    described = dict(ReportFilter(text=" anna ", year=2027, country="pl").described())
    assert described == {
        "Search text": "“anna”",
        "Status": "All statuses",
        "Mode": "All modes",
        "Year (planned start)": "2027",
        "Host country": "Poland (PL)",
    }


def test_the_lists_country_comes_along_unless_the_report_sets_one(world: Database) -> None:
    listed = Filter(text=" nord ", mode=Mode.VIRTUAL, country="DE")
    assert ReportFilter.from_list(listed) == ReportFilter("nord", None, Mode.VIRTUAL, None, "DE")
    assert ReportFilter.from_list(listed, "at").country == "AT"
    assert ReportFilter.from_list(Filter()).country is None
    catalogue = PlacementCatalogue.load(world)
    for code in ("DE", "AT", "FR"):
        shown, _ = catalogue.query(Filter(country=code))
        in_list = sorted(catalogue.row(i).reference for i in shown)
        assert refs(world, ReportFilter.from_list(Filter(country=code))) == in_list, code
