"""Demo data, part five: the money. Funding sources with budget lines, exchange rates, and costs.

Each placement that has started carries its own costs (coordinator time; for physical and
blended ones travel, accommodation and the Erasmus+ grant; for virtual ones now and then a data
package), in the currency they were paid in; each year's shared costs (licences, training,
insurance, a kick-off workshop for a group) are split among that year's placements. Sources are
sized from the placements so that budget against actual looks like an office's: most lines
nearly spent, one or two overspent. Rates cover every day a cost was paid on.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.models import AllocationRule, CostCategory, FundingKind, Mode, Placement, Status
from vipdesk.services.demo.parties import Row

CENT = Decimal("0.01")
# Units of each currency one euro bought on 1 January of a year (rounded ECB reference rates).
RATES = {
    "USD": {2020: "1.12", 2021: "1.22", 2022: "1.13", 2023: "1.07", 2024: "1.09", 2025: "1.04"},
    "GBP": {2020: "0.85", 2021: "0.90", 2022: "0.84", 2023: "0.89", 2024: "0.87", 2025: "0.83"},
    "PLN": {2020: "4.26", 2021: "4.56", 2022: "4.58", 2023: "4.69", 2024: "4.35", 2025: "4.27"},
    "SEK": {2020: "10.51", 2021: "10.03", 2022: "10.27", 2023: "11.17", 2024: "11.10"},
}
_STARTED = {Status.ONGOING, Status.EVALUATING, Status.COMPLETED}


@dataclass(frozen=True)
class Placed:
    """What the costs of a placement depend on."""

    id: int
    mode: Mode
    status: Status
    start: date
    end: date


def money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _convert(amount: object, currency: str, to: str) -> Decimal:
    """Roughly, at the latest demo rate: enough to size a budget."""
    assert isinstance(amount, Decimal)
    rate = {code: Decimal(by_year[max(by_year)]) for code, by_year in RATES.items()}
    rate["EUR"] = Decimal(1)
    return amount / rate[currency] * rate[to]


class FundingRows:
    """Rows for funding_source, budget_line, exchange_rate and cost_item (and cost_share)."""

    def __init__(self, rng: random.Random, today: date, stamp: Row) -> None:
        self.rng, self.today, self.stamp = rng, today, stamp
        self.erasmus: dict[int, int] = {}  # call year → source id
        self.fund: dict[int, int] = {}  # calendar year → source id
        self.foundation = 0

    def rates(self) -> list[Row]:
        rows = []
        for currency, by_year in RATES.items():
            last = by_year[max(by_year)]
            for year in range(2020, self.today.year + 1):
                value = by_year.get(year, last)
                rows.append({"currency": currency, "valid_from": date(year, 1, 1), "rate": value})
        return rows

    def sources(self, placed: Sequence[Placed], new_ids: list[int]) -> list[Row]:
        """The sources, without their amounts yet (`budgets` sets them from what they paid).

        `new_ids` must hold at least `source_count(placed)` ids.
        """
        years = sorted({p.start.year for p in placed if p.status is not Status.CANCELLED})
        ids = iter(new_ids)
        sources: list[Row] = []

        def add(name: str, kind: FundingKind, currency: str, start: date, end: date,
                reference: str | None) -> int:  # fmt: skip
            source_id = next(ids)
            row: Row = {
                "id": source_id,
                "name": name,
                "kind": kind.value,
                "currency": currency,
                "amount_awarded": Decimal(0),
                "period_start": start,
                "period_end": end,
                "reference": reference,
            }
            sources.append(row | self.stamp)
            return source_id

        for year in years:
            self.erasmus[year] = add(
                f"Erasmus+ KA131 mobility {year}", FundingKind.PROGRAMME, "EUR",
                date(year - 1, 6, 1), date(year + 1, 5, 31), f"{year}-1-KA131-HED-{year % 97:06d}",
            )  # fmt: skip
            self.fund[year] = add(
                f"Internationalisation fund {year}", FundingKind.INSTITUTION, "EUR",
                date(year, 1, 1), date(year, 12, 31), None,
            )  # fmt: skip
        first = date(years[0], 1, 1) if years else self.today
        self.foundation = add(
            "Digital Mobility Foundation", FundingKind.FOUNDATION, "GBP",
            first, date(self.today.year + 1, 12, 31), "DMF-22-118",
        )  # fmt: skip
        return sources

    def budgets(self, sources: list[Row], items: Sequence[Row]) -> list[Row]:
        """Award each source about what it paid, line by line: most lines a little over what
        was spent, some under it (overspent). A source that paid nothing yet has no lines."""
        spent: dict[tuple[int, str], Decimal] = {}
        currency_of = {row["id"]: str(row["currency"]) for row in sources}
        for item in items:
            source = item["source_id"]
            if isinstance(source, int):
                amount = _convert(item["amount"], str(item["currency"]), currency_of[source])
                key = (source, str(item["category"]))
                spent[key] = spent.get(key, Decimal(0)) + amount
        lines: list[Row] = []
        for index, row in enumerate(sources):
            total = Decimal(0)
            tight = index % 4 == 2  # one source in four ran over its award
            for (source, category), amount in sorted(spent.items()):
                if source != row["id"]:
                    continue
                factor = Decimal(self.rng.choice(("1.05", "1.1", "1.15", "1.2", "1.3")))
                if tight or self.rng.random() < 0.1:
                    factor = Decimal("0.9")
                budget = (amount * factor / 100).quantize(Decimal(1)) * 100  # whole hundreds
                lines.append({"source_id": source, "category": category, "amount": budget})
                total += budget
            row["amount_awarded"] = total
        # A call for placements still to start: awarded like the last one, nothing spent yet.
        awarded: dict[object, Decimal] = {}
        for row in sources:
            amount = row["amount_awarded"]
            assert isinstance(amount, Decimal)
            if amount:
                awarded[row["kind"]] = amount
            else:
                row["amount_awarded"] = awarded.get(row["kind"], Decimal(10000))
        return lines

    @staticmethod
    def source_count(placed: Sequence[Placed]) -> int:
        return 2 * len({p.start.year for p in placed if p.status is not Status.CANCELLED}) + 1

    def costs(self, placed: Sequence[Placed]) -> list[Row]:
        """Each started placement's own costs (cost_item rows without ids)."""
        rng, rows = self.rng, list[Row]()
        for p in placed:
            if p.status not in _STARTED:
                continue
            months = max(1, round((p.end - p.start).days / 30))

            cost = self._coster(rows, p.id)
            hours = Decimal(rng.randint(8, 28)) / 2
            rate = Decimal("42.00")
            cost(
                CostCategory.STAFF_TIME,
                "Coordinator time: preparation and monitoring",
                money(hours * rate),
                "EUR",
                p.start,
                self.fund.get(p.start.year),
                hours=hours,
                hourly_rate=rate,
            )
            erasmus = self.erasmus.get(p.start.year)
            if p.mode is Mode.PHYSICAL:
                cost(
                    CostCategory.STUDENT_GRANT,
                    f"Erasmus+ grant, {months} months",
                    money(540 * months),
                    "EUR",
                    p.start,
                    erasmus,
                )
                currency = rng.choice(("EUR", "EUR", "GBP", "SEK"))
                rent = {"EUR": 620, "GBP": 690, "SEK": 7400}[currency]
                cost(
                    CostCategory.ACCOMMODATION,
                    "Accommodation",
                    money(rent * months),
                    currency,
                    p.start,
                    erasmus,
                    invoice_reference=f"ACC-{p.id}",
                )
            if p.mode is not Mode.VIRTUAL:
                currency = rng.choice(("EUR", "EUR", "GBP", "USD"))
                fare = money(rng.randint(120, 900))
                cost(
                    CostCategory.TRAVEL,
                    "Return journey for the face-to-face period",
                    fare,
                    currency,
                    p.start - timedelta(days=rng.randint(7, 40)),
                    erasmus,
                    invoice_reference=f"TRV-{p.id}",
                )
            if p.mode is Mode.BLENDED:
                days = rng.randint(5, 30)
                cost(
                    CostCategory.STUDENT_GRANT,
                    f"Erasmus+ grant, {days} physical days",
                    money(79 * days),
                    "EUR",
                    p.start,
                    erasmus,
                )
            if p.mode is not Mode.PHYSICAL and rng.random() < 0.3:
                currency = rng.choice(("GBP", "PLN", "USD", "EUR"))
                price = {"GBP": 25, "PLN": 120, "USD": 35, "EUR": 30}[currency]
                cost(
                    CostCategory.CONNECTIVITY,
                    "Mobile data package for video meetings",
                    money(price * months),
                    currency,
                    p.start,
                    self.foundation,
                )
        return rows

    def _coster(self, rows: list[Row], placement_id: int) -> Callable[..., None]:
        """Adds a direct cost of `placement_id` to `rows`."""

        def cost(
            category: CostCategory,
            text: str,
            amount: Decimal,
            currency: str,
            day: date,
            source: int | None,
            **extra: Decimal | str | None,
        ) -> None:
            row: Row = {
                "category": category.value,
                "description": text,
                "amount": amount,
                "currency": currency,
                "spent_on": min(day, self.today),
                "hours": None,
                "hourly_rate": None,
                "source_id": source,
                "invoice_reference": None,
                "placement_id": placement_id,
                "rule": AllocationRule.EQUALLY.value,
                "share_year": None,
                "share_mode": None,
                "notes": None,
            }
            rows.append(row | extra | self.stamp)

        return cost

    def shared(self, placed: Sequence[Placed]) -> tuple[list[Row], list[tuple[int, list[int]]]]:
        """Each year's shared costs, and groups (item index, placement ids) to share by name."""
        rng, rows, groups = self.rng, [], []
        years = Counter((p.start.year, p.mode) for p in placed if p.status is not Status.CANCELLED)
        for (year, mode), _count in sorted(
            years.items(), key=lambda kv: (kv[0][0], kv[0][1].value)
        ):
            if date(year, 1, 1) > self.today:
                continue
            day = min(date(year, 2, 1), self.today)
            item = {
                "hours": None,
                "hourly_rate": None,
                "placement_id": None,
                "notes": None,
                "share_year": year,
                "share_mode": mode.value,
            } | self.stamp
            if mode is not Mode.PHYSICAL:
                rows.append(
                    item
                    | {
                        "category": CostCategory.SOFTWARE.value,
                        "currency": "USD",
                        "description": f"Video-conferencing and whiteboard licences {year}",
                        "amount": money(rng.randint(1800, 4200)),
                        "spent_on": day,
                        "source_id": self.fund.get(year),
                        "invoice_reference": f"LIC-{year}",
                        "rule": AllocationRule.EQUALLY.value,
                    }
                )
            rows.append(
                item
                | {
                    "category": CostCategory.TRAINING.value,
                    "currency": "EUR",
                    "description": f"Intercultural course {year} ({mode.label.lower()})",
                    "amount": money(rng.randint(900, 2500)),
                    "spent_on": day,
                    "source_id": self.erasmus.get(year),
                    "invoice_reference": None,
                    "rule": AllocationRule.FUNDED_DAYS.value,
                }
            )
            rows.append(
                item
                | {
                    "category": CostCategory.INSURANCE.value,
                    "currency": "EUR",
                    "description": f"Group liability and accident insurance {year}",
                    "amount": money(rng.randint(400, 1200)),
                    "spent_on": day,
                    "source_id": self.fund.get(year),
                    "invoice_reference": f"INS-{year}",
                    "rule": AllocationRule.EQUALLY.value,
                }
            )
        by_year: dict[int, list[int]] = {}
        for p in placed:
            if p.status in _STARTED:
                by_year.setdefault(p.start.year, []).append(p.id)
        for year, ids in sorted(by_year.items()):
            group = rng.sample(ids, min(len(ids), rng.randint(6, 12)))
            groups.append((len(rows), sorted(group)))
            workshop: Row = {
                "category": CostCategory.MATERIALS.value,
                "currency": "EUR",
                "description": f"Kick-off workshop {year}: venue and materials",
                "amount": money(rng.randint(300, 800)),
                "spent_on": min(date(year, 3, 15), self.today),
                "hours": None,
                "hourly_rate": None,
                "source_id": self.fund.get(year),
                "invoice_reference": None,
                "placement_id": None,
                "rule": AllocationRule.EQUALLY.value,
                "share_year": None,
                "share_mode": None,
                "notes": "Shared by the placements that took part.",
            }
            rows.append(workshop | self.stamp)
        return rows, groups


def add_demo_funding(
    session: Session,
    new_ids: Callable[[str, int], list[int]],
    insert: Callable[[str, list[Row]], None],
    rng: random.Random,
    today: date,
    stamp: Row,
) -> int:
    """Write the money of every placement in the session's database; returns the cost items."""
    query = select(
        Placement.id,
        Placement.mode,
        Placement.status,
        Placement.planned_start,
        Placement.planned_end,
    ).order_by(Placement.id)
    placed = [Placed(*row) for row in session.execute(query)]
    rows = FundingRows(rng, today, stamp)
    insert("exchange_rate", rows.rates())
    sources = rows.sources(placed, new_ids("funding_source", rows.source_count(placed)))
    items = rows.costs(placed)
    shared, groups = rows.shared(placed)
    every = items + shared
    lines = rows.budgets(sources, every)
    insert("funding_source", sources)
    insert("budget_line", lines)
    for row, new_id in zip(every, new_ids("cost_item", len(every)), strict=True):
        row["id"] = new_id
    insert("cost_item", items)
    insert("cost_item", shared)
    shares: list[Row] = [
        {"cost_item_id": shared[index]["id"], "placement_id": placement_id}
        for index, ids in groups
        for placement_id in ids
    ]
    insert("cost_share", shares)
    return len(every)
