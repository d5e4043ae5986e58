"""The contact editor: HR, mentor, tutor or coordinator at a host or an institution."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import ContactRole
from vipdesk.services.people.contacts import (
    ContactForm,
    load_contact,
    new_contact_form,
    save_contact,
    validate_contact,
)
from vipdesk.services.people.lists import institution_choices, organisation_choices
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import NAMES, in_sentence, shown
from vipdesk.ui.record_editor import RecordEditor, combo_problem
from vipdesk.ui.widgets import SearchableCombo, TimeZoneCombo

HOST, INSTITUTION = "organisation", "institution"


class EmployerField(QWidget):
    """Where a contact works: the kind (host or institution), then which one."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = {
            HOST: organisation_choices(db, NAMES),
            INSTITUTION: institution_choices(db, NAMES),
        }
        self.kind = QComboBox(self)
        self.kind.addItem(tr("Host organisation"), HOST)
        self.kind.addItem(tr("Institution"), INSTITUTION)
        self.record = SearchableCombo(self)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.record, 1)
        self.setFocusProxy(self.record)
        self._fill(HOST)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def ids(self) -> tuple[int | None, int | None]:
        """(organisation_id, institution_id): at most one is set."""
        value = self.record.current_data()
        record_id = int(str(value)) if value is not None else None
        return (record_id, None) if self.current_kind() == HOST else (None, record_id)

    def set_ids(self, organisation_id: int | None, institution_id: int | None) -> None:
        if institution_id is not None and organisation_id is None:
            self.set_kind(INSTITUTION)
            self.record.set_current_data(institution_id)
        else:
            self.set_kind(HOST)
            self.record.set_current_data(organisation_id)

    def _fill(self, kind: str) -> None:
        self.record.clear()
        for record_id, label in self._choices[kind]:
            self.record.addItem(label, record_id)
        self.record.set_current_data(None)

    def _on_kind_changed(self) -> None:
        self._fill(self.current_kind())
        self.changed.emit()


class ContactEditor(RecordEditor[ContactForm]):
    def not_saved_title(self) -> str:
        return tr("Contact not saved")

    def __init__(
        self,
        db: Database,
        contact_id: int | None = None,
        *,
        role: ContactRole | None = None,
        organisation_id: int | None = None,
        institution_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`role` and the employer preset a new contact (e.g. a new mentor at this host)."""
        super().__init__(db, parent)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@organisation.eu")
        self.phone = QLineEdit()
        self.phone.setMaxLength(40)
        self.phone.setPlaceholderText("+49 30 1234567")
        self.role = QComboBox()
        self.role.addItem("", None)
        for choice in ContactRole:
            self.role.addItem(shown(choice.label), choice.value)
        self.role.currentIndexChanged.connect(self._on_role_changed)
        self.position = QLineEdit()
        self.employer = EmployerField(db)
        self.timezone = TimeZoneCombo()
        self.add_field("name", tr("Name"), self.name, required=True)
        self.add_field("email", tr("E-mail"), self.email, required=True)
        self.add_field("phone", tr("Phone"), self.phone)
        self.add_field("role", tr("Role"), self.role, required=True)
        self.add_field("position", tr("Position"), self.position)
        self.add_field("employer", tr("Works at"), self.employer, required=True)
        self.add_field("timezone", tr("Time zone"), self.timezone, required=True)
        self.finish_layout()
        if contact_id:
            form = load_contact(db, contact_id)
        else:
            form = new_contact_form(
                db, role=role, organisation_id=organisation_id, institution_id=institution_id
            )
        self.start(form)

    def title_for(self, form: ContactForm) -> str:
        if form.id:
            return tr("Contact: {name}").format(name=form.name)
        return (
            tr("New {label}").format(label=in_sentence(form.role.label))
            if form.role
            else tr("New contact")
        )

    def show_form(self, form: ContactForm) -> None:
        self.name.setText(form.name)
        self.email.setText(form.email)
        self.phone.setText(form.phone)
        self.role.blockSignals(True)
        self.role.setCurrentIndex(max(self.role.findData(form.role.value), 0) if form.role else 0)
        self.role.blockSignals(False)
        self.position.setText(form.position)
        self.employer.set_ids(form.organisation_id, form.institution_id)
        self.timezone.set_current_data(form.timezone)

    def read_form(self, base: ContactForm) -> tuple[ContactForm, list[FieldProblem]]:
        problems = [
            *combo_problem("employer", self.employer.record, tr("where this person works")),
            *combo_problem("timezone", self.timezone, tr("a time zone")),
        ]
        role = self.role.currentData()
        organisation_id, institution_id = self.employer.ids()
        form = replace(
            base,
            name=self.name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            role=ContactRole(role) if role else None,
            position=self.position.text(),
            organisation_id=organisation_id,
            institution_id=institution_id,
            timezone=self.timezone.zone(),
        )
        return form, problems

    def validate(self, form: ContactForm) -> list[FieldProblem]:
        return validate_contact(form)

    def store(self, form: ContactForm, *, overwrite: bool) -> ContactForm:
        return save_contact(self.db, form, overwrite=overwrite)

    def _on_role_changed(self) -> None:
        """Mentors work at hosts and tutors at institutions: point the employer that way."""
        role = self.role.currentData()
        if self.employer.record.current_data() is not None:
            return
        if role == ContactRole.MENTOR.value:
            self.employer.set_kind(HOST)
        elif role == ContactRole.ACADEMIC_TUTOR.value:
            self.employer.set_kind(INSTITUTION)
