"""Light and dark: every colour comes from the theme, reads at WCAG AA, and dark is dark."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.ui import theme
from vipdesk.ui.shell.app import app_settings, run_app
from vipdesk.ui.shell.main_window import MainWindow

UI = Path(__file__).parents[2] / "vipdesk" / "ui"
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|\brgba?\(")


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def light_again() -> Iterator[None]:
    """Whatever a test chooses, the next one starts light, as the suite always has."""
    yield
    theme.apply(_app(), theme.Preference.LIGHT)


def _luminance(hex_colour: str) -> float:
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_ratio_is_the_wcag_one() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", list(theme.Scheme))
def test_every_text_colour_reads_at_aa_on_what_it_is_drawn_on(scheme: theme.Scheme) -> None:
    c = theme.SCHEMES[scheme]
    texts = {"text": c.text, "muted": c.muted, "link": c.link, **c.meaning}
    low = [
        f"{name} {fg} on {bg}: {contrast(fg, bg):.2f}"
        for name, fg in texts.items()
        for bg in (c.base, c.window, c.alternate, c.boxes["quiet"].bg)
        if contrast(fg, bg) < 4.5
    ]
    low += [
        f"{name} box: {contrast(box.fg, box.bg):.2f}"
        for name, box in c.boxes.items()
        if contrast(box.fg, box.bg) < 4.5
    ]
    for fg, bg in ((c.text, c.button), (c.highlighted_text, c.highlight)):
        if contrast(fg, bg) < 4.5:
            low.append(f"{fg} on {bg}: {contrast(fg, bg):.2f}")
    assert not low


def test_both_schemes_name_the_same_colours() -> None:
    light, dark = theme.SCHEMES[theme.Scheme.LIGHT], theme.SCHEMES[theme.Scheme.DARK]
    assert light.meaning.keys() == dark.meaning.keys()
    assert light.boxes.keys() == dark.boxes.keys()
    assert light.chart.keys() == dark.chart.keys()


def _string_constants(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_widget_colour_is_written_outside_the_theme() -> None:
    """A colour in a widget's code would stay light in the dark scheme."""
    found = [
        f"{path.relative_to(UI)}:{line}: {text!r}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "theme.py"
        for line, text in _string_constants(path)
        if COLOUR_LITERAL.search(text)
    ]
    assert not found


def _mean_luminance(image: QImage) -> float:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    step = 7
    total = count = 0.0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += _luminance(image.pixelColor(x, y).name())
            count += 1
    return total / count


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_dark_scheme_is_dark_and_the_light_one_light(
    qtbot: QtBot, db: Database, light_again: None
) -> None:
    world = make_world(db, host_name="مؤسسة النور")
    for _ in range(3):
        make_placement(db, world)
    theme.apply(_app(), theme.Preference.DARK)
    dark = _mean_luminance(_window(qtbot, db).grab().toImage())
    theme.apply(_app(), theme.Preference.LIGHT)
    light = _mean_luminance(_window(qtbot, db).grab().toImage())
    assert dark < 0.08, dark
    assert light > 0.6, light


def test_a_screenshot_can_be_asked_for_in_either_scheme(
    tmp_path: Path, sqlite_url: str, light_again: None
) -> None:
    for scheme in ("dark", "light"):
        target = tmp_path / f"{scheme}.png"
        assert run_app(sqlite_url, screenshot=str(target), color_scheme=scheme) == 0
        brightness = _mean_luminance(QImage(str(target)))
        assert (brightness < 0.08) if scheme == "dark" else (brightness > 0.6), scheme


def test_the_view_menu_keeps_the_chosen_scheme(
    qtbot: QtBot, db: Database, light_again: None
) -> None:
    settings = app_settings()
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    dark = next(a for a in window.scheme_actions.actions() if a.data() == "dark")
    dark.trigger()
    assert theme.current() is theme.Scheme.DARK
    assert settings.value(theme.SETTING) == "dark"
    assert _app().palette().window().color().name() == theme.SCHEMES[theme.Scheme.DARK].window
    # and the next start reads it
    again = MainWindow(db, app_settings())
    qtbot.addWidget(again)
    checked = [a.data() for a in again.scheme_actions.actions() if a.isChecked()]
    assert checked == ["dark"]


def test_an_unknown_saved_scheme_means_the_systems() -> None:
    assert theme.parse_preference("purple") is theme.Preference.SYSTEM
    assert theme.parse_preference(None) is theme.Preference.SYSTEM
