"""How long each free text may be: one place for the editors, the agreement, the import and the
values HR returns in a fillable PDF.

The one-line sizes are those of the model columns that store them (a test compares the two).
Long texts are stored in unbounded columns or in the agreement's JSON; their limits are what
keeps a pasted book, or a doctored PDF, out of the database and out of the agreement's layout.
A description of a page and a half, or a hundred tasks, still fit.
"""

from __future__ import annotations

NAME = 200  # a person's, organisation's or institution's name; a title: String(200)
EMAIL = 254  # the longest address SMTP carries: String(254)
SHORT = 200  # any other one-line value: a position, a department, a sector, a grade
LINE = 1_000  # one item of a list: a task, a learning outcome, a duty, a protocol line
ITEMS = 100  # items in one list (tasks, outcomes, criteria, duties, protocol lines, tools)
NOTE = 2_000  # a note beside a record: equity, a cost, a test, an in-kind contribution
LONG = 8_000  # a description or a plan: about two pages of print
AMOUNT = 20  # an amount of money as text: "1,250,000.00 EUR"; MONEY holds 12 digits

# Values of a returned fillable agreement (the field names of `form.HOST_FIELDS`).
RETURNED: dict[str, int] = {
    "host_department": SHORT,
    "mentor_name": NAME,
    "mentor_position": SHORT,
    "mentor_email": EMAIL,
    "financial_support": 10,
    "financial_amount": AMOUNT,
    "in_kind": NOTE,
    "host_insurance": NOTE,
    "tasks": ITEMS * LINE // 4,  # a hundred tasks of a line or two each
}

# Agreement fields other than `SHORT`, by dotted path; list items are `LINE` (see `limit_of`).
_AGREEMENT_SIZES: dict[str, int] = {
    "trainee.name": 2 * 120 + 1,  # the student's given and family names, String(120) each
    "receiving.website": 300,  # Organisation.website: String(300)
    "programme.description": LONG,
    "programme.monitoring_plan": LONG,
    "programme.evaluation_plan": LONG,
    "sending.address": NOTE,
    "receiving.address": NOTE,
    "recognition.transcript": NOTE,
    "recognition.insurance": NOTE,
    "host.in_kind": NOTE,
    "host.insurance": NOTE,
}


def limit_of(path: str) -> int:
    """The longest text the agreement field at `path` ("programme.tasks.3.description",
    0-based indexes) may hold."""
    parts = path.split(".")
    if path in _AGREEMENT_SIZES:
        return _AGREEMENT_SIZES[path]
    if parts[-1] == "email":
        return EMAIL
    if parts[-1] == "name":
        return NAME
    if parts[-1].isdigit() or parts[:2] == ["programme", "tasks"]:
        return LINE  # an item of a list of texts, or a task's description or deliverable
    return SHORT
