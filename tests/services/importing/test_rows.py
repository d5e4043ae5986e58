"""One spreadsheet row into a form: cells read with their problems, study cycles, languages and
sizes in many spellings, what is already in the database, and ids chosen before the INSERTs."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.people_data import make_institution, make_student
from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import OrganisationSize, PeriodKind
from vipdesk.phrase import Country, Joined, Label, english
from vipdesk.services.importing.columns import CellError, as_date
from vipdesk.services.importing.rows import (
    Ids,
    Institutions,
    Row,
    StudentRows,
    display,
    languages,
    organisation_size,
    study_cycle,
)
from vipdesk.services.placements.records import PeriodForm


def test_display_shows_labels_lists_languages_and_periods() -> None:
    # names vipdesk keeps are parts the interface words in its language; English here
    assert display(OrganisationSize.SMALL) == Label(OrganisationSize.SMALL.label)
    assert display([("English", "C1"), ("Arabic", "")]) == Joined(("English C1", "Arabic"), "; ")
    period = PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 31))
    assert english(display(period)) == "virtual 2027-02-01 to 2027-03-31"
    assert display(7) == "7" and display("李小龙") == "李小龙"


def test_a_row_remembers_what_it_understood_and_what_went_wrong() -> None:
    row = Row(4, {"name": "  Łukasz Żółć ", "born": "31.02.2003", "start": "2027-02-01"})
    assert row.text("name") == "Łukasz Żółć" and row.text("missing") == ""
    assert row.read("born", as_date) is None
    assert row.read("start", as_date) == date(2027, 2, 1)
    assert row.shown == {"name": "Łukasz Żółć", "born": "31.02.2003", "start": "2027-02-01"}
    assert [key for key, _ in row.problems] == ["born"]


def test_a_country_cell_shows_the_countrys_name() -> None:
    row = Row(2, {"country": "sa"})
    assert row.country() == "SA"
    assert row.shown["country"] == Country("SA", "Saudi Arabia")


def test_service_problems_go_to_their_columns_unless_a_cell_explains_them() -> None:
    row = Row(2, {})
    row.problem("country", "'Atlantis' is not a country.")
    row.add(
        [
            FieldProblem("host_id", "Choose the host."),
            FieldProblem("country", "Choose the country."),
            FieldProblem("title", "Enter the title."),
        ],
        {"host_id": "host"},
        depends={"host": ("country",)},
    )
    assert row.messages() == [
        ("country", "'Atlantis' is not a country."),
        ("title", "Enter the title."),
    ]


@pytest.mark.parametrize(
    ("cell", "cycle"),
    [
        (None, None),
        ("", None),
        (6, 6),
        ("7", 7),
        ("EQF 8", 8),
        ("eqf5", 5),
        ("Master", 7),
        ("  short   cycle ", 5),
        ("PhD", 8),
    ],
)
def test_study_cycles_in_many_spellings(cell: object, cycle: int | None) -> None:
    assert study_cycle(cell) == cycle  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["4", "9", "licencjat", "本科"])
def test_an_unknown_study_cycle_says_what_to_write(cell: str) -> None:
    with pytest.raises(CellError) as caught:
        study_cycle(cell)
    assert str(caught.value) == f"'{cell}' is not a study cycle: write 5, 6, 7 or 8 (EQF level)."


def test_languages_with_levels_in_brackets_or_after_a_colon() -> None:
    assert languages("English C1; German (b2), Polish: native\n中文 A2") == [
        ("English", "C1"),
        ("German", "B2"),
        ("Polish", "native"),
        ("中文", "A2"),
    ]
    assert languages("Old Church Slavonic") == [("Old Church Slavonic", "")]
    assert languages(None) == [] and languages(" ; ,") == []


@pytest.mark.parametrize(
    ("cell", "size"),
    [
        (None, None),
        (249, OrganisationSize.SMALL),
        (250, OrganisationSize.LARGE),
        ("12", OrganisationSize.SMALL),
        (1000.0, OrganisationSize.LARGE),
        ("SME", OrganisationSize.SMALL),
        ("≥ 250 employees", OrganisationSize.LARGE),
        ("250+", OrganisationSize.LARGE),
    ],
)
def test_sizes_by_headcount_or_by_name(cell: object, size: OrganisationSize | None) -> None:
    assert organisation_size(cell) is size  # type: ignore[arg-type]


def test_an_unknown_size_lists_the_choices() -> None:
    with pytest.raises(CellError, match="'huge' is not a size; choose one of"):
        organisation_size("huge")


def test_institutions_by_name_or_the_only_one(db: Database) -> None:
    only = make_institution(db, name="Uniwersytet Łódzki")
    with db.session() as session:
        institutions = Institutions(session)
    assert institutions.find(Row(2, {})) == (only.id, "Europe/Warsaw")
    assert institutions.find(Row(2, {"institution": " uniwersytet łódzki "})) == (
        only.id,
        "Europe/Warsaw",
    )
    unknown = Row(3, {"institution": "جامعة القاهرة"})
    assert institutions.find(unknown) is None
    assert unknown.messages() == [
        ("institution", "There is no institution 'جامعة القاهرة' in vipdesk; add it first.")
    ]
    make_institution(db)
    with db.session() as session:
        assert Institutions(session).find(Row(2, {})) is None  # two: no guess


def test_a_student_row_becomes_a_form_and_a_known_one_is_named(db: Database) -> None:
    make_institution(db, timezone="Europe/Warsaw")
    known = make_student(db, given_name="محمد", family_name="علي", student_number="S-1")
    kind = StudentRows()
    with db.session() as session:
        kind.prepare(session)
    new = kind.build(
        Row(
            2,
            {
                "given_name": "李",
                "family_name": "小龙",
                "email": "Li@Example.CN",
                "languages": "English C1",
                "study_cycle": "bachelor",
            },
        )
    )
    assert (new.form.timezone, new.form.study_cycle, new.form.languages) == (
        "Europe/Warsaw",
        6,
        [("English", "C1")],
    )
    assert new.existing is None
    assert new.keys == [("email", "li@example.cn", "The same e-mail as row {first}.")]
    again = kind.build(
        Row(3, {"given_name": "M", "family_name": "A", "email": known.email.upper()})
    )
    assert again.existing == "a student with this e-mail (محمد علي)"
    by_number = kind.build(
        Row(4, {"given_name": "M", "family_name": "A", "email": "x@y.org", "student_number": "S-1"})
    )
    assert by_number.existing == "a student with this student number (محمد علي)"


def test_ids_follow_the_highest_taken(any_db: Database) -> None:
    first = make_student(any_db)
    assert first.id is not None
    with any_db.session() as session:
        ids = Ids(session)
        ids.reserve("student", 2)
        taken = [ids.take("student") for _ in range(3)]
    assert taken == sorted(taken) and len(set(taken)) == 3
    assert min(taken) > first.id
