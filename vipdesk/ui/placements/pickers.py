"""The record pickers of the placement form: their choices, and the New… buttons beside them."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import ContactRole
from vipdesk.services.people.lists import contact_choices, institution_choices
from vipdesk.services.placements.lookups import (
    OrganisationSearch,
    organisation_label,
    student_label,
)
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import NAMES
from vipdesk.ui.people.contact_editor import ContactEditor
from vipdesk.ui.people.institution_editor import InstitutionEditor
from vipdesk.ui.people.organisation_editor import OrganisationEditor
from vipdesk.ui.people.student_editor import StudentEditor
from vipdesk.ui.placements.form import PlacementFormWidget
from vipdesk.ui.widgets import RecordPicker, SearchPicker


class PlacementPickers(QObject):
    """Keeps mentors to the chosen host and tutors to the chosen institution, and creates
    a student, host, institution or contact on the spot when the one needed is missing."""

    def __init__(
        self,
        db: Database,
        fields: PlacementFormWidget,
        parent: QWidget,
        host_search: OrganisationSearch | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._fields = fields
        self._parent = parent
        self._host_search = host_search  # told to read the hosts again after one is created
        fields.host.changed.connect(self.reload_contacts)
        fields.institution.changed.connect(self.reload_contacts)
        fields.student.create_requested.connect(self._on_new_student)
        fields.host.create_requested.connect(self._on_new_host)
        fields.institution.create_requested.connect(self._on_new_institution)
        fields.mentor.create_requested.connect(self._on_new_mentor)
        fields.tutor.create_requested.connect(self._on_new_tutor)
        # The choices themselves come with the placement (`PlacementFormWidget.fill`).

    def fill_contacts(self, host_id: int | None, institution_id: int | None) -> None:
        self._fields.mentor.set_choices(
            contact_choices(self._db, organisation_id=host_id, names=NAMES) if host_id else []
        )
        self._fields.tutor.set_choices(
            contact_choices(self._db, institution_id=institution_id, names=NAMES)
            if institution_id
            else []
        )

    def reload_contacts(self) -> None:
        """Mentors of the host and tutors of the institution now chosen."""
        self.fill_contacts(self._fields.host.current_id(), self._fields.institution.current_id())

    def _create(self, editor: QDialog) -> int | None:
        if editor.exec() != QDialog.DialogCode.Accepted:
            return None
        saved_id = getattr(editor, "saved_id", None)
        return int(saved_id) if saved_id is not None else None

    def _on_new_student(self) -> None:
        new_id = self._create(StudentEditor(self._db, parent=self._parent))
        if new_id is not None:
            self._fields.student.set_current(new_id, student_label(self._db, new_id))

    def _on_new_host(self) -> None:
        new_id = self._create(OrganisationEditor(self._db, parent=self._parent))
        if new_id is not None:
            if self._host_search is not None:
                self._host_search.forget()
            self._fields.host.set_current(new_id, organisation_label(self._db, new_id, NAMES))
            self.reload_contacts()

    def _on_new_institution(self) -> None:
        new_id = self._create(InstitutionEditor(self._db, parent=self._parent))
        if new_id is not None:
            self._fields.institution.set_choices(institution_choices(self._db, NAMES))
            self._fields.institution.set_current_id(new_id)
            self.reload_contacts()

    def _on_new_mentor(self) -> None:
        self._new_contact(
            ContactRole.MENTOR,
            self._fields.mentor,
            "mentor_id",
            self._fields.host,
            "organisation_id",
            tr("Choose the host organisation first: the mentor works there."),
        )

    def _on_new_tutor(self) -> None:
        self._new_contact(
            ContactRole.ACADEMIC_TUTOR,
            self._fields.tutor,
            "tutor_id",
            self._fields.institution,
            "institution_id",
            tr("Choose the sending institution first: the tutor works there."),
        )

    def _new_contact(
        self,
        role: ContactRole,
        picker: RecordPicker,
        field: str,
        employer: RecordPicker | SearchPicker,
        employer_key: str,
        missing_employer: str,
    ) -> None:
        employer_id = employer.current_id()
        if employer_id is None:
            self._fields.show_problems([FieldProblem(field, missing_employer)])
            return
        editor = ContactEditor(
            self._db, role=role, parent=self._parent, **{employer_key: employer_id}
        )
        new_id = self._create(editor)
        if new_id is not None:
            self.reload_contacts()
            picker.set_current_id(new_id)
