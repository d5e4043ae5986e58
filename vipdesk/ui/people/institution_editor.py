"""The institution editor: a sending higher education institution."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.services.people.organisations import (
    InstitutionForm,
    load_institution,
    save_institution,
    validate_institution,
)
from vipdesk.ui.i18n import tr
from vipdesk.ui.record_editor import RecordEditor, combo_problem
from vipdesk.ui.widgets import CountryCombo, TimeZoneCombo


class InstitutionEditor(RecordEditor[InstitutionForm]):
    def not_saved_title(self) -> str:
        return tr("Institution not saved")

    def __init__(
        self, db: Database, institution_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.erasmus_code = QLineEdit()
        self.erasmus_code.setMaxLength(30)
        self.erasmus_code.setPlaceholderText(tr("e.g. PL WARSZAW01"))
        self.faculty = QLineEdit()
        self.country = CountryCombo()
        self.city = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://…")
        self.timezone = TimeZoneCombo()
        self.add_field("name", tr("Name", "not a person's"), self.name, required=True)
        self.add_field("erasmus_code", tr("Erasmus code"), self.erasmus_code)
        self.add_field("faculty", tr("Faculty"), self.faculty)
        self.add_field("country", tr("Country"), self.country, required=True)
        self.add_field("city", tr("City"), self.city)
        self.add_field("address", tr("Address"), self.address)
        self.add_field("website", tr("Website"), self.website)
        self.add_field("timezone", tr("Time zone"), self.timezone, required=True)
        self.finish_layout()
        self.start(load_institution(db, institution_id) if institution_id else InstitutionForm())

    def title_for(self, form: InstitutionForm) -> str:
        return (
            tr("Institution: {name}").format(name=form.name) if form.id else tr("New institution")
        )

    def show_form(self, form: InstitutionForm) -> None:
        self.name.setText(form.name)
        self.erasmus_code.setText(form.erasmus_code)
        self.faculty.setText(form.faculty)
        self.country.set_current_data(form.country)
        self.city.setText(form.city)
        self.address.setPlainText(form.address)
        self.website.setText(form.website)
        self.timezone.set_current_data(form.timezone)

    def read_form(self, base: InstitutionForm) -> tuple[InstitutionForm, list[FieldProblem]]:
        problems = [
            *combo_problem("country", self.country, tr("a country")),
            *combo_problem("timezone", self.timezone, tr("a time zone")),
        ]
        form = replace(
            base,
            name=self.name.text(),
            erasmus_code=self.erasmus_code.text(),
            faculty=self.faculty.text(),
            country=self.country.code(),
            city=self.city.text(),
            address=self.address.toPlainText(),
            website=self.website.text(),
            timezone=self.timezone.zone(),
        )
        return form, problems

    def validate(self, form: InstitutionForm) -> list[FieldProblem]:
        return validate_institution(form)

    def store(self, form: InstitutionForm, *, overwrite: bool) -> InstitutionForm:
        return save_institution(self.db, form, overwrite=overwrite)
