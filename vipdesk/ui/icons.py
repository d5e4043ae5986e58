"""The interface's icons: Tabler's outline SVGs, drawn in the colour scheme's text colour.

Each SVG draws with `currentColor`; a QIcon made straight from the file would be black in the
dark scheme too. Here an icon engine renders the SVG at whatever size and device-pixel ratio is
asked for (crisp at 100 to 200 % scaling), in the scheme's text colour, or its muted colour when
the action is disabled; only when drawn, so start-up pays nothing for icons not yet shown.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from vipdesk.resources import resources_dir
from vipdesk.ui import theme

FOLDER = resources_dir() / "icons" / "tabler"
NAMES = frozenset(path.stem for path in FOLDER.glob("*.svg"))


@cache
def _svg(name: str) -> str:
    return (FOLDER / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode()))


class _TintedSvg(QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        colours = theme.colours()
        colour = colours.muted if mode is QIcon.Mode.Disabled else colours.text
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _renderer(self.name, colour).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _TintedSvg(self.name)


def icon(name: str) -> QIcon:
    """The icon `name` (a file of resources/icons/tabler), in the colours of the scheme."""
    if name not in NAMES:
        raise KeyError(f"no icon named {name!r} in {FOLDER}")
    return QIcon(_TintedSvg(name))
