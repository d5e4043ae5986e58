"""Sections 1 and 2 of the agreement: the parties, and the programme (Table A).

In the fillable variant (`HostFields`), the host's values become form fields in place.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from vipdesk.documents.agreement import form
from vipdesk.documents.agreement.content import AgreementData, Person
from vipdesk.documents.agreement.layout import (
    CONTENT_WIDTH,
    LABEL_WIDTH,
    MAX_FIELD_LINES,
    Cell,
    bullets,
    grid_table,
    label_table,
    long_date,
    para,
    short_date,
    styles,
)
from vipdesk.documents.agreement.texts import label, label_both, label_once
from vipdesk.documents.pdf.fields import CheckBox, FieldSpec, TextField
from vipdesk.documents.pdf.fonts import markup

VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH - 2 * 4  # inside the cell padding


class HostFields:
    """The fillable variant: form fields in place of the host's values."""

    def __init__(self, data: AgreementData) -> None:
        self.values = form.host_field_values(data)

    def text(self, name: str, width: float = VALUE_WIDTH, lines: int = 1) -> TextField:
        spec = FieldSpec(name, self.values[name], form.FIELD_LABELS[name], name in form.MULTILINE)
        return TextField(spec, width, lines)

    def checkbox(self, name: str) -> CheckBox:
        return CheckBox(name, self.values[name] == "yes", form.FIELD_LABELS[name])


def section(number: int, title: str) -> Paragraph:
    return Paragraph(markup(f"{number}. {title}"), styles().section)


def person_line(person: Person) -> str:
    details = [person.name, person.position, person.email]
    return ", ".join(part for part in details if part) or ""


def parties(data: AgreementData, fields: HostFields | None) -> list[Flowable]:
    t, inst, org = data.trainee, data.sending, data.receiving
    eqf = label("eqf_level", level=t.study_cycle) if t.study_cycle else ""
    mentor: list[tuple[str, Cell]]
    if fields is None:
        department: Cell = org.department
        mentor = [(label("label.mentor"), person_line(org.mentor))]
    else:
        department = fields.text("host_department")
        mentor = [
            (label("label.mentor_name"), fields.text("mentor_name")),
            (label("label.mentor_position"), fields.text("mentor_position")),
            (label("label.mentor_email"), fields.text("mentor_email")),
        ]
    return [
        section(1, label("section.parties")),
        label_table(
            [
                (label("label.name"), t.name),
                (
                    label("label.date_of_birth"),
                    long_date(t.date_of_birth) if t.date_of_birth else "",
                ),
                (label("label.nationality"), t.nationality),
                (label("label.study_cycle"), eqf),
                (label("label.field_of_education"), t.field_of_education),
                (label("label.email"), t.email),
            ],
            heading=label("heading.trainee"),
        ),
        Spacer(1, 6),
        label_table(
            [
                (label("label.name"), inst.name),
                (label("label.faculty"), inst.faculty),
                (label("label.erasmus_code"), inst.erasmus_code),
                (label("label.address"), inst.address),
                (label("label.country"), inst.country),
                (label("label.contact"), person_line(inst.contact)),
                (label("label.tutor"), person_line(inst.tutor)),
            ],
            heading=label("heading.sending"),
        ),
        Spacer(1, 6),
        label_table(
            [
                (label("label.name"), org.name),
                (label("label.department"), department),
                (label("label.address"), org.address),
                (label("label.website"), org.website),
                (label("label.country"), org.country),
                (label("label.size"), org.size),
                (label("label.sector"), org.sector),
                (label("label.contact"), person_line(org.contact)),
                *mentor,
            ],
            heading=label("heading.receiving"),
        ),
    ]


def duration(data: AgreementData) -> str:
    """'17 weeks', or '110 days, about 16 weeks' when the days do not make whole weeks."""
    return period_length(data.programme.start, data.programme.end)


def period_length(start: date, end: date) -> str:
    """`duration` of the days from `start` to `end`, both included."""
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    if rest == 0:
        return label("weeks", count=weeks) if weeks != 1 else label("one_week")
    if days < 14:
        return label("days", count=days) if days != 1 else label("one_day")
    return label("days_about_weeks", days=days, weeks=round(days / 7))


def programme(data: AgreementData, fields: HostFields | None) -> list[Flowable]:
    p = data.programme
    s = styles()
    mode: Cell = label(f"mode_label.{p.mode.value}")
    if p.periods:
        mode = [
            para(label("in_periods", mode=label(f"mode_label.{p.mode.value}"))),
            *bullets(
                [
                    label(f"period.{x.kind.value}")
                    + ": "
                    + label("period_range", start=long_date(x.start), end=long_date(x.end))
                    for x in p.periods
                ]
            ),
        ]
    level = (
        label("language_level", level=p.language_level)
        if p.language_level
        else label("level_unconfirmed")
    )
    language = f"{p.language} — {level}" if p.language else label("language_unagreed")
    rows: list[tuple[str, Cell]] = [
        (
            label("label.planned_period"),
            label("period_range", start=long_date(p.start), end=long_date(p.end))
            + f" ({duration(data)})",
        ),
        (label("label.mode"), mode),
        (label("label.hours"), str(p.hours_per_week)),
        (label("label.title"), p.title),
    ]
    if p.description.strip():
        rows.append((label("label.description"), p.description))
    rows.append((label("label.language"), language))
    story: list[Flowable] = [
        section(2, label("section.programme")),
        label_table(rows),
        Paragraph(markup(label("sub.tasks")), s.subsection),
    ]
    if fields is not None:
        lines = min(max(4, len(p.tasks) * 2 + 1), MAX_FIELD_LINES)
        story += [
            Paragraph(
                markup(
                    label_both(
                        "tasks_hint",
                        deliverable=label_once("col.deliverable"),
                        deadline=label_once("col.deadline"),
                    )
                ),
                s.muted,
            ),
            Spacer(1, 2),
            fields.text("tasks", CONTENT_WIDTH, lines),
        ]
    elif p.tasks:
        story.append(
            grid_table(
                [label(f"col.{c}") for c in ("number", "task", "deliverable", "deadline")],
                [
                    [str(n), t.description, t.deliverable, short_date(t.deadline)]
                    for n, t in enumerate(p.tasks, 1)
                ],
                [10 * mm, CONTENT_WIDTH - 10 * mm - 52 * mm - 24 * mm, 52 * mm, 24 * mm],
            )
        )
    else:
        story.append(para(label("tasks_unagreed")))
    story += [
        Paragraph(markup(label("sub.outcomes")), s.subsection),
        *(bullets(p.learning_outcomes) or [para("")]),
        Paragraph(markup(label("sub.monitoring")), s.subsection),
        para(p.monitoring_plan, s.body),
        Paragraph(markup(label("sub.evaluation")), s.subsection),
        para(p.evaluation_plan, s.body),
    ]
    if p.evaluation_criteria:
        story += [
            Spacer(1, 3),
            Paragraph(markup(label("evaluation_criteria")), s.cell),
            *bullets(p.evaluation_criteria),
        ]
    return story
