"""The content of a Learning Agreement for Traineeships, as plain frozen dataclasses.

`AgreementData` is what the PDF prints and what a signed version will be archived as: the
parties, the programme (Table A), the communication protocol, roles, technology, recognition
(Table B) and the host's commitments (Table C). It holds values, never database rows, so the
documents layer and the tests build and read it without a Session.

`canonical_json` gives one byte-exact text for the content (sorted keys, ISO dates, decimals as
strings) and `content_hash` its SHA-256; both leave out `generated_at`, so the same content
hashes the same on another day.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import types
import typing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from vipdesk.enums import Mode, PeriodKind
from vipdesk.languages import ENGLISH


class RecognitionKind(enum.StrEnum):
    """Table B of the Erasmus+ form: how the sending institution recognises the traineeship."""

    CURRICULUM = "curriculum"  # embedded in the curriculum: credits count towards the degree
    VOLUNTARY = "voluntary"  # voluntary: recorded in the transcript / diploma supplement
    GRADUATE = "graduate"  # recent graduate: recorded in the Europass Mobility document

    @property
    def label(self) -> str:
        return {
            "curriculum": "Traineeship embedded in the curriculum",
            "voluntary": "Voluntary traineeship",
            "graduate": "Traineeship of a recent graduate",
        }[self.value]


@dataclass(frozen=True)
class Person:
    """Someone who acts for a party: a coordinator, an HR contact, a mentor, a tutor."""

    name: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Trainee:
    name: str
    email: str = ""
    date_of_birth: date | None = None
    nationality: str = ""  # country name as printed
    study_cycle: int | None = None  # EQF level 5-8
    field_of_education: str = ""  # ISCED-F


@dataclass(frozen=True)
class SendingInstitution:
    name: str
    faculty: str = ""
    erasmus_code: str = ""
    address: str = ""
    country: str = ""
    contact: Person = Person()  # the responsible person, who signs for the institution
    tutor: Person = Person()  # the academic tutor


@dataclass(frozen=True)
class ReceivingOrganisation:
    name: str
    department: str = ""
    address: str = ""
    website: str = ""
    country: str = ""
    size: str = ""  # "< 250 employees" or "≥ 250 employees"
    sector: str = ""
    contact: Person = Person()  # contact person (often HR)
    mentor: Person = Person()  # the supervisor, who signs for the organisation


@dataclass(frozen=True)
class Task:
    description: str
    deliverable: str = ""
    deadline: date | None = None


@dataclass(frozen=True)
class Period:
    """A physical or a virtual stretch of a blended traineeship."""

    kind: PeriodKind
    start: date
    end: date


@dataclass(frozen=True)
class Programme:
    """Table A: what the trainee will do, learn, and how it is followed and assessed."""

    title: str
    start: date
    end: date
    hours_per_week: int
    mode: Mode
    periods: tuple[Period, ...] = ()
    description: str = ""
    tasks: tuple[Task, ...] = ()
    learning_outcomes: tuple[str, ...] = ()  # knowledge, skills and competences
    monitoring_plan: str = ""
    evaluation_plan: str = ""
    evaluation_criteria: tuple[str, ...] = ()
    language: str = ""  # the main language of work
    language_level: str = ""  # CEFR A1-C2 or "native"; "" when not yet known


@dataclass(frozen=True)
class Role:
    """What one actor undertakes: student, mentor, tutor or coordinator."""

    actor: str
    title: str
    name: str
    duties: tuple[str, ...]


@dataclass(frozen=True)
class Tool:
    name: str
    purpose: str = ""
    test_status: str = ""  # e.g. "Tested with all actors on 12 Jan 2027"


@dataclass(frozen=True)
class Recognition:
    """Table B: recognition by the sending institution, and its insurance cover."""

    kind: RecognitionKind
    credits: Decimal | None = None  # ECTS
    grade: str = ""
    transcript: str = ""
    insurance: str = ""


@dataclass(frozen=True)
class HostCommitments:
    """Table C: what the receiving organisation commits to."""

    financial_support: bool = False
    amount: Decimal | None = None  # per month, in `currency`
    currency: str = "EUR"
    in_kind: str = ""
    insurance: str = ""
    certificate_weeks: int = 5  # the traineeship certificate is issued within this many weeks


@dataclass(frozen=True)
class AgreementData:
    """One version of one agreement: everything the PDF shows."""

    reference: str  # the placement's reference, e.g. VIP-2026-00042
    version: int
    generated_at: date
    trainee: Trainee
    sending: SendingInstitution
    receiving: ReceivingOrganisation
    programme: Programme
    recognition: Recognition
    host: HostCommitments
    protocol: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    tools: tuple[Tool, ...] = ()
    placement_id: int | None = None
    # The language the agreement is written in: part of its content, so that a stored version
    # renders again in the language it was agreed in (content stored before has none: English).
    document_language: str = ENGLISH


# --- canonical form ------------------------------------------------------------------------

_NOT_HASHED = frozenset({"generated_at"})


_SCALARS = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names; None for any other type."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    # By exact type first (a StrEnum is a str but must become its value), and scalars in a
    # list without a call of their own: a demo of 100,000 placements plains millions.
    kind: type = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [item if type(item) in _SCALARS else _plain(item) for item in value]
    names = _field_names(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def agreement_to_dict(data: AgreementData) -> dict[str, Any]:
    """JSON-ready values: dates as ISO text, decimals as text, enums as their values."""
    result: dict[str, Any] = _plain(data)
    return result


def canonical_json(data: AgreementData) -> str:
    """One exact text for the content (without `generated_at`): sorted keys, no spaces."""
    return canonical_json_of(agreement_to_dict(data))


def canonical_json_of(plain: dict[str, Any]) -> str:
    """`canonical_json` of content already made plain by `agreement_to_dict`."""
    return _canonical(_hashed(plain))


def _hashed(plain: dict[str, Any]) -> dict[str, Any]:
    content = {k: v for k, v in plain.items() if k not in _NOT_HASHED}
    # English is left out, so that every version stored before languages keeps its hash.
    if content.get("document_language", ENGLISH) == ENGLISH:
        content.pop("document_language", None)
    return content


def _canonical(content: dict[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def stored_json_and_hash(plain: dict[str, Any]) -> tuple[str, str]:
    """The text to store for content made plain (every key, no spaces) and its `hash_of`,
    from one encoding: the keys the hash leaves out are written in front of the canonical
    text. For the demo's 100,000 agreements, where encoding twice was a tenth of the time."""
    hashed = _hashed(plain)
    canonical = _canonical(hashed)
    left_out = {k: v for k, v in plain.items() if k not in hashed}
    stored = canonical
    if left_out:
        front = _canonical(left_out)
        stored = f"{front[:-1]},{canonical[1:]}" if hashed else front
    return stored, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_hash(data: AgreementData) -> str:
    """SHA-256 (hex) of `canonical_json`: equal content, equal hash."""
    return hash_of(agreement_to_dict(data))


def hash_of(plain: dict[str, Any]) -> str:
    """`content_hash` of content already made plain by `agreement_to_dict`."""
    return hashlib.sha256(canonical_json_of(plain).encode("utf-8")).hexdigest()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _revive(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin is types.UnionType or origin is typing.Union:
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _revive(options[0], value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_revive(item, v) for v in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        maker: Any = kind
        return maker(**{name: _revive(hints[name], v) for name, v in value.items()})
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(value)
    return value


def agreement_from_dict(values: dict[str, Any]) -> AgreementData:
    """The inverse of `agreement_to_dict` (for agreement versions stored as JSON)."""
    revived: AgreementData = _revive(AgreementData, values)
    return revived
