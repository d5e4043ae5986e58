"""The grant calculator's lines, notes, warnings and errors in the interface's language.

The services keep them as `Phrase`s (`services.funding.grants`, `grant_tables`); their English
templates are written again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

from vipdesk.services.funding.grants import GrantLine, GrantResult
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import phrase_text


def line_text(line: GrantLine) -> str:
    return phrase_text(line.phrase) if line.phrase is not None else line.label


def quantity_text(line: GrantLine) -> str:
    """'3 months', '4 days', '1 once': the quantity and its unit."""
    units = {
        "day": tr("%n day(s)", "", line.quantity),
        "days": tr("%n day(s)", "", line.quantity),
        "month": tr("%n month(s)", "", line.quantity),
        "months": tr("%n month(s)", "", line.quantity),
        "once": tr("%n once", "a grant line paid one time: 1 once", line.quantity),
        "participant": tr("%n participant(s)", "", line.quantity),
    }
    return units.get(line.unit, f"{line.quantity} {line.unit}")


def note_text(result: GrantResult) -> str:
    return phrase_text(result.note_phrase) if result.note_phrase is not None else result.note


def warning_texts(result: GrantResult) -> list[str]:
    if len(result.warning_phrases) == len(result.warnings):
        return [phrase_text(w) for w in result.warning_phrases]
    return list(result.warnings)


def counted_text(result: GrantResult) -> str:
    """How a long stay was counted when 30-day months make it differ from the calendar."""
    if result.month_days == result.physical_days:
        return ""
    months, days = divmod(result.month_days, 30)
    return tr("counted as {months} and {days}").format(
        months=tr("%n month(s)", "", months), days=tr("%n day(s)", "", days)
    )


TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("Individual support, days {first}–{last}"),
        QT_TR_NOOP("Give the travel distance to add the travel support."),
        QT_TR_NOOP("Green travel top-up"),
        QT_TR_NOOP("Individual support"),
        QT_TR_NOOP("Traineeship top-up"),
        QT_TR_NOOP("Fewer opportunities top-up"),
        QT_TR_NOOP(
            "{days} physical days is less than the {months} months a long-term traineeship "
            "needs; only a blended placement with {low} to {high} physical days is funded as "
            "short-term."
        ),
        QT_TR_NOOP("A purely virtual placement gets no individual support."),
        QT_TR_NOOP(
            "{days} physical days is too short: the Programme Guide funds physical stays of "
            "{low} days or more ({low} to {high} in a blended placement)."
        ),
        QT_TR_NOOP("A zero-grant participant gets no individual support from Erasmus+ EU funds."),
        QT_TR_NOOP("Organisational support (participant {number})"),
        QT_TR_NOOP(
            "{days} physical days is more than the {months} months the Programme Guide funds in "
            "a study cycle."
        ),
        QT_TR_NOOP("This blended placement has no physical period yet, so nothing is funded."),
        QT_TR_NOOP("{line}, extra days"),
        QT_TR_NOOP("Fewer opportunities top-up, {days} physical days"),
        QT_TR_NOOP("Green travel support, {km} km"),
        QT_TR_NOOP("Travel support, {km} km"),
        QT_TR_NOOP("No travel support for {km} km: the bands start at 10 km."),
        QT_TR_NOOP("No travel support: it goes to {who} only."),
        QT_TR_NOOP("Green travel days"),
        QT_TR_NOOP(
            "No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call "
            "year."
        ),
        QT_TR_NOOP("{country} is in none of the country groups of the call {year} rates."),
        QT_TR_NOOP("There are no Erasmus+ rates for the call year {year}."),
        QT_TR_NOOP(
            "{code} is an outermost region or overseas country or territory: the Programme Guide "
            "sets their grants apart and the call {year} table has no rates for them; ask your "
            "national agency."
        ),
        QT_TR_NOOP("call {year}: {start} – {end}"),
        QT_TR_NOOP("The organisational support tiers of this call year end too early."),
        QT_TR_NOOP("none"),
    ),
)
