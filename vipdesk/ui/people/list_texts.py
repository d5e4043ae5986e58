"""What the lists of students, host organisations, contacts and institutions say, in the
interface's language: whole sentences per kind of record ("No students yet"), never a noun
("students") put into a translated sentence, which reads wrongly in languages that decline
their nouns (Polish "Szukaj studentów…", Finnish "Hae opiskelijoita…")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vipdesk.ui.i18n import tr


@dataclass(frozen=True)
class ListTexts:
    search: str  # the search box's accessible name: "Search students"
    search_hint: str  # its placeholder: "Search students…"
    table: str  # the table's accessible name: "Students"
    table_hint: str  # its description: "The students, one per row; Enter opens one"
    not_loaded: str  # a message's title: "Students not loaded"
    cannot_open: str  # "Cannot open the student"
    delete: str  # "Delete student"
    not_deleted: str  # "Student not deleted"
    empty: str  # "No students yet — press New… to add one"
    no_match: str  # "No students match “{text}”."
    counted: Callable[[int], str]  # "1,500 students"
    shown_of: Callable[[int], str]  # "{shown} of 1,500 students"


def list_texts(kind: str) -> ListTexts:
    """The texts of the list of `kind`: "students", "organisations", "contacts" or
    "institutions", in the language installed now."""
    return _all()[kind]


def _all() -> dict[str, ListTexts]:
    return {
        "students": ListTexts(
            tr("Search students"),
            tr("Search students…"),
            tr("Students"),
            tr("The students, one per row; Enter opens one"),
            tr("Students not loaded"),
            tr("Cannot open the student"),
            tr("Delete student"),
            tr("Student not deleted"),
            tr("No students yet — press New… to add one"),
            tr("No students match “{text}”."),
            lambda n: tr("%Ln student(s)", "", n),
            lambda n: tr("{shown} of %Ln student(s)", "", n),
        ),
        "organisations": ListTexts(
            tr("Search host organisations"),
            tr("Search host organisations…"),
            tr("Host organisations"),
            tr("The host organisations, one per row; Enter opens one"),
            tr("Host organisations not loaded"),
            tr("Cannot open the organisation"),
            tr("Delete organisation"),
            tr("Organisation not deleted"),
            tr("No host organisations yet — press New… to add one"),
            tr("No host organisations match “{text}”."),
            lambda n: tr("%Ln host organisation(s)", "", n),
            lambda n: tr("{shown} of %Ln host organisation(s)", "", n),
        ),
        "contacts": ListTexts(
            tr("Search contacts"),
            tr("Search contacts…"),
            tr("Contacts"),
            tr("The contacts, one per row; Enter opens one"),
            tr("Contacts not loaded"),
            tr("Cannot open the contact"),
            tr("Delete contact"),
            tr("Contact not deleted"),
            tr("No contacts yet — press New… to add one"),
            tr("No contacts match “{text}”."),
            lambda n: tr("%Ln contact(s)", "", n),
            lambda n: tr("{shown} of %Ln contact(s)", "", n),
        ),
        "institutions": ListTexts(
            tr("Search institutions"),
            tr("Search institutions…"),
            tr("Institutions"),
            tr("The institutions, one per row; Enter opens one"),
            tr("Institutions not loaded"),
            tr("Cannot open the institution"),
            tr("Delete institution"),
            tr("Institution not deleted"),
            tr("No institutions yet — press New… to add one"),
            tr("No institutions match “{text}”."),
            lambda n: tr("%Ln institution(s)", "", n),
            lambda n: tr("{shown} of %Ln institution(s)", "", n),
        ),
    }
