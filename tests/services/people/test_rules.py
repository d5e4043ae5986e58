"""What every person and party record shares: the input checks with their messages, and the
save / delete machinery with conflicts and constraint errors turned into field messages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text

from tests.helpers.people_data import (
    make_institution,
    make_organisation,
    make_placement,
    make_student,
    student_form,
)
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import Student
from vipdesk.phrase import Phrase
from vipdesk.services.people.rules import (
    Checker,
    delete_record,
    in_use_message,
    join_words,
    load_record,
    normal_email,
    optional,
    plural,
    save_record,
)
from vipdesk.services.people.students import STUDENTS, StudentForm


def messages(run: Any) -> dict[str, str]:
    check = Checker()
    run(check)
    return {p.field: p.message for p in check.problems}


# --- small helpers -------------------------------------------------------------------------


def test_emails_are_trimmed_and_lower_cased() -> None:
    assert normal_email("  Łukasz.Żółć@UW.edu.PL ") == "łukasz.żółć@uw.edu.pl"


@pytest.mark.parametrize(
    ("value", "kept"), [(None, None), ("", None), ("  ", None), (" 李 ", "李")]
)
def test_optional_text_is_trimmed_or_none(value: str | None, kept: str | None) -> None:
    assert optional(value) == kept


def test_plurals_and_word_lists() -> None:
    assert [plural(n, "placement") for n in (0, 1, 2)] == [
        "0 placements",
        "1 placement",
        "2 placements",
    ]
    assert [join_words(w) for w in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


def test_in_use_names_only_what_is_there() -> None:
    assert in_use_message("محمد", [(0, "placement"), (0, "contact")]) is None
    said = in_use_message("Nordlicht", [(2, "placement"), (0, "x"), (1, "contact")])
    assert said is not None
    assert (
        said.english() == "Nordlicht has 2 placements and 1 contact; delete or reassign them first."
    )


# --- the checker ---------------------------------------------------------------------------


def test_text_required_optional_and_too_long() -> None:
    found = messages(
        lambda c: (
            c.text(
                "a",
                "  ",
                "The name is longer than {limit} characters.",
                5,
                required="Enter the name.",
            ),
            c.text("b", None, "The note is longer than {limit} characters.", 5),
            c.text("c", "李小龙李小龙", "The name is longer than {limit} characters.", 5),
            c.text(
                "d", " 李小龙李小 ", "The name is longer than {limit} characters.", 5
            ),  # trimmed first: exactly the limit
        )
    )
    assert found == {"a": "Enter the name.", "c": "The name is longer than 5 characters."}


@pytest.mark.parametrize(
    "address", ["anna@uw.edu.pl", "łukasz.żółć@uw.edu.pl", "li+tag@例子.中国", "a@b.co"]
)
def test_international_addresses_pass(address: str) -> None:
    assert (
        messages(lambda c: c.email("email", address, "Enter the student's e-mail address.")) == {}
    )


@pytest.mark.parametrize(
    "address", ["anna", "anna@", "@uw.edu.pl", "anna@uw", "an na@uw.pl", "anna@uw.p", "a@@b.pl"]
)
def test_typos_in_addresses_are_refused_with_an_example(address: str) -> None:
    found = messages(lambda c: c.email("email", address, "Enter the student's e-mail address."))
    assert found == {
        "email": f"'{address}' is not an e-mail address; it should look like name@uni.eu."
    }


def test_an_empty_or_overlong_address() -> None:
    assert messages(lambda c: c.email("e", " ", "Enter the mentor's e-mail address.")) == {
        "e": "Enter the mentor's e-mail address."
    }
    overlong = "a" * 250 + "@x.pl"
    assert (
        "is not an e-mail address"
        in messages(lambda c: c.email("e", overlong, "Enter x e-mail address."))["e"]
    )


def test_countries_and_time_zones() -> None:
    found = messages(
        lambda c: (
            c.country("a", "", required="Choose the country."),
            c.country("b", None),
            c.country("c", "XX"),
            c.country("d", "pl"),
            c.time_zone("e", None),
            c.time_zone("f", "Mars/Olympus"),
            c.time_zone("g", "Asia/Riyadh"),
        )
    )
    assert found == {
        "a": "Choose the country.",
        "c": "'XX' is not a country code; choose a country from the list.",
        "e": "Choose the time zone, e.g. Europe/Warsaw.",
        "f": "'Mars/Olympus' is not a time zone; choose one from the list.",
    }


@pytest.mark.parametrize(
    "site", ["", "acme.example", "www.acme.example/en", "https://acme.example:8080/p?q=1"]
)
def test_websites_that_pass(site: str) -> None:
    assert messages(lambda c: c.website("w", site)) == {}


def test_websites_that_do_not() -> None:
    assert messages(lambda c: c.website("w", "acme")) == {
        "w": "'acme' does not look like a web address, e.g. https://acme.eu."
    }
    assert messages(lambda c: c.website("w", "a.eu/" + "x" * 300)) == {
        "w": "The website address is longer than 300 characters."
    }


# --- the record machinery ------------------------------------------------------------------


def test_a_missing_record_is_not_found_by_its_kind(db: Database) -> None:
    with pytest.raises(NotFoundError, match=r"^This student no longer exists"):
        load_record(db, STUDENTS, 404)


def test_a_form_breaking_a_rule_reaches_no_session(db: Database) -> None:
    def no_session(*_args: object) -> list[Any]:
        raise AssertionError("the database was asked")

    kind = replace(STUDENTS, check=no_session)
    with pytest.raises(ValidationError) as caught:
        save_record(db, kind, student_form(given_name=""), None, overwrite=False)
    assert [p.field for p in caught.value.problems] == ["given_name"]


def test_unique_violation_caught_by_the_database_becomes_a_field_message(
    any_db: Database,
) -> None:
    """Two coordinators saving the same e-mail at once: the constraint catches the second."""

    first = make_student(any_db)
    racing = replace(STUDENTS, check=lambda _session, _form: [])
    with pytest.raises(ValidationError) as caught:
        save_record(any_db, racing, student_form(email=first.email), None, overwrite=False)
    assert caught.value.problems[0].field == "email"


def test_a_save_racing_another_between_read_and_write_is_a_conflict(any_db: Database) -> None:
    """The version check in the UPDATE itself (StaleDataError) also ends as a ConflictError."""

    mine = make_student(any_db)

    def apply_after_someone_else(session: Any, student: Student, form: StudentForm) -> None:
        with any_db.engine.begin() as other:
            other.execute(
                text("UPDATE student SET version = version + 1, updated_by = 'bob' WHERE id = :i"),
                {"i": form.id},
            )
        STUDENTS.apply(session, student, form)

    racing = replace(STUDENTS, apply=apply_after_someone_else)
    mine.programme = "Changed here"
    with pytest.raises(ConflictError) as caught:
        save_record(any_db, racing, mine, "alice", overwrite=False)
    assert caught.value.changed_by == "bob"


def test_an_unnamed_constraint_is_reported_as_it_is(db: Database) -> None:
    first = make_student(db)
    blind = replace(STUDENTS, check=lambda _session, _form: [], unique=())
    with pytest.raises(ValidationError) as caught:
        save_record(db, blind, student_form(email=first.email), None, overwrite=False)
    (problem,) = caught.value.problems
    assert problem.field == ""
    assert problem.message.startswith("The database refused the change: UNIQUE constraint")


def test_delete_refused_by_the_kinds_own_check_changes_nothing(db: Database) -> None:
    student = make_student(db, given_name="محمد", family_name="علي")
    assert student.id is not None
    kind = replace(
        STUDENTS, in_use=lambda _session, obj: Phrase("{name} is in use.", {"name": obj.given_name})
    )
    with pytest.raises(VipdeskError, match=r"^محمد is in use\.$"):
        delete_record(db, kind, student.id)
    assert load_record(db, STUDENTS, student.id).given_name == "محمد"


def test_delete_caught_by_the_database_is_explained(db: Database) -> None:
    student = make_student(db)
    host, inst = make_organisation(db), make_institution(db)
    assert student.id and host.id and inst.id
    make_placement(db, student_id=student.id, host_id=host.id, institution_id=inst.id)
    blind = replace(STUDENTS, in_use=lambda _session, _obj: None)
    with pytest.raises(VipdeskError) as caught:
        delete_record(db, blind, student.id)
    assert str(caught.value) == (
        "This student was linked to another record just now, so it was not deleted."
    )
    assert load_record(db, STUDENTS, student.id).id == student.id


def test_deleting_what_is_gone_is_what_the_user_wanted(db: Database) -> None:
    delete_record(db, STUDENTS, 404)
