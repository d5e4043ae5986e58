"""Reference data: countries by ISO code and the time zones a user may pick."""

from __future__ import annotations

import pytest

from vipdesk.services.refdata import (
    countries,
    country_name,
    is_country,
    is_time_zone,
    time_zones,
)


def test_countries_are_sorted_by_code_with_english_names() -> None:
    codes = list(countries())
    assert codes == sorted(codes)
    assert len(codes) > 190
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert countries()["PL"] == "Poland"


@pytest.mark.parametrize(
    ("code", "name"),
    [("DE", "Germany"), ("de", "Germany"), ("XX", "XX"), ("xx", "XX"), ("", ""), (None, "")],
)
def test_a_country_name_falls_back_to_the_code(code: str | None, name: str) -> None:
    assert country_name(code) == name


@pytest.mark.parametrize(
    ("code", "known"),
    [("PL", True), ("pl", True), ("XX", False), ("POL", False), ("", False), (None, False)],
)
def test_is_country_knows_iso_codes_only(code: str | None, known: bool) -> None:
    assert is_country(code) is known


def test_time_zones_to_pick_are_area_and_city_plus_utc() -> None:
    zones = time_zones()
    assert list(zones) == sorted(zones)
    assert {"Europe/Warsaw", "Asia/Shanghai", "Asia/Riyadh", "UTC"} <= set(zones)
    assert not {"US/Eastern", "Etc/GMT+1", "Canada/Pacific", "EST", "GMT"} & set(zones)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Europe/Warsaw", True),
        ("US/Eastern", True),  # a legacy alias is still a zone, only not offered in the list
        ("UTC", True),
        ("Europe/Atlantis", False),
        ("../etc/passwd", False),
        ("", False),
        (None, False),
    ],
)
def test_is_time_zone_accepts_every_iana_name(name: str | None, valid: bool) -> None:
    assert is_time_zone(name) is valid
