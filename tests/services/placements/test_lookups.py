"""Picker look-ups: students and hosts found as you type, and the placement form in one query."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.factories import make_placement, make_world, placement_form
from tests.helpers.people_data import (
    make_contact,
    make_institution,
    make_organisation,
    make_student,
)
from tests.helpers.sheet_world import add_parties
from tests.helpers.statements import statements
from vipdesk.db import Database
from vipdesk.errors import NotFoundError
from vipdesk.models import AuditEntry, ContactRole, Mode, PeriodKind, Student
from vipdesk.models.student import student_search_text
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.importing.plan import plan_import, run_import
from vipdesk.services.people.students import save_student
from vipdesk.services.placements.lookups import (
    OrganisationSearch,
    PickerChoices,
    organisation_label,
    picker_choices,
    search_students,
)
from vipdesk.services.placements.records import (
    PeriodForm,
    PlacementForm,
    open_new_placement,
    open_placement,
)
from vipdesk.textfold import fold

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
    hr = make_contact(
        any_db,
        name="Anna Nowak",
        email="hr@lodz.example",  # factories and people_data number their e-mails apart
        role=ContactRole.HR,
        organisation_id=world.host_id,
    )
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


# --- student search: accent- and case-blind, on both databases ---------------------------------


def _found(db: Database, text: str) -> list[int]:
    return [student_id for student_id, _label in search_students(db, text)]


def test_student_search_ignores_accents_and_case(any_db: Database) -> None:
    lukasz = make_student(
        any_db,
        given_name="Łukasz",
        family_name="Żółć",
        email="l.zolc_pl@uw.edu.pl",
        student_number="PL-4242",
    ).id
    anna = make_student(any_db, given_name="Anna", family_name="Kowalska").id
    for typed in ("Łukasz", "łukasz", "LUKASZ", "lukasz", "zolc", "Żółć", "ŻÓŁĆ", "ukasz"):
        assert _found(any_db, typed) == [lukasz], typed
    assert _found(any_db, "  lukasz   ZOLC ") == [lukasz]  # every word, in any order
    assert _found(any_db, "żółć lukasz") == [lukasz]
    assert _found(any_db, "lukasz kowalska") == []
    assert _found(any_db, "zolc_pl@UW") == [lukasz]  # part of the e-mail
    assert _found(any_db, "pl-4242") == [lukasz]  # the student number
    assert _found(any_db, "kowalska") == [anna]
    # LIKE's wildcards typed are letters like any other: '_' is not "any character".
    assert _found(any_db, "c_p") == [lukasz]
    assert _found(any_db, "a_k") == [] and _found(any_db, "%") == []
    assert search_students(any_db, "zolc") == [(lukasz, "Łukasz Żółć · l.zolc_pl@uw.edu.pl")]


def test_student_search_lists_by_family_name_up_to_its_limit(db: Database) -> None:
    for given, family in (("Zoë", "Émond"), ("Anna", "Zieliński"), ("Bea", "Adams")):
        make_student(db, given_name=given, family_name=family)
    assert [label.split(" · ")[0] for _id, label in search_students(db, "")] == [
        "Bea Adams",
        "Anna Zieliński",
        "Zoë Émond",  # by the stored name, as before: 'É' sorts after 'Z' in binary order
    ]
    assert len(search_students(db, "e", limit=2)) == 2


def test_editing_a_student_changes_what_finds_them(any_db: Database) -> None:
    form = make_student(any_db, given_name="Łukasz", family_name="Żółć", student_number="S-1")
    assert form.id is not None
    assert _found(any_db, "zolc") == [form.id]
    form.family_name = "Wiśniewski"
    saved = save_student(any_db, form, "tester")
    assert _found(any_db, "zolc") == []
    assert _found(any_db, "wisniewski lukasz") == [form.id]
    saved.email, saved.student_number = "nowy.adres@uw.edu.pl", "S-2"
    save_student(any_db, saved, "tester")
    assert _found(any_db, "nowy.adres") == [form.id] and _found(any_db, "s-2") == [form.id]
    assert _found(any_db, "s-1") == []
    with any_db.session() as session:
        changes = session.scalars(
            select(AuditEntry.changes).where(
                AuditEntry.entity == "student", AuditEntry.action == "update"
            )
        ).all()
    # The audit trail tells what the user changed, not the derived search column.
    assert changes and all("search_text" not in c for c in changes)
    assert any("Wiśniewski" in json.loads(c).get("family_name", [None, ""])[1] for c in changes)


def test_demo_students_are_found_by_folded_words(any_db: Database) -> None:
    generate_demo(any_db, 60, seed=3, today=date(2026, 11, 26))
    with any_db.session() as session:
        rows = session.execute(
            select(
                Student.id,
                Student.given_name,
                Student.family_name,
                Student.email,
                Student.student_number,
                Student.search_text,
            )
        ).all()
    # The demo's bulk insert (COPY on PostgreSQL) fills the column the ORM would.
    assert all(row[5] == student_search_text(*row[1:5]) for row in rows)
    accented = [row for row in rows if not row.family_name.isascii()]
    assert accented, "the demo has names with accents or in other scripts"
    for row in accented[:5]:
        assert row.id in _found(any_db, f"{fold(row.family_name)} {row.given_name.upper()}")


def test_imported_students_are_found_by_folded_words(any_db: Database, tmp_path: Path) -> None:
    add_parties(any_db)
    path = tmp_path / "students.csv"
    path.write_text(
        "Given name;Surname;Email address;Student ID;Institution\n"
        "Dagný;Þórðardóttir;dagny@uni.example;S900;KU Leuven\n"
        "Jonas;Peeters;jonas@uni.example;S901;KU Leuven\n",
        encoding="utf-8",
    )
    plan = plan_import(any_db, "students", path)
    assert plan.ok, plan.problems
    assert run_import(any_db, plan, "importer").created == 2
    [(student_id, label)] = search_students(any_db, "DAGNY ÞÓR")
    assert label == "Dagný Þórðardóttir · dagny@uni.example"
    assert _found(any_db, "s900") == [student_id]
