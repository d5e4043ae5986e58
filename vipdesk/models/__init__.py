"""SQLAlchemy ORM classes. Plain Python: nothing here imports Qt."""

from vipdesk.enums import (
    CEFR_LEVELS,
    LIFECYCLE,
    ContactRole,
    Mode,
    OrganisationSize,
    PeriodKind,
    Phase,
    Status,
)
from vipdesk.models.agreement import (
    AgreementDocument,
    AgreementSignature,
    DocumentKind,
    DocumentState,
    SignatureMethod,
    SignatureState,
)
from vipdesk.models.audit import AuditEntry
from vipdesk.models.base import Base
from vipdesk.models.evaluation import (
    AnswerSource,
    EvaluationAnswer,
    EvaluationResponse,
    EvaluationStage,
)
from vipdesk.models.funding import (
    AllocationRule,
    BudgetLine,
    CostCategory,
    CostItem,
    CostShare,
    ExchangeRate,
    FundingKind,
    FundingSource,
    Setting,
)
from vipdesk.models.mail import MailState, MailTemplate, OutboxAttachment, OutboxMessage
from vipdesk.models.monitoring import EntryKind, MonitoringEntry, Recognition
from vipdesk.models.parties import Contact, Institution, Organisation
from vipdesk.models.placement import ChecklistTick, Placement, PlacementPeriod
from vipdesk.models.protocol import ActorAvailability, Cadence, CommunicationProtocol, ProtocolActor
from vipdesk.models.readiness import (
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
)
from vipdesk.models.student import Student, StudentEquity, StudentLanguage
from vipdesk.models.tools import ToolChoice, ToolTest, ToolTestResult
from vipdesk.models.trash import DeletedRecord
from vipdesk.models.worklist import Snooze

__all__ = [
    "CEFR_LEVELS",
    "LIFECYCLE",
    "ActorAvailability",
    "AgreementDocument",
    "AgreementSignature",
    "AllocationRule",
    "AnswerSource",
    "AuditEntry",
    "Base",
    "BudgetLine",
    "Cadence",
    "ChecklistTick",
    "CommunicationProtocol",
    "Contact",
    "ContactRole",
    "CostCategory",
    "CostItem",
    "CostShare",
    "DeletedRecord",
    "DocumentKind",
    "DocumentState",
    "EntryKind",
    "EvaluationAnswer",
    "EvaluationResponse",
    "EvaluationStage",
    "ExchangeRate",
    "FundingKind",
    "FundingSource",
    "Institution",
    "MailState",
    "MailTemplate",
    "Mode",
    "MonitoringEntry",
    "Organisation",
    "OrganisationSize",
    "OutboxAttachment",
    "OutboxMessage",
    "PeriodKind",
    "Phase",
    "Placement",
    "PlacementPeriod",
    "ProtocolActor",
    "ReadinessAnswer",
    "ReadinessParty",
    "ReadinessResponse",
    "Recognition",
    "ResponseStatus",
    "Setting",
    "SignatureMethod",
    "SignatureState",
    "Snooze",
    "Status",
    "Student",
    "StudentEquity",
    "StudentLanguage",
    "ToolChoice",
    "ToolTest",
    "ToolTestResult",
]
