"""What the work list and the recently deleted records refuse, in the interface's language.

The work-list settings, snoozes and the bin of deleted records say their refusals as phrases;
their English templates are written again here for the catalogue, and a test keeps both sides
the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("The note is longer than {limit} characters."),
        QT_TR_NOOP("There is no work-list rule '{key}'."),
        QT_TR_NOOP(
            "This deleted record can no longer be restored: someone restored it, or it was deleted "
            "more than 30 days ago."
        ),
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP(
            "{what} {name} cannot be restored: what it belongs to (a student, host, funding source "
            "or shared cost) was deleted since, or its reference was taken again. Nothing was "
            "changed."
        ),
        QT_TR_NOOP("“{setting}”: choose from {least} to {most} days."),
    ),
)
