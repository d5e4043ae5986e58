"""Remake the README's and the user guide's screenshots from a fresh demo database.

    python docs/make_screenshots.py        (or: make screenshots)

Renders offscreen, so it runs without a display: the main window's tabs, a placement's editor
tabs and a wizard page, in light and dark, into docs/ and resources/help/images/ (the user
guide's, in English; `make_language_screenshot.py` makes them in the other languages). The
pictures always show the current vipdesk, never a stale one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from vipdesk.db import Database, open_database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.models import (
    AgreementDocument,
    DocumentKind,
    DocumentState,
    EvaluationResponse,
    MonitoringEntry,
    Placement,
    ReadinessParty,
    Status,
)
from vipdesk.services.demo.fill import fill_demo
from vipdesk.services.evaluations.forms import export_questionnaire
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.mail.messages import for_signature
from vipdesk.services.mail.settings import MailSettings, save_mail_settings
from vipdesk.ui import theme
from vipdesk.ui.mail.compose_dialog import ComposeDialog
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.preparation.readiness_wizard import ReadinessWizard
from vipdesk.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
GUIDE_IMAGES = ROOT / "resources" / "help" / "images"


def settle(app: QApplication) -> None:
    for _ in range(8):
        app.processEvents()


def save(app: QApplication, widget: QWidget, target: Path, palette: bool = False) -> None:
    """`widget` as a PNG; with `palette`, in 256 colours (a fifth of the size, as readable:
    the user guide's pictures, kept in git in seven languages)."""
    settle(app)
    target.parent.mkdir(parents=True, exist_ok=True)
    if palette:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        widget.grab().save(buffer, "PNG")
        picture = Image.open(BytesIO(buffer.data().data())).convert("RGB")
        indexed = picture.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        indexed.save(target, optimize=True)
    elif not widget.grab().save(str(target)):
        raise SystemExit(f"Cannot write {target}")
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["VIPDESK_DATA_DIR"] = folder  # no settings or log of the user's
        database = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        fill_demo(database, 300, seed=7, today=date.today())
        for scheme in theme.Scheme:
            theme.apply(app, theme.Preference(scheme.value))
            shoot(app, database, scheme)
        database.dispose()
    return 0


def shoot(app: QApplication, database: Database, scheme: theme.Scheme) -> None:
    """The README's pictures in `scheme`; the user guide's in light only."""
    dark = "-dark" if scheme is theme.Scheme.DARK else ""
    guide = scheme is theme.Scheme.LIGHT
    window = MainWindow(database, None)
    window.resize(1400, 820)
    window.show()
    if guide:
        guide_pictures(app, database, window, GUIDE_IMAGES)
    window.tabs.setCurrentWidget(window.today_view)
    save(app, window, ROOT / "docs" / f"screenshot{dark}.png")
    if guide:
        window.tabs.setCurrentWidget(window.mail.outbox)
        save(app, window, ROOT / "docs" / "outbox.png")
        mail_dialog(app, database, window)
    chosen = ongoing_placement(database)
    with database.session() as session:
        preparing = session.scalar(
            select(Placement.id).where(Placement.status == Status.PREPARING).limit(1)
        )
        # A finished placement shows evaluations of both stages on its Evaluations tab.
        evaluated = session.scalar(
            select(Placement.id)
            .where(Placement.status == Status.COMPLETED)
            .where(Placement.id.in_(select(EvaluationResponse.placement_id)))
            .limit(1)
        )
    assert preparing is not None and evaluated is not None, "in the demo"
    editor = PlacementEditor(database, chosen, window)
    editor.resize(1300, 820)
    editor.show()
    editor.side.setCurrentWidget(editor.agreement)
    save(app, editor, ROOT / "docs" / f"editor{dark}.png")
    editor.close()
    if guide:
        monitoring = monitoring_editor(database, window, chosen)
        save(app, monitoring, ROOT / "docs" / "monitoring.png")
        monitoring.close()
        evaluation_page(database, chosen, ROOT / "docs" / "evaluation.png")
        finished = PlacementEditor(database, evaluated, window)
        finished.resize(1300, 820)
        finished.show()
        finished.side.setCurrentWidget(finished.evaluations)
        save(app, finished, ROOT / "docs" / "evaluations-tab.png")
        finished.close()
    wizard = ReadinessWizard(database, preparing, ReadinessParty.STUDENT, "")
    wizard.resize(900, 640)
    wizard.show()
    wizard.intro.respondent.setText("Андрій Кравчук")
    wizard.next()  # the first page of questions
    save(app, wizard, ROOT / "docs" / f"wizard{dark}.png")
    wizard.close()
    window.close()


def guide_pictures(app: QApplication, database: Database, window: MainWindow, folder: Path) -> None:
    """The user guide's pictures, in the interface's language, into `folder`: three tabs of
    the main window and five of an ongoing placement's editor."""
    for tab, name in ((window.today_view, "today"), (window.placements_view, "placements"),
                      (window.funding_view, "funding")):  # fmt: skip
        window.tabs.setCurrentWidget(tab)
        save(app, window, folder / f"{name}.png", palette=True)
    chosen = ongoing_placement(database)
    editor = PlacementEditor(database, chosen, window)
    editor.resize(1300, 820)
    editor.show()
    for panel, name in ((editor.checklist, "checklist"), (editor.preparation, "preparation"),
                        (editor.costs, "costs"), (editor.agreement, "agreement")):  # fmt: skip
        editor.side.setCurrentWidget(panel)
        save(app, editor, folder / f"{name}.png", palette=True)
    editor.close()
    monitoring = monitoring_editor(database, window, chosen)
    save(app, monitoring, folder / "monitoring.png", palette=True)
    monitoring.close()


def ongoing_placement(database: Database) -> int:
    """An ongoing placement of the demo, one with an amendment if there is one."""
    with database.session() as session:
        amended = select(AgreementDocument.placement_id).where(
            AgreementDocument.kind == DocumentKind.AMENDMENT
        )
        chosen = session.scalar(
            select(Placement.id)
            .where(Placement.status == Status.ONGOING, Placement.id.in_(amended))
            .limit(1)
        ) or session.scalar(select(Placement.id).where(Placement.status == Status.ONGOING))
    assert chosen is not None, "the demo has ongoing placements"
    return chosen


def mail_dialog(app: QApplication, database: Database, window: MainWindow) -> None:
    """The message an agreement out for signature goes to HR with, before it is sent."""
    with database.session() as session:
        sent = session.scalar(
            select(AgreementDocument.id)
            .where(
                AgreementDocument.kind == DocumentKind.AGREEMENT,
                AgreementDocument.state == DocumentState.SENT,
                AgreementDocument.pdf.is_not(None),
            )
            .limit(1)
        )
    assert sent is not None, "the demo has an agreement out for signature with its PDF"
    settings = MailSettings(
        host="smtp.demo-university.example",
        sender_name="International Office",
        sender_address="international@demo-university.example",
    )
    save_mail_settings(database, settings)
    draft = for_signature(database, sent, Party.HOST, settings, fillable=True)
    dialog = ComposeDialog(database, draft, window)
    dialog.resize(760, 640)
    dialog.show()
    save(app, dialog, ROOT / "docs" / "mail-dialog.png")
    dialog.close()
    save_mail_settings(database, MailSettings())  # the other pictures: as the demo has it


def monitoring_editor(database: Database, window: MainWindow, fallback: int) -> PlacementEditor:
    """The Monitoring tab of an ongoing placement whose log raised a concern, so that the
    picture shows the concern column and what the summary says of it (all met otherwise)."""
    with database.session() as session:
        concerned = session.scalar(
            select(MonitoringEntry.placement_id)
            .join(Placement, Placement.id == MonitoringEntry.placement_id)
            .where(Placement.status == Status.ONGOING, MonitoringEntry.concern)
            .order_by(MonitoringEntry.resolved_on.is_not(None), MonitoringEntry.held_on.desc())
            .limit(1)
        )
    editor = PlacementEditor(database, concerned or fallback, window)
    editor.resize(1300, 820)
    editor.show()
    editor.side.setCurrentWidget(editor.monitoring)
    return editor


def evaluation_page(database: Database, placement_id: int, target: Path) -> None:
    """The first page of the final evaluation questionnaire the host mentor is sent, as PNG
    (with poppler's pdftoppm, where it is installed)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm not found (poppler-utils): docs/evaluation.png left as it is")
        return
    exported = export_questionnaire(database, placement_id, Kind.FINAL, ReadinessParty.COMPANY)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "evaluation.pdf"
        pdf.write_bytes(exported.pdf)
        stem = Path(folder) / "page"
        subprocess.run([pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(stem)], check=True)  # fmt: skip
        target.write_bytes(stem.with_suffix(".png").read_bytes())
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    raise SystemExit(main())
