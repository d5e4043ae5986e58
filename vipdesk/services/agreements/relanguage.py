"""A draft moved to another language: what vipdesk wrote in the old one is written again in
the new one, and what the coordinator wrote stays as it is.

The default texts (tasks, outcomes, plans, roles, recognition, the host's commitments), the
sentences made from the records (protocol, tools) and the names vipdesk gives (countries, the
host's size, positions) are those of the placement's records in the old language. A part of
the draft that still reads exactly so is replaced by the same part in the new language; a part
the coordinator changed is kept, in whatever language it was written.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.errors import NotFoundError
from vipdesk.services.agreements.prefill import agreement_from_placement

T = TypeVar("T")
_KEPT = frozenset({"reference", "version", "generated_at", "placement_id", "document_language"})


def relanguage(db: Database, placement_id: int, data: AgreementData, old: str) -> AgreementData:
    """`data` (now in `data.document_language`) with what still reads as vipdesk wrote it in
    `old` written in the new language. Unchanged when the languages are the same or the
    placement is gone."""
    if old == data.document_language:
        return data
    try:
        before = agreement_from_placement(
            db, placement_id, version=data.version, today=data.generated_at, language=old
        )
        after = agreement_from_placement(
            db,
            placement_id,
            version=data.version,
            today=data.generated_at,
            language=data.document_language,
        )
    except NotFoundError:
        return data
    return swapped(data, before, after)


def swapped(current: T, old: T, new: T) -> T:
    """`current` with every part equal to `old`'s replaced by `new`'s, part by part through
    nested records (a list is one part: all its lines as vipdesk wrote them, or kept)."""
    if is_dataclass(current) and not isinstance(current, type) and type(old) is type(current):
        changes: dict[str, Any] = {}
        for f in fields(current):
            if f.name in _KEPT:
                continue
            value = getattr(current, f.name)
            moved = swapped(value, getattr(old, f.name), getattr(new, f.name))
            if moved is not value:
                changes[f.name] = moved
        return replace(current, **changes) if changes else current
    if current == old and old != new:
        return new
    return current
