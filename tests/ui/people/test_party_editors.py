"""Organisation, institution and contact editors end to end."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import Button, MessageBoxes
from tests.helpers.people_data import make_contact, make_institution, make_organisation
from vipdesk.db import Database
from vipdesk.models import ContactRole, OrganisationSize
from vipdesk.services.people.contacts import load_contact
from vipdesk.services.people.lists import contact_rows
from vipdesk.services.people.organisations import (
    load_institution,
    load_organisation,
    save_organisation,
)
from vipdesk.ui.people.contact_editor import ContactEditor
from vipdesk.ui.people.institution_editor import InstitutionEditor
from vipdesk.ui.people.organisation_editor import OrganisationEditor


def shown(qtbot: QtBot, editor: QDialog) -> Any:
    qtbot.addWidget(editor)
    editor.show()
    return editor


def save(qtbot: QtBot, editor: Any) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_create_an_organisation(qtbot: QtBot, db: Database) -> None:
    editor = shown(qtbot, OrganisationEditor(db))
    assert editor.windowTitle() == "New host organisation"
    editor.name.setText("株式会社サクラ")
    editor.country.set_current_data("JP")
    editor.city.setText("東京")
    editor.website.setText("sakura.example.jp")
    editor.size_choice.setCurrentIndex(editor.size_choice.findData("large"))
    editor.timezone.set_current_data("Asia/Tokyo")
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    stored = load_organisation(db, editor.saved_id)
    assert (stored.name, stored.country, stored.city) == ("株式会社サクラ", "JP", "東京")
    assert stored.size is OrganisationSize.LARGE


def test_the_organisation_editor_keeps_qwidget_size(qtbot: QtBot, db: Database) -> None:
    # The size combo was once named `size`, hiding QWidget.size().
    editor = shown(qtbot, OrganisationEditor(db))
    editor.resize(640, 480)
    assert editor.size() == editor.geometry().size()


def test_organisation_website_and_duplicates(qtbot: QtBot, db: Database) -> None:
    make_organisation(db, name="Nordlicht Analytics GmbH", country="DE")
    editor = shown(qtbot, OrganisationEditor(db))
    editor.name.setText("Nordlicht Analytics GmbH")
    editor.country.set_current_data("DE")
    editor.timezone.set_current_data("Europe/Berlin")
    editor.website.setText("not a website")
    save(qtbot, editor)
    assert "does not look like a web address" in editor._errors["website"].text()
    editor.website.setText("")
    save(qtbot, editor)
    assert "Another organisation in Germany" in editor._errors["name"].text()
    assert not editor._errors["website"].isVisible()


def test_organisation_conflict_keep_mine(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    org = make_organisation(db, city="Berlin")
    editor = shown(qtbot, OrganisationEditor(db, org.id))
    save_organisation(db, replace(org, city="Hamburg", sector="Energy"), "bob")
    editor.sector.setText("Software")
    message_boxes.exec_answer = Button.No
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    stored = load_organisation(db, org.id)  # type: ignore[arg-type]
    assert (stored.city, stored.sector) == ("Berlin", "Software")


def test_create_an_institution(qtbot: QtBot, db: Database) -> None:
    editor = shown(qtbot, InstitutionEditor(db))
    editor.name.setText("Київський національний університет імені Тараса Шевченка")
    editor.erasmus_code.setText("UA KYIV01")
    editor.country.set_current_data("UA")
    editor.address.setPlainText("вулиця Володимирська, 60\nКиїв")
    editor.timezone.set_current_data("Europe/Kyiv")
    save(qtbot, editor)
    stored = load_institution(db, editor.saved_id)
    assert stored.address == "вулиця Володимирська, 60\nКиїв"
    assert stored.erasmus_code == "UA KYIV01"


def test_institution_needs_a_country(qtbot: QtBot, db: Database) -> None:
    editor = shown(qtbot, InstitutionEditor(db))
    editor.name.setText("KU Leuven")
    editor.timezone.set_current_data("Europe/Brussels")
    save(qtbot, editor)
    assert editor._errors["country"].text() == "Choose the country."
    assert editor.isVisible()


def test_new_mentor_at_this_host_is_preset(qtbot: QtBot, db: Database) -> None:
    host = make_organisation(db, name="Nordlicht Analytics GmbH", timezone="Europe/Vienna")
    editor = shown(qtbot, ContactEditor(db, role=ContactRole.MENTOR, organisation_id=host.id))
    assert editor.windowTitle() == "New company mentor"
    assert editor.role.currentText() == "Company mentor"
    assert editor.employer.ids() == (host.id, None)
    assert editor.timezone.zone() == "Europe/Vienna"
    assert not editor.is_dirty()  # presets are not the user's changes
    editor.name.setText("Jürgen Weiß")
    editor.email.setText("JW@Nordlicht.example")
    save(qtbot, editor)
    stored = load_contact(db, editor.saved_id)
    assert (stored.email, stored.role, stored.organisation_id) == (
        "jw@nordlicht.example",
        ContactRole.MENTOR,
        host.id,
    )


def test_new_tutor_at_an_institution(qtbot: QtBot, db: Database) -> None:
    inst = make_institution(db, name="KU Leuven", timezone="Europe/Brussels")
    editor = shown(qtbot, ContactEditor(db))
    editor.name.setText("Ελένη Παπαδοπούλου")
    editor.email.setText("eleni@kuleuven.example")
    editor.role.setCurrentIndex(editor.role.findData("academic_tutor"))
    assert editor.employer.current_kind() == "institution"  # tutors work at institutions
    editor.employer.record.set_current_data(inst.id)
    editor.timezone.set_current_data("Europe/Brussels")
    save(qtbot, editor)
    assert [row.employer for row in contact_rows(db)] == ["KU Leuven"]


def test_contact_without_employer_or_role_shows_messages(qtbot: QtBot, db: Database) -> None:
    editor = shown(qtbot, ContactEditor(db))
    editor.name.setText("李娜")
    editor.email.setText("li.na@example.cn")
    editor.timezone.set_current_data("Asia/Shanghai")
    save(qtbot, editor)
    assert editor._errors["role"].text() == "Choose the role, e.g. Company mentor."
    assert "Choose where this person works" in editor._errors["employer"].text()
    assert contact_rows(db) == []


def test_edit_a_contact(qtbot: QtBot, db: Database) -> None:
    contact = make_contact(db, name="Jürgen Weiß")
    editor = shown(qtbot, ContactEditor(db, contact.id))
    assert editor.windowTitle() == "Contact: Jürgen Weiß"
    editor.phone.setText("+49 30 7654321")
    editor.position.setText("Head of Data")
    save(qtbot, editor)
    stored = load_contact(db, contact.id)  # type: ignore[arg-type]
    assert (stored.phone, stored.position, stored.version) == ("+49 30 7654321", "Head of Data", 2)
