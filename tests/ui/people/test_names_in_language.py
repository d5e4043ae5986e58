"""Countries, roles and sizes in the people lists and pickers read in the interface's
language, as the rest of the window does: a German coordinator meets "Österreich", not
"Austria", and a refused name says where in German too."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.people_data import (
    make_contact,
    make_institution,
    make_organisation,
    make_student,
)
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.errors import ValidationError
from vipdesk.models import OrganisationSize
from vipdesk.services.people.organisations import OrganisationForm, save_organisation
from vipdesk.services.placements import lookups
from vipdesk.ui.labels import NAMES
from vipdesk.ui.people.contact_editor import ContactEditor
from vipdesk.ui.people.organisation_editor import OrganisationEditor
from vipdesk.ui.people.views import ContactsView, InstitutionsView, OrganisationsView, StudentsView
from vipdesk.ui.phrases import problem_text
from vipdesk.ui.widgets import CountryCombo


def _texts(qtbot: QtBot, cls: type, db: Database) -> list[str]:
    view = cls(db)
    qtbot.addWidget(view)
    model = view.model
    return [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def test_the_people_lists_name_countries_roles_and_sizes_in_german(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    host = make_organisation(db, country="AT", timezone="Europe/Vienna",
                             size=OrganisationSize.SMALL)  # fmt: skip
    make_contact(db, organisation_id=host.id)
    school = make_institution(db, country="NL", timezone="Europe/Amsterdam")
    make_student(db, nationality="HU", institution_id=school.id)
    with interface_in("de", tmp_path):
        assert "Österreich" in _texts(qtbot, OrganisationsView, db)
        assert "< 250 Beschäftigte" in _texts(qtbot, OrganisationsView, db)
        assert "Niederlande" in _texts(qtbot, InstitutionsView, db)
        assert "Ungarn" in _texts(qtbot, StudentsView, db)
        roles = _texts(qtbot, ContactsView, db)
        assert "Mentor/in im Unternehmen" in roles and "Company mentor" not in roles
        # the pickers: "Name · Country" and "Name · role"
        search = lookups.OrganisationSearch(db, names=NAMES)
        assert search("österreich") == [(host.id, f"{host.name} · Österreich")]
        assert search("austria") == []
        editor = ContactEditor(db)
        qtbot.addWidget(editor)
        picker = editor.employer.record
        places = [picker.itemText(i) for i in range(picker.count())]
        assert f"{host.name} · Österreich" in places
    # and English again outside
    assert "Austria" in _texts(qtbot, OrganisationsView, db)


def test_the_country_list_is_named_and_sorted_in_the_interfaces_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with interface_in("de", tmp_path):
        combo = CountryCombo()
        qtbot.addWidget(combo)
        names = [combo.itemText(i) for i in range(combo.count())]
    assert "Deutschland (DE)" in names and "Germany (DE)" not in names
    # German sorts the umlaut with its letter: Österreich among the Os, before Pakistan
    at = names.index("Österreich (AT)")
    assert names[at - 1].startswith("O") and names[at + 1].startswith(("O", "P"))
    assert names.index("Oman (OM)") < at < names.index("Pakistan (PK)")


def test_a_refused_name_says_the_country_in_the_interfaces_language(
    db: Database, tmp_path: Path
) -> None:
    make_organisation(db, name="Donau Werke", country="AT", timezone="Europe/Vienna")
    twin = OrganisationForm(name="Donau Werke", country="AT", timezone="Europe/Vienna")
    with pytest.raises(ValidationError) as refused:
        save_organisation(db, twin, "tester")
    (problem,) = refused.value.problems
    assert problem.message == "Another organisation in Austria already has this name (Donau Werke)."
    with interface_in("de", tmp_path):
        worded = problem_text(problem)
    assert "Österreich" in worded and "Austria" not in worded


def test_a_list_counts_its_records_in_the_languages_plural_form(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    for _ in range(5):
        make_organisation(db)
    with interface_in("pl", tmp_path):
        polish = OrganisationsView(db)
        qtbot.addWidget(polish)
        polish.show()
        qtbot.waitUntil(lambda: polish.model.rowCount() == 5)
    with interface_in("de", tmp_path):
        german = OrganisationsView(db)
        qtbot.addWidget(german)
        german.show()
        qtbot.waitUntil(lambda: german.model.rowCount() == 5)
    assert polish.count_label.text() == "5 organizacji przyjmujących"
    assert german.count_label.text() == "5 aufnehmende Organisationen"  # not "Aufnehmende"


def test_the_lists_speak_in_whole_sentences_of_their_own_language(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """Polish declines the noun ("studentów" after "Szukaj" and a number, "student" after
    "Żaden"): a noun put into one shared sentence could not."""
    for n in range(3):
        make_student(db, given_name=f"Anna{n}", family_name="Nowak")
    with interface_in("pl", tmp_path):
        view = StudentsView(db)
        qtbot.addWidget(view)
        view.search_box.setText("Anna1")
        shown_of = view.count_label.text()
        view.search_box.setText("Zofia")
        no_match = view.empty_label.text()
        empty = InstitutionsView(db)
        qtbot.addWidget(empty)
    assert view.search_box.placeholderText() == "Szukaj studentów…"
    assert shown_of == "1 z 3 studentów"
    assert no_match == "Żaden student nie pasuje do „Zofia”."
    assert empty.empty_label.text() == "Brak instytucji — kliknij „Dodaj…”, aby dodać pierwszą"
    assert empty.table.accessibleName() == "Instytucje"


def test_the_study_cycles_are_named_in_the_interfaces_language(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from vipdesk.services.people.students import EQF_LEVELS
    from vipdesk.ui.people.student_editor import StudentEditor, _cycle_names

    assert set(_cycle_names()) == set(EQF_LEVELS)  # every cycle the service knows
    with interface_in("pl", tmp_path):
        editor = StudentEditor(db)
        qtbot.addWidget(editor)
        cycles = [editor.study_cycle.itemText(i) for i in range(editor.study_cycle.count())]
    assert "ERK 6 (studia pierwszego stopnia)" in cycles and "EQF 6 (bachelor)" not in cycles


def test_an_organisation_has_a_name_not_a_first_name_and_surname(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """Polish names a person's name "Imię i nazwisko": the organisation editor said so too."""
    with interface_in("pl", tmp_path):
        editor = OrganisationEditor(db)
        qtbot.addWidget(editor)
        person = ContactEditor(db)
        qtbot.addWidget(person)
    assert editor.name.accessibleName() == "Nazwa (wymagane)"
    assert person.name.accessibleName() == "Imię i nazwisko (wymagane)"
