"""The agreement wizard driven as a coordinator would: type, get refused, fix, Next, Finish."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from tests.helpers.samples import sample_agreement
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.documents.agreement.content import (
    AgreementData,
    HostCommitments,
    Recognition,
    RecognitionKind,
    Task,
)
from vipdesk.errors import VipdeskError
from vipdesk.services.agreements.checks.problems import SECTIONS
from vipdesk.services.agreements.drafting import default_roles
from vipdesk.services.agreements.prefill import agreement_from_placement
from vipdesk.ui.agreement.wizard.base import SectionPage, section_title
from vipdesk.ui.agreement.wizard.lists import TaskRow
from vipdesk.ui.agreement.wizard.wizard import AgreementWizard

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
START, END = date(2027, 2, 1), date(2027, 5, 31)


class Store:
    """The save callback: keeps every draft handed to it; can be told to fail."""

    def __init__(self) -> None:
        self.drafts: list[AgreementData] = []
        self.failure: str | None = None

    def __call__(self, data: AgreementData) -> None:
        if self.failure:
            raise VipdeskError(self.failure)
        self.drafts.append(data)


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def open_wizard(qtbot: QtBot, store: Store) -> Callable[..., AgreementWizard]:
    def opener(data: AgreementData | None = None, **kwargs: object) -> AgreementWizard:
        wizard = AgreementWizard(
            data or sample_agreement(),
            placement_start=kwargs.pop("placement_start", START),  # type: ignore[arg-type]
            placement_end=kwargs.pop("placement_end", END),  # type: ignore[arg-type]
            save=store,
            **kwargs,  # type: ignore[arg-type]
        )
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return opener


def press(qtbot: QtBot, wizard: AgreementWizard, which: QWizard.WizardButton = NEXT) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be pressed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace a line edit's text by keyboard (ASCII only: keyClicks cannot type more)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from `widget`: the next widget in the focus chain that takes Tab."""
    candidate = widget.nextInFocusChain()
    while candidate is not None and not (
        candidate.isVisible()
        and candidate.isEnabled()
        and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
    ):
        candidate = candidate.nextInFocusChain()
    assert candidate is not None, "the focus chain ends"
    return candidate


def section(wizard: AgreementWizard) -> str:
    page = wizard.currentPage()
    return page.section if isinstance(page, SectionPage) else "review"


def test_draft_end_to_end(qtbot: QtBot, open_wizard, store: Store) -> None:  # type: ignore[no-untyped-def]
    original = sample_agreement()
    wizard = open_wizard(original)
    assert wizard.windowTitle() == "Agreement VIP-2026-00042 — version 2"
    parties = wizard.pages["parties"]
    assert parties.trainee_name.text() == original.trainee.name  # pre-filled

    retype(qtbot, parties.trainee_email, "l.zolc@student.example")
    parties.mentor.name.setText("Олена Коваленко-Шевченко")  # non-ASCII: set, not typed
    press(qtbot, wizard)
    assert section(wizard) == "programme"
    assert len(store.drafts) == 1
    assert store.drafts[0].trainee.email == "l.zolc@student.example"

    programme = wizard.pages["programme"]
    retype(qtbot, programme.hours.lineEdit(), "25")
    press(qtbot, wizard)
    assert section(wizard) == "tasks"

    # A deadline after the end of the period: Next is refused, and the page says why.
    tasks = wizard.pages["tasks"]
    second = tasks.tasks.rows[1]
    assert isinstance(second, TaskRow)
    retype(qtbot, second.deadline.line, "2027-06-15")
    press(qtbot, wizard)
    assert section(wizard) == "tasks"
    assert len(store.drafts) == 2  # nothing saved by the refused Next
    message = "Task 2's deadline 15 June 2027 is after the end of the period (31 May 2027)."
    assert second.error.isVisible() and second.error.text() == message
    assert tasks.summary.isVisible() and "1 problem to fix before Next." in tasks.summary.text()
    retype(qtbot, second.deadline.line, "2027-05-15")
    assert not second.error.isVisible()  # fixing clears the message at once
    assert not tasks.summary.isVisible()

    qtbot.mouseClick(tasks.tasks.add_button, Qt.MouseButton.LeftButton)
    added = tasks.tasks.rows[-1]
    assert isinstance(added, TaskRow) and added.caption.text() == "Task 4:"
    qtbot.keyClicks(added.description, "Dashboard for the sales team")
    qtbot.keyClicks(added.deliverable, "Dashboard")
    qtbot.keyClicks(added.deadline.line, "2027-05-20")
    press(qtbot, wizard)
    assert section(wizard) == "learning"
    press(qtbot, wizard)
    assert section(wizard) == "protocol"
    press(qtbot, wizard)
    assert section(wizard) == "roles"

    roles = wizard.pages["roles"]
    mentor_duties = roles.boxes[1].duties
    mentor_duties.setFocus()
    qtbot.keyClick(mentor_duties, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(mentor_duties, Qt.Key.Key_Return)
    qtbot.keyClicks(mentor_duties, "Reviews the code every Friday.")
    qtbot.mouseClick(roles.boxes[2].restore, Qt.MouseButton.LeftButton)  # the tutor's
    while section(wizard) != "review":
        press(qtbot, wizard)
    assert len(store.drafts) == 9  # one per section page
    assert "✘" not in wizard.review.view.text()
    assert wizard.review.view.text().count("✔") == 9
    press(qtbot, wizard, FINISH)
    assert wizard.result() == QWizard.DialogCode.Accepted.value
    assert len(store.drafts) == 10

    tutor_defaults = next(r["duties"] for r in default_roles() if r["actor"] == "tutor")
    tasks_before = original.programme.tasks
    roles_before = original.roles
    expected = dataclasses.replace(
        original,
        trainee=dataclasses.replace(original.trainee, email="l.zolc@student.example"),
        receiving=dataclasses.replace(
            original.receiving,
            mentor=dataclasses.replace(original.receiving.mentor, name="Олена Коваленко-Шевченко"),
        ),
        programme=dataclasses.replace(
            original.programme,
            hours_per_week=25,
            tasks=(
                tasks_before[0],
                dataclasses.replace(tasks_before[1], deadline=date(2027, 5, 15)),
                tasks_before[2],
                Task("Dashboard for the sales team", "Dashboard", date(2027, 5, 20)),
            ),
        ),
        roles=(
            roles_before[0],
            dataclasses.replace(
                roles_before[1],
                duties=(*roles_before[1].duties, "Reviews the code every Friday."),
            ),
            dataclasses.replace(roles_before[2], duties=tuple(tutor_defaults)),
            roles_before[3],
        ),
    )
    assert store.drafts[-1] == expected
    assert wizard.saved == expected


def test_each_next_saves_the_whole_draft(qtbot: QtBot, open_wizard, store: Store) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    press(qtbot, wizard)
    press(qtbot, wizard)
    retype(qtbot, wizard.pages["tasks"].tasks.rows[0].description, "Onboarding")
    press(qtbot, wizard)
    assert section(wizard) == "learning"
    assert [d.programme.tasks[0].description for d in store.drafts] == [
        "Induction and work plan",
        "Induction and work plan",
        "Onboarding",
    ]
    assert store.drafts[0] == sample_agreement()  # an untouched page changes nothing


def test_a_failed_save_keeps_the_page(qtbot: QtBot, open_wizard, store, message_boxes) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    store.failure = "The database cannot be reached."
    press(qtbot, wizard)
    assert section(wizard) == "parties"
    assert message_boxes.shown == [
        ("warning", "The database cannot be reached.\nWhat you typed stays on this page.")
    ]
    store.failure = None
    press(qtbot, wizard)
    assert section(wizard) == "programme" and len(store.drafts) == 1


def test_required_party_fields_are_named_beside_them(qtbot: QtBot, open_wizard, store) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    parties = wizard.pages["parties"]
    retype(qtbot, parties.mentor.email, "olena at nordlicht")
    retype(qtbot, parties.trainee_name, "")
    press(qtbot, wizard)
    assert section(wizard) == "parties" and store.drafts == []
    errors = {name: label.text() for name, label in parties._errors.items() if label.isVisible()}
    assert errors == {
        "trainee.name": "Enter the trainee's name.",
        "receiving.mentor.name": (
            "'olena at nordlicht' is not an e-mail address; it should look like name@uni.eu."
        ),
        "receiving.mentor.email": (
            "'olena at nordlicht' is not an e-mail address; it should look like name@uni.eu."
        ),  # name and e-mail of a person share one message line
    }
    assert "2 problems to fix before Next." in parties.summary.text()
    retype(qtbot, parties.trainee_name, "Lukasz Zolc")
    assert "1 problem to fix before Next." in parties.summary.text()
    assert not parties._errors["trainee.name"].isVisible()
    retype(qtbot, parties.mentor.email, "olena@nordlicht.example")
    assert not parties.summary.isVisible()
    press(qtbot, wizard)
    assert section(wizard) == "programme"
    assert store.drafts[0].trainee.name == "Lukasz Zolc"


def test_the_period_must_stay_within_the_placements(qtbot: QtBot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    press(qtbot, wizard)
    programme = wizard.pages["programme"]
    retype(qtbot, programme.start.line, "2027-01-15")
    press(qtbot, wizard)
    assert section(wizard) == "programme"
    shown = programme._errors["programme.start"].text()
    assert "before the placement's planned start (1 February 2027)" in shown
    assert "Period 1 (virtual, 1 February 2027 – 30 April 2027)" not in shown
    assert "No period covers 15 January 2027 – 31 January 2027" in (
        programme._errors["programme.periods"].text()
    )


def test_unreadable_inputs_are_problems_too(qtbot: QtBot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    press(qtbot, wizard)
    programme = wizard.pages["programme"]
    retype(qtbot, programme.end.line, "31 May")
    press(qtbot, wizard)
    assert section(wizard) == "programme"
    assert programme._errors["programme.end"].text() == (
        "'31 May' is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01."
    )
    assert wizard.current_data().programme.end == END  # the draft keeps the last good date


def test_a_blended_traineeship_gets_a_period_added(qtbot: QtBot, open_wizard, store) -> None:  # type: ignore[no-untyped-def]
    data = sample_agreement()
    data = dataclasses.replace(data, programme=dataclasses.replace(data.programme, periods=()))
    wizard = open_wizard(data)
    press(qtbot, wizard)
    programme = wizard.pages["programme"]
    press(qtbot, wizard)
    assert "needs its physical and virtual periods" in programme._errors["programme.periods"].text()
    qtbot.mouseClick(programme.periods.add_button, Qt.MouseButton.LeftButton)
    first = programme.periods.rows[0]  # the whole programme, virtual
    assert first.kind.currentText() == "Virtual"
    assert (first.start.date().toPython(), first.end.date().toPython()) == (START, END)
    assert "add a physical one" in programme._errors["programme.periods"].text()
    first.end.setDate(date(2027, 4, 30))
    qtbot.mouseClick(programme.periods.add_button, Qt.MouseButton.LeftButton)
    second = programme.periods.rows[1]  # the rest, physical
    assert second.kind.currentText() == "Physical"
    assert second.start.date().toPython() == date(2027, 5, 1)
    assert not programme.summary.isVisible()
    press(qtbot, wizard)
    assert section(wizard) == "tasks"
    assert store.drafts[-1].programme.periods == sample_agreement().programme.periods


def test_read_only_shows_the_version_frozen(qtbot: QtBot, open_wizard, store) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(read_only=True)
    assert wizard.windowTitle() == "Agreement VIP-2026-00042 — version 2 (sent, read-only)"
    parties = wizard.pages["parties"]
    assert parties.banner.isVisible() and "frozen" in parties.banner.text()
    assert parties.trainee_name.isReadOnly()
    qtbot.keyClicks(parties.trainee_name, "X")
    assert parties.trainee_name.text() == sample_agreement().trainee.name
    tasks = wizard.pages["tasks"]
    assert not tasks.tasks.add_button.isVisible()
    assert all(not row.remove.isVisible() for row in tasks.tasks.rows)
    assert (
        not wizard.pages["recognition"]
        .kind_buttons[next(iter(wizard.pages["recognition"].kind_buttons))]
        .isEnabled()
    )
    while section(wizard) != "review":
        assert wizard.currentPage().banner.isVisible()
        press(qtbot, wizard)
    assert wizard.button(FINISH).text() == "&Close"
    assert "Finish" not in wizard.review.subTitle()  # it said "Finish saves the draft"
    press(qtbot, wizard, FINISH)
    assert wizard.result() == QWizard.DialogCode.Accepted.value
    assert store.drafts == []  # a frozen version is never saved


def test_review_lists_problems_and_goes_back(qtbot: QtBot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    data = sample_agreement(protocol=())
    wizard = open_wizard(data, read_only=True)
    while section(wizard) != "review":
        press(qtbot, wizard)
    text = wizard.review.view.text()
    assert text.count("✔") == 8 and text.count("✘") == 1
    assert "Add at least one line to the communication protocol" in text
    wizard.review.go_to.emit("protocol")
    assert section(wizard) == "protocol"
    assert wizard.pages["protocol"].lines.error.isVisible()


def test_finish_is_refused_while_a_section_has_problems(qtbot: QtBot, open_wizard, store) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    while section(wizard) != "review":
        press(qtbot, wizard)
    wizard.pages["host"].weeks.setValue(8)  # as if changed behind the review page
    press(qtbot, wizard, FINISH)
    assert section(wizard) == "review" and len(store.drafts) == 9
    assert "within 1 to 5 weeks" in wizard.review.view.text()
    assert "1 section needs attention" in wizard.review.status.text()


def test_cancel_offers_to_save_what_was_typed(  # type: ignore[no-untyped-def]
    qtbot: QtBot, open_wizard, store, message_boxes
) -> None:
    wizard = open_wizard()
    wizard.reject()  # nothing typed: closes without asking
    assert message_boxes.shown == [] and not wizard.isVisible()

    wizard = open_wizard()
    retype(qtbot, wizard.pages["parties"].faculty, "Faculty of Science")
    message_boxes.answers.append(QMessageBox.StandardButton.Cancel)
    wizard.reject()
    assert wizard.isVisible() and store.drafts == []
    message_boxes.answers.append(QMessageBox.StandardButton.Save)
    wizard.reject()
    assert not wizard.isVisible()
    assert [d.sending.faculty for d in store.drafts] == ["Faculty of Science"]


def test_new_rows_join_the_tab_order(qtbot: QtBot, open_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard()
    press(qtbot, wizard)
    press(qtbot, wizard)
    editor = wizard.pages["tasks"].tasks
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.rows[-1].isVisible())  # Qt shows new children a bit later
    before, added = editor.rows[-2], editor.rows[-1]
    assert isinstance(added, TaskRow)
    assert next_tab_stop(before.remove) is added.description
    assert next_tab_stop(added.description) is added.deliverable
    assert next_tab_stop(added.remove) is editor.add_button
    qtbot.mouseClick(before.remove, Qt.MouseButton.LeftButton)
    assert [row.caption.text() for row in editor.rows] == ["Task 1:", "Task 2:", "Task 3:"]


def test_the_draft_from_a_placement_asks_for_the_coordinator(  # type: ignore[no-untyped-def]
    qtbot: QtBot, open_wizard, db: Database, store
) -> None:
    form = make_placement(db, make_world(db))
    assert form.id is not None
    wizard = open_wizard(
        agreement_from_placement(db, form.id),
        placement_start=form.planned_start,
        placement_end=form.planned_end,
    )
    press(qtbot, wizard)
    parties = wizard.pages["parties"]
    assert section(wizard) == "parties"
    assert parties._errors["sending.contact.name"].text() == (
        "Enter the name of the sending institution's responsible person.\n"
        "Enter the responsible person's e-mail address."
    )
    qtbot.keyClicks(parties.responsible.name, "Ana Lopes")
    qtbot.keyClicks(parties.responsible.email, "ana.lopes@kuleuven.example")
    while section(wizard) != "review":
        press(qtbot, wizard)
    press(qtbot, wizard, FINISH)
    saved = store.drafts[-1]
    assert saved.sending.contact.name == "Ana Lopes"
    assert saved.placement_id == form.id and saved.programme.tasks  # default tasks kept


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {
            "trainee": dataclasses.replace(
                sample_agreement().trainee, study_cycle=None, date_of_birth=None
            ),
            "recognition": Recognition(RecognitionKind.VOLUNTARY),
            "host": HostCommitments(),
            "tools": (),
            "programme": dataclasses.replace(
                sample_agreement().programme, language_level="B2+", evaluation_criteria=()
            ),
        },
    ],
)
def test_an_untouched_draft_reads_back_unchanged(open_wizard, changes) -> None:  # type: ignore[no-untyped-def]
    data = sample_agreement(**changes)
    wizard = open_wizard(data)
    assert wizard.current_data() == data


def test_every_section_has_a_translatable_title() -> None:
    assert [section_title(s.key) for s in SECTIONS] == [s.title for s in SECTIONS]


def test_the_language_of_the_agreement_is_chosen_on_the_review_page(  # type: ignore[no-untyped-def]
    qtbot: QtBot, open_wizard, store
) -> None:
    """The German HR person's agreement: chosen as German with English alongside, stored so
    with the draft (the PDF is written from the stored content)."""
    wizard = open_wizard()
    review = wizard.review
    assert review.language.currentData() == "en" and not review.with_english.isEnabled()
    while section(wizard) != "review":
        press(qtbot, wizard)
    assert store.drafts[-1].document_language == "en"
    review.language.setCurrentIndex(review.language.findData("de"))
    assert review.with_english.isEnabled()
    qtbot.mouseClick(review.with_english, Qt.MouseButton.LeftButton)
    press(qtbot, wizard, FINISH)
    assert store.drafts[-1].document_language == "en+de"

    stored = open_wizard(dataclasses.replace(sample_agreement(), document_language="en+pl"))
    assert stored.review.language.currentData() == "pl"
    assert stored.review.with_english.isChecked()
    assert stored.current_data().document_language == "en+pl"  # opening changes nothing

    frozen = open_wizard(dataclasses.replace(sample_agreement(), document_language="fi"),
                         read_only=True)  # fmt: skip
    assert frozen.review.language.currentData() == "fi"
    assert not frozen.review.language.isEnabled() and not frozen.review.with_english.isEnabled()


def test_the_review_names_kinds_and_modes_in_the_interfaces_words() -> None:
    """The review's summary said "blended" and "Traineeship embedded in the curriculum" in
    the German interface: they now go through the catalogue, and in English read as the
    agreement's own labels."""
    from vipdesk.documents.agreement.content import RecognitionKind
    from vipdesk.ui.agreement.wizard.terms_pages import recognition_kind_text
    from vipdesk.ui.agreement.wizard.wizard import section_summary

    assert all(recognition_kind_text(kind) == kind.label for kind in RecognitionKind)
    data = sample_agreement()
    assert "blended" in section_summary(data, "programme")
    unpaid = dataclasses.replace(data.host, financial_support=True, amount=None)
    assert "None" not in section_summary(dataclasses.replace(data, host=unpaid), "host")


def test_the_review_writes_credits_as_the_interfaces_language_does(tmp_path: Path) -> None:
    from vipdesk.ui.agreement.wizard.wizard import section_summary

    data = sample_agreement()
    recognition = dataclasses.replace(data.recognition, credits=Decimal("16.0"))
    with interface_in("nl", tmp_path):
        summary = section_summary(dataclasses.replace(data, recognition=recognition), "recognition")
    assert summary.endswith(", 16,0 ECTS")
