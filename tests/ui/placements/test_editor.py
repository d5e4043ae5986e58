"""The placement editor driven as a user would: typing, saving, conflicts, the checklist."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NoReturn

import pytest
from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import World, make_placement, make_world
from tests.helpers.statements import statements
from vipdesk.db import Database
from vipdesk.errors import FieldProblem
from vipdesk.models import Contact, ContactRole, Organisation, Placement, Status
from vipdesk.services.placements import checklist
from vipdesk.services.placements.records import load_placement, save_placement
from vipdesk.ui.conflict_dialog import ConflictChoice
from vipdesk.ui.placements import editor as placement_editor
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.record_editor import RecordEditor


def count_placements(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(Placement.id))) or 0)


@pytest.fixture
def world(db: Database) -> World:
    return make_world(db)


def open_editor(qtbot: QtBot, db: Database, placement_id: int | None = None) -> PlacementEditor:
    editor = PlacementEditor(db, placement_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def type_into(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def pick_host(qtbot: QtBot, editor: PlacementEditor, typed: str, expected: int = 1) -> None:
    """Type into the host picker and take the first match from its pop-up, as a user does."""
    host = editor.fields.host
    type_into(qtbot, host.line, typed)
    popup = host.completer.popup()
    assert popup is not None
    qtbot.waitUntil(lambda: popup.isVisible() and host.completer.completionCount() == expected)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def fill_new(qtbot: QtBot, editor: PlacementEditor, start: str = "2027-02-01") -> None:
    fields = editor.fields
    # QTest types ASCII only; the search folds case, so "ukasz" finds "Łukasz".
    type_into(qtbot, fields.student.line, "ukasz")
    popup = fields.student.completer.popup()
    assert popup is not None
    qtbot.waitUntil(lambda: popup.isVisible() and fields.student.completer.completionCount() == 1)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert fields.student.line.text().startswith("Łukasz Żółć ·")
    pick_host(qtbot, editor, "nordlicht")
    fields.mentor.combo.setCurrentIndex(0)
    type_into(qtbot, fields.title, "Marketing assistant (virtual)")
    type_into(qtbot, fields.planned_start.line, start)
    type_into(qtbot, fields.planned_end.line, "2027-04-30")


def test_create_a_placement_through_the_editor(qtbot: QtBot, db: Database, world: World) -> None:
    editor = open_editor(qtbot, db)
    assert editor.fields.institution.current_id() == world.institution_id  # the only one
    fill_new(qtbot, editor)
    assert editor.is_dirty()
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = load_placement(db, editor.current_form()[0].id)  # type: ignore[arg-type]
    assert stored.student_id == world.student_id
    assert stored.host_id == world.host_id
    assert stored.mentor_id == world.mentor_id
    assert stored.title == "Marketing assistant (virtual)"
    assert str(stored.planned_start) == "2027-02-01"
    assert stored.reference and stored.reference.startswith("VIP-")
    assert stored.reference in editor.heading.text()
    assert not editor.is_dirty()


def test_an_invalid_date_is_refused_with_a_message(
    qtbot: QtBot, db: Database, world: World
) -> None:
    editor = open_editor(qtbot, db)
    fill_new(qtbot, editor, start="2027-02-30")
    assert not editor.save()
    message = editor.fields.errors["planned_start"]
    assert message.isVisible()
    assert "'2027-02-30' is not a date" in message.text()
    assert editor.banner.isVisible()
    assert count_placements(db) == 0


def test_end_before_start_is_shown_beside_the_field(
    qtbot: QtBot, db: Database, world: World
) -> None:
    editor = open_editor(qtbot, db)
    fill_new(qtbot, editor, start="2027-06-01")
    assert not editor.save()
    assert "before the start" in editor.fields.errors["planned_end"].text()
    assert count_placements(db) == 0


def test_edit_and_save_with_the_keyboard(qtbot: QtBot, db: Database, world: World) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    editor.fields.hours.setValue(32)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)  # shortcuts go to the active window
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.fields.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_placement(db, saved.id).hours_per_week == 32  # type: ignore[arg-type]
    editor.side.setCurrentWidget(editor.history)  # read when looked at
    [day, changed, created] = editor.history.lines()  # one day: changed, then created
    assert day.startswith("Today · ")
    assert re.fullmatch(r"\d\d:\d\d  Hours per week changed from 20 to 32 by \S+", changed)
    assert "Placement VIP-" in created and " created by tester: " in created


def test_stale_save_shows_the_conflict_and_keep_mine_wins(
    qtbot: QtBot, db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    theirs = load_placement(db, saved.id)  # type: ignore[arg-type]
    theirs.title = "Changed by Ben"
    save_placement(db, theirs, "ben")

    shown: list[tuple[str | None, list[tuple[str, str, str]]]] = []

    def fake_ask(
        changed_by: str | None, rows: Sequence[tuple[str, str, str]], parent: QWidget | None
    ) -> ConflictChoice:
        shown.append((changed_by, list(rows)))
        return ConflictChoice.KEEP_MINE

    monkeypatch.setattr(placement_editor, "ask_conflict", fake_ask)
    type_into(qtbot, editor.fields.title, "Anna's title")
    assert editor.save()
    assert shown[0][0] == "ben"
    assert ("Title", "Anna's title", "Changed by Ben") in shown[0][1]
    assert load_placement(db, saved.id).title == "Anna's title"  # type: ignore[arg-type]


def test_stale_save_reload_takes_theirs(
    qtbot: QtBot, db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    theirs = load_placement(db, saved.id)  # type: ignore[arg-type]
    theirs.hours_per_week = 12
    save_placement(db, theirs, "ben")
    monkeypatch.setattr(placement_editor, "ask_conflict", lambda *a: ConflictChoice.RELOAD)
    type_into(qtbot, editor.fields.title, "Mine")
    assert not editor.save()
    assert editor.fields.hours.value() == 12
    assert editor.fields.title.text() == saved.title
    assert load_placement(db, saved.id).title == saved.title  # type: ignore[arg-type]


def test_unsaved_changes_guard(
    qtbot: QtBot, db: Database, world: World, message_boxes: MessageBoxes
) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    type_into(qtbot, editor.fields.title, "Half-typed")
    message_boxes.answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    editor.reject()
    assert editor.isVisible()  # Cancel: stay, nothing lost
    assert editor.fields.title.text() == "Half-typed"
    editor.reject()
    assert not editor.isVisible()
    assert load_placement(db, saved.id).title == saved.title  # type: ignore[arg-type]


def test_ticking_the_checklist_unblocks_the_next_status(
    qtbot: QtBot, db: Database, world: World
) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    panel = editor.checklist
    assert "block" in panel.blocking_label.text()
    assert "blocks the next step" in panel.notes["selection"].text()
    qtbot.mouseClick(panel.checkboxes["selection"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "✓" in panel.notes["selection"].text())
    assert not panel.blocking_label.isVisible()
    done = {s.item.key for s in checklist.checklist_state(db, saved.id) if s.done}  # type: ignore[arg-type]
    assert done == {"selection", "recognition"}  # no credits planned: nothing to recognise
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert load_placement(db, saved.id).status is Status.PREPARING  # type: ignore[arg-type]
    # The form can still be saved after the status moved (its version followed).
    editor.fields.hours.setValue(21)
    assert editor.save()


def test_a_lost_connection_on_save_keeps_everything_typed(
    qtbot: QtBot, db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vipdesk.errors import DatabaseUnavailableError
    from vipdesk.services.placements import records as placements

    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    type_into(qtbot, editor.fields.title, "Typed while offline")

    def offline(*_args: object, **_kwargs: object) -> NoReturn:
        raise DatabaseUnavailableError("The database at server cannot be reached.")

    real_save = placements.save_placement
    monkeypatch.setattr(placements, "save_placement", offline)
    assert not editor.save()
    assert "cannot be reached" in editor.banner.text()
    assert editor.fields.title.text() == "Typed while offline"
    assert editor.is_dirty()
    monkeypatch.setattr(placements, "save_placement", real_save)
    assert editor.save()  # the connection is back: trying again works
    assert load_placement(db, saved.id).title == "Typed while offline"  # type: ignore[arg-type]


def test_unsaved_edits_survive_a_crash_and_can_be_restored(
    qtbot: QtBot, db: Database, world: World, message_boxes: MessageBoxes
) -> None:
    from vipdesk.db import data_dir

    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    type_into(qtbot, editor.fields.title, "Typed before the power cut")
    qtbot.waitUntil(lambda: any(data_dir().rglob("placement-*.json")), timeout=4000)
    editor.hide()  # the crash: no save, no close, no question asked
    editor.kept_draft.stop()

    message_boxes.answers = [QMessageBox.StandardButton.Yes]
    again = open_editor(qtbot, db, saved.id)
    assert "Restore them?" in message_boxes.texts()[-1]
    assert again.fields.title.text() == "Typed before the power cut"
    assert again.is_dirty()
    assert again.save()
    assert load_placement(db, saved.id).title == "Typed before the power cut"  # type: ignore[arg-type]
    assert not any(data_dir().rglob("placement-*.json"))  # saved: the draft is gone


def test_a_declined_draft_is_removed(
    qtbot: QtBot, db: Database, world: World, message_boxes: MessageBoxes
) -> None:
    from vipdesk.db import data_dir, describe_url
    from vipdesk.services.placements import drafts

    saved = make_placement(db, world)
    draft = load_placement(db, saved.id)  # type: ignore[arg-type]
    draft.title = "Old idea"
    drafts.save_draft(data_dir(), describe_url(db.url), draft)
    message_boxes.answers = [QMessageBox.StandardButton.No]
    editor = open_editor(qtbot, db, saved.id)
    assert editor.fields.title.text() == saved.title
    assert not any(data_dir().rglob("placement-*.json"))


# --- the pickers: shown at once, hosts found as you type --------------------------------------


def make_lodz(db: Database) -> tuple[int, int]:
    """A second host, in Poland, with its own mentor: (host id, mentor id)."""
    with db.session("tester") as s:
        host = Organisation(name="Łódź Software House", country="PL", timezone="Europe/Warsaw")
        s.add(host)
        s.flush()
        mentor = Contact(
            name="Agnieszka Wójcik",
            email="agnieszka@lodz.example",
            role=ContactRole.MENTOR,
            timezone="Europe/Warsaw",
            organisation_id=host.id,
        )
        s.add(mentor)
        s.flush()
        return host.id, mentor.id


def test_the_editor_opens_with_every_link_shown(qtbot: QtBot, db: Database, world: World) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    fields = editor.fields
    assert fields.student.line.text().startswith("Łukasz Żółć · student")
    assert fields.host.line.text() == "Nordlicht Analytics GmbH · Germany"
    assert fields.host.current_id() == world.host_id
    assert fields.mentor.combo.currentText() == "Jürgen Weiß · Company mentor"
    assert fields.institution.current_id() == world.institution_id
    assert fields.tutor.combo.currentText() == "Ελένη Παπαδοπούλου · Academic tutor"
    assert not editor.is_dirty()


def test_opening_a_placement_reads_no_long_list(qtbot: QtBot, db: Database, world: World) -> None:
    saved = make_placement(db, world)
    for n in range(30):
        make_world(db, host_name=f"Host {n}")
    with statements(db) as sent:
        open_editor(qtbot, db, saved.id)
    # The placement, its pickers' choices, its checklist with the records behind it (ticks,
    # readiness, protocol, tools, tests, documents, monitoring log, recognition, final
    # evaluations): nothing for the hidden tabs.
    assert len(sent) == 11, sent
    assert not any(s.startswith("SELECT organisation.id") for s in sent)


def test_typing_lodz_finds_the_host_and_its_mentors(
    qtbot: QtBot, db: Database, world: World
) -> None:
    saved = make_placement(db, world)
    lodz, agnieszka = make_lodz(db)
    editor = open_editor(qtbot, db, saved.id)
    fields = editor.fields
    pick_host(qtbot, editor, "lodz")  # QTest types ASCII: the search folds accents
    assert fields.host.line.text() == "Łódź Software House · Poland"
    assert fields.host.current_id() == lodz
    assert fields.mentor.combo.count() == 1  # the mentors of the new host only
    fields.mentor.combo.setCurrentIndex(0)
    assert fields.mentor.current_id() == agnieszka
    assert editor.save()
    stored = load_placement(db, saved.id)  # type: ignore[arg-type]
    assert (stored.host_id, stored.mentor_id) == (lodz, agnieszka)


def test_the_down_key_lists_the_hosts(qtbot: QtBot, db: Database, world: World) -> None:
    make_lodz(db)
    editor = open_editor(qtbot, db)
    host = editor.fields.host
    host.line.setFocus()
    qtbot.keyClick(host.line, Qt.Key.Key_Down)  # nothing typed yet: every host, by name
    popup = host.completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    names = host.completer.model()
    assert isinstance(names, QStringListModel)
    assert names.stringList() == [
        "Nordlicht Analytics GmbH · Germany",  # SQLite orders by code point: N before Ł
        "Łódź Software House · Poland",
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert host.line.text() == "Łódź Software House · Poland"
    assert host.current_id() is not None and host.current_id() != world.host_id


def test_a_host_typed_but_not_chosen_is_explained(qtbot: QtBot, db: Database, world: World) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    type_into(qtbot, editor.fields.host.line, "Nowhere Ltd")
    assert editor.is_dirty()
    assert not editor.save()
    message = editor.fields.errors["host_id"]
    assert message.isVisible()
    assert "No host organisation matches what you typed" in message.text()
    assert load_placement(db, saved.id).host_id == world.host_id  # type: ignore[arg-type]


def test_a_new_host_is_chosen_and_found_by_later_searches(
    qtbot: QtBot, db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    pick_host(qtbot, editor, "nordlicht")  # the hosts are read now, before the new one exists
    created: list[int] = []

    class FakeOrganisationEditor:
        """Stands in for the modal editor: 'the user created one and pressed Save'."""

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            created.append(make_lodz(db)[0])
            self.saved_id = created[0]

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr("vipdesk.ui.placements.pickers.OrganisationEditor", FakeOrganisationEditor)
    qtbot.mouseClick(editor.fields.host.new_button, Qt.MouseButton.LeftButton)
    assert editor.fields.host.current_id() == created[0]
    assert editor.fields.host.line.text() == "Łódź Software House · Poland"
    assert editor.fields.mentor.combo.count() == 1  # its mentor is offered
    pick_host(qtbot, editor, "nordlicht")
    pick_host(qtbot, editor, "software house")  # found: the list was read again
    assert editor.fields.host.current_id() == created[0]


def test_a_restored_draft_shows_its_own_host(
    qtbot: QtBot, db: Database, world: World, message_boxes: MessageBoxes
) -> None:
    from vipdesk.db import data_dir, describe_url
    from vipdesk.services.placements import drafts

    saved = make_placement(db, world)
    lodz, agnieszka = make_lodz(db)
    draft = load_placement(db, saved.id)  # type: ignore[arg-type]
    draft.host_id, draft.mentor_id = lodz, agnieszka
    drafts.save_draft(data_dir(), describe_url(db.url), draft)
    message_boxes.answers = [QMessageBox.StandardButton.Yes]
    editor = open_editor(qtbot, db, saved.id)
    assert editor.fields.host.line.text() == "Łódź Software House · Poland"
    assert editor.fields.mentor.combo.currentText() == "Agnieszka Wójcik · Company mentor"
    assert editor.save()
    assert load_placement(db, saved.id).host_id == lodz  # type: ignore[arg-type]


def test_enter_in_a_field_presses_no_button(
    qtbot: QtBot, db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def record_exec(dialog: QDialog) -> int:
        opened.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(RecordEditor, "exec", record_exec)
    editor = open_editor(qtbot, db, make_placement(db, world).id)
    lines = [line for line in editor.fields.findChildren(QLineEdit) if line.isVisible()]
    assert len(lines) > 5
    for line in lines:
        line.setFocus()
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.keyClick(line, Qt.Key.Key_Enter)
    assert opened == []  # Enter opened "New student…", the dialog's first button
    assert editor.isVisible() and not editor.is_dirty()


def test_ctrl_z_undoes_typing_in_the_editors_fields(
    qtbot: QtBot, db: Database, world: World
) -> None:
    editor = open_editor(qtbot, db, make_placement(db, world).id)
    title = editor.fields.title
    before = title.text()
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " and more")
    assert title.text() == f"{before} and more"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == before
    assert not editor.is_dirty()  # back as it was: nothing to save


def test_the_header_card_says_who_where_it_stands_and_what_is_next(
    qtbot: QtBot, db: Database, world: World
) -> None:
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    card = editor.card.text()
    assert editor.card.isVisible()
    assert "Draft" in card  # the status as a chip: its word, in its colour
    assert "Łukasz Żółć" in card and "Nordlicht Analytics GmbH" in card
    assert "Next: Preparing" in card and "still to do" in card
    new = open_editor(qtbot, db)
    assert not new.card.isVisible()  # nothing to say before it is saved


def test_the_form_keeps_spare_height_below_its_groups_and_shows_a_notes_problem(
    qtbot: QtBot, db: Database, world: World
) -> None:
    """A virtual placement hides its periods: the Notes box kept its own height (it grew by
    half the spare room, its text box floating in the middle), and a problem with the notes
    had no place on screen."""
    saved = make_placement(db, world)
    editor = open_editor(qtbot, db, saved.id)
    editor.resize(1300, 900)
    notes = editor.fields.notes.parentWidget()
    assert notes is not None
    qtbot.waitUntil(lambda: notes.isVisible())
    assert notes.height() == notes.sizeHint().height()
    error = editor.fields.errors["notes"]
    assert error.parentWidget() is notes
    editor.fields.show_problems([FieldProblem("notes", "Too long.")])
    assert error.isVisible() and error.text() == "Too long."
