"""What reports are made of: the filters a user set, the placements they select, key figures.

Plain data, no files: `vipdesk.documents` turns it into workbooks. The text search matches the
way the placements list does (`catalogue.fold`: case and accents ignored, every word must
appear in the reference, student, host, title or country), so a report holds exactly the rows
the user saw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Select, select

from vipdesk.db import Database
from vipdesk.documents.report_language import current_language
from vipdesk.models import (
    LIFECYCLE,
    Contact,
    Institution,
    Mode,
    Organisation,
    Placement,
    PlacementPeriod,
    Status,
    Student,
    StudentEquity,
)
from vipdesk.services.jobs import ShouldCancel, Steps, paused_gc
from vipdesk.services.placements.catalogue import Filter, fold
from vipdesk.services.refdata import ENGLISH_NAMES, Names, country_name

EQUITY_TITLES: tuple[str, ...] = (
    "Disability",
    "Fewer opportunities",
    "Migrant or refugee",
    "Working or carer",
)


@dataclass(frozen=True)
class ReportFilter:
    """The filters of the placements list (search, status, mode, year, host country)."""

    text: str = ""
    status: Status | None = None
    mode: Mode | None = None
    year: int | None = None  # of the planned start
    country: str | None = None  # ISO 3166-1 alpha-2 code of the host
    # How the list the search text was typed in names countries ("nieder" finds the
    # Netherlands in a German list): the report selects what the list showed.
    names: Names = field(default=ENGLISH_NAMES, compare=False)

    @classmethod
    def from_list(
        cls, flt: Filter, country: str | None = None, names: Names = ENGLISH_NAMES
    ) -> ReportFilter:
        """The filters set in the placements list; `country` replaces the list's country."""
        code = country or flt.country
        upper = code.upper() if code else None
        return cls(flt.text.strip(), flt.status, flt.mode, flt.year, upper, names)

    def described(self) -> list[tuple[str, str]]:
        """(filter, what it was set to) for the first sheet of a report."""
        country = self.country.upper() if self.country else None
        return [
            ("Search text", f"“{self.text.strip()}”" if self.text.strip() else "None"),
            ("Status", self.status.label if self.status else "All statuses"),
            ("Mode", self.mode.label if self.mode else "All modes"),
            ("Year (planned start)", str(self.year) if self.year else "All years"),
            (
                "Host country",
                f"{country_name(country, current_language())} ({country})"
                if country
                else "All countries",
            ),
        ]

    @property
    def is_set(self) -> bool:
        return bool(self.text.strip() or self.status or self.mode or self.year or self.country)


class PlacementDetail(NamedTuple):
    """One placement as a report lists it (names, not ids)."""

    id: int
    reference: str
    student: str
    email: str
    host: str
    country: str  # the country's name, in the report's language
    mode: Mode
    status: Status
    title: str
    start: date
    end: date
    hours_per_week: int
    ects: Decimal | None
    mentor: str  # "Name <e-mail>"
    tutor: str
    institution: str
    periods: str  # blended: "physical 2027-02-01 to 2027-03-14; virtual …"
    equity: tuple[bool, bool, bool, bool] | None  # only when asked for

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> float:
        return round(self.days / 7, 1)


def _query(flt: ReportFilter) -> Select[Any]:
    p, student = Placement.__table__.c, Student.__table__.c
    host, inst = Organisation.__table__.c, Institution.__table__.c
    query: Select[Any] = (
        select(
            p.id,
            p.reference,
            student.given_name,
            student.family_name,
            student.email,
            host.name,
            host.country,
            p.mode,
            p.status,
            p.title,
            p.planned_start,
            p.planned_end,
            p.hours_per_week,
            p.ects_credits,
            p.mentor_id,
            p.tutor_id,
            inst.name,
            p.student_id,
        )
        .select_from(
            Placement.__table__.join(Student.__table__, student.id == p.student_id)
            .join(Organisation.__table__, host.id == p.host_id)
            .join(Institution.__table__, inst.id == p.institution_id)
        )
        .order_by(p.reference)
    )
    if flt.status is not None:
        query = query.where(p.status == flt.status.value)
    if flt.mode is not None:
        query = query.where(p.mode == flt.mode.value)
    if flt.year is not None:
        query = query.where(
            p.planned_start >= date(flt.year, 1, 1), p.planned_start < date(flt.year + 1, 1, 1)
        )
    if flt.country:
        query = query.where(host.country == flt.country.upper())
    return query


def _matches(words: tuple[str, ...], *fields: str) -> bool:
    hay = "\n".join(fold(f) for f in fields)
    return all(word in hay for word in words)


def _periods(rows: Iterable[Any]) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    for placement_id, kind, start, end in rows:
        parts = out.get(placement_id)
        if parts is None:
            parts = out[placement_id] = []
        parts.append(f"{kind.value} {start.isoformat()} to {end.isoformat()}")
    return {pid: "; ".join(parts) for pid, parts in out.items()}


def load_placement_details(
    db: Database,
    flt: ReportFilter = ReportFilter(),
    *,
    include_sensitive: bool = False,
    should_cancel: ShouldCancel | None = None,
) -> list[PlacementDetail]:
    """The placements the filter selects, by reference, with names for every link.

    Equity flags (special-category data) are read only when `include_sensitive` is set.
    """
    words = tuple(fold(flt.text).split())
    with db.session() as session, paused_gc():
        conn = session.connection()
        # "Name <e-mail>": whom to write to, and unambiguous when two people share a name.
        contacts = {
            cid: f"{name} <{email}>"
            for cid, name, email in conn.execute(select(Contact.id, Contact.name, Contact.email))
        }
        period = PlacementPeriod.__table__.c
        periods = _periods(
            conn.execute(
                select(period.placement_id, period.kind, period.start, period.end).order_by(
                    period.placement_id, period.start
                )
            ).all()
        )
        equity: dict[int, tuple[bool, bool, bool, bool]] = {}
        if include_sensitive:
            e = StudentEquity.__table__.c
            flags = (e.disability, e.fewer_opportunities, e.migrant_or_refugee, e.working_or_carer)
            equity = {
                sid: (bool(a), bool(b), bool(c), bool(d))
                for sid, a, b, c, d in conn.execute(select(e.student_id, *flags))
            }
        no_flags = (False, False, False, False) if include_sensitive else None
        steps = Steps(0, "Reading placements", should_cancel=should_cancel, every=5000)
        details: list[PlacementDetail] = []
        names: dict[str, tuple[str, str]] = {}  # code -> (in the report, in the list)
        for row in conn.execute(_query(flt)).all():
            (pid, ref, given, family, email, host, code, mode, status, title) = row[:10]
            (start, end, hours, ects, mentor_id, tutor_id, institution, student_id) = row[10:]
            student = f"{given} {family}"
            named = names.get(code)
            if named is None:
                named = names[code] = (
                    country_name(code, current_language()),
                    flt.names.country(code),
                )
            country, searched = named
            steps.step()
            if words and not _matches(words, ref, student, host, title, searched):
                continue
            details.append(
                PlacementDetail(
                    pid,
                    ref,
                    student,
                    email,
                    host,
                    country,
                    mode,  # the column types hand over Mode and Status members
                    status,
                    title,
                    start,
                    end,
                    hours,
                    ects,
                    contacts.get(mentor_id, "") if mentor_id is not None else "",
                    contacts.get(tutor_id, "") if tutor_id is not None else "",
                    institution,
                    periods.get(pid, ""),
                    equity.get(student_id, no_flags) if include_sensitive else None,
                )
            )
        return details


def selected_ids(
    db: Database, flt: ReportFilter = ReportFilter(), should_cancel: ShouldCancel | None = None
) -> list[int]:
    """The ids of the placements the filter selects, for a report that lists none of them.

    Without search text the database selects them (a column of ids); the search text is
    matched as `load_placement_details` matches it, on the names it reads.
    """
    if flt.text.strip():
        return [d.id for d in load_placement_details(db, flt, should_cancel=should_cancel)]
    with db.session() as session:
        query = _query(flt).with_only_columns(Placement.__table__.c.id).order_by(None)
        return list(session.scalars(query))


# --- key figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementSummary:
    """Key figures of a set of placements; every count list is (label, count)."""

    total: int
    by_status: list[tuple[str, int]]  # every status, in lifecycle order, cancelled last
    by_mode: list[tuple[str, int]]  # every mode
    by_country: list[tuple[str, int]]  # most placements first
    by_year: list[tuple[int, int]]  # by year of the planned start, oldest first
    average_weeks: float | None
    average_hours: float | None
    total_ects: Decimal
    with_ects: int  # placements that carry credits


def summarise(details: Iterable[PlacementDetail]) -> PlacementSummary:
    statuses: Counter[Status] = Counter()
    modes: Counter[Mode] = Counter()
    countries: Counter[str] = Counter()
    years: Counter[int] = Counter()
    total = days = hours = with_ects = 0
    ects = Decimal(0)
    for d in details:
        total += 1
        statuses[d.status] += 1
        modes[d.mode] += 1
        countries[d.country] += 1
        years[d.start.year] += 1
        days += (d.end - d.start).days + 1
        hours += d.hours_per_week
        if d.ects is not None:
            ects += d.ects
            with_ects += 1
    return PlacementSummary(
        total=total,
        by_status=[(s.label, statuses[s]) for s in (*LIFECYCLE, Status.CANCELLED)],
        by_mode=[(m.label, modes[m]) for m in Mode],
        by_country=sorted(countries.items(), key=lambda item: (-item[1], item[0])),
        by_year=sorted(years.items()),
        average_weeks=round(days / total / 7, 1) if total else None,
        average_hours=round(hours / total, 1) if total else None,
        total_ects=ects,
        with_ects=with_ects,
    )
