"""What the agreement's checks find, in the interface's language.

The wizard's rules (`services.agreements.checks.validation`, `programme_rules`) say each
problem as a phrase; their English templates are written again here for the catalogue, and a
test keeps both sides the same.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TR_NOOP

TEMPLATES: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TR_NOOP("'{currency}' is not a currency; choose a code such as EUR from the list."),
        QT_TR_NOOP("'{level}' is not a language level; choose A1 to C2 or native."),
        QT_TR_NOOP(
            "A blended traineeship needs at least one physical and one virtual period; add a "
            "physical one."
        ),
        QT_TR_NOOP(
            "A blended traineeship needs at least one physical and one virtual period; add a "
            "virtual one."
        ),
        QT_TR_NOOP("A blended traineeship needs its physical and virtual periods: add them."),
        QT_TR_NOOP(
            "Add at least one learning outcome: what the trainee will know or be able to do."
        ),
        QT_TR_NOOP(
            "Add at least one line to the communication protocol: when the actors are "
            "available, how they report and how fast they reply."
        ),
        QT_TR_NOOP("Add at least one task, with its deliverable and deadline."),
        QT_TR_NOOP("Credits cannot be negative ({credits})."),
        QT_TR_NOOP(
            "Describe the evaluation procedure: who evaluates the trainee, when and on what basis."
        ),
        QT_TR_NOOP(
            "Describe the monitoring plan: who follows the trainee's progress, and how often."
        ),
        QT_TR_NOOP(
            "Enter the ECTS credits: a traineeship embedded in the curriculum counts towards "
            "the degree."
        ),
        QT_TR_NOOP("Enter the country of the receiving organisation."),
        QT_TR_NOOP("Enter the first day of the traineeship."),
        QT_TR_NOOP("Enter the last day of the traineeship."),
        QT_TR_NOOP("Enter the mentor's name."),
        QT_TR_NOOP("Enter the monthly amount of the financial support, or say that there is none."),
        QT_TR_NOOP("Enter the name of the receiving organisation."),
        QT_TR_NOOP("Enter the name of the sending institution's responsible person."),
        QT_TR_NOOP("Enter the name of the sending institution."),
        QT_TR_NOOP("Enter the title of the traineeship."),
        QT_TR_NOOP("Enter the trainee's name."),
        QT_TR_NOOP("Hours per week must be between {low} and {high}; it is {hours}."),
        QT_TR_NOOP(
            "No period covers {dates}: every day of a blended traineeship is either physical "
            "or virtual."
        ),
        QT_TR_NOOP("Period {n} (physical, {dates})"),
        QT_TR_NOOP("Period {n} (virtual, {dates})"),
        QT_TR_NOOP("Period {n} needs a first and a last day."),
        QT_TR_NOOP("Task {n} has no description."),
        QT_TR_NOOP("Task {n}'s deadline {deadline} is after the end of the period ({end})."),
        QT_TR_NOOP("Task {n}'s deadline {deadline} is before the start of the period ({start})."),
        QT_TR_NOOP(
            "The certificate must be issued within {low} to {high} weeks after the end (it "
            "says {weeks})."
        ),
        QT_TR_NOOP(
            "The duties of the {who} are empty: write at least one, or restore the default text."
        ),
        QT_TR_NOOP("The end ({end}) is before the start ({start})."),
        QT_TR_NOOP("The monthly amount must be more than 0 (it is {amount})."),
        QT_TR_NOOP(
            "The traineeship ends on {end}, after the placement's planned end ({planned}). "
            "Change the date here, or the placement's planned period first."
        ),
        QT_TR_NOOP(
            "The traineeship starts on {start}, before the placement's planned start "
            "({planned}). Change the date here, or the placement's planned period first."
        ),
        QT_TR_NOOP("Tool {n} has no name."),
        QT_TR_NOOP("{period} ends before it starts."),
        QT_TR_NOOP("{period} is not inside the traineeship ({dates})."),
        QT_TR_NOOP("{period} overlaps {other}."),
    ),
)
