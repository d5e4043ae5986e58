"""What the services find wrong with a monitoring entry, its file or a recognition, in the
interface's language.

The services say each problem as a phrase (`FieldProblem.said`); their English templates are
written again here for the catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        # the monitoring entry
        QT_TR_NOOP("Give the date it took place."),
        QT_TR_NOOP("The date is outside the placement's period ({start} – {end})."),
        QT_TR_NOOP("The date is in the future: log it once it has taken place."),
        QT_TR_NOOP("Say who took part."),
        QT_TR_NOOP("Keep the participants under {limit} characters."),
        QT_TR_NOOP("Choose one of the tools chosen for this placement."),
        QT_TR_NOOP("The duration is from {low} to {high} minutes."),
        QT_TR_NOOP("Keep it under {limit} characters."),
        QT_TR_NOOP("Say what follows up on the concern."),
        QT_TR_NOOP("Only a concern is resolved."),
        QT_TR_NOOP("The concern is resolved before it was raised."),
        QT_TR_NOOP("The resolution date is in the future."),
        QT_TR_NOOP("Say how the concern was resolved."),
        # its file
        QT_TR_NOOP("The file {name} is empty."),
        QT_TR_NOOP("The file is empty."),
        QT_TR_NOOP("The file {name} is over 20 MB."),
        QT_TR_NOOP("The file is over 20 MB."),
        QT_TR_NOOP("Keep the file name under {limit} characters."),
        QT_TR_NOOP("The file {name} is not a PDF, a Word document (.docx), a PNG or a JPEG."),
        QT_TR_NOOP("The file is not a PDF, a Word document (.docx), a PNG or a JPEG."),
        QT_TR_NOOP("The file {name} is named as a {claimed} but is something else inside."),
        QT_TR_NOOP("The file {name} is named as a {claimed} but is a {found} inside."),
        QT_TR_NOOP("The file {name} is damaged: it cannot be read."),
        # the recognition
        QT_TR_NOOP("Credits are from 0 to 60, with at most one decimal."),
        QT_TR_NOOP("More credits than the {planned} planned: say why in the reason."),
        QT_TR_NOOP("Keep the reason under {limit} characters."),
        QT_TR_NOOP("Choose one of the grading scales."),
        QT_TR_NOOP("Choose the grading scale the grade is on."),
        QT_TR_NOOP("“{grade}” is not on the {scale} scale ({grades})."),
        QT_TR_NOOP("“{grade}” is not on the {scale} scale (a number from {low} to {high})."),
        QT_TR_NOOP("The date is in the future."),
        QT_TR_NOOP("The date is before the placement started."),
        QT_TR_NOOP("Keep the outcomes under {limit} characters."),
        # an entry or placement gone
        QT_TR_NOOP("This placement no longer exists."),
        QT_TR_NOOP("This monitoring entry no longer exists."),
        QT_TR_NOOP("This entry has no file attached."),
    ),
)
