"""Checks on a drafted agreement, section by section, with messages a coordinator understands.

The entry points (`validate_agreement`, `validate_section`, `problems_by_section`) and the rules
on the parties and people, the learning plan, protocol, roles, tools, recognition and host
commitments. The programme's dates, hours, blended periods and task deadlines are checked in
`agreement_programme_rules`; the sections, `Problem` and the date wording of messages are in
`agreement_problems`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from vipdesk.documents.agreement.certificate_content import CertificateData
from vipdesk.documents.agreement.content import AgreementData, Person, RecognitionKind
from vipdesk.enums import CEFR_LEVELS
from vipdesk.errors import FieldProblem
from vipdesk.services.agreements.checks.lengths import length_problems
from vipdesk.services.agreements.checks.problems import SECTION_KEYS, Found, Problem
from vipdesk.services.agreements.checks.programme_rules import check_programme, check_tasks
from vipdesk.services.funding.currency import is_currency

CERTIFICATE_WEEKS = (1, 5)  # Table C: the certificate is issued within 5 weeks after the end


# --- the sections ----------------------------------------------------------------------------


def _parties(data: AgreementData, found: Found) -> None:
    trainee, sending, receiving = data.trainee, data.sending, data.receiving
    found.text("trainee.name", trainee.name, "Enter the trainee's name.")
    found.email("trainee.email", trainee.email, "Enter the trainee's e-mail address.")
    found.text("sending.name", sending.name, "Enter the name of the sending institution.")
    _person(
        found,
        "sending.contact",
        sending.contact,
        "Enter the name of the sending institution's responsible person.",
        "Enter the responsible person's e-mail address.",
    )
    found.email(
        "sending.tutor.email",
        sending.tutor.email,
        "Enter the tutor's e-mail address.",
        required=False,
    )
    found.text("receiving.name", receiving.name, "Enter the name of the receiving organisation.")
    found.text(
        "receiving.country", receiving.country, "Enter the country of the receiving organisation."
    )
    found.email(
        "receiving.contact.email",
        receiving.contact.email,
        "Enter the contact's e-mail address.",
        required=False,
    )
    _person(
        found,
        "receiving.mentor",
        receiving.mentor,
        "Enter the mentor's name.",
        "Enter the mentor's e-mail address.",
    )


def _person(
    found: Found, field: str, person: Person, name_message: str, email_message: str
) -> None:
    """A signatory: the name and a working e-mail address are required."""
    found.text(f"{field}.name", person.name, name_message)
    found.email(f"{field}.email", person.email, email_message)


def _learning(data: AgreementData, found: Found) -> None:
    p = data.programme
    if not any(outcome.strip() for outcome in p.learning_outcomes):
        found.add(
            "programme.learning_outcomes",
            "Add at least one learning outcome: what the trainee will know or be able to do.",
        )
    found.text(
        "programme.monitoring_plan",
        p.monitoring_plan,
        "Describe the monitoring plan: who follows the trainee's progress, and how often.",
    )
    found.text(
        "programme.evaluation_plan",
        p.evaluation_plan,
        "Describe the evaluation procedure: who evaluates the trainee, when and on what basis.",
    )
    if p.language_level and p.language_level not in CEFR_LEVELS:
        found.add(
            "programme.language_level",
            "'{level}' is not a language level; choose A1 to C2 or native.",
            level=p.language_level,
        )


def _protocol(data: AgreementData, found: Found) -> None:
    if not any(line.strip() for line in data.protocol):
        found.add(
            "protocol",
            "Add at least one line to the communication protocol: when the actors are "
            "available, how they report and how fast they reply.",
        )


def _roles(data: AgreementData, found: Found) -> None:
    for n, role in enumerate(data.roles):
        if not any(duty.strip() for duty in role.duties):
            who = role.title or role.actor
            found.add(
                f"roles.{n}.duties",
                "The duties of the {who} are empty: write at least one, or restore the default "
                "text.",
                who=who.lower(),
            )


def _technology(data: AgreementData, found: Found) -> None:
    for n, tool in enumerate(data.tools):
        found.text(f"tools.{n}.name", tool.name, "Tool {n} has no name.", n=n + 1)


def _recognition(data: AgreementData, found: Found) -> None:
    r = data.recognition
    if r.credits is None:
        if r.kind is RecognitionKind.CURRICULUM:
            found.add(
                "recognition.credits",
                "Enter the ECTS credits: a traineeship embedded in the curriculum counts "
                "towards the degree.",
            )
    elif not r.credits.is_finite() or r.credits < 0:
        found.add(
            "recognition.credits", "Credits cannot be negative ({credits}).", credits=r.credits
        )


def _host(data: AgreementData, found: Found) -> None:
    h = data.host
    if h.financial_support:
        if h.amount is None:
            found.add(
                "host.amount",
                "Enter the monthly amount of the financial support, or say that there is none.",
            )
        elif not h.amount.is_finite() or h.amount <= Decimal(0):
            found.add(
                "host.amount",
                "The monthly amount must be more than 0 (it is {amount}).",
                amount=h.amount,
            )
        if not is_currency(h.currency):
            found.add(
                "host.currency",
                "'{currency}' is not a currency; choose a code such as EUR from the list.",
                currency=h.currency,
            )
    low, high = CERTIFICATE_WEEKS
    if not low <= h.certificate_weeks <= high:
        found.add(
            "host.certificate_weeks",
            "The certificate must be issued within {low} to {high} weeks after the end (it says "
            "{weeks}).",
            low=low,
            high=high,
            weeks=h.certificate_weeks,
        )


# --- entry points ----------------------------------------------------------------------------


def validate_agreement(
    data: AgreementData, *, placement_start: date | None, placement_end: date | None
) -> list[Problem]:
    """Every problem of the draft, in the order of `SECTIONS` and of the fields on each page.

    `placement_start` / `placement_end` are the placement's planned period, which the agreement
    may not go beyond; None skips that check (no placement, or a dateless one).
    """
    problems: list[Problem] = []
    for key in SECTION_KEYS:
        problems.extend(
            validate_section(
                data, key, placement_start=placement_start, placement_end=placement_end
            )
        )
    return problems


def validate_section(
    data: AgreementData,
    section: str,
    *,
    placement_start: date | None = None,
    placement_end: date | None = None,
) -> list[Problem]:
    """The problems of one section (one wizard page).

    Raises:
        ValueError: `section` is not one of `SECTIONS` (a programming error).
    """
    found = Found(section)
    if section == "parties":
        _parties(data, found)
    elif section == "programme":
        check_programme(data, found, placement_start, placement_end)
    elif section == "tasks":
        check_tasks(data, found)
    elif section == "learning":
        _learning(data, found)
    elif section == "protocol":
        _protocol(data, found)
    elif section == "roles":
        _roles(data, found)
    elif section == "technology":
        _technology(data, found)
    elif section == "recognition":
        _recognition(data, found)
    elif section == "host":
        _host(data, found)
    else:
        raise ValueError(f"unknown agreement section {section!r}; expected one of {SECTION_KEYS}")
    return [*found.problems, *length_problems(data, section)]


def problems_by_section(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Every section key, with its problems (an empty list when it has none)."""
    grouped: dict[str, list[Problem]] = {key: [] for key in SECTION_KEYS}
    for problem in problems:
        grouped.setdefault(problem.section, []).append(problem)
    return grouped


def certificate_problems(data: CertificateData) -> list[FieldProblem]:
    """What keeps a traineeship certificate from being saved or sent, by field."""
    problems = []
    if data.actual_end < data.actual_start:
        problems.append(
            FieldProblem.said("actual_end", "The actual end is before the actual start.")
        )
    if not data.evaluation.strip():
        problems.append(
            FieldProblem.said(
                "evaluation", "Write the mentor's evaluation of the trainee: Table D certifies it."
            )
        )
    return problems
