"""Reference data: country names, IANA time zones, CEFR levels."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from babel import Locale

from vipdesk.phrase import Country
from vipdesk.resources import load_json


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → short English name, sorted by code."""
    data: dict[str, str] = load_json("countries.json")["countries"]
    return data


def country_name(code: str | None, language: str = "en") -> str:
    """The country's name in English, or in `language` (a document language: "de", or "en+de"
    for the German) as the CLDR names it ("Deutschland"), falling back to the English."""
    if not code:
        return ""
    english = countries().get(code.upper(), code.upper())
    own = language.split("+")[-1]
    if own == "en":
        return english
    return str(_territories(own).get(code.upper(), english))


def country(code: str) -> Country:
    """A country inside a sentence: its English name, its own name in the reader's language."""
    return Country(code.upper(), country_name(code))


@dataclass(frozen=True)
class Names:
    """How a reader names the countries and labels (a contact's role, a size) that vipdesk
    keeps as codes and English words, where a service writes them into a list or a picker.

    English by default (the command line, the tests); the interface passes its own
    (`vipdesk.ui.labels.NAMES`): a German coordinator picks "Nordlicht GmbH · Deutschland"."""

    country: Callable[[str | None], str] = country_name
    label: Callable[[str], str] = str


ENGLISH_NAMES = Names()


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


@cache
def _postcode_after_city() -> frozenset[str]:
    return frozenset(load_json("countries.json")["postcode_after_city"])


def postcode_after_city(code: str | None) -> bool:
    """Whether addresses in the country put the postcode after the city ('London EC1V 9HX')
    rather than before it ('10117 Berlin')."""
    return bool(code) and code is not None and code.upper() in _postcode_after_city()


def is_country(code: str | None) -> bool:
    return bool(code) and code is not None and code.upper() in countries()


@cache
def time_zones() -> tuple[str, ...]:
    """IANA zone names a user may pick: Area/City zones, sorted (no legacy aliases)."""
    zones = zoneinfo.available_timezones()
    keep = {
        z
        for z in zones
        if "/" in z
        and not z.startswith(("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Mexico/", "Chile/"))
    }
    keep.add("UTC")
    return tuple(sorted(keep))


def is_time_zone(name: str | None) -> bool:
    if not name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True
