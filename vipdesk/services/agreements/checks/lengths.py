"""How long the texts of an agreement may be: every text field and every list, against the limits
of `documents.agreement.limits`, each problem in the section (wizard page) that edits it.

Too long is refused before it is stored: a pasted book would otherwise reach the database and
the printed agreement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from vipdesk.documents.agreement import limits
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.services.agreements.checks.problems import Problem

_NOT_TYPED = frozenset({"reference", "version", "generated_at", "placement_id"})
_LEARNING = frozenset(
    {
        "learning_outcomes",
        "monitoring_plan",
        "evaluation_plan",
        "evaluation_criteria",
        "language",
        "language_level",
    }
)
_SECTIONS = {
    "trainee": "parties",
    "sending": "parties",
    "receiving": "parties",
    "protocol": "protocol",
    "roles": "roles",
    "tools": "technology",
    "recognition": "recognition",
    "host": "host",
    "document_language": "parties",  # chosen at export, not in the wizard
}
_ITEM_NAMES = {
    "tasks": "task",
    "learning_outcomes": "learning outcome",
    "evaluation_criteria": "evaluation criterion",
    "protocol": "protocol line",
    "roles": "role",
    "duties": "duty",
    "tools": "tool",
    "periods": "period",
}


def section_of(path: str) -> str:
    """The wizard page that edits the field at `path`."""
    parts = path.split(".")
    if parts[0] != "programme":
        return _SECTIONS[parts[0]]
    if len(parts) > 1 and parts[1] == "tasks":
        return "tasks"
    return "learning" if len(parts) > 1 and parts[1] in _LEARNING else "programme"


def label_of(path: str) -> str:
    """'programme.tasks.3.description' → 'Task 4, description', as people count."""
    parts = path.split(".")
    words: list[str] = []
    for n, part in enumerate(parts):
        if part.isdigit() or part == "programme":
            continue
        if n + 1 < len(parts) and parts[n + 1].isdigit():
            words.append(f"{_ITEM_NAMES.get(part, part.replace('_', ' '))} {int(parts[n + 1]) + 1}")
        else:
            words.append(part.replace("_", " "))
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def _texts(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every text and every list in `value`, with its dotted path."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if not path and f.name in _NOT_TYPED:
                continue
            yield from _texts(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, tuple):
        yield path, value
        for n, item in enumerate(value):
            yield from _texts(item, f"{path}.{n}")
    elif isinstance(value, str):
        yield path, value


def length_problems(data: AgreementData, section: str | None = None) -> list[Problem]:
    """Texts longer than their limit and lists with too many items (of one section, or all)."""
    problems: list[Problem] = []
    for path, value in _texts(data, ""):
        where = section_of(path)
        if section is not None and where != section:
            continue
        if isinstance(value, tuple):
            if len(value) > limits.ITEMS:
                message = (
                    f"{label_of(path)} has {len(value):,} items; an agreement holds at most "
                    f"{limits.ITEMS:,}."
                )
                problems.append(Problem(where, path, message))
            continue
        limit, length = limits.limit_of(path), len(value.strip())
        if length > limit:
            message = f"{label_of(path)} is longer than {limit:,} characters (it has {length:,})."
            problems.append(Problem(where, path, message))
    return problems
