"""A complete agreement with the names and texts that break careless PDF code."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from vipdesk.documents.agreement.content import (
    AgreementData,
    HostCommitments,
    Period,
    Person,
    Programme,
    ReceivingOrganisation,
    Recognition,
    RecognitionKind,
    Role,
    SendingInstitution,
    Task,
    Tool,
    Trainee,
)
from vipdesk.enums import Mode, PeriodKind

TRAINEE = "Łukasz Żółć"
COORDINATOR = "Ελένη Παπαδοπούλου"
MENTOR = "Олена Коваленко"
MARKUP_TASK = "Compare <b>A</b> & B"


def sample_agreement(**changes: Any) -> AgreementData:
    data = AgreementData(
        reference="VIP-2026-00042",
        version=2,
        generated_at=date(2026, 11, 20),
        placement_id=42,
        trainee=Trainee(
            name=TRAINEE,
            email="lukasz.zolc@student.example",
            date_of_birth=date(2001, 3, 14),
            nationality="Poland",
            study_cycle=7,
            field_of_education="0311 Economics",
        ),
        sending=SendingInstitution(
            name="KU Leuven",
            faculty="Faculty of Economics and Business",
            erasmus_code="B LEUVEN01",
            address="Naamsestraat 22, 3000 Leuven",
            country="Belgium",
            contact=Person(
                COORDINATOR, "International placement coordinator", "eleni@kuleuven.example"
            ),
            tutor=Person("Jürgen Weiß", "Academic tutor", "juergen@kuleuven.example"),
        ),
        receiving=ReceivingOrganisation(
            name="Nordlicht Analytics GmbH",
            department="Data Science",
            address="Torstraße 1, 10119 Berlin",
            website="https://nordlicht.example",
            country="Germany",
            size="< 250 employees",
            sector="Information and communication",
            contact=Person("Søren Ødegård", "HR partner", "hr@nordlicht.example"),
            mentor=Person(MENTOR, "Lead data scientist", "olena@nordlicht.example"),
        ),
        programme=Programme(
            title="Data analyst intern — customer churn",
            start=date(2027, 2, 1),
            end=date(2027, 5, 31),
            hours_per_week=20,
            mode=Mode.BLENDED,
            periods=(
                Period(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 4, 30)),
                Period(PeriodKind.PHYSICAL, date(2027, 5, 1), date(2027, 5, 31)),
            ),
            description="Analyse churn of subscription customers and present the findings.",
            tasks=(
                Task("Induction and work plan", "Work plan", date(2027, 2, 12)),
                Task(MARKUP_TASK, "Comparison report", date(2027, 3, 31)),
                Task("Final presentation", "Slides and report", date(2027, 5, 31)),
            ),
            learning_outcomes=("Builds churn models in Python.", "Presents results to managers."),
            monitoring_plan="Weekly video call with the mentor.",
            evaluation_plan="The mentor evaluates; the tutor grades.",
            evaluation_criteria=("Quality of the deliverables", "Independence"),
            language="English",
            language_level="C1",
        ),
        recognition=Recognition(
            kind=RecognitionKind.CURRICULUM,
            credits=Decimal("15.0"),
            grade="Graded by the tutor.",
            transcript="Transcript of Records.",
            insurance="Accident and liability insurance by KU Leuven.",
        ),
        host=HostCommitments(
            financial_support=True,
            amount=Decimal("450.00"),
            currency="EUR",
            in_kind="Laptop and software licences.",
            insurance="Liability insurance of the company.",
        ),
        protocol=("Weekly video call, Monday 10:00 CET.", "Replies within one working day."),
        roles=(
            Role("student", "Trainee", TRAINEE, ("Carries out the tasks.",)),
            Role("mentor", "Company mentor", MENTOR, ("Gives feedback every week.",)),
            Role("tutor", "Academic tutor", "Jürgen Weiß", ("Follows the learning.",)),
            Role("coordinator", "Placement coordinator", COORDINATOR, ("Collects signatures.",)),
        ),
        tools=(
            Tool("Microsoft Teams", "Meetings and chat", "Tested with all actors on 20 Jan 2027"),
            Tool("GitLab", "Code and reviews", ""),
        ),
    )
    return dataclasses.replace(data, **changes)
