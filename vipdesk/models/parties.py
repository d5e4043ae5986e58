"""Institutions, host organisations and the people who work there."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.enums import ContactRole, OrganisationSize
from vipdesk.models.base import Base, Versioned, enum_column


class Institution(Versioned, Base):
    """A higher education institution: the sending side of a placement."""

    __tablename__ = "institution"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    erasmus_code: Mapped[str | None] = mapped_column(String(30))
    faculty: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Brussels")

    def __str__(self) -> str:
        return self.name


class Organisation(Versioned, Base):
    """A receiving (host) company or organisation."""

    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("name", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str | None] = mapped_column(String(100))
    street: Mapped[str | None] = mapped_column(String(200))  # with the house number
    postcode: Mapped[str | None] = mapped_column(String(20))
    website: Mapped[str | None] = mapped_column(String(300))
    sector: Mapped[str | None] = mapped_column(String(120))
    size: Mapped[OrganisationSize | None] = mapped_column(enum_column(OrganisationSize, "size"))
    timezone: Mapped[str] = mapped_column(String(64))
    # The language its agreements were last exported in (a code of vipdesk.languages), offered
    # first next time; None until one is chosen (English).
    document_language: Mapped[str | None] = mapped_column(String(5))

    def __str__(self) -> str:
        return self.name


class Contact(Versioned, Base):
    """A person at a host organisation or at an institution: HR, mentor, tutor, coordinator."""

    __tablename__ = "contact"
    __table_args__ = (
        CheckConstraint(
            "(organisation_id IS NULL) <> (institution_id IS NULL)", name="one_employer"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    role: Mapped[ContactRole] = mapped_column(enum_column(ContactRole, "contact_role"))
    position: Mapped[str | None] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    institution_id: Mapped[int | None] = mapped_column(
        ForeignKey("institution.id", ondelete="RESTRICT"), index=True
    )

    organisation: Mapped[Organisation | None] = relationship()
    institution: Mapped[Institution | None] = relationship()

    def __str__(self) -> str:
        return self.name
