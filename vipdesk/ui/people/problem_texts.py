"""What the services find wrong with a student's input, in the interface's language.

The services say each problem as a phrase (`FieldProblem.said`), the shared checks of
`services.people.rules` included; their English templates are written again here for the
catalogue, and a test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("'{value}' does not look like a web address, e.g. https://acme.eu."),
        QT_TR_NOOP("'{value}' is not a country code; choose a country from the list."),
        QT_TR_NOOP("'{value}' is not a time zone; choose one from the list."),
        QT_TR_NOOP("'{value}' is not an e-mail address; it should look like name@uni.eu."),
        QT_TR_NOOP("A student must be at least {age}; check the year ({year})."),
        QT_TR_NOOP("Another contact already uses this e-mail."),
        QT_TR_NOOP("Another institution already has this name ({name})."),
        QT_TR_NOOP("Another institution already has this name."),
        QT_TR_NOOP("Another organisation already has this name ({name})."),
        QT_TR_NOOP("Another organisation in this country already has this name."),
        QT_TR_NOOP("Another organisation in {country} already has this name ({name})."),
        QT_TR_NOOP("Another student already has this student number ({name})."),
        QT_TR_NOOP("Another student already has this student number."),
        QT_TR_NOOP("Another student already uses this e-mail ({name})."),
        QT_TR_NOOP("Another student already uses this e-mail."),
        QT_TR_NOOP("Born in {year}? Check the year."),
        QT_TR_NOOP("Choose the country."),
        QT_TR_NOOP("Choose the time zone, e.g. Europe/Warsaw."),
        QT_TR_NOOP("Choose where this person works: either a host organisation or an institution."),
        QT_TR_NOOP("Enter the contact's e-mail address."),
        QT_TR_NOOP("Enter the contact's name."),
        QT_TR_NOOP("Enter the family name."),
        QT_TR_NOOP("Enter the given name."),
        QT_TR_NOOP("Enter the institution's name."),
        QT_TR_NOOP("Enter the organisation's name."),
        QT_TR_NOOP("Enter the student's e-mail address."),
        QT_TR_NOOP("Language {n}: the name is longer than {limit} characters."),
        QT_TR_NOOP("Language {n}: type the language, e.g. English."),
        QT_TR_NOOP("The Erasmus code is longer than {limit} characters."),
        QT_TR_NOOP("The address is longer than {limit} characters."),
        QT_TR_NOOP("The chosen institution was deleted."),
        QT_TR_NOOP("The city is longer than {limit} characters."),
        QT_TR_NOOP("The date of birth is in the future."),
        QT_TR_NOOP("The equity note is longer than {limit} characters."),
        QT_TR_NOOP("The faculty is longer than {limit} characters."),
        QT_TR_NOOP("The family name is longer than {limit} characters."),
        QT_TR_NOOP("The field of education is longer than {limit} characters."),
        QT_TR_NOOP("The given name is longer than {limit} characters."),
        QT_TR_NOOP("The name is longer than {limit} characters."),
        QT_TR_NOOP("The phone number is longer than {limit} characters."),
        QT_TR_NOOP("The position is longer than {limit} characters."),
        QT_TR_NOOP("The postcode is longer than {limit} characters."),
        QT_TR_NOOP("The programme is longer than {limit} characters."),
        QT_TR_NOOP("The sector is longer than {limit} characters."),
        QT_TR_NOOP("The street is longer than {limit} characters."),
        QT_TR_NOOP("The student number is longer than {limit} characters."),
        QT_TR_NOOP("The study cycle is an EQF level from 5 to 8."),
        QT_TR_NOOP("The website address is longer than 300 characters."),
        QT_TR_NOOP("This student no longer exists: someone may have deleted it."),
        QT_TR_NOOP("This student was deleted; the equity flags were not saved."),
        QT_TR_NOOP("This {what} no longer exists: someone may have deleted it."),
        QT_TR_NOOP("This {what} was deleted by someone else; your edits were not saved."),
        QT_TR_NOOP("This {what} was linked to another record just now, so it was not deleted."),
        QT_TR_NOOP("vipdesk cannot write in '{code}'; choose one of {codes}."),
        QT_TR_NOOP("{count} contact"),
        QT_TR_NOOP("{count} contacts"),
        QT_TR_NOOP("{count} placement"),
        QT_TR_NOOP("{count} placements"),
        QT_TR_NOOP("{count} student"),
        QT_TR_NOOP("{count} students"),
        QT_TR_NOOP("{first} and {second}"),
        QT_TR_NOOP("{first}, {second} and {third}"),
        QT_TR_NOOP("{name} has {records}; delete or reassign them first."),
        QT_TR_NOOP("{name} is listed twice."),
        QT_TR_NOOP("{name} is mentor or tutor of {placements}; choose someone else there first."),
        QT_TR_NOOP("{name}: choose a level ({levels})."),
    ),
)
