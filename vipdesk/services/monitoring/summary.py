"""The monitoring report's figures (meetings held against expected, concerns open and resolved)
and the recognition the evaluation report sets against the plan.

One grouped query over the log gives each placement's meetings, entries and concerns; the
number of meetings the protocol expected is counted from the placement's dates and cadence
(one per slot, as `cadence.rhythm` counts them), so no entry is loaded into Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, func, select

from vipdesk.db import Database
from vipdesk.models import (
    Cadence,
    CommunicationProtocol,
    MonitoringEntry,
    Organisation,
    Placement,
    Recognition,
)
from vipdesk.services.evaluations.summary import filter_conditions
from vipdesk.services.monitoring.cadence import INTERVAL_DAYS, MEETING_KINDS
from vipdesk.services.reports.filters import ReportFilter


@dataclass(frozen=True)
class PlacementMonitoring:
    placement_id: int
    host: str
    cadence: Cadence | None
    expected: int  # meetings the protocol's cadence expected by `as_of`
    held: int  # meetings logged (kick-off, mentor meetings, coaching) within the period
    entries: int
    concerns_open: int
    concerns_resolved: int
    last_meeting: date | None

    @property
    def share_met(self) -> float | None:
        return min(self.held / self.expected, 1.0) if self.expected else None


def expected_meetings(start: date, end: date, cadence: Cadence | None, as_of: date) -> int:
    """The slots of the cadence begun by `as_of` within start..end."""
    if cadence is None or start > as_of:
        return 0
    last = min(end, as_of)
    return (last - start).days // INTERVAL_DAYS[cadence] + 1


def by_placement(
    db: Database,
    flt: ReportFilter,
    ids: Sequence[int] | None = None,
    as_of: date | None = None,
) -> list[PlacementMonitoring]:
    """Each chosen placement's monitoring figures, by reference order of the database."""
    as_of = as_of or date.today()
    m = MonitoringEntry
    in_period = and_(m.held_on >= Placement.planned_start, m.held_on <= Placement.planned_end)
    meeting = and_(m.kind.in_(MEETING_KINDS), in_period)
    query = (
        select(
            Placement.id,
            Organisation.name,
            CommunicationProtocol.meetings,
            Placement.planned_start,
            Placement.planned_end,
            func.count(case((meeting, m.id))),
            func.count(m.id),
            func.count(case((and_(m.concern, m.resolved_on.is_(None)), m.id))),
            func.count(case((and_(m.concern, m.resolved_on.is_not(None)), m.id))),
            func.max(case((meeting, m.held_on))),
        )
        .join(Organisation, Organisation.id == Placement.host_id)
        .outerjoin(CommunicationProtocol, CommunicationProtocol.placement_id == Placement.id)
        .outerjoin(m, m.placement_id == Placement.id)
        .where(*filter_conditions(flt, ids))
        .group_by(Placement.id, Organisation.name, CommunicationProtocol.meetings)
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return [
        PlacementMonitoring(
            placement_id=pid,
            host=host,
            cadence=Cadence(cadence) if cadence else None,
            expected=expected_meetings(start, end, Cadence(cadence) if cadence else None, as_of),
            held=int(held),
            entries=int(entries),
            concerns_open=int(open_),
            concerns_resolved=int(resolved),
            last_meeting=last,
        )
        for pid, host, cadence, start, end, held, entries, open_, resolved, last in rows
    ]


@dataclass(frozen=True)
class HostMonitoring:
    host: str
    placements: int
    expected: int
    held: int
    concerns_open: int
    concerns_resolved: int

    @property
    def share_met(self) -> float | None:
        return min(self.held / self.expected, 1.0) if self.expected else None


def by_host(figures: Sequence[PlacementMonitoring]) -> list[HostMonitoring]:
    """The same figures summed per host, hosts by name."""
    sums: dict[str, list[int]] = {}
    for f in figures:
        total = sums.setdefault(f.host, [0, 0, 0, 0, 0])
        total[0] += 1
        total[1] += f.expected
        total[2] += min(f.held, f.expected) if f.expected else 0
        total[3] += f.concerns_open
        total[4] += f.concerns_resolved
    return [HostMonitoring(host, *values) for host, values in sorted(sums.items())]


@dataclass(frozen=True)
class Recognised:
    """What a placement's recognition gave, against what was planned."""

    credits_planned: Decimal | None
    credits_awarded: Decimal | None
    days_to_recognition: int | None  # from the planned end to the transcript of records


def recognition_by_placement(
    db: Database, flt: ReportFilter, ids: Sequence[int] | None = None
) -> dict[int, Recognised]:
    """The chosen placements that have a recognition on record, by id."""
    query = (
        select(
            Placement.id,
            Placement.ects_credits,
            Placement.planned_end,
            Recognition.credits_awarded,
            Recognition.transcript_on,
        )
        .join(Recognition, Recognition.placement_id == Placement.id)
        .join(Organisation, Organisation.id == Placement.host_id)
        .where(*filter_conditions(flt, ids))
    )
    with db.session() as session:
        rows = session.execute(query).all()
    return {
        pid: Recognised(planned, awarded, (transcript - end).days if transcript else None)
        for pid, planned, end, awarded, transcript in rows
    }
