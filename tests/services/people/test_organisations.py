"""Organisations and institutions on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.helpers.people_data import (
    make_contact,
    make_institution,
    make_organisation,
    make_placement,
    make_student,
)
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import ContactRole, OrganisationSize
from vipdesk.services.people.organisations import (
    InstitutionForm,
    OrganisationForm,
    delete_institution,
    delete_organisation,
    load_institution,
    load_organisation,
    save_institution,
    save_organisation,
    validate_institution,
    validate_organisation,
)

# --- organisations -------------------------------------------------------------------------


def test_organisation_create_load_update(any_db: Database) -> None:
    form = OrganisationForm(
        name=" 株式会社サクラ ",
        country="jp",
        city="東京",
        website="https://sakura.example.jp/en",
        sector="Software",
        size=OrganisationSize.SMALL,
        timezone="Asia/Tokyo",
    )
    stored = save_organisation(any_db, form, "alice")
    assert stored.id is not None
    assert (stored.name, stored.country, stored.version) == ("株式会社サクラ", "JP", 1)
    assert load_organisation(any_db, stored.id) == stored
    stored.size = OrganisationSize.LARGE
    assert save_organisation(any_db, stored).version == 2


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"name": " "}, "name", "Enter the organisation's name"),
        ({"country": None}, "country", "Choose the country"),
        ({"country": "EU"}, "country", "not a country code"),
        ({"timezone": "Europe/Atlantis"}, "timezone", "not a time zone"),
        ({"website": "acme"}, "website", "does not look like a web address"),
        ({"website": "http://"}, "website", "does not look like a web address"),
        ({"website": "acme dot com"}, "website", "does not look like a web address"),
    ],
)
def test_organisation_rules(changes: dict[str, Any], field: str, fragment: str) -> None:
    form = replace(OrganisationForm(name="Acme", country="DE", timezone="Europe/Berlin"), **changes)
    found = {p.field: p.message for p in validate_organisation(form)}
    assert fragment in found[field]


@pytest.mark.parametrize(
    "website", ["acme.de", "www.acme.de", "https://acme.de", "http://acme.de:8080/jobs?x=1"]
)
def test_websites_that_look_like_urls_pass(website: str) -> None:
    form = OrganisationForm(name="Acme", country="DE", timezone="Europe/Berlin", website=website)
    assert validate_organisation(form) == []


def test_same_name_in_the_same_country_is_a_duplicate(any_db: Database) -> None:
    make_organisation(any_db, name="Nordlicht Analytics GmbH", country="DE")
    make_organisation(any_db, name="Nordlicht Analytics GmbH", country="AT")  # fine elsewhere
    form = OrganisationForm(name="nordlicht analytics gmbh", country="DE", timezone="Europe/Berlin")
    with pytest.raises(ValidationError) as caught:
        save_organisation(any_db, form)
    (problem,) = caught.value.problems
    assert problem.field == "name"
    assert problem.message == (
        "Another organisation in Germany already has this name (Nordlicht Analytics GmbH)."
    )


def test_organisation_conflict_and_overwrite(any_db: Database) -> None:
    mine = make_organisation(any_db, city="Berlin")
    save_organisation(any_db, replace(mine, city="Hamburg"), "bob")
    with pytest.raises(ConflictError) as caught:
        save_organisation(any_db, replace(mine, sector="Energy"), "alice")
    assert caught.value.changed_by == "bob"
    assert set(caught.value.changed_fields) == {"city", "sector"}
    kept = save_organisation(any_db, replace(mine, sector="Energy"), "alice", overwrite=True)
    assert (kept.city, kept.sector) == ("Berlin", "Energy")


def test_organisation_delete_is_refused_while_referenced(any_db: Database) -> None:
    org = make_organisation(any_db, name="Acme")
    inst = make_institution(any_db)
    student = make_student(any_db)
    assert org.id and inst.id and student.id
    make_contact(any_db, organisation_id=org.id)
    make_contact(any_db, organisation_id=org.id)
    make_placement(any_db, student_id=student.id, host_id=org.id, institution_id=inst.id)
    with pytest.raises(VipdeskError) as caught:
        delete_organisation(any_db, org.id)
    assert str(caught.value) == (
        "Acme has 1 placement and 2 contacts; delete or reassign them first."
    )
    assert load_organisation(any_db, org.id).name == "Acme"


def test_unreferenced_organisation_is_deleted(any_db: Database) -> None:
    org = make_organisation(any_db)
    assert org.id is not None
    delete_organisation(any_db, org.id)
    with pytest.raises(NotFoundError):
        load_organisation(any_db, org.id)


# --- institutions --------------------------------------------------------------------------


def test_institution_create_load_update(any_db: Database) -> None:
    form = InstitutionForm(
        name="Εθνικό και Καποδιστριακό Πανεπιστήμιο Αθηνών",
        erasmus_code="G ATHINE01",
        faculty="School of Economics",
        country="GR",
        city="Αθήνα",
        address="Πανεπιστημίου 30\n106 79 Αθήνα",
        website="uoa.gr",
        timezone="Europe/Athens",
    )
    stored = save_institution(any_db, form)
    assert stored.id is not None
    assert load_institution(any_db, stored.id) == stored
    assert stored.address == "Πανεπιστημίου 30\n106 79 Αθήνα"
    stored.faculty = ""
    updated = save_institution(any_db, stored)
    assert (updated.faculty, updated.version) == ("", 2)


def test_institution_rules() -> None:
    found = {p.field for p in validate_institution(InstitutionForm(website="not a site"))}
    assert found == {"name", "country", "timezone", "website"}


def test_institution_name_is_unique(any_db: Database) -> None:
    make_institution(any_db, name="KU Leuven")
    form = InstitutionForm(name="KU Leuven", country="BE", timezone="Europe/Brussels")
    with pytest.raises(ValidationError) as caught:
        save_institution(any_db, form)
    assert caught.value.problems[0].field == "name"
    assert "Another institution already has this name (KU Leuven)." in str(caught.value)


def test_institution_delete_counts_what_refers_to_it(any_db: Database) -> None:
    inst = make_institution(any_db, name="KU Leuven")
    assert inst.id is not None
    make_student(any_db, institution_id=inst.id)
    make_contact(any_db, institution_id=inst.id, role=ContactRole.ACADEMIC_TUTOR)
    with pytest.raises(VipdeskError, match=r"^KU Leuven has 1 student and 1 contact; "):
        delete_institution(any_db, inst.id)
    empty = make_institution(any_db)
    assert empty.id is not None
    delete_institution(any_db, empty.id)


def test_an_over_long_institution_address_is_named_with_its_limit() -> None:
    """Issue 19: the address is an unbounded column; nothing limited it."""
    form = InstitutionForm(
        name="KU Leuven", country="BE", timezone="Europe/Brussels", address="a" * 2_001
    )
    assert [(p.field, p.message) for p in validate_institution(form)] == [
        ("address", "The address is longer than 2000 characters.")
    ]


def test_a_postal_address_is_kept_and_printed_in_the_agreement(any_db: Database) -> None:
    from tests.helpers.factories import make_placement, make_world
    from vipdesk.services.agreements.prefill import agreement_from_placement

    world = make_world(any_db)
    placement = make_placement(any_db, world)
    assert placement.id is not None and placement.host_id is not None
    form = load_organisation(any_db, placement.host_id)
    saved = save_organisation(any_db, replace(form, street="Torstraße 1", postcode="10119"))
    assert (saved.street, saved.postcode) == ("Torstraße 1", "10119")
    address = agreement_from_placement(any_db, placement.id).receiving.address
    assert address == f"Torstraße 1, 10119 {saved.city}".strip()
    with pytest.raises(ValidationError, match="postcode"):
        save_organisation(any_db, replace(saved, postcode="1" * 30))
