"""The student editor: personal and study details, languages, and the equity flags apart."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem, VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.services.people.equity import EquityForm, load_equity
from vipdesk.services.people.lists import institution_choices
from vipdesk.services.people.students import (
    EQF_LEVELS,
    StudentForm,
    load_student,
    new_student_form,
    save_student,
    validate_student,
)
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import NAMES
from vipdesk.ui.people.institution_editor import InstitutionEditor
from vipdesk.ui.people.student_parts import EquityPanel, LanguagesTable
from vipdesk.ui.phrases import error_text
from vipdesk.ui.record_editor import RecordEditor, combo_problem
from vipdesk.ui.widgets import CountryCombo, DateField, RecordPicker, TimeZoneCombo, language_combo


def _cycle_names() -> dict[int, str]:
    """The study cycles (`EQF_LEVELS`) in the interface's language: "EQF 6 (licencjat)"."""
    return {
        5: tr("EQF 5 (short cycle)"),
        6: tr("EQF 6 (bachelor)"),
        7: tr("EQF 7 (master)"),
        8: tr("EQF 8 (doctorate)"),
    }


class StudentEditor(RecordEditor[StudentForm]):
    def not_saved_title(self) -> str:
        return tr("Student not saved")

    def __init__(
        self, db: Database, student_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.given_name = QLineEdit()
        self.given_name.setMaxLength(120)
        self.family_name = QLineEdit()
        self.family_name.setMaxLength(120)
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@university.eu")
        self.student_number = QLineEdit()
        self.student_number.setMaxLength(40)
        self.date_of_birth = DateField()
        self.nationality = CountryCombo()
        self.study_cycle = QComboBox()
        self.study_cycle.addItem("—", None)
        names = _cycle_names()
        for level, label in EQF_LEVELS.items():
            self.study_cycle.addItem(names.get(level, label), level)
        self.field_of_education = QLineEdit()
        self.field_of_education.setPlaceholderText(
            tr("ISCED-F, e.g. 0413 Management and administration")
        )
        self.programme = QLineEdit()
        self.timezone = TimeZoneCombo()
        self.institution = RecordPicker(tr("New institution…"))
        self.institution.set_choices(institution_choices(db, NAMES))
        self.institution.create_requested.connect(self._on_new_institution)
        self.languages = LanguagesTable()
        self.preferred_language = language_combo(
            ENGLISH,
            tr("Messages to the student are offered in this language"),
            tr("Language for the student's messages"),
        )
        self.equity = EquityPanel()
        self.equity.opened.connect(self._on_equity_opened)
        self._equity_loaded: EquityForm | None = None

        self.add_field("given_name", tr("Given name"), self.given_name, required=True)
        self.add_field("family_name", tr("Family name"), self.family_name, required=True)
        self.add_field("email", tr("E-mail"), self.email, required=True)
        self.add_field("student_number", tr("Student number"), self.student_number)
        self.add_field("date_of_birth", tr("Date of birth"), self.date_of_birth)
        self.add_field("nationality", tr("Nationality"), self.nationality)
        self.add_field("institution_id", tr("Institution"), self.institution)
        self.add_field("study_cycle", tr("Study cycle"), self.study_cycle)
        self.add_field("field_of_education", tr("Field of education"), self.field_of_education)
        self.add_field("programme", tr("Programme"), self.programme)
        self.add_field("timezone", tr("Time zone"), self.timezone, required=True)
        self.add_field("languages", tr("Languages"), self.languages)
        self.add_field("preferred_language", tr("Messages in"), self.preferred_language)
        self.body.addWidget(self.equity)
        self.finish_layout()
        self.start(load_student(db, student_id) if student_id else new_student_form(db))

    # --- RecordEditor --------------------------------------------------------------------

    def title_for(self, form: StudentForm) -> str:
        return (
            tr("Student: {full_name}").format(full_name=form.full_name)
            if form.id
            else tr("New student")
        )

    def show_form(self, form: StudentForm) -> None:
        self.given_name.setText(form.given_name)
        self.family_name.setText(form.family_name)
        self.email.setText(form.email)
        self.student_number.setText(form.student_number)
        self.date_of_birth.set_value(form.date_of_birth)
        self.nationality.set_current_data(form.nationality)
        cycle = self.study_cycle.findData(form.study_cycle) if form.study_cycle else 0
        self.study_cycle.setCurrentIndex(max(cycle, 0))
        self.field_of_education.setText(form.field_of_education)
        self.programme.setText(form.programme)
        self.timezone.set_current_data(form.timezone)
        self.institution.set_current_id(form.institution_id)
        self.languages.set_languages(form.languages)
        chosen = self.preferred_language.findData(form.preferred_language or ENGLISH)
        self.preferred_language.setCurrentIndex(max(chosen, 0))

    def read_form(self, base: StudentForm) -> tuple[StudentForm, list[FieldProblem]]:
        problems = [
            *combo_problem("nationality", self.nationality, tr("a country")),
            *combo_problem("timezone", self.timezone, tr("a time zone")),
            *combo_problem("institution_id", self.institution.combo, tr("an institution")),
        ]
        try:
            born = self.date_of_birth.value()
        except ValueError as exc:
            problems.append(FieldProblem("date_of_birth", error_text(exc)))
            born = base.date_of_birth
        cycle = self.study_cycle.currentData()
        form = replace(
            base,
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            email=self.email.text(),
            student_number=self.student_number.text(),
            date_of_birth=born,
            nationality=self.nationality.code(),
            study_cycle=int(cycle) if cycle is not None else None,
            field_of_education=self.field_of_education.text(),
            programme=self.programme.text(),
            timezone=self.timezone.zone(),
            institution_id=self.institution.current_id(),
            languages=self.languages.languages(),
            preferred_language=self._preferred(base),
        )
        return form, problems

    def _preferred(self, base: StudentForm) -> str | None:
        """The language chosen; English stays 'not chosen' unless it was chosen before."""
        code = str(self.preferred_language.currentData())
        return None if code == ENGLISH and base.preferred_language is None else code

    def validate(self, form: StudentForm) -> list[FieldProblem]:
        return validate_student(form)

    def store(self, form: StudentForm, *, overwrite: bool) -> StudentForm:
        # The flags go in the same transaction, under the student's version check: a
        # colleague's newer flags are a conflict, never silently reset.
        equity = self.equity.value(form.id or 0) if self._equity_changed() else None
        stored = save_student(self.db, form, overwrite=overwrite, equity=equity)
        if equity is not None:
            assert stored.id is not None
            self._equity_loaded = replace(equity, student_id=stored.id, version=stored.version)
        return stored

    def has_other_changes(self) -> bool:
        return self._equity_changed()

    def discard_other_changes(self) -> None:
        """Reload after a conflict: show the flags as stored now, dropping the typed ones."""
        if self._equity_loaded is None or self.baseline.id is None:
            return
        self._equity_loaded = None
        self._on_equity_opened()

    # --- equity --------------------------------------------------------------------------

    def _equity_changed(self) -> bool:
        if self._equity_loaded is None:
            return False
        return self.equity.value(self._equity_loaded.student_id) != self._equity_loaded

    def _on_equity_opened(self) -> None:
        if self._equity_loaded is not None:
            return
        student_id = self.baseline.id
        try:
            loaded = load_equity(self.db, student_id) if student_id else EquityForm(0)
        except VipdeskError as exc:
            self.show_error(error_text(exc))
            self.equity.set_expanded(False)
            return
        self._equity_loaded = loaded
        self.equity.set_value(loaded)

    # --- slots ---------------------------------------------------------------------------

    def _on_new_institution(self) -> None:
        editor = InstitutionEditor(self.db, parent=self)
        if editor.exec() and editor.saved_id is not None:
            self.institution.set_choices(institution_choices(self.db, NAMES))
            self.institution.set_current_id(editor.saved_id)
