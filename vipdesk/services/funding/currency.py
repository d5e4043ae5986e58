"""Currencies (ISO 4217), the base currency setting and conversion by exchange rates by date.

A rate says how many units of a currency one unit of the base currency buys (the convention of
the ECB's reference rates), valid from its date until the next one. A conversion uses the rate
valid on the cost's date: the latest on or before it. A missing rate is an error, never guessed.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vipdesk.db import Database
from vipdesk.errors import ConflictError, FieldProblem, ValidationError, VipdeskError
from vipdesk.models import ExchangeRate, Setting
from vipdesk.phrase import Day, Phrase
from vipdesk.resources import load_json
from vipdesk.services.settings import store_settings

DEFAULT_BASE_CURRENCY = "EUR"
BASE_CURRENCY_KEY = "base_currency"
CENT = Decimal("0.01")


class MissingRateError(VipdeskError):
    """No exchange rate is known for a currency on (or before) a date."""

    def __init__(self, currency: str, on: date, base: str) -> None:
        self.currency, self.on, self.base = currency, on, base
        self.phrase = Phrase(
            "There is no exchange rate for {currency} on or before {day} (against {base}). "
            "Enter one, or import them from a CSV file.",
            {"currency": currency, "day": Day(on, padded=True), "base": base},
        )
        super().__init__(self.phrase.english())


@cache
def currencies() -> dict[str, str]:
    """ISO 4217 code → English name."""
    data: dict[str, str] = load_json("currencies.json")["currencies"]
    return data


def is_currency(code: str | None) -> bool:
    return bool(code) and code is not None and code in currencies()


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str) -> str:
    """`1,035.00 EUR`: the code after the figure, which reads the same for every currency."""
    return f"{money(amount):,.2f} {currency}"


# --- the base currency ---------------------------------------------------------------------


def base_currency(db: Database) -> str:
    with db.session() as session:
        row = session.scalar(select(Setting).where(Setting.key == BASE_CURRENCY_KEY))
        return row.value if row is not None else DEFAULT_BASE_CURRENCY


def set_base_currency(db: Database, code: str, user: str | None = None) -> None:
    code = code.strip().upper()
    if not is_currency(code):
        raise ValidationError.on(
            "base_currency", "'{code}' is not an ISO 4217 currency.", code=code
        )
    store_settings(db, {BASE_CURRENCY_KEY: code}, user, what="base currency")


# --- rates ---------------------------------------------------------------------------------


@dataclass
class RateTable:
    """Rates by currency, sorted by date, for converting without going back to the database."""

    base: str
    _dates: dict[str, list[date]] = field(default_factory=dict)
    _rates: dict[str, list[Decimal]] = field(default_factory=dict)

    @classmethod
    def of(cls, base: str, rates: Iterable[tuple[str, date, Decimal]]) -> RateTable:
        table = cls(base)
        for currency, valid_from, rate in sorted(rates, key=lambda r: (r[0], r[1])):
            table._dates.setdefault(currency, []).append(valid_from)
            table._rates.setdefault(currency, []).append(rate)
        return table

    def rate(self, currency: str, on: date) -> Decimal:
        """Units of `currency` per unit of the base on `on`: the latest rate on or before it."""
        if currency == self.base:
            return Decimal(1)
        dates = self._dates.get(currency, [])
        i = bisect.bisect_right(dates, on)
        if i == 0:
            raise MissingRateError(currency, on, self.base)
        return self._rates[currency][i - 1]

    def stored(self, currency: str, valid_from: date) -> Decimal | None:
        """The rate stored as valid from exactly that day, or None."""
        dates = self._dates.get(currency, [])
        return self._rates[currency][dates.index(valid_from)] if valid_from in dates else None

    def to_base(self, amount: Decimal, currency: str, on: date) -> Decimal:
        return money(amount / self.rate(currency, on))

    def convert(self, amount: Decimal, currency: str, target: str, on: date) -> Decimal:
        if currency == target:
            return money(amount)
        return money(amount / self.rate(currency, on) * self.rate(target, on))


def load_rates(db: Database) -> RateTable:
    base = base_currency(db)
    with db.session() as session:
        rows = session.execute(
            select(ExchangeRate.currency, ExchangeRate.valid_from, ExchangeRate.rate)
        ).all()
    return RateTable.of(base, [(c, d, Decimal(r)) for c, d, r in rows])


def convert(db: Database, amount: Decimal, currency: str, on: date) -> Decimal:
    """`amount` in the base currency at the rate valid on `on`.

    Raises:
        MissingRateError: no rate for `currency` on or before `on`.
    """
    return load_rates(db).to_base(amount, currency, on)


def _check_rate(currency: str, rate: Decimal, line: int | None) -> list[FieldProblem]:
    """What is wrong with a rate; `line`: the file's line it was read from, if any."""
    problems = []
    if not is_currency(currency) and line is None:
        problems.append(
            FieldProblem.said("currency", "'{code}' is not an ISO 4217 code.", code=currency)
        )
    elif not is_currency(currency):
        problems.append(
            FieldProblem.said(
                "currency",
                "Line {line}: '{code}' is not an ISO 4217 code.",
                line=line,
                code=currency,
            )
        )
    if rate <= 0 and line is None:
        problems.append(FieldProblem.said("rate", "A rate must be more than zero."))
    elif rate <= 0:
        problems.append(
            FieldProblem.said("rate", "Line {line}: a rate must be more than zero.", line=line)
        )
    return problems


def set_rates(
    db: Database, rates: Iterable[tuple[str, date, Decimal]], user: str | None = None
) -> int:
    """Store rates, replacing one already stored for the same currency and date."""
    rows = list(rates)
    problems = [p for c, _d, r in rows for p in _check_rate(c, r, None)]
    if problems:
        raise ValidationError(problems)
    try:
        with db.session(user) as session:
            for currency, valid_from, rate in rows:
                stored = session.scalar(
                    select(ExchangeRate).where(
                        ExchangeRate.currency == currency, ExchangeRate.valid_from == valid_from
                    )
                )
                if stored is None:
                    session.add(ExchangeRate(currency=currency, valid_from=valid_from, rate=rate))
                else:
                    stored.rate = rate
    except IntegrityError as exc:
        # Someone stored a rate for the same currency and day between our read and our write.
        # The same rate is the outcome wanted; another one must not be replaced unseen.
        table = load_rates(db)
        differ = [(c, d) for c, d, r in rows if table.stored(c, d) != r]
        if differ:
            currency, day = differ[0]
            conflict = ConflictError(f"rate of {currency} for {day:%d %b %Y}")
            conflict.phrase = Phrase(
                "This rate of {currency} for {day} was changed after you opened it.",
                {"currency": currency, "day": Day(day, padded=True)},
            )
            raise conflict from exc
    return len(rows)


def parse_rates_csv(text: str) -> list[tuple[str, date, Decimal]]:
    """Rows of `date,currency,rate` (a header line is allowed), checked line by line.

    Raises:
        ValidationError: one problem per bad line, naming the line.
    """
    rows: list[tuple[str, date, Decimal]] = []
    problems: list[FieldProblem] = []
    for number, record in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not record or not "".join(record).strip():
            continue
        if number == 1 and record[0].strip().lower() == "date":
            continue
        if len(record) != 3:
            problems.append(
                FieldProblem.said("file", "Line {line}: expected date,currency,rate.", line=number)
            )
            continue
        day_text, code, rate_text = (cell.strip() for cell in record)
        try:
            day = date.fromisoformat(day_text)
            rate = Decimal(rate_text)
        except (ValueError, InvalidOperation):
            problems.append(
                FieldProblem.said(
                    "file",
                    "Line {line}: write the date as YYYY-MM-DD and the rate as 1.0825.",
                    line=number,
                )
            )
            continue
        found = _check_rate(code.upper(), rate, number)
        problems.extend(found)
        if not found:
            rows.append((code.upper(), day, rate))
    if problems:
        raise ValidationError(problems)
    return rows


def import_rates_csv(db: Database, text: str, user: str | None = None) -> int:
    """Parse and store the rates of a CSV file; nothing is stored when a line is wrong."""
    return set_rates(db, parse_rates_csv(text), user)


@dataclass(frozen=True)
class RateRow:
    currency: str
    valid_from: date
    rate: Decimal


def list_rates(db: Database) -> list[RateRow]:
    with db.session() as session:
        rows = session.scalars(
            select(ExchangeRate).order_by(ExchangeRate.currency, ExchangeRate.valid_from)
        ).all()
        return [RateRow(r.currency, r.valid_from, r.rate) for r in rows]
