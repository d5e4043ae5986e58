"""Errors a user can act on.

Each carries a message written for the coordinator, shown as it is by the UI and the command
line. Anything that is not a `VipdeskError` is a bug: logged with its traceback.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Self

from vipdesk.phrase import Label, Phrase


class VipdeskError(Exception):
    """An error the user can understand and fix; its text is the message to show.

    `phrase`, when set, is the same message kept as what it says, for the interface to word
    in its language (`said`).
    """

    phrase: Phrase | None = None

    @classmethod
    def said(cls, template: str, **values: Any) -> Self:
        """The error saying `template` filled with `values` (English as its text)."""
        return cls.saying(Phrase(template, values))

    @classmethod
    def saying(cls, phrase: Phrase) -> Self:
        """The error saying `phrase` (English as its text)."""
        error = cls(phrase.english())
        error.phrase = phrase
        return error


class NewerSchemaError(VipdeskError):
    """The database was written by a newer vipdesk; it is left untouched."""


class DatabaseUnavailableError(VipdeskError):
    """The database cannot be reached (server down, network lost, file locked)."""


class DatabaseRefusedError(VipdeskError):
    """The database cannot be used as given, until the user fixes something: a URL vipdesk does
    not understand, a password the server refused, a database that does not exist, a folder or
    a read-only file given as the database, a file that is not a vipdesk database. Left as it
    was."""


class GrantInputError(VipdeskError):
    """A grant cannot be worked out from what was given: a country outside the rate table's
    groups, dates or days no rule funds, a call year or start date no table covers."""


class NotFoundError(VipdeskError):
    """A record asked for does not exist (any more)."""


@dataclass
class FieldProblem:
    field: str
    message: str
    phrase: Phrase | None = dataclasses.field(default=None, compare=False)  # `message`, worded

    @classmethod
    def said(cls, field_name: str, template: str, **values: Any) -> FieldProblem:
        """The problem saying `template` filled with `values` (English as its message)."""
        phrase = Phrase(template, values)
        return cls(field_name, phrase.english(), phrase)


class ValidationError(VipdeskError):
    """Input that breaks a rule; `problems` says which field and why."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.message}" for p in problems))

    @classmethod
    def single(cls, field_name: str, message: str) -> ValidationError:
        return cls([FieldProblem(field_name, message)])

    @classmethod
    def on(cls, field_name: str, template: str, **values: Any) -> Self:
        """One problem with `field_name`, said as a phrase (`FieldProblem.said`)."""
        return cls([FieldProblem.said(field_name, template, **values)])


@dataclass
class ConflictError(VipdeskError):
    """Somebody else saved the record after it was opened here.

    `theirs` holds the record as it is now in the database, so the user can compare it with
    their own edits before choosing.
    """

    what: str
    theirs: object = None
    changed_by: str | None = None
    changed_fields: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # `what` names the record ("placement"): the interface looks it up as a label.
        what = Label(self.what)
        if self.changed_by:
            self.phrase = Phrase(
                "This {what} was changed by {who} after you opened it.",
                {"what": what, "who": self.changed_by},
            )
        else:
            self.phrase = Phrase("This {what} was changed after you opened it.", {"what": what})
        super().__init__(self.phrase.english())


class TransitionError(VipdeskError):
    """A status change that the lifecycle or the open checklist items do not allow."""


class UnconfirmedSignerError(VipdeskError):
    """An intact digital signature whose signer is not confirmed as the person on record
    (untrusted certificate, another name, a different certificate than before); recording it
    needs the coordinator's explicit confirmation."""


class RefusedFileError(VipdeskError):
    """A returned file that is not taken: another placement's, not vipdesk's, made from other
    questions than the ones on record, or damaged. Nothing was stored."""
