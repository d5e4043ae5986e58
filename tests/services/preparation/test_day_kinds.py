"""The kinds of day of a period, and the hours shared on a day of each kind."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from vipdesk.services.preparation.day_kinds import (
    day_kinds,
    day_minutes,
    first_day_of_each_kind,
    shared_minutes,
)
from vipdesk.services.preparation.overlap import Availability, daily_overlap, zone_info

ZONES = (
    "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
    "Africa/Casablanca", "Asia/Tokyo", "Pacific/Apia", "America/Havana", "Asia/Gaza",
    "Pacific/Kiritimati", "Asia/Kathmandu",
)  # fmt: skip


def test_the_kinds_of_a_period_are_those_its_days_give() -> None:
    """`first_day_of_each_kind` skips the days between clock changes; it must give what
    visiting every day gives, in zones with odd clocks (half-hour changes, changes at midnight,
    Ramadan)."""
    rng = random.Random(3)
    for _ in range(400):
        first = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 1100))
        last = first + timedelta(days=rng.choice((0, 1, 6, 7, 30, 90, 200, 400)))
        actors = [
            Availability(name, rng.choice(ZONES), frozenset({1, 2, 3, 4, 5}),
                         time(rng.choice((0, 1, 8, 9)), 30), time(rng.choice((17, 23)), 0))
            for name in ("Student", "Mentor")
        ]  # fmt: skip
        every = day_kinds(actors, first, last)
        in_order: dict[object, date] = {}
        for n, kind in enumerate(every):
            in_order.setdefault(kind, first + timedelta(days=n))
        found = first_day_of_each_kind(actors, first, last)
        assert list(found.items()) == list(in_order.items()), (first, last, actors)
    assert first_day_of_each_kind(actors, first, first - timedelta(days=1)) == {}


def test_a_kinds_shared_hours_are_those_of_each_of_its_days() -> None:
    """`shared_minutes`, worked out from a kind's offsets (and remembered), is what laying out
    the day gives on every day of the kind, for two or three actors, odd zones and hours that
    reach midnight."""
    rng = random.Random(5)
    for _ in range(300):
        first = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 1100))
        last = first + timedelta(days=rng.choice((6, 30, 90)))
        actors = [
            Availability(name, rng.choice(ZONES), frozenset(rng.sample(range(1, 8), 5)),
                         time(rng.choice((0, 7, 8, 9)), rng.choice((0, 30))),
                         time(rng.choice((13, 17, 23)), rng.choice((0, 59))))
            for name in ("Student", "Mentor", "Tutor")[: rng.choice((2, 3))]
        ]  # fmt: skip
        zone = zone_info(actors[0].zone)
        for n, kind in enumerate(day_kinds(actors, first, last)):
            day = first + timedelta(days=n)
            if day.isoweekday() not in actors[0].weekdays:
                continue
            (laid_out,) = daily_overlap(actors, day, day)
            assert shared_minutes(actors, kind, day) == day_minutes(laid_out, zone), (day, actors)
