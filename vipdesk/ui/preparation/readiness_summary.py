"""The result of a readiness questionnaire: status, score per theme, critical answers, advice."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vipdesk.services.preparation.questionnaires import Assessment, ReadinessLevel
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown

# The box of each level: green, amber, red, legible for colour-blind users too because the word
# is always written out beside the colour.
LEVEL_BOXES = {
    ReadinessLevel.READY: "success",
    ReadinessLevel.NEEDS_ATTENTION: "warning",
    ReadinessLevel.BLOCKED: "error",
}


def level_badge(level: ReadinessLevel, text: str | None = None) -> str:
    """Rich text for a coloured status word."""
    box = theme.colours().boxes[LEVEL_BOXES[level]]
    return (
        f"<span style='color:{box.fg}; background:{box.bg}; font-weight:600;'>"
        f"&nbsp;{escape(text or shown(level.label))}&nbsp;</span>"
    )


class SummaryView(QWidget):
    """Read-only; `show_assessment` may be called again with new answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.themes = QGridLayout()
        self.themes.setColumnStretch(1, 1)
        self.themes.setHorizontalSpacing(12)
        self.critical = QLabel(self)
        self.critical.setTextFormat(Qt.TextFormat.RichText)
        self.critical.setWordWrap(True)
        self.critical.setStyleSheet(theme.box_style("error"))
        self.advice = QLabel(self)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.status)
        column.addLayout(self.themes)
        column.addWidget(self.critical)
        column.addWidget(self.advice)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setAccessibleName(tr("Readiness result"))  # read-only: scrolled with the keys
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.bars: dict[str, QProgressBar] = {}

    def show_assessment(self, assessment: Assessment) -> None:
        level = assessment.level
        overall = "—" if assessment.overall is None else f"{assessment.overall} / 100"
        missing = len(assessment.unanswered)
        note = (
            tr("<br>{missing} required question(s) not answered yet.").format(missing=missing)
            if missing
            else ""
        )
        self.status.setText(
            tr(
                "<p style='font-size:large'>{level_badge}&nbsp; Overall score "
                "<b>{overall}</b></p>{note}"
            ).format(overall=overall, note=note, level_badge=level_badge(level))
        )
        while self.themes.count():
            taken = self.themes.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.bars.clear()
        for row, topic in enumerate(assessment.themes):
            label = QLabel(shown(topic.label))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(topic.score or 0)
            bar.setFormat("not answered" if topic.score is None else f"{topic.score}")
            bar.setAccessibleName(f"{shown(topic.label)}: {bar.format()}")
            colour = theme.hex_of("bad" if topic.low else "good")
            bar.setStyleSheet(
                f"QProgressBar {{ border: 1px solid {theme.hex_of('grid')}; border-radius: 3px;"
                f" background: {theme.hex_of('track')}; text-align: center; max-height: 16px; }}"
                f"QProgressBar::chunk {{ background: {colour}; }}"
            )
            low = tr("below {threshold}").format(threshold=assessment.threshold)
            flag = QLabel(low if topic.low else "")
            flag.setStyleSheet(theme.text_style("error"))
            self.themes.addWidget(label, row, 0)
            self.themes.addWidget(bar, row, 1)
            self.themes.addWidget(flag, row, 2)
            self.bars[topic.key] = bar
        critical = assessment.critical
        self.critical.setVisible(bool(critical))
        self.critical.setText(
            tr(
                "<b>Blocking answers</b> — these must be solved before the placement can start:"
                "<ul style='margin-left:-20px'>"
            )
            + "".join(f"<li>{escape(f.question)} <b>{escape(f.answer)}</b></li>" for f in critical)
            + "</ul>"
        )
        if assessment.advice:
            self.advice.setText(
                tr("<b>What to do</b><ul style='margin-left:-20px'>")
                + "".join(f"<li>{escape(a)}</li>" for a in assessment.advice)
                + "</ul>"
            )
        else:
            self.advice.setText(tr("<b>What to do</b><br>Nothing: every answer is strong."))


class SummaryDialog(QDialog):
    """The result of a completed response, opened from the preparation panel."""

    def __init__(
        self, title: str, heading: str, assessment: Assessment, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 560)
        head = QLabel(heading)
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        self.view = SummaryView()
        self.view.show_assessment(assessment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
