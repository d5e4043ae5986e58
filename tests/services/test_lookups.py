"""Picker look-ups: host search as you type, and what the placement form needs in one query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event

from tests.factories import make_placement, make_world, placement_form
from tests.services.people_data import make_contact, make_institution, make_organisation
from vipdesk.db import Database
from vipdesk.errors import NotFoundError
from vipdesk.models import ContactRole, Mode, PeriodKind
from vipdesk.services.lookups import (
    OrganisationSearch,
    PickerChoices,
    organisation_label,
    picker_choices,
)
from vipdesk.services.placements import (
    PeriodForm,
    PlacementForm,
    open_new_placement,
    open_placement,
)


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement sent while the block runs (pings and BEGIN/COMMIT aside)."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


# --- host search ----------------------------------------------------------------------------


def test_host_search_ignores_accents_and_case(any_db: Database) -> None:
    lodz = make_organisation(any_db, name="Łódź Software House", country="PL")
    condor = make_organisation(any_db, name="Cóndor Networks S.A.S.", country="CO")
    make_organisation(any_db, name="Nordlicht Analytics GmbH", country="DE")
    search = OrganisationSearch(any_db)
    assert search("lodz") == [(lodz.id, "Łódź Software House · Poland")]
    assert search("ŁÓDŹ") == [(lodz.id, "Łódź Software House · Poland")]
    assert search("CONDOR") == [(condor.id, "Cóndor Networks S.A.S. · Colombia")]
    # Every word must match, anywhere in the label (the country included).
    assert search("software poland") == [(lodz.id, "Łódź Software House · Poland")]
    assert search("software germany") == []
    assert search("colombia") == [(condor.id, "Cóndor Networks S.A.S. · Colombia")]


def test_host_search_lists_by_name_up_to_its_limit(db: Database) -> None:
    for name in ("Zeta AG", "Alpha GmbH", "Mu Ltd", "Beta SA"):
        make_organisation(db, name=name)
    search = OrganisationSearch(db, limit=3)
    assert [label for _id, label in search("")] == [
        "Alpha GmbH · Germany",
        "Beta SA · Germany",
        "Mu Ltd · Germany",
    ]
    assert [label for _id, label in search("TA")] == ["Beta SA · Germany", "Zeta AG · Germany"]


def test_host_search_reads_once_until_told_to_forget(db: Database) -> None:
    make_organisation(db, name="Alpha GmbH")
    search = OrganisationSearch(db)
    with statements(db) as sent:
        assert len(search("alpha")) == 1
        assert search("a") and search("gmbh")
    assert len(sent) == 1  # the labels are read on the first search only
    created = make_organisation(db, name="Alphabet Studio")
    assert len(search("alpha")) == 1  # not seen yet: read before it existed
    search.forget()
    assert search("alphabet") == [(created.id, "Alphabet Studio · Germany")]


def test_organisation_label(db: Database) -> None:
    host = make_organisation(db, name="Łódź Software House", country="PL")
    assert organisation_label(db, host.id) == "Łódź Software House · Poland"  # type: ignore[arg-type]
    assert organisation_label(db, 999) is None


# --- what the placement form's pickers show ---------------------------------------------------


def test_picker_choices_in_one_query(any_db: Database) -> None:
    world = make_world(any_db, host_name="Łódź Software House")
    other = make_world(any_db)
    hr = make_contact(any_db, name="Anna Nowak", role=ContactRole.HR, organisation_id=world.host_id)
    with statements(any_db) as sent:
        choices = picker_choices(any_db, placement_form(world))
    assert len(sent) == 1
    assert choices.student is not None and choices.student.startswith("Łukasz Żółć · student")
    assert choices.host == "Łódź Software House · Germany"
    # Every institution; only the host's contacts; only the institution's tutors; by name.
    assert {i for i, _label in choices.institutions} == {
        world.institution_id,
        other.institution_id,
    }
    labels = [label for _id, label in choices.institutions]
    assert labels == sorted(labels)
    assert all(label.endswith(" · Belgium") for label in labels)
    assert choices.mentors == [
        (hr.id, "Anna Nowak · HR"),
        (world.mentor_id, "Jürgen Weiß · Company mentor"),
    ]
    assert choices.tutors == [(world.tutor_id, "Ελένη Παπαδοπούλου · Academic tutor")]


def test_picker_choices_without_links(any_db: Database) -> None:
    make_world(any_db)
    choices = picker_choices(any_db)
    assert choices.student is None and choices.host is None
    assert choices.mentors == [] and choices.tutors == []
    assert len(choices.institutions) == 1
    gone = PlacementForm(host_id=9999)
    assert picker_choices(any_db, gone) == choices  # deleted meanwhile: no label, no mentors


def test_open_placement_reads_form_and_choices_in_two_queries(any_db: Database) -> None:
    world = make_world(any_db)
    stored = make_placement(
        any_db,
        world,
        mode=Mode.BLENDED,
        periods=[
            PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 31)),
            PeriodForm(PeriodKind.PHYSICAL, date(2027, 4, 1), date(2027, 5, 31)),
        ],
    )
    assert stored.id is not None
    with statements(any_db) as sent:
        form, choices = open_placement(any_db, stored.id)
    assert len(sent) == 2
    assert form == stored
    assert [p.kind for p in form.periods] == [PeriodKind.VIRTUAL, PeriodKind.PHYSICAL]
    assert choices.host == "Nordlicht Analytics GmbH · Germany"
    assert choices.mentors == [(world.mentor_id, "Jürgen Weiß · Company mentor")]
    with pytest.raises(NotFoundError):
        open_placement(any_db, stored.id + 1000)


def test_a_new_placement_starts_at_the_only_institution(db: Database) -> None:
    form, choices = open_new_placement(db)
    assert form.institution_id is None and choices == PickerChoices()  # nothing to choose yet
    world = make_world(db)
    form, choices = open_new_placement(db)
    assert form.institution_id == world.institution_id
    assert form.hours_per_week == 20
    assert choices.tutors == [(world.tutor_id, "Ελένη Παπαδοπούλου · Academic tutor")]
    make_institution(db)
    form, choices = open_new_placement(db)
    assert form.institution_id is None and choices.tutors == []
    assert len(choices.institutions) == 2
