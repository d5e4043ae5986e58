"""Which questionnaire a party answers, readiness or evaluation, with the agreement's outcomes.

Every questionnaire is data in `resources/questionnaires/`: readiness ones are named after the
party they are about (`student`, `company`, `institution`), evaluations after their stage and
the party that answers (`evaluation_final_host`). An evaluation asks about each learning
outcome planned in the agreement (its Table A): the file has one template item,
`planned_outcome`, which becomes one question per outcome (`outcome_1`, `outcome_2`, …) with
the outcome as its text, or no question at all when nothing was planned.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import EvaluationStage, ReadinessParty
from vipdesk.services.preparation.questionnaires import (
    Answers,
    Questionnaire,
    QuestionnaireLibrary,
    default_library,
)
from vipdesk.services.preparation.translated import translated

OUTCOME_TEMPLATE = "planned_outcome"
OUTCOME_PREFIX = "outcome_"
# An outcome answered "mostly reached" (4 of 5) or better counts as reached.
REACHED_FROM = 4


class Kind(enum.StrEnum):
    """The questionnaires a party can be sent: readiness before, evaluations during and after."""

    READINESS = "readiness"
    MIDTERM = "midterm"
    FINAL = "final"

    @property
    def label(self) -> str:
        return {"readiness": "Readiness", "midterm": "Mid-term evaluation",
                "final": "Final evaluation"}[self.value]  # fmt: skip

    @property
    def stage(self) -> EvaluationStage | None:
        return None if self is Kind.READINESS else EvaluationStage(self.value)


# The parties by the names the command line and the files use.
PARTY_NAMES: dict[str, ReadinessParty] = {
    "student": ReadinessParty.STUDENT,
    "host": ReadinessParty.COMPANY,
    "tutor": ReadinessParty.INSTITUTION,
}
NAME_OF_PARTY = {party: name for name, party in PARTY_NAMES.items()}
RESPONDENT_LABELS = {
    ReadinessParty.STUDENT: "Student",
    ReadinessParty.COMPANY: "Host mentor",
    ReadinessParty.INSTITUTION: "Academic tutor",
}


def party_named(name: str) -> ReadinessParty:
    """The party called `name` on the command line (student, host, tutor).

    Raises:
        VipdeskError: no such party.
    """
    try:
        return PARTY_NAMES[name.strip().lower()]
    except KeyError:
        raise VipdeskError(
            f"There is no party '{name}'; choose one of {', '.join(PARTY_NAMES)}."
        ) from None


def questionnaire_id(kind: Kind, party: ReadinessParty) -> str:
    if kind is Kind.READINESS:
        return party.value
    return f"evaluation_{kind.value}_{NAME_OF_PARTY[party]}"


def with_outcomes(questionnaire: Questionnaire, outcomes: Sequence[str]) -> Questionnaire:
    """`questionnaire` with its outcome template turned into one question per outcome."""
    items = []
    for item in questionnaire.items:
        if item.key != OUTCOME_TEMPLATE:
            items.append(item)
            continue
        items += [
            replace(item, key=f"{OUTCOME_PREFIX}{n}", text=text, help=item.text)
            for n, text in enumerate(outcomes, 1)
        ]
    kept = {i.theme for i in items}
    themes = tuple(t for t in questionnaire.themes if t.key in kept)
    return replace(questionnaire, items=tuple(items), themes=themes)


def questionnaire_for(
    kind: Kind,
    party: ReadinessParty,
    outcomes: Sequence[str] = (),
    *,
    version: int | None = None,
    library: QuestionnaireLibrary | None = None,
    language: str = ENGLISH,
) -> Questionnaire:
    """The questionnaire `party` answers for `kind` (the newest, or `version`), with the
    planned `outcomes` asked one by one in an evaluation; in `language` when the installed
    questionnaire has a translation (`translated`).

    Raises:
        NotFoundError: that questionnaire (or version) is not installed.
        VipdeskError: no such language, or its translation does not match the English file.
    """
    if library is None:  # the installed questionnaires: the same every time they are asked
        return _installed(kind, party, tuple(outcomes), version, language)
    base = library.get(questionnaire_id(kind, party), version)
    return base if kind is Kind.READINESS else with_outcomes(base, outcomes)


@lru_cache(maxsize=1024)
def _installed(
    kind: Kind,
    party: ReadinessParty,
    outcomes: tuple[str, ...],
    version: int | None,
    language: str,
) -> Questionnaire:
    base = translated(default_library().get(questionnaire_id(kind, party), version), language)
    return base if kind is Kind.READINESS else with_outcomes(base, outcomes)


def outcome_keys(questionnaire: Questionnaire) -> tuple[str, ...]:
    return tuple(i.key for i in questionnaire.items if i.key.startswith(OUTCOME_PREFIX))


def outcomes_reached(questionnaire: Questionnaire, answers: Answers) -> int:
    """How many planned outcomes the answers say were (mostly or fully) reached."""
    return sum(
        1
        for key in outcome_keys(questionnaire)
        if isinstance(answers.get(key), int) and int(answers[key]) >= REACHED_FROM
    )


def kind_and_party(questionnaire_id: str) -> tuple[Kind, ReadinessParty] | None:
    """Which kind and party a questionnaire id is for; None for an id vipdesk does not use."""
    if questionnaire_id in {p.value for p in ReadinessParty}:
        return Kind.READINESS, ReadinessParty(questionnaire_id)
    for kind in (Kind.MIDTERM, Kind.FINAL):
        for name, party in PARTY_NAMES.items():
            if questionnaire_id == f"evaluation_{kind.value}_{name}":
                return kind, party
    return None
