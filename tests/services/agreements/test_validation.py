"""The agreement's checks, rule by rule: each one fires on its problem and stays quiet without."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers.factories import make_placement, make_world
from tests.helpers.samples import sample_agreement
from vipdesk.db import Database
from vipdesk.documents.agreement.content import (
    AgreementData,
    HostCommitments,
    Person,
    Recognition,
    RecognitionKind,
    Role,
    Tool,
)
from vipdesk.enums import Mode
from vipdesk.models import Contact, ContactRole
from vipdesk.services.agreements.checks.problems import SECTIONS, Problem
from vipdesk.services.agreements.checks.validation import (
    problems_by_section,
    validate_agreement,
    validate_section,
)
from vipdesk.services.agreements.prefill import agreement_from_placement

PLACEMENT = {"placement_start": date(2027, 2, 1), "placement_end": date(2027, 5, 31)}


def problems(data: AgreementData, **placement: Any) -> list[Problem]:
    return validate_agreement(data, **(placement or PLACEMENT))


def messages(data: AgreementData, field: str, **placement: Any) -> list[str]:
    return [p.message for p in problems(data, **placement) if p.field == field]


def programme(**changes: Any) -> AgreementData:
    data = sample_agreement()
    return dataclasses.replace(data, programme=dataclasses.replace(data.programme, **changes))


def virtual(**changes: Any) -> AgreementData:
    return programme(mode=Mode.VIRTUAL, periods=(), **changes)


def test_the_sample_agreement_has_no_problem() -> None:
    assert problems(sample_agreement()) == []


def test_the_draft_filled_from_a_placement_lacks_only_the_coordinator(db: Database) -> None:
    world = make_world(db)
    form = make_placement(db, world)
    assert form.id is not None
    period = {"placement_start": form.planned_start, "placement_end": form.planned_end}
    before = agreement_from_placement(db, form.id)
    assert [p.field for p in problems(before, **period)] == [
        "sending.contact.name",
        "sending.contact.email",
    ]
    with db.session("tester") as s:
        s.add(
            Contact(
                name="Ana Lopes",
                email="ana.lopes@kuleuven.example",
                role=ContactRole.COORDINATOR,
                timezone="Europe/Brussels",
                institution_id=world.institution_id,
            )
        )
    assert problems(agreement_from_placement(db, form.id), **period) == []


# --- parties ---------------------------------------------------------------------------------


def test_parties_require_names_and_e_mails() -> None:
    data = sample_agreement()
    empty = dataclasses.replace(
        data,
        trainee=dataclasses.replace(data.trainee, name=" ", email=""),
        sending=dataclasses.replace(data.sending, name="", contact=Person()),
        receiving=dataclasses.replace(data.receiving, name="", country="", mentor=Person()),
    )
    found = {p.field: p.message for p in validate_section(empty, "parties")}
    assert found == {
        "trainee.name": "Enter the trainee's name.",
        "trainee.email": "Enter the trainee's e-mail address.",
        "sending.name": "Enter the name of the sending institution.",
        "sending.contact.name": "Enter the name of the sending institution's responsible person.",
        "sending.contact.email": "Enter the responsible person's e-mail address.",
        "receiving.name": "Enter the name of the receiving organisation.",
        "receiving.country": "Enter the country of the receiving organisation.",
        "receiving.mentor.name": "Enter the mentor's name.",
        "receiving.mentor.email": "Enter the mentor's e-mail address.",
    }
    assert all(p.section == "parties" for p in problems(empty))


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("trainee", "trainee.email"),
        ("contact", "sending.contact.email"),
        ("tutor", "sending.tutor.email"),
        ("mentor", "receiving.mentor.email"),
        ("hr", "receiving.contact.email"),
    ],
)
def test_e_mail_addresses_must_look_like_one(where: str, field: str) -> None:
    data = sample_agreement()
    bad = "olena at nordlicht"
    person = Person("Someone", email=bad)
    changed = {
        "trainee": lambda: dataclasses.replace(
            data, trainee=dataclasses.replace(data.trainee, email=bad)
        ),
        "contact": lambda: dataclasses.replace(
            data, sending=dataclasses.replace(data.sending, contact=person)
        ),
        "tutor": lambda: dataclasses.replace(
            data, sending=dataclasses.replace(data.sending, tutor=person)
        ),
        "mentor": lambda: dataclasses.replace(
            data, receiving=dataclasses.replace(data.receiving, mentor=person)
        ),
        "hr": lambda: dataclasses.replace(
            data, receiving=dataclasses.replace(data.receiving, contact=person)
        ),
    }[where]()
    assert messages(changed, field) == [
        "'olena at nordlicht' is not an e-mail address; it should look like name@uni.eu."
    ]


def test_the_tutor_and_the_hr_contact_may_be_left_out() -> None:
    data = sample_agreement()
    data = dataclasses.replace(
        data,
        sending=dataclasses.replace(data.sending, tutor=Person()),
        receiving=dataclasses.replace(data.receiving, contact=Person()),
    )
    assert validate_section(data, "parties") == []


# --- learning, protocol, roles, technology ---------------------------------------------------


def test_learning_needs_outcomes_monitoring_and_evaluation() -> None:
    data = programme(
        learning_outcomes=("  ",), monitoring_plan="", evaluation_plan=" ", language_level="C3"
    )
    assert [p.field for p in validate_section(data, "learning")] == [
        "programme.learning_outcomes",
        "programme.monitoring_plan",
        "programme.evaluation_plan",
        "programme.language_level",
    ]
    assert validate_section(sample_agreement(), "learning") == []
    assert validate_section(programme(language_level=""), "learning") == []


def test_the_protocol_needs_a_line() -> None:
    assert [p.field for p in validate_section(sample_agreement(protocol=("",)), "protocol")] == [
        "protocol"
    ]
    assert validate_section(sample_agreement(protocol=("Weekly call",)), "protocol") == []


def test_each_role_needs_duties() -> None:
    roles = sample_agreement().roles
    data = sample_agreement(roles=(roles[0], Role("mentor", "Company mentor", "Olena", ("",))))
    assert [(p.field, p.message) for p in validate_section(data, "roles")] == [
        (
            "roles.1.duties",
            "The duties of the company mentor are empty: write at least one, or restore the "
            "default text.",
        )
    ]


def test_tools_need_a_name() -> None:
    data = sample_agreement(tools=(Tool("Teams"), Tool("", "Chat")))
    assert [(p.field, p.message) for p in validate_section(data, "technology")] == [
        ("tools.1.name", "Tool 2 has no name.")
    ]
    assert validate_section(sample_agreement(tools=()), "technology") == []


# --- recognition and host --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "credits", "expected"),
    [
        (RecognitionKind.CURRICULUM, None, "Enter the ECTS credits"),
        (RecognitionKind.CURRICULUM, Decimal("-1"), "Credits cannot be negative (-1)."),
        (RecognitionKind.CURRICULUM, Decimal("0"), None),
        (RecognitionKind.CURRICULUM, Decimal("15"), None),
        (RecognitionKind.VOLUNTARY, None, None),
        (RecognitionKind.GRADUATE, Decimal("-2"), "Credits cannot be negative (-2)."),
    ],
)
def test_recognition_credits(kind: RecognitionKind, credits: Decimal | None, expected: str) -> None:
    data = sample_agreement(recognition=Recognition(kind, credits))
    found = messages(data, "recognition.credits")
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(expected)


@pytest.mark.parametrize(
    ("support", "amount", "expected"),
    [
        (
            True,
            None,
            "Enter the monthly amount of the financial support, or say that there is none.",
        ),
        (True, Decimal("0"), "The monthly amount must be more than 0 (it is 0)."),
        (True, Decimal("450"), None),
        (False, None, None),
    ],
)
def test_host_amount_when_paying(support: bool, amount: Decimal | None, expected: str) -> None:
    data = sample_agreement(host=HostCommitments(financial_support=support, amount=amount))
    assert messages(data, "host.amount") == ([] if expected is None else [expected])


def test_host_currency_must_be_a_code_when_paying() -> None:
    paying = HostCommitments(financial_support=True, amount=Decimal(300), currency="EURO")
    assert messages(sample_agreement(host=paying), "host.currency") == [
        "'EURO' is not a currency; choose a code such as EUR from the list."
    ]
    not_paying = dataclasses.replace(paying, financial_support=False)
    assert messages(sample_agreement(host=not_paying), "host.currency") == []


@pytest.mark.parametrize(("weeks", "ok"), [(0, False), (1, True), (5, True), (6, False)])
def test_certificate_within_one_to_five_weeks(weeks: int, ok: bool) -> None:
    data = sample_agreement(host=HostCommitments(certificate_weeks=weeks))
    found = messages(data, "host.certificate_weeks")
    assert found == (
        []
        if ok
        else [
            f"The certificate must be issued within 1 to 5 weeks after the end (it says {weeks})."
        ]
    )


# --- entry points ----------------------------------------------------------------------------


def test_validate_section_gives_only_its_own_problems() -> None:
    data = programme(title="", tasks=())
    assert {p.section for p in problems(data)} == {"programme", "tasks"}
    assert [p.field for p in validate_section(data, "programme", **PLACEMENT)] == [
        "programme.title"
    ]
    assert validate_section(data, "parties") == []


def test_an_unknown_section_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown agreement section 'tables'"):
        validate_section(sample_agreement(), "tables")


def test_problems_by_section_lists_every_section() -> None:
    grouped = problems_by_section(problems(programme(title="")))
    assert list(grouped) == [s.key for s in SECTIONS]
    assert [p.field for p in grouped["programme"]] == ["programme.title"]
    assert grouped["host"] == []
