"""The grant calculator's lines, notes, warnings and errors worded by the interface: every
template of the services is in the catalogue, and in English each reads as the command line's."""

from __future__ import annotations

import re
from datetime import date

import pytest

import vipdesk.services.funding.grant_tables as grant_tables
import vipdesk.services.funding.grants as grants
from tests.helpers.phrases import templates_in
from vipdesk.errors import GrantInputError
from vipdesk.models import Mode
from vipdesk.services.funding.grant_tables import rate_table, table_for
from vipdesk.services.funding.grants import GrantOptions, calculate_grant
from vipdesk.ui.funding.grant_texts import TEMPLATES, line_text, note_text, warning_texts
from vipdesk.ui.phrases import error_text

TABLE = rate_table(2024)


def service_templates() -> set[str]:
    return templates_in((grants, grant_tables), {"Phrase": 0, "said": 0, "warn": 0})


def test_the_interface_knows_every_template_of_the_grant_services() -> None:
    assert service_templates() == set(TEMPLATES)


@pytest.mark.parametrize(
    ("mode", "country", "days", "options"),
    [
        (Mode.PHYSICAL, "DE", 45, GrantOptions(2024, participant_number=101)),
        (Mode.PHYSICAL, "SE", 60, GrantOptions(2024, True, green_travel=True, travel_days=6)),
        (Mode.PHYSICAL, "DE", 40, GrantOptions(2024)),  # under two months: a warning
        (Mode.PHYSICAL, "DE", 400, GrantOptions(2024)),  # over a year: a warning
        (Mode.BLENDED, "PL", 20, GrantOptions(2024, True, distance_km=850, green_travel=True)),
        (Mode.BLENDED, "PL", 20, GrantOptions(2024, fewer_opportunities=True)),
        (Mode.BLENDED, "PL", 20, GrantOptions(2024, distance_km=5, fewer_opportunities=True)),
        (Mode.BLENDED, "PL", 20, GrantOptions(2024, distance_km=500)),
        (Mode.VIRTUAL, "DE", 0, GrantOptions(2024)),
        (Mode.BLENDED, "DE", 0, GrantOptions(2024)),
        (Mode.PHYSICAL, "DE", 90, GrantOptions(2024, zero_grant=True)),
    ],
)
def test_lines_notes_and_warnings_read_in_english_as_the_services_say_them(
    mode: Mode, country: str, days: int, options: GrantOptions
) -> None:
    result = calculate_grant(TABLE, mode, country, days, options)
    assert [line_text(line) for line in result.lines] == [line.label for line in result.lines]
    assert note_text(result) == result.note
    assert warning_texts(result) == list(result.warnings)
    assert result.lines or result.note


def test_the_grant_errors_read_in_english_as_the_services_say_them() -> None:
    errors = []
    for country, days in (("US", 30), ("GP", 30), ("DE", 2)):
        with pytest.raises(GrantInputError) as raised:
            calculate_grant(TABLE, Mode.BLENDED, country, days, GrantOptions(2024))
        errors.append(raised.value)
    with pytest.raises(GrantInputError) as raised:
        rate_table(1999)
    errors.append(raised.value)
    with pytest.raises(GrantInputError) as raised:
        table_for(date(1990, 1, 1))
    errors.append(raised.value)
    for error in errors:
        assert error.phrase is not None
        assert re.sub(r"\b0(\d) ", r"\1 ", error_text(error)) == str(error)
