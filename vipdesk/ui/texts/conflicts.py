"""Somebody else saved a record first: what the conflict says, in the interface's language.

`ConflictError` names the record it is about in English ("placement"); the sentence and each
record's name are listed here for the catalogue, and a test finds every name the services use.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("This {what} was changed after you opened it."),
        QT_TR_NOOP("This {what} was changed by {who} after you opened it."),
    ),
)

# The records a conflict can be about (`ConflictError.what`), shown as labels.
RECORDS: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("agreement"),
        QT_TR_NOOP("base currency"),
        QT_TR_NOOP("checklist"),
        QT_TR_NOOP("choice of tools"),
        QT_TR_NOOP("communication protocol"),
        QT_TR_NOOP("contact"),
        QT_TR_NOOP("cost item"),
        QT_TR_NOOP("e-mail setup"),
        QT_TR_NOOP("funding source"),
        QT_TR_NOOP("institution"),
        QT_TR_NOOP("list of office leads"),
        QT_TR_NOOP("monitoring entry"),
        QT_TR_NOOP("organisation"),
        QT_TR_NOOP("placement"),
        QT_TR_NOOP("questionnaire"),
        QT_TR_NOOP("recognition"),
        QT_TR_NOOP("student"),
        QT_TR_NOOP("student's equity flags"),
        QT_TR_NOOP("tool test"),
        QT_TR_NOOP("work-list day count"),
    ),
)
