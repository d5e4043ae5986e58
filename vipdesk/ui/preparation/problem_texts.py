"""What the services find wrong with a communication protocol, and what they warn of in its
shared hours, in the interface's language.

The services say each problem and warning as a phrase (`FieldProblem.said`,
`OverlapWarning.said`); their English templates are written again here for the catalogue, and
a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        # the protocol's problems
        QT_TR_NOOP("The reply time is 1 to 336 hours."),
        QT_TR_NOOP("A meeting lasts 10 to 240 minutes."),
        QT_TR_NOOP("Keep this under {limit} characters."),
        QT_TR_NOOP("{who}: choose a time zone from the list."),
        QT_TR_NOOP("{who}: tick at least one working day."),
        QT_TR_NOOP("{who}: enter the start and end of the day."),
        QT_TR_NOOP("{who}: the day must end after it starts (same day)."),
        # the warnings on its shared hours
        QT_TR_NOOP(
            "{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours meetings "
            "at the same time are hard to hold. Plan more written, asynchronous exchange."
        ),
        QT_TR_NOOP(
            "On {short} of {days} working days they share less than {minimum} hours (least: "
            "{least} h on {day})."
        ),
        QT_TR_NOOP(
            "The clocks change on different dates ({listed}): the shared hours move in between. "
            "Check the meeting time for those weeks."
        ),
        QT_TR_NOOP("{zones} on {days}"),
        QT_TR_NOOP("{a} and {b}"),
        QT_TR_NOOP(
            "No {minutes}-minute slot lies inside the shared hours on the same weekday all "
            "through the placement: widen someone's hours or agree meeting times week by week."
        ),
    ),
)
