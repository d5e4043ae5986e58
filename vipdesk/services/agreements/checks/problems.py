"""What an agreement check reports, and the words its messages use.

The drafting wizard shows one section per page (`SECTIONS`) and refuses Next while its section
has problems. A `Problem` names its section and the field it concerns as a dotted path into
`AgreementData` ("programme.tasks.1.deadline", 0-based indexes), which lets a form put the
message beside the right input; the message itself counts from 1 ("Task 2's deadline …") as
people do. `Found` collects the problems of one section for the rules in
`agreement_validation` and `agreement_programme_rules`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from vipdesk.phrase import Phrase
from vipdesk.services.people.rules import Checker


@dataclass(frozen=True)
class Section:
    key: str
    title: str


SECTIONS: tuple[Section, ...] = (
    Section("parties", "Parties"),
    Section("programme", "Programme"),
    Section("tasks", "Tasks and deliverables"),
    Section("learning", "Learning outcomes, monitoring and evaluation"),
    Section("protocol", "Communication protocol"),
    Section("roles", "Roles and responsibilities"),
    Section("technology", "Technology"),
    Section("recognition", "Recognition"),
    Section("host", "Host commitments"),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


@dataclass(frozen=True)
class Problem:
    section: str  # a key of SECTIONS
    field: str  # dotted path into AgreementData, e.g. "programme.tasks.1.deadline"
    message: str
    phrase: Phrase | None = dataclasses.field(default=None, compare=False)  # `message`, worded


def long_date(value: date) -> str:
    """3 March 2027: unambiguous in every country, unlike 03/03/27."""
    return f"{value.day} {value:%B %Y}"


def span(start: date, end: date) -> str:
    """The first and the last day joined by a dash, or one date when both are the same day."""
    return long_date(start) if start == end else f"{long_date(start)} – {long_date(end)}"


class Found:
    """Collects the problems of one section; the rules of each section add to it."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.problems: list[Problem] = []

    def add(self, field: str, template: str, **values: object) -> None:
        """A problem with `field`, said as `template` filled with `values`."""
        phrase = Phrase(template, values)
        self.problems.append(Problem(self.section, field, phrase.english(), phrase))

    def text(self, field: str, value: str, template: str, **values: object) -> None:
        if not value.strip():
            self.add(field, template, **values)

    def email(self, field: str, value: str, missing: str, *, required: bool = True) -> None:
        """`missing` is the problem of an empty address when it is `required`."""
        if not value.strip() and not required:
            return
        checker = Checker()
        checker.email(field, value, missing)
        for p in checker.problems:
            self.problems.append(Problem(self.section, p.field, p.message, p.phrase))


def is_date(value: object) -> bool:
    """Dates typed nowhere arrive as None from stored JSON, whatever the annotation says."""
    return isinstance(value, date)
