"""Funding sources with their budget lines, and cost items: validation, load, save, delete.

A cost item belongs to one placement (direct), or is shared: among placements it names, or among
the placements of a year (optionally of one mode). How a shared cost is split is its rule; see
`vipdesk.services.funding.costs`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from vipdesk.models import (
    AllocationRule,
    BudgetLine,
    CostCategory,
    CostItem,
    CostShare,
    FundingKind,
    FundingSource,
    Mode,
    Placement,
)
from vipdesk.models.base import bump_version
from vipdesk.phrase import Count, Day, Label
from vipdesk.services.funding.currency import is_currency
from vipdesk.services.trash.bin import keep_deleted


@dataclass
class SourceForm:
    id: int | None = None
    version: int | None = None
    name: str = ""
    kind: FundingKind = FundingKind.PROGRAMME
    currency: str = "EUR"
    amount_awarded: Decimal | None = None
    period_start: date | None = None
    period_end: date | None = None
    reference: str = ""
    budget: dict[CostCategory, Decimal] = field(default_factory=dict)
    updated_by: str | None = None


@dataclass
class CostForm:
    """A cost item; `placement_id` for a direct cost, `shared_with` or `share_year` if shared."""

    id: int | None = None
    version: int | None = None
    category: CostCategory = CostCategory.MATERIALS
    description: str = ""
    amount: Decimal | None = None
    currency: str = "EUR"
    spent_on: date | None = None
    hours: Decimal | None = None
    hourly_rate: Decimal | None = None
    source_id: int | None = None
    invoice_reference: str = ""
    placement_id: int | None = None
    shared_with: list[int] = field(default_factory=list)
    share_year: int | None = None
    share_mode: Mode | None = None
    rule: AllocationRule = AllocationRule.EQUALLY
    notes: str = ""
    updated_by: str | None = None

    @property
    def shared(self) -> bool:
        return self.placement_id is None


@dataclass(frozen=True)
class SourcePeriod:
    """What a cost's validation needs to know about its funding source."""

    name: str
    start: date
    end: date


REFERENCE_LIMIT = 100  # FundingSource.reference, CostItem.invoice_reference: String(100)


def _not_money(value: Decimal | None) -> bool:
    return value is not None and value != value.quantize(Decimal("0.01"))


def validate_source(form: SourceForm) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def problem(name: str, template: str, **values: object) -> None:
        problems.append(FieldProblem.said(name, template, **values))

    if not form.name.strip():
        problem("name", "Name the funding source, e.g. 'Erasmus+ KA131 2024'.")
    elif len(form.name) > 200:
        problem("name", "The name is longer than 200 characters.")
    if not is_currency(form.currency):
        problem(
            "currency", "'{code}' is not an ISO 4217 currency code (e.g. EUR).", code=form.currency
        )
    if form.amount_awarded is None:
        problem("amount_awarded", "Enter the amount awarded.")
    elif form.amount_awarded < 0:
        problem("amount_awarded", "The amount awarded cannot be negative.")
    elif _not_money(form.amount_awarded):
        problem("amount_awarded", "Enter the amount to the cent (two decimals at most).")
    if form.period_start is None:
        problem("period_start", "Enter the first day the source pays for.")
    if form.period_end is None:
        problem("period_end", "Enter the last day the source pays for.")
    if form.period_start and form.period_end and form.period_end < form.period_start:
        problem("period_end", "The period ends before it starts.")
    for category, amount in form.budget.items():
        if amount < 0 or _not_money(amount):
            problem(
                "budget",
                "{category}: enter a budget of zero or more, to the cent.",
                category=Label(category.label),
            )
    if len(form.reference.strip()) > REFERENCE_LIMIT:
        problem(
            "reference",
            "The reference is longer than {limit} characters.",
            limit=Count(REFERENCE_LIMIT),
        )
    return problems


def validate_cost(form: CostForm, source: SourcePeriod | None = None) -> list[FieldProblem]:
    """Rules for a cost item; `source` is its funding source, to check the date against."""
    problems: list[FieldProblem] = []

    def problem(name: str, template: str, **values: object) -> None:
        problems.append(FieldProblem.said(name, template, **values))

    if not form.description.strip():
        problem("description", "Describe the cost, e.g. 'Laptop for the student'.")
    elif len(form.description) > 200:
        problem("description", "The description is longer than 200 characters.")
    if not is_currency(form.currency):
        problem(
            "currency", "'{code}' is not an ISO 4217 currency code (e.g. EUR).", code=form.currency
        )
    if form.hours is not None and form.hours < 0:
        problem("hours", "Hours cannot be negative.")
    if form.hourly_rate is not None and form.hourly_rate < 0:
        problem("hourly_rate", "The hourly rate cannot be negative.")
    amount = staff_amount(form) if form.amount is None else form.amount
    if amount is None:
        problem("amount", "Enter the amount (or, for staff time, the hours and hourly rate).")
    elif amount < 0:
        problem("amount", "The amount cannot be negative; enter a refund as its own note.")
    elif _not_money(amount):
        problem("amount", "Enter the amount to the cent (two decimals at most).")
    if form.spent_on is None:
        problem("spent_on", "Enter the date of the cost (it chooses the exchange rate).")
    elif source is not None and not source.start <= form.spent_on <= source.end:
        problem(
            "spent_on",
            "{day} is outside the period of {source} ({start} to {end}).",
            day=Day(form.spent_on, padded=True),
            source=source.name,
            start=Day(source.start, padded=True),
            end=Day(source.end, padded=True),
        )
    if form.placement_id is not None and (form.shared_with or form.share_year is not None):
        problem("placement_id", "A cost is either for one placement or shared, not both.")
    if form.placement_id is None and not form.shared_with and form.share_year is None:
        problem("shared_with", "Choose the placement, or the placements or year to share among.")
    if form.shared_with and form.share_year is not None:
        problem("share_year", "Share among the placements listed or among a year, not both.")
    if len(form.invoice_reference.strip()) > REFERENCE_LIMIT:
        problem(
            "invoice_reference",
            "The invoice reference is longer than {limit} characters.",
            limit=Count(REFERENCE_LIMIT),
        )
    if len(form.notes.strip()) > limits.NOTE:
        problem("notes", "The notes are longer than {limit} characters.", limit=Count(limits.NOTE))
    return problems


def staff_amount(form: CostForm) -> Decimal | None:
    """Hours times the hourly rate, to the cent, when both are given."""
    if form.hours is None or form.hourly_rate is None:
        return None
    return (form.hours * form.hourly_rate).quantize(Decimal("0.01"))


# --- sources -------------------------------------------------------------------------------


def _source_form(source: FundingSource) -> SourceForm:
    return SourceForm(
        id=source.id,
        version=source.version,
        name=source.name,
        kind=source.kind,
        currency=source.currency,
        amount_awarded=source.amount_awarded,
        period_start=source.period_start,
        period_end=source.period_end,
        reference=source.reference or "",
        budget={line.category: line.amount for line in source.budget_lines},
        updated_by=source.updated_by,
    )


def _get_source(session: Session, source_id: int) -> FundingSource:
    source = session.get(
        FundingSource, source_id, options=[selectinload(FundingSource.budget_lines)]
    )
    if source is None:
        raise NotFoundError.said("This funding source no longer exists.")
    return source


def load_source(db: Database, source_id: int) -> SourceForm:
    with db.session() as session:
        return _source_form(_get_source(session, source_id))


def list_sources(db: Database) -> list[SourceForm]:
    with db.session() as session:
        rows = session.scalars(
            select(FundingSource)
            .options(selectinload(FundingSource.budget_lines))
            .order_by(FundingSource.period_start, FundingSource.name)
        ).all()
        return [_source_form(s) for s in rows]


def save_source(db: Database, form: SourceForm, user: str | None = None) -> SourceForm:
    """Create or update a source and its budget lines.

    Raises:
        ValidationError: a rule is broken (or the name is taken); nothing is saved.
        ConflictError: someone saved the source after `form.version` was read.
    """
    problems = validate_source(form)
    if problems:
        raise ValidationError(problems)
    assert form.amount_awarded is not None and form.period_start and form.period_end
    try:
        with db.session(user) as session:
            taken = session.scalar(
                select(FundingSource.id).where(
                    FundingSource.name == form.name.strip(), FundingSource.id != (form.id or -1)
                )
            )
            if taken is not None:
                raise ValidationError.on("name", "Another funding source has this name.")
            if form.id is None:
                source = FundingSource()
                session.add(source)
            else:
                source = _get_source(session, form.id)
                if source.version != form.version:
                    raise ConflictError(
                        "funding source", theirs=_source_form(source), changed_by=source.updated_by
                    )
            source.name = form.name.strip()
            source.kind = form.kind
            source.currency = form.currency
            source.amount_awarded = form.amount_awarded
            source.period_start, source.period_end = form.period_start, form.period_end
            source.reference = form.reference.strip() or None
            lines = {line.category: line for line in source.budget_lines}
            for category, amount in form.budget.items():
                line = lines.pop(category, None)
                if line is None:
                    source.budget_lines.append(BudgetLine(category=category, amount=amount))
                else:
                    line.amount = amount
            for line in lines.values():
                source.budget_lines.remove(line)
            flag_modified(source, "name")  # a change to a budget line is a new version too
            session.flush()
            return _source_form(source)
    except StaleDataError as exc:
        raise ConflictError("funding source") from exc


def delete_source(db: Database, source_id: int, user: str | None = None) -> None:
    with db.session(user) as session:
        source = _get_source(session, source_id)
        used = session.scalar(select(CostItem.id).where(CostItem.source_id == source_id).limit(1))
        if used is not None:
            raise ValidationError.on(
                "source_id",
                "{source} pays for cost items; move or delete them first.",
                source=source.name,
            )
        session.delete(source)


# --- cost items ----------------------------------------------------------------------------


def _cost_form(item: CostItem) -> CostForm:
    return CostForm(
        id=item.id,
        version=item.version,
        category=item.category,
        description=item.description,
        amount=item.amount,
        currency=item.currency,
        spent_on=item.spent_on,
        hours=item.hours,
        hourly_rate=item.hourly_rate,
        source_id=item.source_id,
        invoice_reference=item.invoice_reference or "",
        placement_id=item.placement_id,
        shared_with=sorted(s.placement_id for s in item.shares),
        share_year=item.share_year,
        share_mode=item.share_mode,
        rule=item.rule,
        notes=item.notes or "",
        updated_by=item.updated_by,
    )


def _get_cost(session: Session, cost_id: int) -> CostItem:
    item = session.get(CostItem, cost_id, options=[selectinload(CostItem.shares)])
    if item is None:
        raise NotFoundError.said("This cost item no longer exists.")
    return item


def load_cost(db: Database, cost_id: int) -> CostForm:
    with db.session() as session:
        return _cost_form(_get_cost(session, cost_id))


def list_costs(db: Database, *, placement_id: int | None = None) -> list[CostForm]:
    """All cost items by date, or only the direct ones of one placement."""
    query = select(CostItem).options(selectinload(CostItem.shares))
    if placement_id is not None:
        query = query.where(CostItem.placement_id == placement_id)
    with db.session() as session:
        items = session.scalars(query.order_by(CostItem.spent_on, CostItem.id)).all()
        return [_cost_form(i) for i in items]


def _source_period(session: Session, source_id: int | None) -> SourcePeriod | None:
    if source_id is None:
        return None
    source = session.get(FundingSource, source_id)
    if source is None:
        raise ValidationError.on("source_id", "This funding source no longer exists.")
    return SourcePeriod(source.name, source.period_start, source.period_end)


def save_cost(db: Database, form: CostForm, user: str | None = None) -> CostForm:
    """Create or update a cost item.

    Raises:
        ValidationError: a rule is broken (checked against the funding source's period too).
        ConflictError: someone saved the item after `form.version` was read.
    """
    try:
        with db.session(user) as session:
            problems = validate_cost(form, _source_period(session, form.source_id))
            if problems:
                raise ValidationError(problems)
            wanted = {form.placement_id, *form.shared_with} - {None}
            found = set(session.scalars(select(Placement.id).where(Placement.id.in_(wanted))))
            if found != wanted:
                raise ValidationError.on("shared_with", "A placement chosen no longer exists.")
            if form.id is None:
                item = CostItem()
                session.add(item)
            else:
                item = _get_cost(session, form.id)
                if item.version != form.version:
                    raise ConflictError(
                        "cost item", theirs=_cost_form(item), changed_by=item.updated_by
                    )
            amount = staff_amount(form) if form.amount is None else form.amount
            assert amount is not None and form.spent_on is not None
            item.category, item.description = form.category, form.description.strip()
            item.amount, item.currency, item.spent_on = amount, form.currency, form.spent_on
            item.hours, item.hourly_rate = form.hours, form.hourly_rate
            item.source_id = form.source_id
            item.invoice_reference = form.invoice_reference.strip() or None
            item.placement_id = form.placement_id
            item.share_year, item.share_mode = form.share_year, form.share_mode
            item.rule, item.notes = form.rule, form.notes.strip() or None
            keep = {s.placement_id: s for s in item.shares}
            if form.id is not None and sorted(keep) != sorted(form.shared_with):
                bump_version(item)  # only the shares changed: the version must move all the same
            item.shares = [keep.get(p) or CostShare(placement_id=p) for p in form.shared_with]
            session.flush()
            return _cost_form(item)
    except StaleDataError as exc:
        raise ConflictError("cost item") from exc


def delete_cost(db: Database, cost_id: int, user: str | None = None) -> None:
    with db.session(user) as session:
        item = _get_cost(session, cost_id)
        label = f"{item.description} ({item.amount} {item.currency}, {item.spent_on:%d %b %Y})"
        keep_deleted(session, "cost", cost_id, label)  # restorable for 30 days
        session.delete(item)
