"""What the agreement's checks find, worded by the interface: every template of the checks is
in the catalogue, and in English each problem of a broken draft reads as the check says it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import vipdesk.services.agreements.checks.programme_rules as programme_rules
import vipdesk.services.agreements.checks.validation as validation
import vipdesk.ui
from tests.helpers.phrases import templates_in
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.content import Period, Task
from vipdesk.enums import Mode, PeriodKind
from vipdesk.services.agreements.checks.validation import validate_agreement
from vipdesk.ui.agreement.wizard.problem_texts import TEMPLATES
from vipdesk.ui.phrases import TEMPLATE_MODULES, problem_text


def test_the_interface_knows_every_template_of_the_agreement_checks() -> None:
    said = templates_in(
        (programme_rules, validation), {"add": 1, "text": 2, "Phrase": 0, "_person": 3}
    )
    assert said == set(TEMPLATES)


def test_every_module_listing_templates_is_known_to_the_wording() -> None:
    root = Path(vipdesk.ui.__file__).parent
    listing = {
        "vipdesk.ui." + ".".join(path.relative_to(root).with_suffix("").parts)
        for path in root.rglob("*.py")
        if "TEMPLATES: tuple[str, ...]" in path.read_text(encoding="utf-8")
    }
    assert listing == set(TEMPLATE_MODULES)


def test_each_problem_of_a_broken_draft_reads_as_the_check_says_it() -> None:
    good = sample_agreement()
    p = good.programme
    broken = [
        replace(good, programme=replace(p, title="", hours_per_week=70, end=date(2020, 1, 1))),
        replace(
            good,
            programme=replace(
                p,
                mode=Mode.BLENDED,
                periods=(
                    Period(PeriodKind.PHYSICAL, p.start, p.start),
                    Period(PeriodKind.PHYSICAL, p.start, date(2099, 1, 1)),
                    Period(PeriodKind.PHYSICAL, p.end, p.start),
                ),
                tasks=(Task("", "", date(2099, 1, 1)), Task("x", "", date(2000, 1, 1))),
                learning_outcomes=(),
                monitoring_plan="",
                language_level="Z9",
            ),
            recognition=replace(good.recognition, credits=Decimal(-1)),
            protocol=(),
        ),
    ]
    said = [
        problem
        for data in broken
        for problem in validate_agreement(
            data, placement_start=date(2027, 3, 1), placement_end=date(2027, 3, 2)
        )
        if problem.phrase is not None
    ]
    assert len({problem.phrase.template for problem in said if problem.phrase}) >= 12
    for problem in said:
        assert re.sub(r"\b0(\d) ", r"\1 ", problem_text(problem)) == problem.message
