"""Funding: each source's award against what was spent, its budget lines, what remains.

Sheets: "Filters", "Summary" (key figures, the sources with the share of each award spent, a
chart), "Sources" and "Budget lines" (the detail). A source's budget and spending are in its own
currency and count every cost charged to it, as the Funding tab shows them: a budget is not
split by placement. The filters choose the placements of the last two columns of "Sources":
what the source paid for the selected placements, in the base currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from vipdesk.db import Database
from vipdesk.documents.report_language import label, report_language, t
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
from vipdesk.documents.spreadsheets import (
    DATE_FORMAT,
    PERCENT,
    WHOLE,
    header_cells,
    money_format,
    styled,
)
from vipdesk.reports.kinds import ReportKind, ReportOptions
from vipdesk.reports.workbook import ReportBook, Step, write_book
from vipdesk.services.funding.budget import BudgetRow
from vipdesk.services.jobs import Progress, ShouldCancel
from vipdesk.services.reports.data import FundingData, funding_data
from vipdesk.services.reports.filters import selected_ids

TITLE = "Funding: budget against actual"
SOURCES_SHEET, LINES_SHEET = "Sources", "Budget lines"
PLAIN_MONEY = "#,##0.00;[Red]-#,##0.00"  # beside a Currency column, when currencies differ


def book(data: FundingData, placements: int = 0) -> ReportBook:
    """The workbook of `data` (`placements`: how many the filters selected)."""
    return ReportBook(
        title=TITLE,
        subject="Funding sources: awarded, spent and remaining, by budget line",  # t in write_book
        counts=[("Funding sources", len(data.sources)), ("Placements selected", placements)],
        sheets=t(
            "{summary}: key figures and the share of each award spent. "
            "{sources}: awarded, spent, remaining per source. "
            "{lines}: the same per budget line.",
            summary=t(SUMMARY_SHEET),
            sources=t(SOURCES_SHEET),
            lines=t(LINES_SHEET),
        ),
        notes=[
            (
                "Amounts",
                t(
                    "Awards, budgets and spending are in each source's own currency and count "
                    "every cost charged to the source. The filters choose the placements of the "
                    "columns “… selected placements”, in {currency}.",
                    currency=data.base,
                ),
            ),
            *problems_note(data.problems),
        ],
        summary=lambda wb: _summary_sheet(wb, data, placements),
        details=lambda wb, step: _detail_sheets(wb, data, step),
        steps=len(data.sources),
        what="Writing funding",
        records=len(data.sources),
        every=200,
    )


def _build(
    db: Database, path: Path, options: ReportOptions, progress: Progress, cancel: ShouldCancel
) -> int:
    # The filters choose placements by id only: this report lists none of them, and reading
    # 100,000 placements' names would take longer than all its sums.
    ids = selected_ids(db, options.filter, cancel)
    with report_language(options.language):
        made = book(funding_data(db, ids), len(ids))
        write_book(path, made, options.filter, progress=progress, should_cancel=cancel)
    return made.records


REPORT = ReportKind("funding", TITLE, _build)


def used(row: BudgetRow) -> float | None:
    """The share of the budget spent (1.0 = all of it); None without a budget."""
    return float(row.spent / row.budget) if row.budget else None


def _amount_format(currencies: set[str]) -> str:
    """The currency's own format when every amount is in one; else plain, beside the code."""
    return money_format(next(iter(currencies))) if len(currencies) == 1 else PLAIN_MONEY


def _summary_sheet(wb: Any, data: FundingData, placements: int) -> None:
    names = [s.total.label for s in data.sources]
    selected = sum((s.selected_spent for s in data.sources), Decimal(0))
    amounts = [v for s in data.sources for v in (s.total.budget, s.total.spent, s.total.remaining)]
    money_wide = max(17, number_width(amounts))
    sheet = summary_sheet(
        wb,
        TITLE,
        t(
            "Each source in its own currency; the filters are on the {sheet} sheet.",
            sheet=t(FILTERS_SHEET),
        ),
        [max([30, *map(len, names)]), max(10, number_width([selected])), *[money_wide] * 3, 9],
    )
    ws = sheet.ws
    sheet.key_figures(
        [
            (t("Funding sources"), len(data.sources), WHOLE),
            (t("Sources overspent"), sum(s.total.overspent for s in data.sources), WHOLE),
            (t("Placements selected"), placements, WHOLE),
            (
                t("Placements funded among them"),
                sum(s.selected_placements for s in data.sources),
                WHOLE,
            ),
            (
                t("Paid for the selected placements"),
                selected,
                money_format(data.base),
            ),
        ]
    )
    sheet.append()
    header = sheet.append(
        header_cells(
            ws,
            [t(h) for h in ("Funding source", "Currency", "Awarded", "Spent", "Remaining", "Used")],
        )
    )
    for s in data.sources:
        money = money_format(s.total.currency)
        share = used(s.total)
        sheet.append(
            [
                s.total.label,
                s.total.currency,
                *(
                    styled(ws, v, number_format=money)
                    for v in (s.total.budget, s.total.spent, s.total.remaining)
                ),
                None if share is None else styled(ws, share, number_format=PERCENT),
            ]
        )
    bar_chart(
        ws,
        "Share of each award spent",
        (header, sheet.row),
        [6],
        "H4",
        axis_title="Spent (share of the award)",
        number_format=PERCENT,
    )


def _detail_sheets(wb: Any, data: FundingData, step: Step) -> None:
    _sources_sheet(wb, data, step)
    _lines_sheet(wb, data)


def _sources_sheet(wb: Any, data: FundingData, step: Step) -> None:
    amount = _amount_format({s.total.currency for s in data.sources})
    base = money_format(data.base)
    cols = [
        Col("Funding source"),
        Col("Kind"),
        Col("Reference"),
        Col("Period start", DATE_FORMAT),
        Col("Period end", DATE_FORMAT),
        Col("Currency"),
        Col("Awarded", amount),
        Col("Spent", amount),
        Col("Remaining", amount),
        Col("Used", PERCENT, width=6),
        Col("Overspent"),
        Col("Selected placements funded", WHOLE, width=8),
        Col(t("Paid for selected placements ({currency})", currency=data.base), base),
    ]
    yes, no = t("Yes"), t("No")
    rows: Sequence[Sequence[Any]] = [
        [
            s.total.label,
            t(s.kind.label),
            s.reference or None,
            s.period_start,
            s.period_end,
            s.total.currency,
            s.total.budget,
            s.total.spent,
            s.total.remaining,
            used(s.total),
            yes if s.total.overspent else no,
            s.selected_placements,
            s.selected_spent,
        ]
        for s in data.sources
    ]
    write_table(wb, SOURCES_SHEET, cols, rows, step)


def _lines_sheet(wb: Any, data: FundingData) -> None:
    lines = [line for s in data.sources for line in s.lines]
    amount = _amount_format({line.currency for line in lines})
    names = {s.total.source_id: s.total.label for s in data.sources}
    cols = [
        Col("Funding source"),
        Col("Budget line"),
        Col("Currency"),
        Col("Budget", amount),
        Col("Spent", amount),
        Col("Remaining", amount),
        Col("Used", PERCENT, width=6),
        Col("Overspent"),  # Overspent, No, or No budget line
    ]
    yes, no, no_line = t("Yes"), t("No"), t("No budget line")
    rows = [
        [
            names[line.source_id],
            label(line.label),  # a cost category's label, or a line's own name
            line.currency,
            line.budget,
            line.spent,
            line.remaining,
            used(line),
            yes if line.overspent else no_line if not line.budgeted else no,
        ]
        for line in lines
    ]
    write_table(wb, LINES_SHEET, cols, rows)
