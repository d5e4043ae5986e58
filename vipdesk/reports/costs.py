"""Cost per participant: overall and by mode, year, host country and funding source.

Sheets: "Filters" (what made the report; notes on amounts and the Erasmus+ grant rules with
their sources), "Summary" (key figures, the averages by group and charts) and "Placements" (one
row per placement: direct, shared and total costs, and the costs by category). Amounts are in
the base currency, as `funding_costs` converts and shares them; cancelled placements are listed
but, as there, not counted as participants.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.report_language import label, t
from vipdesk.documents.report_sheets import (
    FILTERS_SHEET,
    SUMMARY_SHEET,
    Col,
    bar_chart,
    number_width,
    problems_note,
    summary_sheet,
    write_table,
)
from vipdesk.documents.spreadsheets import DATE_FORMAT, WHOLE, money_format
from vipdesk.reports.kinds import ReportOptions
from vipdesk.reports.workbook import PLACEMENT_COLS, ReportBook, placement_cells, workbook_report
from vipdesk.services.funding.costs import ZERO, Average
from vipdesk.services.funding.grant_tables import all_rule_notes
from vipdesk.services.jobs import ShouldCancel
from vipdesk.services.reports.data import CostData, cost_data
from vipdesk.services.reports.filters import PlacementDetail

TITLE = "Cost per participant"
DETAIL_SHEET = "Placements"
GROUPS = ("Mode", "Year (planned start)", "Host country", "Funding source")


def book(data: CostData) -> ReportBook:
    """The workbook of the costs of the selected placements."""
    participants = data.overall.participants if data.overall else 0
    return ReportBook(
        title=TITLE,
        subject=t(
            "Cost per participant in {currency}, by group and by placement", currency=data.base
        ),
        counts=[("Placements in this report", len(data.rows)), ("Participants", participants)],
        sheets=t(
            "{summary}: key figures, cost per participant by group, charts. "
            "{detail}: one row per placement with its costs.",
            summary=t(SUMMARY_SHEET),
            detail=t(DETAIL_SHEET),
        ),
        notes=[
            (
                "Amounts",
                t(
                    "In {currency}, converted at the rate of each cost's date. Shared costs "
                    "are split among every placement they are shared with, selected or not; "
                    "cancelled placements are not counted as participants.",
                    currency=data.base,
                ),
            ),
            *problems_note(data.problems),
            # The Erasmus+ grant rules behind recorded grants, as the Costs tab and
            # `vipdesk grant` cite them (in the Programme Guide's words).
            *((label(name), label(text)) for name, text in all_rule_notes()),
        ],
        summary=lambda wb: _summary_sheet(wb, data),
        details=lambda wb, step: write_table(wb, DETAIL_SHEET, *detail_table(data), step),
        steps=len(data.rows),
        what="Writing costs",
        records=len(data.rows),
    )


def _gather(
    db: Database, details: Sequence[PlacementDetail], options: ReportOptions, _c: ShouldCancel
) -> ReportBook:
    return book(cost_data(db, details))


REPORT = workbook_report("costs", TITLE, _gather)


def _summary_sheet(wb: Any, data: CostData) -> None:
    money = money_format(data.base)
    labels = [a.label for a in (*data.by_country, *data.by_source)]
    overall = data.overall
    direct = sum((c.direct for _, c in data.rows if c.participant), ZERO)
    shared = sum((c.shared for _, c in data.rows if c.participant), ZERO)
    groups: tuple[list[Average], ...] = (
        data.by_mode,
        data.by_year,
        data.by_country,
        data.by_source,
    )
    totals = [direct, shared, *(a.total for g in groups for a in g)]
    if overall:
        totals.append(overall.total)
    money_wide = number_width(totals)  # every amount in columns B to D is at most a total
    sheet = summary_sheet(
        wb,
        TITLE,
        t(
            "Amounts in {currency}. The filters that chose the placements are on the {sheet} "
            "sheet.",
            currency=data.base,
            sheet=t(FILTERS_SHEET),
        ),
        [max([28, *map(len, labels)]), max(13, money_wide), max(17, money_wide), 21],
    )
    sheet.key_figures(
        [
            (t("Participants"), overall.participants if overall else 0, WHOLE),
            (t("Total cost"), overall.total if overall else ZERO, money),
            (t("Cost per participant"), overall.average if overall else None, money),
            (t("Direct costs"), direct, money),
            (t("Shares of shared costs"), shared, money),
        ]
    )
    blocks: dict[str, tuple[int, int]] = {}
    for title, averages in zip(GROUPS, groups, strict=True):
        sheet.append()
        blocks[title] = sheet.table(
            [
                title,
                "Participants",
                t("Total cost ({currency})", currency=data.base),
                "Cost per participant",
            ],
            # Years as numbers, so that they sort and filter as years.
            [
                (
                    int(a.label) if title == GROUPS[1] else _group_label(title, a.label),
                    a.participants,
                    a.total,
                    a.average,
                )
                for a in averages
            ],
            [None, WHOLE, money, money],
        )
    for title, anchor in (("Mode", "F4"), ("Year (planned start)", "F22")):
        bar_chart(
            sheet.ws,
            t(
                f"Cost per participant by {title.split(' (')[0].lower()} ({{currency}})",
                currency=data.base,
            ),
            blocks[title],
            [4],
            anchor,
            axis_title=label(data.base),  # a currency code
            horizontal=title == "Mode",
            number_format="#,##0",
        )


def detail_table(data: CostData) -> tuple[list[Col], list[list[Any]]]:
    """The columns and rows of the detail sheet (the benchmark writes them without styles)."""
    money = money_format(data.base)
    cols = [
        *PLACEMENT_COLS,
        Col("Planned start", DATE_FORMAT),
        Col("Participant"),
        Col(t("Direct costs ({currency})", currency=data.base), money),
        Col(t("Shared costs ({currency})", currency=data.base), money),
        Col(t("Total ({currency})", currency=data.base), money),
        *(Col(c.label, money) for c in data.categories),
    ]
    placement = placement_cells()
    yes, cancelled = t("Yes"), t("No (cancelled)")
    rows = []
    for d, cost in data.rows:
        rows.append(
            [
                *placement(d),
                d.start,
                yes if cost.participant else cancelled,
                cost.direct,
                cost.shared,
                cost.total,
                *data.by_category(cost),
            ]
        )
    return cols, rows


def _group_label(group: str, value: str) -> str:
    """A group's row label: a mode is a fixed label, translated; a country or a funding source
    is a name, kept (a name the catalogue happens to hold is translated too)."""
    return t(value) if group == "Mode" else label(value)
