"""Demo data, part one: institutions, host organisations and the people in them.

Rows are plain dicts for bulk inserts; the pools they are drawn from live in
`resources/demo_world.json` (institutions, host countries, sectors, fields of education),
`resources/demo_names.json` (given and family names in their own scripts) and
`resources/demo_addresses.json` (street names and postcodes of the hosts' cities).
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import accumulate
from typing import Any

from vipdesk.models import ContactRole, OrganisationSize
from vipdesk.models.student import student_search_text
from vipdesk.resources import load_json

Row = dict[str, Any]
Spec = dict[str, Any]

DEMO_USER = "demo"

_ASCII_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe"}
    | {"đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"}
)
_ENGLISH_LEVELS = {"B1": 10, "B2": 35, "C1": 40, "C2": 15}
_SECOND_LEVELS = {"A2": 30, "B1": 40, "B2": 30}
# Study cycles (EQF level) of trainees: mostly bachelor and master students.
_LEVEL_WEIGHTS = {5: 5, 6: 50, 7: 40, 8: 5}
# Age at the start of the first placement, by EQF level (5 short cycle … 8 doctorate).
_AGES = {5: (19, 25), 6: (20, 26), 7: (22, 30), 8: (25, 36)}
_DEGREES = {5: "Associate degree in {s}", 6: "Bachelor of {k} in {s}", 7: "Master of {k} in {s}"}


def ascii_word(text: str) -> str:
    """The lower-case ASCII letters and digits of a Latin-script text: 'Żółć' → 'zolc'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


_COUNTRY_LANGUAGE = {"DE": "de", "AT": "de", "DK": "da", "FI": "fi", "IT": "it", "NL": "nl",
                     "PL": "pl"}  # fmt: skip


def office_time(rng: random.Random, day: date) -> datetime:
    """A moment in office hours (UTC) on `day`."""
    hour, minute = divmod(int(rng.random() * 600), 60)
    return datetime(day.year, day.month, day.day, 7 + hour, minute, tzinfo=UTC)


class Picker:
    """Weighted choice with the cumulative weights computed once."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self._cum = list(accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        return rng.choices(self.items, cum_weights=self._cum)[0]


@dataclass(frozen=True)
class Culture:
    key: str
    language: str  # the native language of people from this culture
    countries: tuple[str, ...]  # nationalities
    weight: int  # how often a student from abroad comes from this culture
    female: tuple[tuple[str, str], ...]  # (as written, ASCII for e-mail addresses)
    male: tuple[tuple[str, str], ...]
    family: tuple[tuple[str, str, str, str], ...]  # male and female forms, then their ASCII


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    local: str  # e-mail local part, e.g. 'lukasz.zolc'


@dataclass(frozen=True)
class StudentDraft:
    row: Row
    field: Spec
    languages: list[tuple[str, str]]  # (language, CEFR level or 'native')
    equity: Row | None  # special-category flags, for a small share only


def _spelling(entry: str | list[str]) -> tuple[str, str]:
    """A pool entry: a Latin-script name, or [name as written, its romanisation]."""
    return (entry, entry) if isinstance(entry, str) else (entry[0], entry[1])


def _given(entry: str | list[str]) -> tuple[str, str]:
    native, latin = _spelling(entry)
    return native, ascii_word(latin)


def _family(entry: str | list[str]) -> tuple[str, str, str, str]:
    """'Kowalski|Kowalska' gives the male and the female form of a family name."""
    native, latin = _spelling(entry)
    male, _, female = native.partition("|")
    ascii_male, _, ascii_female = latin.partition("|")
    return male, female or male, ascii_word(ascii_male), ascii_word(ascii_female or ascii_male)


@cache
def cultures() -> dict[str, Culture]:
    """The name pools by culture key (mostly a country code; EN, LATAM span several)."""
    data = load_json("demo_names.json")["cultures"]
    return {
        key: Culture(
            key=key,
            language=raw["language"],
            countries=tuple(raw["countries"]),
            weight=raw["weight"],
            female=tuple(_given(e) for e in raw["female"]),
            male=tuple(_given(e) for e in raw["male"]),
            family=tuple(_family(e) for e in raw["family"]),
        )
        for key, raw in data.items()
    }


def make_person(rng: random.Random, culture: Culture) -> Person:
    female = rng.random() < 0.5
    given, given_ascii = rng.choice(culture.female if female else culture.male)
    male_name, female_name, male_ascii, female_ascii = rng.choice(culture.family)
    family, family_ascii = (female_name, female_ascii) if female else (male_name, male_ascii)
    return Person(given, family, f"{given_ascii}.{family_ascii}")


class UniqueEmails:
    """Hands out e-mail addresses never given before: 'ama.mensah@…', then 'ama.mensah2@…'."""

    def __init__(self, taken: set[str]) -> None:
        self._taken = {t.lower() for t in taken}
        self._next: dict[str, int] = {}

    def make(self, local: str, domain: str) -> str:
        # Real-looking but reserved (RFC 2606): "psu.edu" becomes "psu.example", so that no
        # demo address can ever reach a real mailbox.
        domain = f"{domain.rsplit('.', 1)[0]}.example"
        local = local[:56].strip(".") or "contact"
        key = f"{local}@{domain}"
        number = self._next.get(key, 1)
        while True:
            email = f"{local}{number if number > 1 else ''}@{domain}"
            number += 1
            if email not in self._taken:
                break
        self._next[key] = number
        self._taken.add(email)
        return email


class PartyFactory:
    """Builds the rows of institutions, hosts, contacts and students from the demo pools."""

    def __init__(
        self, rng: random.Random, today: date, taken_emails: set[str], taken_numbers: set[str]
    ) -> None:
        world = load_json("demo_world.json")
        self.rng = rng
        self.today = today
        self.world: Spec = world
        self.institutions: list[Spec] = world["institutions"]
        self.countries: dict[str, Spec] = world["host_countries"]
        self.addresses: dict[str, Spec] = load_json("demo_addresses.json")["countries"]
        self.sectors: dict[str, Spec] = {s["key"]: s for s in world["sectors"]}
        self.fields: dict[str, Spec] = {f["code"]: f for f in world["fields"]}
        self.cultures = cultures()
        self.emails = UniqueEmails(taken_emails)
        self._numbers = set(taken_numbers)
        self._next_number: dict[str, int] = {}
        names = load_json("demo_names.json")
        self._second_languages: list[str] = names["second_languages"]
        self._country = Picker(list(self.countries), [c["weight"] for c in self.countries.values()])
        self._sector = Picker(list(self.sectors), [s["weight"] for s in self.sectors.values()])
        self._field = Picker(
            list(self.fields.values()), [f["weight"] for f in self.fields.values()]
        )
        self._culture = Picker(list(self.cultures), [c.weight for c in self.cultures.values()])
        self._english = Picker(list(_ENGLISH_LEVELS), list(_ENGLISH_LEVELS.values()))
        self._second = Picker(list(_SECOND_LEVELS), list(_SECOND_LEVELS.values()))

    # --- bookkeeping ----------------------------------------------------------------------

    def stamp(self, created: datetime, updated: datetime | None = None, by: str = DEMO_USER) -> Row:
        """The columns every versioned row needs (bulk inserts skip Python-side defaults)."""
        return {
            "version": 1,
            "created_at": created,
            "updated_at": updated or created,
            "updated_by": by,
        }

    def early(self) -> datetime:
        """A creation time before the oldest demo placement was opened (over five years back)."""
        return office_time(self.rng, self.today - timedelta(days=self.rng.randint(1900, 2000)))

    def _phone(self, code: str) -> str:
        r = self.rng
        return f"+{code} {r.randint(10, 99)} {r.randint(100, 999)} {r.randint(1000, 9999)}"

    # --- institutions ---------------------------------------------------------------------

    def institution_row(self, spec: Spec) -> Row:
        keys = ("name", "erasmus_code", "faculty", "country", "city", "address", "website")
        return (
            {k: spec[k] for k in keys} | {"timezone": spec["timezone"]} | self.stamp(self.early())
        )

    def staff_rows(
        self, spec: Spec, institution_id: int, tutors: int, coordinators: int
    ) -> list[Row]:
        """Academic tutors and placement coordinators of one institution."""
        culture = self.cultures[spec["cultures"][0]]
        rows = []
        for n in range(tutors + coordinators):
            person = make_person(self.rng, culture)
            role = ContactRole.COORDINATOR if n >= tutors else ContactRole.ACADEMIC_TUTOR
            positions = self.world[f"{'coordinator' if n >= tutors else 'tutor'}_positions"]
            rows.append(
                {
                    "name": f"{person.given} {person.family}",
                    "email": self.emails.make(person.local, spec["domain"]),
                    "phone": None,
                    "role": role.value,
                    "position": self.rng.choice(positions),
                    "timezone": spec["timezone"],
                    "organisation_id": None,
                    "institution_id": institution_id,
                }
                | self.stamp(self.early())
            )
        return rows

    # --- host organisations ---------------------------------------------------------------

    def host_row(self, taken: set[tuple[str, str]]) -> tuple[Row, str]:
        """One host organisation (its name unique within its country) and its sector key."""
        rng = self.rng
        code = self._country(rng)
        country = self.countries[code]
        sector = self.sectors[self._sector(rng)]
        city, zone = rng.choice(country["cities"])
        ngo = bool(sector["ngo_names"]) and (not sector["names"] or rng.random() < 0.5)
        for attempt in range(1000):
            local = rng.random() < 0.5
            stem = rng.choice(country["stems"] if local else self.world["generic_stems"])
            core = f"{stem} {rng.choice(sector['ngo_names'] if ngo else sector['names'])}"
            if attempt >= 8:  # a crowded pool: the city tells them apart
                core = f"{core} {city}" if attempt < 20 else f"{core} {city} {attempt}"
            form = country["ngo_form"] if ngo else rng.choice(country["forms"])
            name = form.format(core)
            if (name, code) not in taken:
                break
        taken.add((name, code))
        slug = "-".join(filter(None, (ascii_word(w) for w in core.split())))
        tld = "org" if ngo else country["tld"]
        large = not ngo and rng.random() < 0.28
        row = {
            "name": name,
            "country": code,
            **self._postal_address(name, code, city),
            "city": city,
            "website": f"https://www.{slug}.{tld}",
            "sector": f"{sector['key']} - {sector['name']}",
            "size": (OrganisationSize.LARGE if large else OrganisationSize.SMALL).value,
            "timezone": zone,
        } | self.stamp(self.early())
        return row, sector["key"]

    def _postal_address(self, name: str, code: str, city: str) -> Row:
        """A street with a house number and the city's postcode, so that an agreement prints a
        full address. Drawn from a generator of the host's own: the demo's other records stay
        the same as before hosts had addresses."""
        rng = random.Random(f"{name}|{code}|{city}")
        spec = self.addresses[code]
        street = rng.choice(spec["streets"]).format(n=rng.randint(1, 120))
        return {"street": street, "postcode": spec["postcodes"].get(city)}

    def host_contact_rows(self, host: Row, host_id: int, sector_key: str) -> list[Row]:
        """One to three people: a mentor, or someone in HR and one or two mentors."""
        rng = self.rng
        country = self.countries[host["country"]]
        culture = self.cultures[country["names"]]
        domain = host["website"].removeprefix("https://www.")
        count = rng.choice((1, 2, 2, 3, 3))
        rows = []
        for n in range(count):
            person = make_person(rng, culture)
            hr = count > 1 and n == 0
            positions = self.world["hr_positions"] if hr else self.sectors[sector_key]["mentors"]
            rows.append(
                {
                    "name": f"{person.given} {person.family}",
                    "email": self.emails.make(person.local, domain),
                    "phone": self._phone(country["phone"]),
                    "role": (ContactRole.HR if hr else ContactRole.MENTOR).value,
                    "position": rng.choice(positions),
                    "timezone": host["timezone"],
                    "organisation_id": host_id,
                    "institution_id": None,
                }
                | self.stamp(host["created_at"])
            )
        return rows

    # --- students -------------------------------------------------------------------------

    def _student_number(self, spec: Spec) -> str:
        prefix = spec["student_prefix"]
        number = self._next_number.get(prefix) or self.rng.randint(100_000, 900_000)
        while True:
            number += self.rng.randint(1, 7)
            text = f"{prefix}{number:07d}"
            if text not in self._numbers:
                break
        self._next_number[prefix] = number
        self._numbers.add(text)
        return text

    def student(
        self, spec: Spec, institution_id: int, first_start: date, created: datetime
    ) -> StudentDraft:
        """A student of `spec` whose first placement starts on `first_start`."""
        rng = self.rng
        home = rng.random() < 0.72
        culture = self.cultures[rng.choice(spec["cultures"]) if home else self._culture(rng)]
        person = make_person(rng, culture)
        at_home = spec["country"] in culture.countries and rng.random() < 0.8
        nationality = spec["country"] if at_home else rng.choice(culture.countries)
        timezone = spec["timezone"]
        if nationality != spec["country"] and nationality in self.countries and rng.random() < 0.15:
            timezone = rng.choice(self.countries[nationality]["cities"])[1]  # studies from home
        level = rng.choices(spec["eqf"], [_LEVEL_WEIGHTS[n] for n in spec["eqf"]])[0]
        field = self.fields[rng.choice(spec["fields"])] if rng.random() < 0.6 else self._field(rng)
        low, high = _AGES[level]
        age = rng.randint(low, high) if rng.random() > 0.04 else rng.randint(high, 45)
        # Years of 365.25 days: with leap days counted, nobody comes out a few days too young.
        born = first_start - timedelta(days=round(365.25 * age) + rng.randint(0, 364))
        subject = rng.choice(field["subjects"])
        programme = _DEGREES.get(level, "PhD in {s}").format(k=field["kind"], s=subject)
        email = self.emails.make(person.local, spec["student_domain"])
        number = self._student_number(spec)
        row = {
            "given_name": person.given,
            "family_name": person.family,
            "email": email,
            "student_number": number,
            "date_of_birth": born,
            "nationality": nationality,
            "study_cycle": level,
            "field_of_education": field["name"],
            "programme": programme,
            "timezone": timezone,
            "institution_id": institution_id,
            # Messages in the language of the student's own country, where vipdesk writes it.
            "preferred_language": _COUNTRY_LANGUAGE.get(nationality),
            # A bulk insert passes no ORM hook: the picker's folded search is filled here.
            "search_text": student_search_text(person.given, person.family, email, number),
        } | self.stamp(created)
        return StudentDraft(row, field, self._languages(culture), self._equity())

    def _languages(self, culture: Culture) -> list[tuple[str, str]]:
        rng = self.rng
        out = [(culture.language, "native")]
        if culture.language != "English" and rng.random() < 0.92:
            out.append(("English", self._english(rng)))
        if rng.random() < 0.35:
            extra = rng.choice(self._second_languages)
            if extra not in (lang for lang, _ in out):
                out.append((extra, self._second(rng)))
        return out

    def _equity(self) -> Row | None:
        rng = self.rng
        if rng.random() >= 0.07:
            return None
        flags = {
            "fewer_opportunities": rng.random() < 0.5,
            "working_or_carer": rng.random() < 0.35,
            "disability": rng.random() < 0.2,
            "migrant_or_refugee": rng.random() < 0.15,
        }
        if not any(flags.values()):
            flags["fewer_opportunities"] = True
        return flags | {"note": None}
