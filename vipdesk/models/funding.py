"""Money for placements: funding sources and their budget lines, cost items, exchange rates.

Amounts are `Decimal` in `Numeric` columns with an ISO 4217 currency beside them; never float.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.enums import Mode
from vipdesk.models.base import Base, Versioned, enum_column

MONEY = Numeric(14, 2)


class FundingKind(enum.StrEnum):
    PROGRAMME = "programme"
    INSTITUTION = "institution"
    GOVERNMENT = "government"
    FOUNDATION = "foundation"
    HOST_COMPANY = "host_company"

    @property
    def label(self) -> str:
        return {
            "programme": "Programme grant (e.g. Erasmus+)",
            "institution": "Institution",
            "government": "Government",
            "foundation": "Foundation",
            "host_company": "Host company",
        }[self.value]


class CostCategory(enum.StrEnum):
    STAFF_TIME = "staff_time"
    EQUIPMENT = "equipment"
    CONNECTIVITY = "connectivity"
    SOFTWARE = "software"
    TRAINING = "training"
    TRAVEL = "travel"
    ACCOMMODATION = "accommodation"
    CERTIFICATES = "certificates"
    MATERIALS = "materials"
    INSURANCE = "insurance"
    STUDENT_GRANT = "student_grant"

    @property
    def label(self) -> str:
        return {
            "staff_time": "Staff time",
            "equipment": "Equipment",
            "connectivity": "Connectivity and data packages",
            "software": "Software and licences",
            "training": "Training",
            "travel": "Travel for face-to-face periods",
            "accommodation": "Accommodation",
            "certificates": "Certificates",
            "materials": "Materials",
            "insurance": "Insurance",
            "student_grant": "Grants paid to students",
        }[self.value]


class AllocationRule(enum.StrEnum):
    EQUALLY = "equally"
    FUNDED_DAYS = "funded_days"
    CREDITS = "credits"

    @property
    def label(self) -> str:
        return {
            "equally": "Equally",
            "funded_days": "By funded days",
            "credits": "By credits",
        }[self.value]


class Setting(Base):
    """A setting shared by everyone using the database (such as the base currency)."""

    __tablename__ = "setting"

    id: Mapped[int] = mapped_column(primary_key=True)  # the audit trail files rows by id
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(String(200))

    def __str__(self) -> str:
        return self.key.replace("_", " ")


class FundingSource(Versioned, Base):
    __tablename__ = "funding_source"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="end_after_start"),
        CheckConstraint("amount_awarded >= 0", name="awarded_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[FundingKind] = mapped_column(enum_column(FundingKind, "funding_kind"))
    currency: Mapped[str] = mapped_column(String(3))
    amount_awarded: Mapped[Decimal] = mapped_column(MONEY)
    period_start: Mapped[date]
    period_end: Mapped[date]
    reference: Mapped[str | None] = mapped_column(String(100))

    budget_lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="BudgetLine.category"
    )

    def __str__(self) -> str:
        return self.name


class BudgetLine(Base):
    """What a source sets aside for one cost category, in the source's currency."""

    __tablename__ = "budget_line"
    __table_args__ = (
        UniqueConstraint("source_id", "category"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("funding_source.id", ondelete="CASCADE"))
    category: Mapped[CostCategory] = mapped_column(enum_column(CostCategory, "budget_category"))
    amount: Mapped[Decimal] = mapped_column(MONEY)

    source: Mapped[FundingSource] = relationship(back_populates="budget_lines")

    def __str__(self) -> str:
        return f"budget line {self.category.value}"


class CostItem(Versioned, Base):
    """A cost for one placement, or shared among several (listed, or a year with a filter)."""

    __tablename__ = "cost_item"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("placement_id IS NULL OR share_year IS NULL", name="direct_or_shared"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[CostCategory] = mapped_column(enum_column(CostCategory, "cost_category"))
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    spent_on: Mapped[date] = mapped_column(index=True)
    hours: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    hourly_rate: Mapped[Decimal | None] = mapped_column(MONEY)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_source.id", ondelete="RESTRICT"), index=True
    )
    invoice_reference: Mapped[str | None] = mapped_column(String(100))
    placement_id: Mapped[int | None] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[AllocationRule] = mapped_column(
        enum_column(AllocationRule, "allocation_rule"), default=AllocationRule.EQUALLY
    )
    share_year: Mapped[int | None]
    share_mode: Mapped[Mode | None] = mapped_column(enum_column(Mode, "share_mode"))
    notes: Mapped[str | None] = mapped_column(Text)

    shares: Mapped[list[CostShare]] = relationship(cascade="all, delete-orphan")

    def __str__(self) -> str:
        return f"cost item {self.description}"


class CostShare(Base):
    """One placement a shared cost item is shared among."""

    __tablename__ = "cost_share"
    __table_args__ = (UniqueConstraint("cost_item_id", "placement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cost_item_id: Mapped[int] = mapped_column(ForeignKey("cost_item.id", ondelete="CASCADE"))
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True
    )

    def __str__(self) -> str:
        return "share of a cost item"


class ExchangeRate(Base):
    """Units of `currency` worth one unit of the base currency, valid from a date on."""

    __tablename__ = "exchange_rate"
    __table_args__ = (
        UniqueConstraint("currency", "valid_from"),
        CheckConstraint("rate > 0", name="rate_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    valid_from: Mapped[date]
    rate: Mapped[Decimal] = mapped_column(Numeric(18, 8))

    def __str__(self) -> str:
        return f"{self.currency} from {self.valid_from}"
