"""A phrase kept in the database comes back as it was said, and a stored text that is not
one (damaged, or from an older vipdesk) reads as none instead of failing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vipdesk.phrase import (
    Count,
    Country,
    Day,
    Joined,
    Label,
    Phrase,
    Span,
    phrase_json,
    stored_phrase,
)

EVERY_PART = Phrase(
    "{who} {count} {date} {day} {span} {joined} {label} {country} {size} {flag} {inner}",
    {
        "who": "Zoë Ørsted-Łukasiewicz 山本",
        "count": Count(1500),  # a value named like a tag: still a value
        "date": date(2026, 12, 4),
        "day": Day(date(2026, 12, 4), long=True),
        "span": Span(date(2026, 12, 4), date(2027, 1, 31)),
        "joined": Joined(("a", Count(2)), " · "),
        "label": Label("Company mentor", True),
        "country": Country("AT", "Austria"),
        "size": Decimal("2.5"),
        "flag": 3,
        "inner": Phrase("Recipient refused: {recipient}.", {"recipient": "x@y.example"}),
    },
)


def test_every_kind_of_part_comes_back_as_it_was_said() -> None:
    back = stored_phrase(phrase_json(EVERY_PART))
    assert back == EVERY_PART
    assert back is not None and back.english() == EVERY_PART.english()
    assert "Zoë Ørsted-Łukasiewicz 山本" in phrase_json(EVERY_PART)  # readable in the database


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "",
        "Recipient refused: x@y.example (550).",  # the English text of an older vipdesk
        "{",
        "[]",
        '{"phrase": {"template": "x"}}',  # no values
        '{"phrase": {"template": "{n}", "values": {"n": {"decimal": "many"}}}}',
        '{"phrase": {"template": "{n}", "values": {"n": {"date": "2026-13-40"}}}}',
        '{"phrase": {"template": "{n}", "values": {"n": {"unknown": 1}}}}',
        '{"phrase": {"template": "{n}", "values": {"n": {"count": {"m": 1}}}}}',
        '{"phrase": {"template": "{n}", "values": {"n": {"a": 1, "b": 2}}}}',
        '{"day": {"on": {"date": "2026-12-04"}}}',  # a part, not a phrase
    ],
)
def test_a_stored_text_that_is_not_a_phrase_reads_as_none(stored: str | None) -> None:
    assert stored_phrase(stored) is None


def test_a_part_that_cannot_be_kept_is_refused_when_stored() -> None:
    with pytest.raises(TypeError, match="object"):
        phrase_json(Phrase("{x}", {"x": object()}))
