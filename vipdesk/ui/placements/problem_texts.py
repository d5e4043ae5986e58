"""What the services find wrong with a placement's input, and what they refuse (a placement
gone, a status move, a checklist tick, the office leads), in the interface's language.

The services say each problem and refusal as a phrase (`FieldProblem.said`,
`VipdeskError.said`); their English templates are written again here for the catalogue, and a
test keeps both sides the same. A move the records do not back yet (`MoveRefusedError`) is
worded by the status dialog from its reasons' rules.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("Choose the student, or create a new one."),
        QT_TR_NOOP("Choose the host organisation, or create a new one."),
        QT_TR_NOOP("Choose the sending institution."),
        QT_TR_NOOP("Give the placement a title, e.g. 'Market research assistant'."),
        QT_TR_NOOP("The title is longer than 200 characters."),
        QT_TR_NOOP("The description is longer than {limit} characters."),
        QT_TR_NOOP("The notes are longer than {limit} characters."),
        QT_TR_NOOP("Enter the planned start date."),
        QT_TR_NOOP("Enter the planned end date."),
        QT_TR_NOOP("The end ({end}) is before the start ({start})."),
        QT_TR_NOOP("Enter the hours per week (1 to 60)."),
        QT_TR_NOOP("Hours per week must be between 1 and 60."),
        QT_TR_NOOP("ECTS credits must be between 0 and 60."),
        QT_TR_NOOP("ECTS credits take at most one decimal, e.g. 7.5."),
        QT_TR_NOOP("A blended placement needs at least one physical and one virtual period."),
        QT_TR_NOOP("Period {n} needs a start and an end date."),
        QT_TR_NOOP("Period {n} ends before it starts."),
        QT_TR_NOOP("Period {n} lies outside the planned start and end."),
        QT_TR_NOOP("Periods {a} and {b} overlap."),
        QT_TR_NOOP("The chosen student was deleted."),
        QT_TR_NOOP("The chosen host organisation was deleted."),
        QT_TR_NOOP("The chosen sending institution was deleted."),
        QT_TR_NOOP("The chosen mentor was deleted."),
        QT_TR_NOOP("The mentor must work at the host organisation."),
        QT_TR_NOOP("The chosen tutor was deleted."),
        QT_TR_NOOP("The academic tutor must work at an institution."),
        QT_TR_NOOP("Another coordinator took the same reference just now: save again."),
        QT_TR_NOOP("The end is before the start."),
        # a placement gone, or a change the database refused
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("This placement no longer exists: someone may have deleted it."),
        QT_TR_NOOP("This placement was deleted by someone else; your edits were not saved."),
        QT_TR_NOOP("The database refused the change: {reason}"),
        # its status and checklist
        QT_TR_NOOP("A placement cannot go from '{current}' to '{target}'."),
        QT_TR_NOOP("Say why the placement moves anyway."),
        QT_TR_NOOP("Keep the reason under {limit} characters."),
        QT_TR_NOOP("Only an office lead can move a placement past open checks."),
        QT_TR_NOOP("There is no checklist item '{key}'."),
        QT_TR_NOOP(
            "“{item}” follows from vipdesk's records; to tick it by hand, say why (e.g. “done "
            "outside vipdesk: paper questionnaire”)."
        ),
        # the office leads
        QT_TR_NOOP("A login name cannot contain a comma."),
        QT_TR_NOOP("The list of office leads is longer than {limit} characters."),
        QT_TR_NOOP("Only an office lead can change who the office leads are."),
    ),
)
