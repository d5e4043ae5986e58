"""Choosing the interface language: the system's by default, Settings → Language to change it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.translations import compile_catalogues
from vipdesk.documents.report_language import catalogue
from vipdesk.enums import Mode, Status
from vipdesk.languages import ENGLISH
from vipdesk.models.protocol import Cadence
from vipdesk.ui import i18n, labels, when
from vipdesk.ui.i18n import chosen_language, install_language, tr
from vipdesk.ui.money_fields import format_money
from vipdesk.ui.shell.appearance import add_language_menu


def settings_at(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_system_language_is_followed_when_vipdesk_speaks_it(tmp_path: Path) -> None:
    settings = settings_at(tmp_path)
    assert chosen_language(settings, QLocale("pl_PL")) == "pl"
    assert chosen_language(settings, QLocale("de_AT")) == "de"
    assert chosen_language(settings, QLocale("ja_JP")) == "en"  # not one of vipdesk's
    assert chosen_language(None, QLocale("fi_FI")) == "fi"


def test_a_chosen_language_wins_over_the_system(tmp_path: Path) -> None:
    settings = settings_at(tmp_path)
    settings.setValue(i18n.SETTING, "it")
    assert chosen_language(settings, QLocale("de_DE")) == "it"
    settings.setValue(i18n.SETTING, "klingon")  # edited by hand: ignored
    assert chosen_language(settings, QLocale("de_DE")) == "de"


def test_the_language_menu_keeps_the_choice_for_the_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = settings_at(tmp_path)
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = QMenu(window)
    group = add_language_menu(window, menu, settings)
    names = [action.text().replace("&", "") for action in group.actions()]
    assert names[1:] == ["Dansk", "Deutsch", "English", "Italiano", "Nederlands", "Polski", "Suomi"]
    assert group.checkedAction() is group.actions()[0]  # like the system
    deutsch = group.actions()[2]
    deutsch.trigger()
    assert settings.value(i18n.SETTING) == "de"
    assert window.statusBar().currentMessage() == "vipdesk speaks Deutsch from the next start."
    again = add_language_menu(window, QMenu(window), settings)
    assert again.checkedAction().data() == "de"


def test_a_missing_catalogue_leaves_the_interface_in_english(tmp_path: Path) -> None:
    assert not install_language("de", tmp_path)  # nothing compiled there
    assert tr("&File") == "&File"
    assert QLocale().language() is QLocale.Language.English


def test_a_catalogue_translates_and_gives_plural_forms(tmp_path: Path) -> None:
    compile_catalogues(tmp_path, ["en"])
    assert install_language("en", tmp_path)
    assert tr("%n task(s)", "", 1) == "1 task"
    assert tr("%n task(s)", "", 3) == "3 tasks"
    assert tr("%Ln placement(s)", "", 12345) == "12,345 placements"


def test_states_and_kinds_read_as_in_the_reports() -> None:
    """A status or mode is named on screen as in an exported report of the same language."""
    try:
        labels.use_language("de")
        assert labels.shown(Status.AGREEMENT_SENT.label) == catalogue("de")["Agreement sent"]
        assert labels.in_sentence(Mode.BLENDED.label) == catalogue("de")["Blended"]  # a noun
        # not a noun: "Berichte wöchentlich", not "Berichte Wöchentlich"
        assert labels.in_sentence(Cadence.WEEKLY.label, noun=False) == "wöchentlich"
        assert labels.shown("Kovalenko") == "Kovalenko"  # not a label: as it is
        labels.use_language("pl")
        assert labels.in_sentence(Mode.BLENDED.label) == catalogue("pl")["Blended"].lower()
    finally:
        labels.use_language(ENGLISH)
    assert labels.in_sentence(Status.DRAFT.label) == "draft"


def test_dates_read_the_way_of_the_interface_language() -> None:
    day, moment = date(2026, 12, 4), datetime(2026, 12, 4, 14, 5)
    try:
        assert when.day(day) == "04 Dec 2026"
        assert when.day_of_month(day) == "04 Dec"
        assert when.moment(moment) == "04 Dec 2026 14:05"
        QLocale.setDefault(QLocale("de"))
        assert when.day(day) == "4. Dez. 2026"
        assert when.month(day) == "Dez. 2026"
        QLocale.setDefault(QLocale("fi"))
        assert when.day(day) == "4.12.2026"
        QLocale.setDefault(QLocale("pl"))
        assert when.day(day) == "4 gru 2026"
    finally:
        QLocale.setDefault(QLocale("en"))


def test_money_reads_the_way_of_the_interface_language() -> None:
    try:
        assert format_money(Decimal("1035"), "EUR") == "1,035.00 EUR"
        QLocale.setDefault(QLocale("de"))
        assert format_money(Decimal("1035.5"), "EUR") == "1.035,50 EUR"
    finally:
        QLocale.setDefault(QLocale("en"))


def test_counts_group_their_digits_the_languages_way(qapp: object) -> None:
    """ "{due:,}" wrote 1,500 in every language; the interface's language groups them."""
    from PySide6.QtCore import QLocale

    from vipdesk.ui.i18n import with_counts

    before = QLocale()
    try:
        QLocale.setDefault(QLocale("de_DE"))
        assert with_counts("{due:,} fällig · {url}", due=1500, url="x:1") == "1.500 fällig · x:1"
        QLocale.setDefault(QLocale("en_GB"))
        assert with_counts("{due:,} due, {flag}", due=1500, flag=True) == "1,500 due, True"
    finally:
        QLocale.setDefault(before)
