"""Evaluations counted for the evaluation report, in the database.

Only the latest evaluation of each placement, party and stage counts (a later one supersedes
the first). `grouped` averages the scores kept with each evaluation by host, mode, country or
year of the planned start, in SQL; `latest_by_placement` gives the rows of the detail sheet.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, extract, func, select

from vipdesk.db import Database
from vipdesk.models import (
    EvaluationResponse,
    EvaluationStage,
    Mode,
    Organisation,
    Placement,
    ReadinessParty,
)
from vipdesk.services.reports.filters import ReportFilter

EVERYTHING = ReportFilter()


class GroupBy(enum.StrEnum):
    HOST = "host"
    MODE = "mode"
    COUNTRY = "country"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """One group's evaluations of one party at one stage."""

    group: Any  # a host's name, a Mode, a country code, a year
    party: ReadinessParty
    stage: EvaluationStage
    evaluations: int
    average_score: float | None
    outcomes_planned: int
    outcomes_reached: int


@dataclass(frozen=True, slots=True)
class LatestEvaluation:
    placement_id: int
    party: ReadinessParty
    stage: EvaluationStage
    score: int | None
    outcomes_planned: int
    outcomes_reached: int
    respondent: str


def _latest() -> Any:
    """The id of the latest evaluation of each placement, party and stage."""
    r = EvaluationResponse
    return (
        select(func.max(r.id).label("id"))
        .group_by(r.placement_id, r.party, r.stage)
        .subquery("latest")
    )


def filter_conditions(flt: ReportFilter, ids: Sequence[int] | None) -> list[ColumnElement[bool]]:
    """The report filter as SQL conditions on Placement and its host `Organisation`."""
    p = Placement
    found: list[ColumnElement[bool]] = []
    if flt.status is not None:
        found.append(p.status == flt.status)
    if flt.mode is not None:
        found.append(p.mode == flt.mode)
    if flt.year is not None:
        found += [
            p.planned_start >= date(flt.year, 1, 1),
            p.planned_start < date(flt.year + 1, 1, 1),
        ]
    if flt.country:
        found.append(Organisation.country == flt.country.upper())
    if ids is not None:  # a search text chose them, in Python: only those
        found.append(p.id.in_(ids))
    return found


def _select(columns: Sequence[Any], flt: ReportFilter, ids: Sequence[int] | None) -> Select[Any]:
    r, latest = EvaluationResponse, _latest()
    return (
        select(*columns)
        .select_from(r)
        .join(latest, latest.c.id == r.id)
        .join(Placement, Placement.id == r.placement_id)
        .join(Organisation, Organisation.id == Placement.host_id)
        .where(*filter_conditions(flt, ids))
    )


def grouped(
    db: Database,
    by: GroupBy,
    flt: ReportFilter = EVERYTHING,
    ids: Sequence[int] | None = None,
) -> list[GroupFigures]:
    """Per group, party and stage: evaluations, average score, outcomes planned and reached."""
    r = EvaluationResponse
    key: Any = {
        GroupBy.HOST: Organisation.name,
        GroupBy.MODE: Placement.mode,
        GroupBy.COUNTRY: Organisation.country,
        GroupBy.YEAR: extract("year", Placement.planned_start),
    }[by]
    query = _select(
        [
            key.label("grp"),
            r.party,
            r.stage,
            func.count(r.id),
            func.avg(r.score),
            func.coalesce(func.sum(r.outcomes_planned), 0),
            func.coalesce(func.sum(r.outcomes_reached), 0),
        ],
        flt,
        ids,
    ).group_by(key, r.party, r.stage)
    with db.session() as session:
        rows = session.execute(query).all()
    out = [
        GroupFigures(
            Mode(group) if by is GroupBy.MODE else int(group) if by is GroupBy.YEAR else group,
            ReadinessParty(party),
            EvaluationStage(stage),
            int(count),
            None if average is None else round(float(average), 1),
            int(planned),
            int(reached),
        )
        for group, party, stage, count, average, planned, reached in rows
    ]
    out.sort(key=lambda g: (str(g.group), g.party.value, g.stage.value))
    return out


def latest_by_placement(
    db: Database,
    flt: ReportFilter = EVERYTHING,
    ids: Sequence[int] | None = None,
) -> dict[int, list[LatestEvaluation]]:
    """The latest evaluation of each party and stage, by placement."""
    r = EvaluationResponse
    query = _select(
        [r.placement_id, r.party, r.stage, r.score, r.outcomes_planned, r.outcomes_reached,
         r.respondent],
        flt,
        ids,
    )  # fmt: skip
    found: dict[int, list[LatestEvaluation]] = {}
    with db.session() as session:
        for row in session.execute(query):
            found.setdefault(row[0], []).append(
                LatestEvaluation(
                    row[0],
                    ReadinessParty(row[1]),
                    EvaluationStage(row[2]),
                    row[3],
                    row[4],
                    row[5],
                    row[6],
                )
            )
    return found
