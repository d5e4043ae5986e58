"""Dates and times as the interface shows them, in the interface language's own way:
"04 Dec 2026" in English, "4. Dez. 2026" in German, "4.12.2026" in Finnish."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

# Per language: a day with its year, a day without, a month. Qt's own short formats are
# all digits, and its long ones spell out the weekday: neither suits a table column.
_PATTERNS = {
    "en": ("dd MMM yyyy", "dd MMM", "MMM yyyy"),
    "de": ("d. MMM yyyy", "d. MMM", "MMM yyyy"),
    "da": ("d. MMM yyyy", "d. MMM", "MMM yyyy"),
    "fi": ("d.M.yyyy", "d.M.", "M/yyyy"),
}
_DEFAULT = ("d MMM yyyy", "d MMM", "MMM yyyy")  # Dutch, Italian, Polish


def _pattern(which: int) -> str:
    language = QLocale().name().split("_", 1)[0]
    return _PATTERNS.get(language, _DEFAULT)[which]


def day_pattern() -> str:
    """The pattern of `day`, for a date field's display format."""
    return _pattern(0)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def day(value: date) -> str:
    """A day with its year: "04 Dec 2026"."""
    return QLocale().toString(_qdate(value), _pattern(0))


def full_day(value: date) -> str:
    """A day with its month in full, no weekday: "4 December 2026", "4. Dezember 2026"."""
    language = QLocale().name().split("_", 1)[0]
    pattern = "d. MMMM yyyy" if language in ("de", "da", "fi") else "d MMMM yyyy"
    return QLocale().toString(_qdate(value), pattern)


def long_day(value: date) -> str:
    """A day in full, with its weekday: "Friday 4 December 2026", "Freitag, 4. Dezember 2026"."""
    if QLocale().language() is QLocale.Language.English:  # not the American "December 4"
        return QLocale().toString(_qdate(value), "dddd d MMMM yyyy")
    return QLocale().toString(_qdate(value), QLocale.FormatType.LongFormat)


def weekday(number: int, *, short: bool = False, narrow: bool = False) -> str:
    """The name of weekday `number` (1 is Monday): "Monday", "Mon" or "M"."""
    kind = (
        QLocale.FormatType.NarrowFormat
        if narrow
        else QLocale.FormatType.ShortFormat
        if short
        else QLocale.FormatType.LongFormat
    )
    return QLocale().dayName(number, kind)


def day_of_month(value: date) -> str:
    """A day without its year: "04 Dec"."""
    return QLocale().toString(_qdate(value), _pattern(1))


def month(value: date) -> str:
    """A month: "Dec 2026"."""
    return QLocale().toString(_qdate(value), _pattern(2))


def clock(value: datetime) -> str:
    """A time of day: "14:05" (24 hours in every vipdesk language)."""
    return QLocale().toString(QTime(value.hour, value.minute), "HH:mm")


def moment(value: datetime) -> str:
    """A moment, in local time when it has a zone: "04 Dec 2026 14:05"."""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{day(local)} {clock(local)}"
