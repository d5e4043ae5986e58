"""What keeps a returned questionnaire or an evaluation from being stored, in the interface's
language.

The evaluation services (`services.evaluations`: the returned PDF's checks and the answers'
completeness) say each refusal as a phrase; their English templates are written again here for
the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("{count} question(s) still need an answer, the first: “{question}”"),
        QT_TR_NOOP("{file} asks a questionnaire vipdesk does not know."),
        QT_TR_NOOP(
            "{file} asks other questions than the {questionnaire} of {reference} as vipdesk has it "
            "(the file was altered, or the agreement's learning outcomes changed since it was "
            "sent): it is refused; send a new one."
        ),
        QT_TR_NOOP(
            "{file} carries the reference {reference} with the placement id {theirs}, but "
            "{reference} here is placement {ours}: the file comes from another database, or its "
            "properties were changed."
        ),
        QT_TR_NOOP(
            "{file} is a questionnaire of placement {reference}, which is not in this database."
        ),
        QT_TR_NOOP("{file} is a questionnaire of placement {theirs}, not of {ours}."),
        QT_TR_NOOP("{file} is in a language vipdesk does not know."),
        QT_TR_NOOP("{file} is not complete: {problems}"),
        QT_TR_NOOP("{file}: its form was altered: {problems}."),
        QT_TR_NOOP("{file}: {problem}"),
    ),
)
