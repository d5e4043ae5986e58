"""Sections 1 and 2 of the agreement: the parties, and the programme (Table A).

In the fillable variant (`HostFields`), the host's values become form fields in place.
"""

from __future__ import annotations

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
    eqf = f"EQF level {t.study_cycle}" if t.study_cycle else ""
    mentor: list[tuple[str, Cell]]
    if fields is None:
        department: Cell = org.department
        mentor = [("Mentor", person_line(org.mentor))]
    else:
        department = fields.text("host_department")
        mentor = [
            ("Mentor: name", fields.text("mentor_name")),
            ("Mentor: position", fields.text("mentor_position")),
            ("Mentor: e-mail", fields.text("mentor_email")),
        ]
    return [
        section(1, "The parties"),
        label_table(
            [
                ("Name", t.name),
                ("Date of birth", long_date(t.date_of_birth) if t.date_of_birth else ""),
                ("Nationality", t.nationality),
                ("Study cycle", eqf),
                ("Field of education", t.field_of_education),
                ("E-mail", t.email),
            ],
            heading="The trainee",
        ),
        Spacer(1, 6),
        label_table(
            [
                ("Name", inst.name),
                ("Faculty / department", inst.faculty),
                ("Erasmus code", inst.erasmus_code),
                ("Address", inst.address),
                ("Country", inst.country),
                ("Contact person", person_line(inst.contact)),
                ("Academic tutor", person_line(inst.tutor)),
            ],
            heading="The sending institution",
        ),
        Spacer(1, 6),
        label_table(
            [
                ("Name", org.name),
                ("Department", department),
                ("Address", org.address),
                ("Website", org.website),
                ("Country", org.country),
                ("Size", org.size),
                ("Sector", org.sector),
                ("Contact person", person_line(org.contact)),
                *mentor,
            ],
            heading="The receiving organisation",
        ),
    ]


def duration(data: AgreementData) -> str:
    """'17 weeks', or '110 days, about 16 weeks' when the days do not make whole weeks."""
    days = (data.programme.end - data.programme.start).days + 1
    weeks, rest = divmod(days, 7)
    if rest == 0:
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{days} days, about {round(days / 7)} weeks"


def programme(data: AgreementData, fields: HostFields | None) -> list[Flowable]:
    p = data.programme
    s = styles()
    mode: Cell = p.mode.label
    if p.periods:
        mode = [
            para(f"{p.mode.label}, in these periods:"),
            *bullets(
                [
                    f"{x.kind.value.capitalize()}: {long_date(x.start)} to {long_date(x.end)}"
                    for x in p.periods
                ]
            ),
        ]
    level = f"level {p.language_level}" if p.language_level else "level to be confirmed"
    language = f"{p.language} — {level}" if p.language else "To be agreed before the start"
    rows: list[tuple[str, Cell]] = [
        ("Planned period", f"{long_date(p.start)} to {long_date(p.end)} ({duration(data)})"),
        ("Mode", mode),
        ("Hours per week", str(p.hours_per_week)),
        ("Traineeship title", p.title),
    ]
    if p.description.strip():
        rows.append(("Description", p.description))
    rows.append(("Language competence", language))
    story: list[Flowable] = [
        section(2, "The traineeship programme (Table A)"),
        label_table(rows),
        Paragraph(markup("2.1 Tasks, deliverables and deadlines"), s.subsection),
    ]
    if fields is not None:
        lines = min(max(4, len(p.tasks) * 2 + 1), MAX_FIELD_LINES)
        story += [
            Paragraph(markup("One task per line: task — Deliverable: … — Deadline: …"), s.muted),
            Spacer(1, 2),
            fields.text("tasks", CONTENT_WIDTH, lines),
        ]
    elif p.tasks:
        story.append(
            grid_table(
                ["No.", "Task", "Deliverable", "Deadline"],
                [
                    [str(n), t.description, t.deliverable, short_date(t.deadline)]
                    for n, t in enumerate(p.tasks, 1)
                ],
                [10 * mm, CONTENT_WIDTH - 10 * mm - 52 * mm - 24 * mm, 52 * mm, 24 * mm],
            )
        )
    else:
        story.append(para("The tasks are agreed with the mentor before the start."))
    story += [
        Paragraph(markup("2.2 Knowledge, skills and competences to be acquired"), s.subsection),
        *(bullets(p.learning_outcomes) or [para("")]),
        Paragraph(markup("2.3 Monitoring plan"), s.subsection),
        para(p.monitoring_plan, s.body),
        Paragraph(markup("2.4 Evaluation plan"), s.subsection),
        para(p.evaluation_plan, s.body),
    ]
    if p.evaluation_criteria:
        story += [
            Spacer(1, 3),
            Paragraph(markup("Evaluation criteria:"), s.cell),
            *bullets(p.evaluation_criteria),
        ]
    return story
