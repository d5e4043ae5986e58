"""Students and their equity flags on SQLite and PostgreSQL: rules, saving, conflicts, audit."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.helpers.people_data import (
    make_institution,
    make_organisation,
    make_placement,
    make_student,
    student_form,
)
from tests.helpers.races import before_next_flush
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import CEFR_LEVELS, AuditEntry, StudentEquity, StudentLanguage
from vipdesk.services.people.equity import EquityForm, load_equity, save_equity
from vipdesk.services.people.lists import student_choices, student_rows
from vipdesk.services.people.students import (
    StudentForm,
    delete_student,
    load_student,
    new_student_form,
    save_student,
    validate_student,
)

TODAY = date(2026, 6, 15)

NAMES = [
    ("Łukasz", "Żółć"),
    ("Ελένη", "Παπαδοπούλου"),
    ("Олена", "Коваленко"),
    ("娜", "李"),
]


def problems(form: StudentForm) -> dict[str, str]:
    return {p.field: p.message for p in validate_student(form, today=TODAY)}


@pytest.mark.parametrize(("given", "family"), NAMES)
def test_names_in_any_script_round_trip(any_db: Database, given: str, family: str) -> None:
    stored = make_student(any_db, given_name=given, family_name=family)
    assert stored.id is not None
    loaded = load_student(any_db, stored.id)
    assert (loaded.given_name, loaded.family_name) == (given, family)
    assert loaded.full_name == f"{given} {family}"
    assert student_rows(any_db)[0].name == f"{given} {family}"


def test_create_load_update(any_db: Database) -> None:
    inst = make_institution(any_db)
    form = student_form(
        email="  Lukasz.Zolc@UW.edu.PL ",
        student_number=" 123456 ",
        date_of_birth=date(2003, 4, 5),
        nationality="pl",
        study_cycle=7,
        field_of_education="0413 Management and administration",
        programme="MSc Management",
        institution_id=inst.id,
        languages=[("English", "C1"), ("Polish", "native")],
    )
    stored = save_student(any_db, form, "alice")
    assert stored.id is not None and stored.version == 1
    assert stored.email == "lukasz.zolc@uw.edu.pl"
    assert stored.student_number == "123456"
    assert stored.nationality == "PL"
    assert stored.updated_by == "alice"
    assert load_student(any_db, stored.id) == stored

    stored.programme = "MSc International Management"
    updated = save_student(any_db, stored, "bob")
    assert updated.version == 2
    assert updated.programme == "MSc International Management"
    assert updated.updated_by == "bob"


def test_languages_are_updated_in_place_and_move_the_version(any_db: Database) -> None:
    stored = make_student(any_db, languages=[("English", "B2"), ("Polish", "native")])
    stored.languages = [("english", "C1"), ("German", "A2")]
    updated = save_student(any_db, stored)
    assert updated.languages == [("english", "C1"), ("German", "A2")]
    assert updated.version == 2  # languages alone still count as a change of the student
    with any_db.session() as s:
        assert s.scalar(select(text("count(*)")).select_from(StudentLanguage)) == 2


def test_unknown_student_is_not_found(any_db: Database) -> None:
    with pytest.raises(NotFoundError):
        load_student(any_db, 999)


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"given_name": "  "}, "given_name", "Enter the given name"),
        ({"family_name": ""}, "family_name", "Enter the family name"),
        ({"email": ""}, "email", "Enter the student's e-mail"),
        ({"email": "anna.nowak@"}, "email", "not an e-mail address"),
        ({"email": "anna nowak@uw.edu.pl"}, "email", "not an e-mail address"),
        ({"email": "anna@uw"}, "email", "not an e-mail address"),
        ({"nationality": "XX"}, "nationality", "not a country code"),
        ({"timezone": None}, "timezone", "Choose the time zone"),
        ({"timezone": "Mars/Olympus"}, "timezone", "not a time zone"),
        ({"study_cycle": 4}, "study_cycle", "EQF level from 5 to 8"),
        ({"study_cycle": 9}, "study_cycle", "EQF level from 5 to 8"),
        ({"date_of_birth": date(2026, 6, 16)}, "date_of_birth", "in the future"),
        ({"date_of_birth": date(2011, 6, 16)}, "date_of_birth", "at least 15"),
        ({"date_of_birth": date(1900, 1, 1)}, "date_of_birth", "Check the year"),
        ({"languages": [("English", "B3")]}, "languages", "choose a level"),
        ({"languages": [("", "B2")]}, "languages", "type the language"),
        ({"languages": [("English", "B2"), ("english ", "C1")]}, "languages", "listed twice"),
        ({"student_number": "x" * 41}, "student_number", "longer than 40"),
    ],
)
def test_each_rule_names_its_field(changes: dict[str, Any], field: str, fragment: str) -> None:
    found = problems(replace(student_form(), **changes))
    assert fragment in found[field]


def test_a_valid_student_has_no_problems() -> None:
    form = student_form(date_of_birth=date(2011, 6, 15), study_cycle=5, nationality="ua")
    form.languages = [(f"Language {n}", level) for n, level in enumerate(CEFR_LEVELS)]
    assert problems(form) == {}


def test_invalid_student_is_refused_and_nothing_saved(any_db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        save_student(any_db, student_form(email="not-an-address"))
    assert [p.field for p in caught.value.problems] == ["email"]
    assert student_rows(any_db) == []


def test_duplicate_email_names_the_other_student(any_db: Database) -> None:
    make_student(any_db, given_name="Łukasz", family_name="Żółć", email="lz@uw.edu.pl")
    with pytest.raises(ValidationError) as caught:
        save_student(any_db, student_form(email=" LZ@uw.edu.pl"))
    (problem,) = caught.value.problems
    assert problem.field == "email"
    assert problem.message == "Another student already uses this e-mail (Łukasz Żółć)."


def test_duplicate_student_number_names_the_other_student(any_db: Database) -> None:
    make_student(any_db, given_name="Олена", family_name="Коваленко", student_number="77")
    with pytest.raises(ValidationError) as caught:
        save_student(any_db, student_form(student_number="77"))
    (problem,) = caught.value.problems
    assert problem.field == "student_number"
    assert "Олена Коваленко" in problem.message


def test_saving_a_student_again_is_not_a_duplicate_of_itself(any_db: Database) -> None:
    stored = make_student(any_db)
    assert save_student(any_db, stored).version == 1  # nothing changed: no new version


def test_stale_save_is_a_conflict_and_overwrite_keeps_mine(any_db: Database) -> None:
    mine = make_student(any_db, programme="BA Economics")
    theirs = replace(mine, programme="BA Finance")
    save_student(any_db, theirs, "bob")

    mine.given_name = "Anna-Maria"
    with pytest.raises(ConflictError) as caught:
        save_student(any_db, mine, "alice")
    conflict = caught.value
    assert conflict.changed_by == "bob"
    assert isinstance(conflict.theirs, StudentForm)
    assert conflict.theirs.programme == "BA Finance"
    assert set(conflict.changed_fields) == {"given_name", "programme"}
    assert "changed by bob" in str(conflict)

    kept = save_student(any_db, mine, "alice", overwrite=True)
    assert kept.programme == "BA Economics" and kept.given_name == "Anna-Maria"
    assert kept.version == 3


def test_saving_a_deleted_student_says_so(any_db: Database) -> None:
    stored = make_student(any_db)
    assert stored.id is not None
    delete_student(any_db, stored.id)
    with pytest.raises(NotFoundError):
        save_student(any_db, stored)


def test_delete_is_refused_while_placements_refer_to_the_student(any_db: Database) -> None:
    inst = make_institution(any_db)
    host = make_organisation(any_db)
    student = make_student(any_db)
    assert student.id and host.id and inst.id
    for _ in range(2):
        make_placement(any_db, student_id=student.id, host_id=host.id, institution_id=inst.id)
    with pytest.raises(VipdeskError) as caught:
        delete_student(any_db, student.id, "alice")
    assert str(caught.value) == "Anna Nowak has 2 placements; delete or reassign them first."
    assert load_student(any_db, student.id).id == student.id


def test_delete_takes_languages_and_equity_along(any_db: Database) -> None:
    student = make_student(any_db, languages=[("English", "B2")])
    assert student.id is not None
    save_equity(any_db, EquityForm(student.id, disability=True, version=student.version))
    delete_student(any_db, student.id, "alice")
    delete_student(any_db, student.id, "alice")  # already gone: no error
    with any_db.session() as s:
        assert s.scalars(select(StudentLanguage)).all() == []
        assert s.scalars(select(StudentEquity)).all() == []


def test_equity_is_saved_apart_from_the_student(any_db: Database) -> None:
    student = make_student(any_db)
    assert student.id is not None
    assert load_equity(any_db, student.id) == EquityForm(student.id)
    flags = replace(
        load_equity(any_db, student.id),
        fewer_opportunities=True,
        working_or_carer=True,
        note="carer",
    )
    assert save_equity(any_db, flags, "alice") == flags
    assert load_equity(any_db, student.id) == flags
    after = load_student(any_db, student.id)
    assert replace(after, version=student.version, updated_by=None) == replace(
        student, updated_by=None
    )  # the student's details are untouched; only its version moved
    equity_names = {f.name for f in fields(EquityForm)} - {"student_id", "note", "version"}
    assert not equity_names & {f.name for f in fields(StudentForm)}
    for row in student_rows(any_db):
        assert not equity_names & set(row._fields)


def test_equity_for_a_missing_student_is_refused(any_db: Database) -> None:
    with pytest.raises(NotFoundError):
        save_equity(any_db, EquityForm(404, disability=True, version=1))
    with pytest.raises(NotFoundError):
        load_equity(any_db, 404)


def test_empty_equity_creates_no_row(any_db: Database) -> None:
    student = make_student(any_db)
    assert student.id is not None
    save_equity(any_db, EquityForm(student.id, version=student.version))
    with any_db.session() as s:
        assert s.get(StudentEquity, student.id) is None


def _audit(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_changes_are_audited_with_who_and_what(any_db: Database) -> None:
    stored = make_student(any_db, email="old@uw.edu.pl")
    stored.email = "new@uw.edu.pl"
    save_student(any_db, stored, "alice")
    entry = _audit(any_db)[-1]
    assert (entry.user, entry.entity, entry.entity_id, entry.action) == (
        "alice",
        "student",
        stored.id,
        "update",
    )
    assert json.loads(entry.changes) == {"email": ["old@uw.edu.pl", "new@uw.edu.pl"]}


def test_equity_audit_entries_never_hold_the_values(any_db: Database) -> None:
    student = make_student(any_db)
    assert student.id is not None
    before = len(_audit(any_db))
    first = replace(load_equity(any_db, student.id), disability=True, note="wheelchair user")
    stored = save_equity(any_db, first, "alice")
    save_equity(
        any_db,
        replace(stored, disability=False, migrant_or_refugee=True, note="asylum seeker"),
        "alice",
    )
    entries = _audit(any_db)[before:]
    assert len(entries) == 2
    for entry in entries:
        assert entry.entity == "student" and entry.entity_id == student.id
        assert "equity" in entry.summary
        changes = json.loads(entry.changes)
        assert changes and all(value == ["…", "…"] for value in changes.values())
        for secret in ("wheelchair", "asylum", "true", "True"):
            assert secret not in entry.changes + entry.summary


def test_new_student_form_presets_the_only_institution(any_db: Database) -> None:
    assert new_student_form(any_db) == StudentForm()
    inst = make_institution(any_db, timezone="Europe/Kyiv")
    assert new_student_form(any_db) == StudentForm(institution_id=inst.id, timezone="Europe/Kyiv")
    make_institution(any_db)
    assert new_student_form(any_db) == StudentForm()


def test_student_choices_label_name_and_email(any_db: Database) -> None:
    a = make_student(any_db, given_name="Ελένη", family_name="Παπαδοπούλου", email="e@uoa.gr")
    b = make_student(any_db, given_name="Anna", family_name="Nowak", email="a@uw.edu.pl")
    assert student_choices(any_db) == [
        (b.id, "Anna Nowak · a@uw.edu.pl"),
        (a.id, "Ελένη Παπαδοπούλου · e@uoa.gr"),
    ]


# --- equity flags saved by two coordinators (issue 19) ---------------------------------------


def test_equity_saved_from_a_stale_read_is_a_conflict_not_a_silent_reset(
    any_db: Database,
) -> None:
    student = make_student(any_db)
    assert student.id is not None
    anna = load_equity(any_db, student.id)
    ben = load_equity(any_db, student.id)
    save_equity(any_db, replace(anna, disability=True, note="Declared 3 March"), "anna")
    with pytest.raises(ConflictError) as caught:
        save_equity(any_db, replace(ben, working_or_carer=True), "ben")
    conflict = caught.value
    assert conflict.changed_by == "anna"
    assert conflict.theirs == EquityForm(student.id, disability=True, note="Declared 3 March")
    assert set(conflict.changed_fields) == {"disability", "working_or_carer", "note"}
    assert load_equity(any_db, student.id).disability  # anna's flags are still there
    kept = save_equity(any_db, replace(ben, working_or_carer=True), "ben", overwrite=True)
    assert load_equity(any_db, student.id) == kept == EquityForm(student.id, working_or_carer=True)


def test_equity_save_racing_another_between_read_and_write_is_a_conflict(
    any_db: Database,
) -> None:
    student = make_student(any_db)
    assert student.id is not None
    anna = replace(load_equity(any_db, student.id), disability=True)
    ben = replace(load_equity(any_db, student.id), fewer_opportunities=True)
    with (
        before_next_flush(lambda: save_equity(any_db, anna, "anna")),
        pytest.raises(ConflictError) as caught,
    ):
        save_equity(any_db, ben, "ben")
    assert caught.value.theirs == EquityForm(student.id, disability=True)
    assert load_equity(any_db, student.id) == EquityForm(student.id, disability=True)


def test_equity_saved_meanwhile_makes_the_student_editor_save_a_conflict(
    any_db: Database,
) -> None:
    """The editor saves details and flags together, under the student's version."""
    student = make_student(any_db)
    assert student.id is not None
    save_equity(any_db, replace(load_equity(any_db, student.id), disability=True), "anna")
    mine = EquityForm(student.id, migrant_or_refugee=True)
    with pytest.raises(ConflictError) as caught:
        save_student(any_db, replace(student, programme="MSc Finance"), "ben", equity=mine)
    assert caught.value.changed_by == "anna"
    assert load_equity(any_db, student.id) == EquityForm(student.id, disability=True)
    assert load_student(any_db, student.id).programme == student.programme
    saved = save_student(any_db, student, "ben", overwrite=True, equity=mine)
    assert load_equity(any_db, student.id) == mine
    assert saved.version == load_student(any_db, student.id).version


def test_an_over_long_equity_note_is_refused_with_its_limit(any_db: Database) -> None:
    student = make_student(any_db)
    assert student.id is not None
    form = replace(load_equity(any_db, student.id), note="x" * 2_001)
    with pytest.raises(ValidationError) as caught:
        save_equity(any_db, form)
    assert str(caught.value) == "The equity note is longer than 2,000 characters."
    assert load_equity(any_db, student.id) == EquityForm(student.id)
