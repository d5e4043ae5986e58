"""The limits of free text match the columns that store the texts (issue 19)."""

from __future__ import annotations

from sqlalchemy import String

from vipdesk.documents.agreement import limits
from vipdesk.documents.agreement.form import FIELD_LABELS
from vipdesk.models import (
    Contact,
    CostItem,
    FundingSource,
    Institution,
    Organisation,
    Placement,
    Student,
)
from vipdesk.services.funding.sources import REFERENCE_LIMIT


def size(column: object) -> int:
    kind = column.type  # type: ignore[attr-defined]
    assert isinstance(kind, String) and kind.length is not None
    return kind.length


def test_one_line_limits_are_the_column_sizes() -> None:
    for column in (Organisation.name, Institution.name, Contact.name, Placement.title):
        assert size(column) == limits.NAME
    for column in (Student.email, Contact.email):
        assert size(column) == limits.EMAIL
    trainee = size(Student.given_name) + 1 + size(Student.family_name)
    assert limits.limit_of("trainee.name") == trainee
    assert limits.limit_of("receiving.website") == size(Organisation.website)
    assert limits.limit_of("receiving.mentor.name") == size(Contact.name)
    assert size(FundingSource.reference) == size(CostItem.invoice_reference) == REFERENCE_LIMIT


def test_every_returned_field_has_a_limit() -> None:
    assert set(limits.RETURNED) == set(FIELD_LABELS)
    assert limits.RETURNED["mentor_name"] == limits.NAME
    assert limits.RETURNED["mentor_email"] == limits.EMAIL
