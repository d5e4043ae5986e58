"""What the funding services refuse or cannot count, in the interface's language.

The funding sources, cost items, exchange rates and the splitting of shared costs
(`services.funding`) say each problem and refusal as a phrase; their English templates are
written again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QT_TR_NOOP

from vipdesk.phrase import Phrase
from vipdesk.ui.phrases import phrase_text


def problem_texts(problems: Sequence[str], said: Sequence[Phrase]) -> list[str]:
    """A report's problems (items not counted) in the interface's language, when the service
    kept each as a phrase; as they are otherwise."""
    if len(said) == len(problems):
        return [phrase_text(p) for p in said]
    return list(problems)


TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("'{code}' is not an ISO 4217 code."),
        QT_TR_NOOP("'{code}' is not an ISO 4217 currency code (e.g. EUR)."),
        QT_TR_NOOP("'{code}' is not an ISO 4217 currency."),
        QT_TR_NOOP("A cost is either for one placement or shared, not both."),
        QT_TR_NOOP("A placement chosen no longer exists."),
        QT_TR_NOOP("A rate must be more than zero."),
        QT_TR_NOOP("A share cannot be negative."),
        QT_TR_NOOP("Another funding source has this name."),
        QT_TR_NOOP("Choose the placement, or the placements or year to share among."),
        QT_TR_NOOP("Describe the cost, e.g. 'Laptop for the student'."),
        QT_TR_NOOP("Enter the amount (or, for staff time, the hours and hourly rate)."),
        QT_TR_NOOP("Enter the amount awarded."),
        QT_TR_NOOP("Enter the amount to the cent (two decimals at most)."),
        QT_TR_NOOP("Enter the date of the cost (it chooses the exchange rate)."),
        QT_TR_NOOP("Enter the first day the source pays for."),
        QT_TR_NOOP("Enter the last day the source pays for."),
        QT_TR_NOOP("Every share is zero, so the cost cannot be split this way."),
        QT_TR_NOOP("Hours cannot be negative."),
        QT_TR_NOOP("Line {line}: '{code}' is not an ISO 4217 code."),
        QT_TR_NOOP("Line {line}: a rate must be more than zero."),
        QT_TR_NOOP("Line {line}: expected date,currency,rate."),
        QT_TR_NOOP("Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825."),
        QT_TR_NOOP("Name the funding source, e.g. 'Erasmus+ KA131 2024'."),
        QT_TR_NOOP("Share among the placements listed or among a year, not both."),
        QT_TR_NOOP("The amount awarded cannot be negative."),
        QT_TR_NOOP("The amount cannot be negative; enter a refund as its own note."),
        QT_TR_NOOP("The description is longer than 200 characters."),
        QT_TR_NOOP("The hourly rate cannot be negative."),
        QT_TR_NOOP("The invoice reference is longer than {limit} characters."),
        QT_TR_NOOP("The name is longer than 200 characters."),
        QT_TR_NOOP("The notes are longer than {limit} characters."),
        QT_TR_NOOP("The period ends before it starts."),
        QT_TR_NOOP("The reference is longer than {limit} characters."),
        QT_TR_NOOP(
            "There is no exchange rate for {currency} on or before {day} (against {base}). Enter "
            "one, or import them from a CSV file."
        ),
        QT_TR_NOOP("There is no grant to record: no physical days are funded."),
        QT_TR_NOOP("There is nobody to share this cost among."),
        QT_TR_NOOP("This cost item no longer exists."),
        QT_TR_NOOP("This funding source no longer exists."),
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("This rate of {currency} for {day} was changed after you opened it."),
        QT_TR_NOOP("{amount} has more than two decimals; enter it to the cent."),
        QT_TR_NOOP("{category}: enter a budget of zero or more, to the cent."),
        QT_TR_NOOP("{cost} ({day}): {problem}"),
        QT_TR_NOOP("{day} is outside the period of {source} ({start} to {end})."),
        QT_TR_NOOP("{source} pays for cost items; move or delete them first."),
        QT_TR_NOOP("{source}: {cost}: {problem}"),
    ),
)
