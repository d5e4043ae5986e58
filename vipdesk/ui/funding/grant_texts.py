"""The grant calculator's lines, notes, warnings and errors in the interface's language.

The services keep them as `Phrase`s (`services.funding.grants`, `grant_tables`); their English
templates are written again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from functools import cache

from vipdesk.services.funding.grants import GrantLine, GrantResult
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import phrase_text, register


def line_text(line: GrantLine) -> str:
    return phrase_text(line.phrase) if line.phrase is not None else line.label


def quantity_text(line: GrantLine) -> str:
    """'3 months', '4 days', '1 once': the quantity and its unit."""
    units = {
        "day": tr("%n day(s)", "", line.quantity),
        "days": tr("%n day(s)", "", line.quantity),
        "month": tr("%n month(s)", "", line.quantity),
        "months": tr("%n month(s)", "", line.quantity),
        "once": f"{line.quantity} {tr('once', 'a grant line paid one time: 1 once')}",
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


@register
@cache
def templates() -> dict[str, str]:
    return {
        "Individual support, days {first}–{last}": tr("Individual support, days {first}–{last}"),
        "Give the travel distance to add the travel support.": tr(
            "Give the travel distance to add the travel support."
        ),
        "Green travel top-up": tr("Green travel top-up"),
        "Individual support": tr("Individual support"),
        "Traineeship top-up": tr("Traineeship top-up"),
        "Fewer opportunities top-up": tr("Fewer opportunities top-up"),
        "{days} physical days is less than the {months} months a long-term traineeship needs; "
        "only a blended placement with {low} to {high} physical days is funded as short-term.": tr(
            "{days} physical days is less than the {months} months a long-term traineeship "
            "needs; only a blended placement with {low} to {high} physical days is funded as "
            "short-term."
        ),
        "A purely virtual placement gets no individual support.": tr(
            "A purely virtual placement gets no individual support."
        ),
        "{days} physical days is too short: the Programme Guide funds physical stays of {low} "
        "days or more ({low} to {high} in a blended placement).": tr(
            "{days} physical days is too short: the Programme Guide funds physical stays of "
            "{low} days or more ({low} to {high} in a blended placement)."
        ),
        "A zero-grant participant gets no individual support from Erasmus+ EU funds.": tr(
            "A zero-grant participant gets no individual support from Erasmus+ EU funds."
        ),
        "Organisational support (participant {number})": tr(
            "Organisational support (participant {number})"
        ),
        "{days} physical days is more than the {months} months the Programme Guide funds in a "
        "study cycle.": tr(
            "{days} physical days is more than the {months} months the Programme Guide funds "
            "in a study cycle."
        ),
        "This blended placement has no physical period yet, so nothing is funded.": tr(
            "This blended placement has no physical period yet, so nothing is funded."
        ),
        "{line}, extra days": tr("{line}, extra days"),
        "Fewer opportunities top-up, {days} physical days": tr(
            "Fewer opportunities top-up, {days} physical days"
        ),
        "Green travel support, {km} km": tr("Green travel support, {km} km"),
        "Travel support, {km} km": tr("Travel support, {km} km"),
        "No travel support for {km} km: the bands start at 10 km.": tr(
            "No travel support for {km} km: the bands start at 10 km."
        ),
        "No travel support: it goes to {who} only.": tr(
            "No travel support: it goes to {who} only."
        ),
        "Green travel days": tr("Green travel days"),
        "No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a call "
        "year.": tr(
            "No Erasmus+ rate table covers a start on {day} (vipdesk has {known}); choose a "
            "call year."
        ),
        "{country} is in none of the country groups of the call {year} rates.": tr(
            "{country} is in none of the country groups of the call {year} rates."
        ),
        "There are no Erasmus+ rates for the call year {year}.": tr(
            "There are no Erasmus+ rates for the call year {year}."
        ),
        "{code} is an outermost region or overseas country or territory: the Programme Guide "
        "sets their grants apart and the call {year} table has no rates for them; ask your "
        "national agency.": tr(
            "{code} is an outermost region or overseas country or territory: the Programme "
            "Guide sets their grants apart and the call {year} table has no rates for them; "
            "ask your national agency."
        ),
        "call {year}: {start} – {end}": tr("call {year}: {start} – {end}"),
        "none": tr("none"),
    }
