"""The colours of vipdesk, light and dark: every colour a widget uses comes from here.

A scheme is chosen once at start (`apply`): the system's (Qt's style hints), or one the user
forced in View → Colour scheme. Widgets ask by meaning — `text_style("error")`,
`box_style("warning")`, `colour("status.signed")` — never by value, so the dark scheme has no
light box left in it. Each text colour is at least 4.5:1 against the background it is drawn on
(WCAG AA), in both schemes; `tests/ui/test_theme.py` measures every pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

SETTING = "appearance/color_scheme"


class Scheme(StrEnum):
    LIGHT = "light"
    DARK = "dark"


class Preference(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Box:
    """A message box's text and background: a banner, a warning, a highlighted row."""

    fg: str
    bg: str


@dataclass(frozen=True)
class Colours:
    window: str
    base: str
    alternate: str
    button: str
    text: str
    muted: str
    link: str
    highlight: str
    highlighted_text: str
    # What a colour means, as text on the window or base background.
    meaning: dict[str, str]
    boxes: dict[str, Box]
    # Lines and fills of charts: never text, so only told apart, not read.
    chart: dict[str, str]


_LIGHT = Colours(
    window="#f5f6f8",
    base="#ffffff",
    alternate="#f3f5f8",
    button="#eceef2",
    text="#1f2328",
    muted="#5b6270",
    link="#1a56b8",
    highlight="#2f6fd6",
    highlighted_text="#ffffff",
    meaning={
        "error": "#b3261e",
        "warning": "#8a4b00",
        "success": "#1b6e2d",
        "info": "#1a4f9c",
        "status.draft": "#5b6270",
        "status.preparing": "#1d4ed8",
        "status.agreement_sent": "#6d28d9",
        "status.signed": "#0f766e",
        "status.ongoing": "#12743a",
        "status.evaluating": "#a84b06",
        "status.completed": "#374151",
        "status.cancelled": "#b91c1c",
        "urgency.overdue": "#b91c1c",
        "urgency.this_week": "#a84b06",
        "urgency.later": "#374151",
        "level.ready": "#1b5e20",
        "level.needs_attention": "#7a4100",
        "level.blocked": "#8c1d18",
    },
    boxes={
        "error": Box("#7f1d1d", "#fdecea"),
        "warning": Box("#5c4400", "#fff4ce"),
        "info": Box("#1a3c6e", "#e8f0fe"),
        "success": Box("#1b5e20", "#e6f4ea"),
        "quiet": Box("#1f2328", "#eef2f7"),
    },
    chart={
        "bar": "#3f6fb5",
        "chosen": "#1d3f73",
        "good": "#2e7d32",
        "bad": "#c62828",
        "track": "#e4e4e4",
        "grid": "#dddddd",
        "axis": "#6b6b6b",
        "idle": "#9a9a9a",
    },
)

_DARK = Colours(
    window="#1e2024",
    base="#16181b",
    alternate="#1f2226",
    button="#2a2d32",
    text="#e6e8eb",
    muted="#a3a9b4",
    link="#8ab4f8",
    highlight="#3566c4",
    highlighted_text="#ffffff",
    meaning={
        "error": "#ff8a80",
        "warning": "#ffc266",
        "success": "#7bd88f",
        "info": "#8ab4f8",
        "status.draft": "#a3a9b4",
        "status.preparing": "#8ab4f8",
        "status.agreement_sent": "#c4a7ff",
        "status.signed": "#5eead4",
        "status.ongoing": "#7bd88f",
        "status.evaluating": "#ffc266",
        "status.completed": "#d1d5db",
        "status.cancelled": "#ff8a80",
        "urgency.overdue": "#ff8a80",
        "urgency.this_week": "#ffc266",
        "urgency.later": "#d1d5db",
        "level.ready": "#7bd88f",
        "level.needs_attention": "#ffc266",
        "level.blocked": "#ff8a80",
    },
    boxes={
        "error": Box("#ffd7d3", "#4a1f1c"),
        "warning": Box("#ffe6a8", "#3d3212"),
        "info": Box("#d2e3fc", "#1c2d4a"),
        "success": Box("#c8efd0", "#173a22"),
        "quiet": Box("#e6e8eb", "#262a30"),
    },
    chart={
        "bar": "#6f9be0",
        "chosen": "#a9c7f5",
        "good": "#5cc173",
        "bad": "#ef6b61",
        "track": "#3a3e45",
        "grid": "#33373d",
        "axis": "#a3a9b4",
        "idle": "#6b717c",
    },
)

SCHEMES = {Scheme.LIGHT: _LIGHT, Scheme.DARK: _DARK}
_current = Scheme.LIGHT


def current() -> Scheme:
    return _current


def colours() -> Colours:
    return SCHEMES[_current]


def hex_of(name: str) -> str:
    """A named colour of the current scheme: a meaning ("error"), else a chart colour."""
    scheme = colours()
    if name in scheme.meaning:
        return scheme.meaning[name]
    if name == "muted":
        return scheme.muted
    return scheme.chart[name]


def colour(name: str) -> QColor:
    return QColor(hex_of(name))


def box_colour(name: str) -> QColor:
    """A box's background alone: a highlighted row or heading in a table."""
    return QColor(colours().boxes[name].bg)


def text_style(name: str) -> str:
    """A label's style sheet for text of a meaning ("error", "warning", "success", "muted")."""
    return f"color: {hex_of(name)};"


def box_style(name: str, padding: int = 6) -> str:
    """A label's style sheet for a message box: "error", "warning", "info", "success", "quiet"."""
    box = colours().boxes[name]
    return f"background: {box.bg}; color: {box.fg}; padding: {padding}px; border-radius: 4px;"


def span(name: str, text: str) -> str:
    """`text` (escaped) as rich text in a colour of a meaning."""
    return f"<span style='color:{hex_of(name)}'>{escape(text)}</span>"


def parse_preference(value: object) -> Preference:
    try:
        return Preference(str(value))
    except ValueError:
        return Preference.SYSTEM


def scheme_for(preference: Preference) -> Scheme:
    """The scheme a preference means here: the system's when it says so (light if unknown)."""
    if preference is Preference.LIGHT:
        return Scheme.LIGHT
    if preference is Preference.DARK:
        return Scheme.DARK
    hints = QGuiApplication.styleHints()
    return Scheme.DARK if hints.colorScheme() is Qt.ColorScheme.Dark else Scheme.LIGHT


def palette_of(scheme: Scheme) -> QPalette:
    c = SCHEMES[scheme]
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.alternate,
        QPalette.ColorRole.ToolTipBase: c.base,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.button,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.BrightText: c.meaning["error"],
        QPalette.ColorRole.Link: c.link,
        QPalette.ColorRole.LinkVisited: c.link,
        QPalette.ColorRole.Highlight: c.highlight,
        QPalette.ColorRole.HighlightedText: c.highlighted_text,
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    # The shades Fusion draws frames and bevels with, from the button colour.
    button = QColor(c.button)
    dark = scheme is Scheme.DARK
    palette.setColor(QPalette.ColorRole.Light, button.lighter(160 if dark else 150))
    palette.setColor(QPalette.ColorRole.Midlight, button.lighter(130 if dark else 115))
    palette.setColor(QPalette.ColorRole.Mid, button.lighter(150) if dark else button.darker(130))
    palette.setColor(QPalette.ColorRole.Dark, button.darker(150 if dark else 160))
    palette.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
    muted = QColor(c.muted)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


def apply(app: QApplication, preference: Preference) -> Scheme:
    """Give the application the Fusion style and the palette of `preference`; return it."""
    global _current
    _current = scheme_for(preference)
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(palette_of(_current))
    return _current


def chip(text: str, name: str) -> str:
    """`text` (escaped) as a status chip in rich text: the word in its colour, on a quiet box.

    The word is always there: colour alone would tell a colour-blind user nothing.
    """
    bg = colours().boxes["quiet"].bg
    return (
        f"<span style='color:{hex_of(name)}; background:{bg}; font-weight:600;'>"
        f"&nbsp;{escape(text)}&nbsp;</span>"
    )
