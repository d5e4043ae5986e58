"""The organisation editor: a host company or organisation."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import OrganisationSize
from vipdesk.services.people.organisations import (
    OrganisationForm,
    load_organisation,
    save_organisation,
    validate_organisation,
)
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.record_editor import RecordEditor, combo_problem
from vipdesk.ui.widgets import CountryCombo, TimeZoneCombo


class OrganisationEditor(RecordEditor[OrganisationForm]):
    def not_saved_title(self) -> str:
        return tr("Organisation not saved")

    def __init__(
        self, db: Database, organisation_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.country = CountryCombo()
        self.city = QLineEdit()
        self.street = QLineEdit()
        self.street.setPlaceholderText(tr("Street and number, as on a letter"))
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(20)
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://…")
        self.sector = QLineEdit()
        self.sector.setPlaceholderText(tr("e.g. Software, Renewable energy, NGO"))
        self.size_choice = QComboBox()
        self.size_choice.addItem("—", None)
        for size in OrganisationSize:
            self.size_choice.addItem(shown(size.label), size.value)
        self.timezone = TimeZoneCombo()
        self.add_field("name", tr("Name", "not a person's"), self.name, required=True)
        self.add_field("country", tr("Country"), self.country, required=True)
        self.add_field("street", tr("Street"), self.street)
        self.add_field("postcode", tr("Postcode"), self.postcode)
        self.add_field("city", tr("City"), self.city)
        self.add_field("website", tr("Website"), self.website)
        self.add_field("sector", tr("Sector"), self.sector)
        self.add_field("size", tr("Size"), self.size_choice)
        self.add_field("timezone", tr("Time zone"), self.timezone, required=True)
        self.finish_layout()
        form = load_organisation(db, organisation_id) if organisation_id else OrganisationForm()
        self.start(form)

    def title_for(self, form: OrganisationForm) -> str:
        return (
            tr("Organisation: {name}").format(name=form.name)
            if form.id
            else tr("New host organisation")
        )

    def show_form(self, form: OrganisationForm) -> None:
        self.name.setText(form.name)
        self.country.set_current_data(form.country)
        self.city.setText(form.city)
        self.street.setText(form.street)
        self.postcode.setText(form.postcode)
        self.website.setText(form.website)
        self.sector.setText(form.sector)
        self.size_choice.setCurrentIndex(
            max(self.size_choice.findData(form.size.value), 0) if form.size else 0
        )
        self.timezone.set_current_data(form.timezone)

    def read_form(self, base: OrganisationForm) -> tuple[OrganisationForm, list[FieldProblem]]:
        problems = [
            *combo_problem("country", self.country, tr("a country")),
            *combo_problem("timezone", self.timezone, tr("a time zone")),
        ]
        size = self.size_choice.currentData()
        form = replace(
            base,
            name=self.name.text(),
            country=self.country.code(),
            city=self.city.text(),
            street=self.street.text(),
            postcode=self.postcode.text(),
            website=self.website.text(),
            sector=self.sector.text(),
            size=OrganisationSize(size) if size else None,
            timezone=self.timezone.zone(),
        )
        return form, problems

    def validate(self, form: OrganisationForm) -> list[FieldProblem]:
        return validate_organisation(form)

    def store(self, form: OrganisationForm, *, overwrite: bool) -> OrganisationForm:
        return save_organisation(self.db, form, overwrite=overwrite)
