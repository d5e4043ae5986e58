"""The agreement drafting wizard: one page per section, pre-filled, checked page by page.

Next is refused while the page has problems, which are shown beside their fields and fade as
they are fixed. Every Next and Finish hands the whole draft to `save`, so nothing typed is
lost; Finish also needs every section to pass (the review page shows which do not). A sent
version opens read-only: the same pages, disabled, under a banner that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from vipdesk.documents.agreement.content import AgreementData
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.services.agreements.checks.problems import SECTIONS, Problem
from vipdesk.services.agreements.checks.validation import (
    problems_by_section,
    validate_agreement,
    validate_section,
)
from vipdesk.ui import theme, when
from vipdesk.ui.agreement.wizard.base import SectionPage, section_title
from vipdesk.ui.agreement.wizard.parties_page import PartiesPage
from vipdesk.ui.agreement.wizard.programme_pages import LearningPage, ProgrammePage, TasksPage
from vipdesk.ui.agreement.wizard.terms_pages import (
    HostPage,
    ProtocolPage,
    RecognitionPage,
    RolesPage,
    TechnologyPage,
    recognition_kind_text,
)
from vipdesk.ui.help.window import HELP_TOPIC
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence
from vipdesk.ui.money_fields import format_money
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.typed import credits_text
from vipdesk.ui.widgets import language_combo

FROZEN_NOTE = tr(
    "This version has been sent to the parties and is frozen: it can no longer be changed. "
    "Changes need a new version of the agreement."
)


def section_summary(data: AgreementData, section: str) -> str:
    """A line on what a section holds, for the review page."""
    p, host = data.programme, data.host
    if section == "parties":
        return f"{data.trainee.name}; {data.sending.name}; {data.receiving.name}"
    if section == "programme":
        return tr("{title}; {span}; {hours_per_week} h/week, {value}").format(
            title=p.title,
            span=f"{when.day(p.start)} – {when.day(p.end)}",
            hours_per_week=p.hours_per_week,
            value=in_sentence(p.mode.label, noun=False),
        )
    if section == "tasks":
        return tr("%n task(s)", "", len(p.tasks))
    if section == "learning":
        outcomes = tr("%n learning outcome(s)", "", len(p.learning_outcomes))
        criteria = tr("%n evaluation criterion/criteria", "", len(p.evaluation_criteria))
        return f"{outcomes}, {criteria}"
    if section == "protocol":
        return tr("%n line(s)", "", len(data.protocol))
    if section == "roles":
        return ", ".join(role.title for role in data.roles) or tr("no role")
    if section == "technology":
        return ", ".join(tool.name for tool in data.tools) or tr("no tool listed")
    if section == "recognition":
        credits = (
            ""
            if data.recognition.credits is None
            else tr(", {credits} ECTS").format(credits=credits_text(data.recognition.credits))
        )
        return f"{recognition_kind_text(data.recognition.kind)}{credits}"
    if not host.financial_support:
        support = tr("no allowance")
    elif host.amount is None:
        support = tr("a monthly allowance, amount not given yet")
    else:
        support = tr("{amount} a month").format(amount=format_money(host.amount, host.currency))
    return tr("{support}; certificate within %n week(s)", "", host.certificate_weeks).format(
        support=support
    )


class ReviewPage(QWizardPage):
    """Every section with a tick, or its problems and a link back to its page."""

    go_to = Signal(str)  # a section key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Review"))
        self.setSubTitle(
            tr(
                "Every section at a glance. Finish saves the draft; "
                "it stays editable until it is sent."
            )
        )
        self.view = QLabel()
        self.view.setTextFormat(Qt.TextFormat.RichText)
        self.view.setWordWrap(True)
        self.view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.view.linkActivated.connect(self.go_to)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.language = language_combo(
            ENGLISH,
            tr(
                "The language the agreement's PDF is written in; remembered for this host. "
                "Texts vipdesk wrote (default tasks, plans, roles, protocol) follow it when the "
                "draft is saved; texts you typed stay as they are."
            ),
            tr("Language of the agreement"),
        )
        self.with_english = QCheckBox(tr("With the &English text alongside (bilingual)"))
        self.with_english.setToolTip(
            tr("Each heading and fixed text in both languages; what people typed, once")
        )
        self.language.currentIndexChanged.connect(self._on_language)
        language_row = QHBoxLayout()
        label = QLabel(tr("&Language of the agreement:"))
        label.setBuddy(self.language)
        language_row.addWidget(label)
        language_row.addWidget(self.language)
        language_row.addWidget(self.with_english)
        language_row.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first input
        scroll.setWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(language_row)
        layout.addWidget(self.status)

    def show_language(self, code: str) -> None:
        """Show a stored `document_language` ("de", or "en+de" for a bilingual one)."""
        other = code.split("+")[-1]
        self.language.setCurrentIndex(max(0, self.language.findData(other)))
        self.with_english.setChecked("+" in code and other != ENGLISH)
        self._on_language()

    def chosen_language(self) -> str:
        """The language chosen, as the agreement stores it."""
        code = str(self.language.currentData())
        return f"{ENGLISH}+{code}" if code != ENGLISH and self.with_english.isChecked() else code

    def set_frozen(self) -> None:
        self.language.setEnabled(False)
        self.with_english.setEnabled(False)

    def _on_language(self) -> None:
        english = self.language.currentData() == ENGLISH
        self.with_english.setEnabled(not english and self.language.isEnabled())

    def show_sections(
        self, data: AgreementData, grouped: dict[str, list[Problem]], *, frozen: bool = False
    ) -> None:
        parts = []
        for section in SECTIONS:
            problems = grouped.get(section.key, [])
            title = escape(section_title(section.key))
            about = escape(section_summary(data, section.key))
            if not problems:
                parts.append(
                    f"<p style='margin:6px 0'><span style='color:{theme.hex_of('success')}'>"
                    f"✔</span> "
                    f"<b>{title}</b> <span style='color:{theme.hex_of('muted')}'>"
                    f"— {about}</span></p>"
                )
                continue
            items = "".join(f"<li>{escape(problem_text(p))}</li>" for p in problems)
            parts.append(
                tr(
                    "<p style='margin:6px 0'><span style='color:{hex_of}'>✘</span> "
                    "<b>{title}</b> — <a href='{key}'>go to this page</a></p><ul "
                    "style='margin-top:0'>{items}</ul>"
                ).format(title=title, items=items, hex_of=theme.hex_of("error"), key=section.key)
            )
        self.view.setText("".join(parts))
        bad = sum(1 for problems in grouped.values() if problems)
        if frozen:
            text = FROZEN_NOTE
        elif bad:
            text = tr(
                "%n section(s) need attention before Finish. Use the links, or Back.", "", bad
            )
        else:
            text = tr("Every section is complete. Press Finish to save the draft.")
        self.status.setText(text)
        self.status.setStyleSheet(theme.text_style("error") if bad and not frozen else "")


class AgreementWizard(QWizard):
    """Drafts one version of a placement's agreement; `saved` is the last draft stored."""

    def __init__(
        self,
        data: AgreementData,
        *,
        placement_start: date | None,
        placement_end: date | None,
        save: Callable[[AgreementData], None],
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty(HELP_TOPIC, "agreement")  # F1: its section of the user guide
        self._data = data
        self._period = {"placement_start": placement_start, "placement_end": placement_end}
        self._save_draft = save
        self.read_only = read_only
        self.saved = data
        self.setWindowTitle(
            tr("Agreement {reference} — version {version}").format(
                reference=data.reference, version=data.version
            )
            + (tr(" (sent, read-only)") if read_only else "")
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.resize(1040, 740)
        self.pages: dict[str, SectionPage] = {}
        for page in (
            PartiesPage(),
            ProgrammePage(placement_start, placement_end),
            TasksPage(),
            LearningPage(),
            ProtocolPage(),
            RolesPage(),
            TechnologyPage(),
            RecognitionPage(),
            HostPage(),
        ):
            page.fill(data)
            self.addPage(page)
            self.pages[page.section] = page
            page.changed.connect(lambda page=page: self._on_edited(page))
            if read_only:
                page.set_frozen(FROZEN_NOTE)
        self.review = ReviewPage()
        self.review.show_language(data.document_language)
        self.review_id = self.addPage(self.review)
        self.review.go_to.connect(self.go_to)
        if read_only:
            self.review.set_frozen()
            self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Close"))
            self.review.setSubTitle(
                tr("Every section at a glance, as sent. Close leaves it as it is.")
            )
        self.currentIdChanged.connect(self._on_page_changed)

    # --- the draft ---------------------------------------------------------------------------

    def current_data(self) -> AgreementData:
        """The agreement as the pages show it now (unreadable inputs keep their old value)."""
        return self._read()[0]

    def _read(self) -> tuple[AgreementData, list[Problem]]:
        data, problems = self._data, []
        for page in self.pages.values():
            data, unread = page.read(data)
            problems += unread
        data = replace(data, document_language=self.review.chosen_language())
        return data, problems

    def page_problems(self, page: SectionPage) -> list[Problem]:
        """What stops Next on `page`: inputs that cannot be read, then the section's rules."""
        data, unread = self._read()
        mine = [p for p in unread if p.section == page.section]
        found = validate_section(data, page.section, **self._period)
        found = [p for p in found if p.field not in {u.field for u in mine}]
        return page.in_page_order(mine + found)

    def all_problems(self) -> list[Problem]:
        data, unread = self._read()
        found = validate_agreement(data, **self._period)
        return unread + [p for p in found if p.field not in {u.field for u in unread}]

    def _save(self) -> bool:
        data = self.current_data()
        try:
            self._save_draft(data)
        except VipdeskError as exc:
            QMessageBox.warning(
                self,
                tr("Draft not saved"),
                tr("{exc}\nWhat you typed stays on this page.").format(exc=error_text(exc)),
            )
            return False
        self.saved = data
        return True

    # --- navigation ----------------------------------------------------------------------------

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.read_only:
            return True
        page = self.currentPage()
        if isinstance(page, SectionPage):
            problems = self.page_problems(page)
            target = page.show_problems(problems)
            page.live = bool(problems)
            if problems:
                if target is not None:
                    page.reveal(target)
                return False
            return self._save()
        if page is self.review:
            grouped = problems_by_section(self.all_problems())
            self.review.show_sections(self.current_data(), grouped)
            return not any(grouped.values()) and self._save()
        return True

    def go_to(self, section: str) -> None:
        """Back to the page of `section` (from the review page)."""
        target = self.pages[section]
        while self.currentPage() is not target and self.currentId() != self.startId():
            self.back()
        problems = self.page_problems(target)
        first = target.show_problems(problems)
        target.live = bool(problems)
        if first is not None:
            target.reveal(first)

    def _on_edited(self, page: SectionPage) -> None:
        """Once problems are on show, they follow the typing: fixed ones disappear."""
        if page.live and not self.read_only:
            problems = self.page_problems(page)
            page.show_problems(problems)
            page.live = bool(problems)

    def _on_page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if isinstance(page, SectionPage):
            page.enter(self.current_data())
        elif page is self.review:
            grouped = problems_by_section(self.all_problems())
            self.review.show_sections(self.current_data(), grouped, frozen=self.read_only)

    def reject(self) -> None:
        """Cancel or Escape: offer to keep what was typed since the last save."""
        if not self.read_only and self.current_data() != self.saved:
            answer = QMessageBox.question(
                self,
                tr("Save the draft?"),
                tr("Save what you typed as a draft before closing?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self._save():
                return
        super().reject()
