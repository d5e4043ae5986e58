"""A questionnaire as a fillable PDF: data in, bytes out.

    pdf = render_questionnaire(form)

Each question is numbered, under its theme, with its answers as a radio group (a scale, yes or
no, a choice) or a text box, in the agreement's look. The respondent fills it in any PDF
reader and sends it back; `content.read_returned_questionnaire` reads it.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from vipdesk import __version__
from vipdesk.documents.agreement.form import KEY_DOCUMENT, QUESTIONNAIRE_KIND
from vipdesk.documents.agreement.layout import (
    CONTENT_WIDTH,
    build_pdf,
    label_table,
    long_date,
    note_box,
    styles,
)
from vipdesk.documents.pdf.document import DocumentInfo
from vipdesk.documents.pdf.fields import FIELD_FONT_SIZE, FieldSpec, RadioChoice, TextField
from vipdesk.documents.pdf.fonts import FONT, markup, text_width
from vipdesk.documents.questionnaire.content import (
    RESPONDENT_FIELD,
    Question,
    QuestionnaireForm,
    identity,
    pdf_words,
)

INDENT = 14.0
_TEXT_LINES = 5


def document_info(form: QuestionnaireForm) -> DocumentInfo:
    return DocumentInfo(
        title=f"{form.title} — {form.reference}",
        author=form.institution,
        subject=f"{form.title}: {form.placement_line}",
        keywords=f"questionnaire; {form.questionnaire_id} v{form.version}; {form.reference}",
        creator=f"vipdesk {__version__}",
        custom={KEY_DOCUMENT: QUESTIONNAIRE_KIND, **identity(form)},
    )


def render_questionnaire(form: QuestionnaireForm) -> bytes:
    """The questionnaire as PDF bytes, its answers as form fields, in the form's language."""
    words = pdf_words(form.language)
    footer = (
        f"{form.reference} · {form.questionnaire_id} v{form.version} · {words['generated']} "
        + day_in(form.generated_on, form.language)
    )
    return build_pdf(_story(form, words), document_info(form), header=(form.institution,
                     form.title), footer=footer, language=form.language,
                     page_words=(words["page"], words["of"]))  # fmt: skip


def day_in(day: date | None, language: str) -> str:
    """A date in words as `language` writes it: "4 December 2026", "4. Dezember 2026"."""
    if day is None or language == "en":
        return long_date(day)
    return str(format_date(day, "long", locale=language))


def _story(form: QuestionnaireForm, words: dict[str, str]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        Paragraph(markup(form.title), s.title),
        Spacer(1, 4),
        Paragraph(markup(form.placement_line), s.body),
        Spacer(1, 6),
        note_box(
            [
                Paragraph(markup(form.intro), s.note),
                Spacer(1, 3),
                Paragraph(markup(words["how_to"].format(contact=form.contact)), s.note),
            ]
        ),
        Spacer(1, 8),
        label_table(
            [
                (words["placement"], form.reference),
                (words["answered_by"], f"{form.party} — {form.respondent_hint}"),
                (
                    f"{words['your_name']} *",
                    TextField(
                        FieldSpec(RESPONDENT_FIELD, form.respondent, words["your_name"]),
                        CONTENT_WIDTH * 0.55,
                    ),
                ),
            ]
        ),
    ]
    number = 0
    for theme_key, label in form.themes:
        questions = [q for q in form.questions if q.theme == theme_key]
        if not questions:
            continue
        heading: list[Flowable] = [Paragraph(markup(label), s.section)]
        for question in questions:
            number += 1
            # A theme's heading goes to the next page with its first question, never alone.
            story.append(KeepTogether([*heading, *_question(number, question, words)]))
            heading = []
    return story


def _question(number: int, question: Question, words: dict[str, str]) -> list[Flowable]:
    s = styles()
    mark = " *" if question.required else f" ({words['optional']})"
    parts: list[Flowable] = [
        Paragraph(markup(f"{number}. {question.text}{mark}"), s.body),
    ]
    if question.help:
        parts.append(Paragraph(markup(question.help), s.muted))
    parts.append(Spacer(1, 3))
    width = CONTENT_WIDTH - INDENT
    if question.kind == "text":
        field: Flowable = TextField(
            FieldSpec(question.field, "", question.text, multiline=True), width, _TEXT_LINES
        )
    else:
        # Options side by side while each fits its column in two lines, else one under another.
        longest = max(text_width(label, FONT, FIELD_FONT_SIZE) for _, label in question.options)
        column = width / len(question.options)
        stacked = longest > 2 * (column - 14) or len(question.options) > 5
        field = RadioChoice(question.field, question.options, question.text, width,
                            stacked=stacked)  # fmt: skip
    field.hAlign = "RIGHT"
    parts += [field, Spacer(1, 8)]
    return parts
