"""The agreement wizard's first page: the trainee, the sending institution and the receiving
organisation, with the people who sign and follow the traineeship for each."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from vipdesk.documents.agreement.content import AgreementData
from vipdesk.services.agreements.checks.problems import Problem
from vipdesk.services.refdata import countries
from vipdesk.ui.agreement.wizard.base import PersonFields, SectionPage
from vipdesk.ui.agreement.wizard.lists import line_edit, set_line
from vipdesk.ui.agreement.wizard.programme_pages import SECTION
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import error_text
from vipdesk.ui.widgets import DateField, countries_named

STUDY_CYCLES = {5: tr("EQF 5 — short cycle"), 6: tr("EQF 6 — bachelor"), 7: tr("EQF 7 — master"),
                8: tr("EQF 8 — doctorate")}  # fmt: skip
SIZES = (tr("< 250 employees"), tr("≥ 250 employees"))


def country_edit() -> QLineEdit:
    """A country name as printed on the agreement, completed from the list of countries in
    English and in the interface's language (the agreement may be written in either)."""
    edit = QLineEdit()
    names = {*countries().values(), *(name for name, _code in countries_named())}
    completer = QCompleter(sorted(names), edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


class PartiesPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            SECTION["parties"],
            tr(
                "Filled from the placement's records: correct anything that is wrong here. "
                "Fields marked * are required."
            ),
            parent,
        )
        t_box, s_box, r_box = (QGroupBox(t) for t in (tr("Trainee"), tr("Sending institution"),
                                                      tr("Receiving organisation")))  # fmt: skip
        form = self.new_form(t_box)
        self.trainee_name = line_edit()
        self.trainee_email = line_edit(placeholder="name@uni.eu")
        self.birth = DateField()
        self.birth.setMaximumWidth(160)
        self.nationality = country_edit()
        self.cycle = QComboBox()
        self.cycle.addItem("—", None)
        for level, label in STUDY_CYCLES.items():
            self.cycle.addItem(label, level)
        self.education = line_edit(placeholder=tr("ISCED-F code and name, e.g. 0311 Economics"))
        self.add_input(form, "trainee.name", tr("Na&me"), self.trainee_name, required=True)
        self.add_input(form, "trainee.email", tr("&E-mail"), self.trainee_email, required=True)
        self.add_input(form, "trainee.date_of_birth", tr("Date of birt&h"), self.birth)
        self.add_input(form, "trainee.nationality", tr("Nationa&lity"), self.nationality)
        self.add_input(form, "trainee.study_cycle", tr("Stud&y cycle"), self.cycle)
        self.add_input(
            form, "trainee.field_of_education", tr("Field of e&ducation"), self.education
        )

        form = self.new_form(s_box)
        self.sending_name = line_edit()
        self.faculty = line_edit()
        self.erasmus = line_edit(placeholder=tr("e.g. B LEUVEN01"))
        self.sending_address = line_edit()
        self.sending_country = country_edit()
        self.responsible = PersonFields(tr("Responsible person"))
        self.tutor = PersonFields(tr("Academic tutor"))
        self.add_input(form, "sending.name", tr("Instit&ution"), self.sending_name, required=True)
        self.add_input(form, "sending.faculty", tr("&Faculty"), self.faculty)
        self.add_input(form, "sending.erasmus_code", tr("Erasmus &code"), self.erasmus)
        self.add_input(form, "sending.address", tr("&Address"), self.sending_address)
        self.add_input(form, "sending.country", tr("C&ountry"), self.sending_country)
        self._person(form, "sending.contact", tr("Responsi&ble person"), self.responsible, True)
        self._person(form, "sending.tutor", tr("Academ&ic tutor"), self.tutor, False)

        form = self.new_form(r_box)
        self.receiving_name = line_edit()
        self.department = line_edit()
        self.receiving_address = line_edit()
        self.website = line_edit(placeholder="https://…")
        self.receiving_country = country_edit()
        self.size_combo = QComboBox()
        self.size_combo.setEditable(True)
        self.size_combo.addItems(["", *SIZES])
        self.sector = line_edit(placeholder=tr("e.g. Information and communication"))
        self.hr = PersonFields(tr("Contact person"))
        self.mentor = PersonFields(tr("Mentor"))
        self.add_input(
            form, "receiving.name", tr("Or&ganisation"), self.receiving_name, required=True
        )
        self.add_input(form, "receiving.department", tr("De&partment"), self.department)
        self.add_input(form, "receiving.address", tr("Addre&ss"), self.receiving_address)
        self.add_input(form, "receiving.website", tr("&Website"), self.website)
        self.add_input(
            form, "receiving.country", tr("Coun&try"), self.receiving_country, required=True
        )
        self.add_input(form, "receiving.size", tr("Si&ze"), self.size_combo)
        self.add_input(form, "receiving.sector", tr("Sector"), self.sector)
        self._person(form, "receiving.contact", tr("Contact person"), self.hr, False)
        self._person(form, "receiving.mentor", tr("Mento&r"), self.mentor, True)

        grid = QGridLayout()
        grid.addWidget(t_box, 0, 0)
        grid.addWidget(s_box, 1, 0)
        grid.addWidget(r_box, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        self.column.addLayout(grid)
        self.finish()

    def _person(
        self, form: QFormLayout, path: str, label: str, person: PersonFields, required: bool
    ) -> None:
        fields = [(f"{path}.name", person.name), (f"{path}.email", person.email)]
        self.add_input(form, fields, label, person, required=required)

    def fill(self, data: AgreementData) -> None:
        t, s, r = data.trainee, data.sending, data.receiving
        for edit, text in (
            (self.trainee_name, t.name),
            (self.trainee_email, t.email),
            (self.nationality, t.nationality),
            (self.education, t.field_of_education),
            (self.sending_name, s.name),
            (self.faculty, s.faculty),
            (self.erasmus, s.erasmus_code),
            (self.sending_address, s.address),
            (self.sending_country, s.country),
            (self.receiving_name, r.name),
            (self.department, r.department),
            (self.receiving_address, r.address),
            (self.website, r.website),
            (self.receiving_country, r.country),
            (self.sector, r.sector),
        ):
            set_line(edit, text)
        self.birth.set_value(t.date_of_birth)
        if self.cycle.findData(t.study_cycle) < 0:  # not EQF 5-8: shown as it is, not lost
            self.cycle.addItem(f"EQF {t.study_cycle}", t.study_cycle)
        self.cycle.setCurrentIndex(self.cycle.findData(t.study_cycle))
        self.size_combo.setEditText(r.size)
        self.responsible.show_value(s.contact)
        self.tutor.show_value(s.tutor)
        self.hr.show_value(r.contact)
        self.mentor.show_value(r.mentor)

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        problems: list[Problem] = []
        try:
            birth = self.birth.value()
        except ValueError as exc:
            birth = data.trainee.date_of_birth
            problems.append(self.problem("trainee.date_of_birth", error_text(exc)))
        trainee = replace(
            data.trainee,
            name=self.trainee_name.text().strip(),
            email=self.trainee_email.text().strip(),
            date_of_birth=birth,
            nationality=self.nationality.text().strip(),
            study_cycle=self.cycle.currentData(),
            field_of_education=self.education.text().strip(),
        )
        sending = replace(
            data.sending,
            name=self.sending_name.text().strip(),
            faculty=self.faculty.text().strip(),
            erasmus_code=self.erasmus.text().strip(),
            address=self.sending_address.text().strip(),
            country=self.sending_country.text().strip(),
            contact=self.responsible.read(),
            tutor=self.tutor.read(),
        )
        receiving = replace(
            data.receiving,
            name=self.receiving_name.text().strip(),
            department=self.department.text().strip(),
            address=self.receiving_address.text().strip(),
            website=self.website.text().strip(),
            country=self.receiving_country.text().strip(),
            size=self.size_combo.currentText().strip(),
            sector=self.sector.text().strip(),
            contact=self.hr.read(),
            mentor=self.mentor.read(),
        )
        return replace(data, trainee=trainee, sending=sending, receiving=receiving), problems
