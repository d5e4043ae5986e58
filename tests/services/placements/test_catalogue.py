"""The in-memory placements list: search, filters, counts, sorting, single-row refresh."""

from __future__ import annotations

from datetime import date

from tests.helpers.catalogue import row
from tests.helpers.factories import make_placement, make_student, make_world
from vipdesk.db import Database
from vipdesk.models import Mode, Status
from vipdesk.services.placements.catalogue import (
    Column,
    Filter,
    PlacementCatalogue,
    fold,
    load_row,
    load_rows,
)


def refs(cat: PlacementCatalogue, flt: Filter) -> list[str]:
    indices, _ = cat.query(flt)
    return [cat.row(i).reference for i in indices]


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Łukasz ŻÓŁĆ") == "lukasz zolc"
    assert fold("Zoë Øystein Şükrü") == "zoe oystein sukru"
    assert fold("Ελένη") == "ελενη"
    assert fold("李娜") == "李娜"


def test_every_word_must_match_somewhere() -> None:
    cat = PlacementCatalogue(
        [
            row(1, student="Łukasz Żółć", host="Nordlicht GmbH", country="Germany"),
            row(2, student="Ελένη Παπαδοπούλου", host="Kaveri Software", country="India"),
            row(3, student="李娜", host="Nordlicht GmbH", title="Data analyst", country="Ghana"),
        ]
    )
    assert refs(cat, Filter(text="lukasz")) == ["VIP-2026-00001"]
    assert refs(cat, Filter(text="nordlicht ghana")) == ["VIP-2026-00003"]
    assert refs(cat, Filter(text="ΕΛΈΝΗ")) == ["VIP-2026-00002"]
    assert refs(cat, Filter(text="analyst")) == ["VIP-2026-00003"]
    assert refs(cat, Filter(text="00002")) == ["VIP-2026-00002"]
    assert refs(cat, Filter(text="india nordlicht")) == []


def test_status_counts_ignore_the_status_filter_but_honour_the_others() -> None:
    cat = PlacementCatalogue(
        [
            row(1, status=Status.DRAFT, mode=Mode.VIRTUAL),
            row(2, status=Status.ONGOING, mode=Mode.VIRTUAL),
            row(3, status=Status.ONGOING, mode=Mode.BLENDED),
            row(4, status=Status.ONGOING, mode=Mode.VIRTUAL, start=date(2025, 1, 1)),
        ]
    )
    indices, counts = cat.query(Filter(status=Status.ONGOING, mode=Mode.VIRTUAL, year=2026))
    assert [cat.row(i).id for i in indices] == [2]
    assert counts == {Status.DRAFT: 1, Status.ONGOING: 1}
    assert cat.years() == [2026, 2025]


def test_sorting_by_any_column_and_descending() -> None:
    cat = PlacementCatalogue(
        [
            row(1, student="zoë", start=date(2026, 5, 1), status=Status.COMPLETED),
            row(2, student="Anna", start=date(2026, 1, 1), status=Status.DRAFT),
            row(3, student="Łukasz", start=date(2026, 3, 1), status=Status.ONGOING),
        ]
    )
    cat.sort(Column.STUDENT)
    assert [r for r in refs(cat, Filter())] == [
        "VIP-2026-00002",
        "VIP-2026-00003",
        "VIP-2026-00001",
    ]
    cat.sort(Column.START, descending=True)
    assert refs(cat, Filter()) == ["VIP-2026-00001", "VIP-2026-00003", "VIP-2026-00002"]
    cat.sort(Column.STATUS)  # lifecycle order, not alphabetical
    assert refs(cat, Filter()) == ["VIP-2026-00002", "VIP-2026-00003", "VIP-2026-00001"]


def test_upsert_and_remove_keep_the_order() -> None:
    cat = PlacementCatalogue([row(1, student="Berta"), row(2, student="Carl")])
    cat.sort(Column.STUDENT)
    cat.upsert(row(3, student="Anna"))
    cat.upsert(row(2, student="Aaron"))
    assert refs(cat, Filter()) == ["VIP-2026-00002", "VIP-2026-00003", "VIP-2026-00001"]
    cat.remove(3)
    assert refs(cat, Filter()) == ["VIP-2026-00002", "VIP-2026-00001"]
    assert len(cat) == 2
    assert refs(cat, Filter(text="anna")) == []


def test_rows_come_from_the_database_with_names_not_ids(any_db: Database) -> None:
    world = make_world(any_db)
    saved = make_placement(any_db, world)
    other_student = make_student(any_db, "Олена", "Коваленко")
    make_placement(any_db, world, student_id=other_student, mentor_id=None)
    rows = load_rows(any_db)
    assert [r.student for r in rows] == ["Łukasz Żółć", "Олена Коваленко"]
    assert rows[0].host == "Nordlicht Analytics GmbH"
    assert rows[0].country == "Germany"
    assert rows[0].mentor == "Jürgen Weiß"
    assert rows[1].mentor == ""
    assert load_row(any_db, saved.id) == rows[0]  # type: ignore[arg-type]
    assert load_row(any_db, 999_999) is None


def test_typing_on_narrows_the_last_result_and_deleting_widens_again() -> None:
    cat = PlacementCatalogue(
        [
            row(1, host="Nordlicht GmbH", mode=Mode.VIRTUAL),
            row(2, host="Nordic Labs", mode=Mode.BLENDED),
            row(3, host="Norte S.A.", mode=Mode.VIRTUAL),
        ]
    )
    assert refs(cat, Filter(text="nor")) == ["VIP-2026-00001", "VIP-2026-00002", "VIP-2026-00003"]
    assert refs(cat, Filter(text="nord")) == ["VIP-2026-00001", "VIP-2026-00002"]
    assert refs(cat, Filter(text="nordl")) == ["VIP-2026-00001"]
    assert refs(cat, Filter(text="nor")) == ["VIP-2026-00001", "VIP-2026-00002", "VIP-2026-00003"]
    assert refs(cat, Filter(text="nord", mode=Mode.BLENDED)) == ["VIP-2026-00002"]
    assert refs(cat, Filter(text="nord labs", mode=Mode.BLENDED)) == ["VIP-2026-00002"]
    assert refs(cat, Filter(text="nord", mode=Mode.VIRTUAL)) == ["VIP-2026-00001"]
    cat.upsert(row(4, host="Nordsee AG"))
    assert refs(cat, Filter(text="nord", mode=Mode.VIRTUAL)) == ["VIP-2026-00001", "VIP-2026-00004"]


def test_the_country_filter_and_the_countries_present() -> None:
    cat = PlacementCatalogue(
        [
            row(1, country="Germany", country_code="DE", host="Nordlicht GmbH"),
            row(2, country="Ghana", country_code="GH", host="Ashesi Labs"),
            row(
                3,
                country="Germany",
                country_code="DE",
                host="Kaveri Software",
                status=Status.ONGOING,
            ),
            row(4, country="Austria", country_code="AT", host="Nordlicht GmbH"),
        ]
    )
    assert cat.countries() == [("AT", "Austria"), ("DE", "Germany"), ("GH", "Ghana")]
    indices, counts = cat.query(Filter(country="DE"))
    assert sorted(cat.row(i).id for i in indices) == [1, 3]
    assert counts == {Status.DRAFT: 1, Status.ONGOING: 1}
    assert refs(cat, Filter(country="de", status=Status.ONGOING)) == ["VIP-2026-00003"]
    # Typing on with a country set narrows the last result; changing the country does not.
    assert refs(cat, Filter(text="nord", country="DE")) == ["VIP-2026-00001"]
    assert refs(cat, Filter(text="nordl", country="AT")) == ["VIP-2026-00004"]
    assert refs(cat, Filter(text="nordl")) == ["VIP-2026-00001", "VIP-2026-00004"]


def test_rows_from_the_database_carry_the_country_code(db: Database) -> None:
    world = make_world(db)
    make_placement(db, world)
    loaded = load_rows(db)
    assert [(r.country, r.country_code) for r in loaded] == [("Germany", "DE")]
    cat = PlacementCatalogue(loaded)
    assert refs(cat, Filter(country="DE")) == [loaded[0].reference]
    assert refs(cat, Filter(country="FR")) == []
