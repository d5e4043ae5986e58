"""What the preparation services find wrong with a communication protocol, a questionnaire's
answers or a choice of tools, what they warn of in the protocol's shared hours, and what they
refuse, in the interface's language.

The services say each problem, warning and error as a phrase (`FieldProblem.said`,
`OverlapWarning.said`, `VipdeskError.said`); their English templates are written again here for
the catalogue, and a test keeps both sides the same.
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
        # a questionnaire and its answers
        QT_TR_NOOP("Enter the name of the person who answers."),
        QT_TR_NOOP("The name is longer than 200 characters."),
        QT_TR_NOOP("This questionnaire response no longer exists."),
        QT_TR_NOOP("This questionnaire was completed; re-assess to record new answers."),
        QT_TR_NOOP("{count} question(s) still need an answer, the first: “{question}”"),
        QT_TR_NOOP("A completed questionnaire is kept as history."),
        QT_TR_NOOP("There is no question '{key}' in this version."),
        QT_TR_NOOP("Type the answer as text."),
        QT_TR_NOOP("The answer is too long."),
        QT_TR_NOOP("Choose a number from 1 to {points}."),
        QT_TR_NOOP("Choose one of the answers offered."),
        QT_TR_NOOP("No questionnaire '{name}' is installed."),
        QT_TR_NOOP(
            "Version {version} of the '{questionnaire}' questionnaire is not installed: this "
            "response comes from another vipdesk version."
        ),
        # a questionnaire's translation that does not fit its English file
        QT_TR_NOOP("The questionnaire translation {name} cannot be read: {reason}"),
        QT_TR_NOOP(
            "The questionnaire translation {name} does not match its English file: {difference}."
        ),
        QT_TR_NOOP("its id, version or party"),
        QT_TR_NOOP("its themes"),
        QT_TR_NOOP("{found} questions instead of {expected}"),
        QT_TR_NOOP("question '{key}'"),
        # the tools and their tests
        QT_TR_NOOP("Unknown purpose or tool: {keys}."),
        QT_TR_NOOP("Enter the date of the test."),
        QT_TR_NOOP("The note is longer than {limit} characters."),
        # a placement or protocol gone
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("This protocol was deleted by someone else."),
    ),
)
