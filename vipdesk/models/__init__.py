"""SQLAlchemy ORM classes. Plain Python: nothing here imports Qt."""

from vipdesk.models.audit import AuditEntry
from vipdesk.models.base import Base
from vipdesk.models.enums import (
    CEFR_LEVELS,
    LIFECYCLE,
    ContactRole,
    Mode,
    OrganisationSize,
    PeriodKind,
    Phase,
    Status,
)
from vipdesk.models.parties import Contact, Institution, Organisation
from vipdesk.models.placement import ChecklistTick, Placement, PlacementPeriod
from vipdesk.models.student import Student, StudentEquity, StudentLanguage

__all__ = [
    "CEFR_LEVELS",
    "LIFECYCLE",
    "AuditEntry",
    "Base",
    "ChecklistTick",
    "Contact",
    "ContactRole",
    "Institution",
    "Mode",
    "Organisation",
    "OrganisationSize",
    "PeriodKind",
    "Phase",
    "Placement",
    "PlacementPeriod",
    "Status",
    "Student",
    "StudentEquity",
    "StudentLanguage",
]
