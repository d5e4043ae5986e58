"""The Learning Agreement for Traineeships as a PDF: data in, bytes out.

    pdf = render_agreement(data)                   # to print, send and sign
    pdf = render_agreement(data, fillable=True)    # the host's part as form fields, for HR

Both carry an empty signature field per party (sig_student, sig_sending, sig_host), so the
file can be signed digitally into the right box, or printed and signed on paper.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_currency, format_decimal
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from vipdesk import __version__
from vipdesk.documents.agreement import form
from vipdesk.documents.agreement.content import AgreementData, content_hash
from vipdesk.documents.agreement.layout import (
    CELL_PADDING,
    CONTENT_WIDTH,
    LABEL_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    Cell,
    bullets,
    grid_table,
    label_table,
    long_date,
    note_box,
    page_decorator,
    para,
    styles,
)
from vipdesk.documents.agreement.sections import HostFields, parties, programme, section
from vipdesk.documents.agreement.signature_block import signature_section
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.documents.agreement.texts import (
    agreement_language,
    agreement_texts,
    bilingual,
    current_language,
    label,
    label_once,
)
from vipdesk.documents.files import write_atomically
from vipdesk.documents.pdf.document import DocumentInfo, canvas_class, info_kwargs
from vipdesk.documents.pdf.fonts import markup, register_fonts
from vipdesk.languages import ENGLISH

TITLE = "Learning Agreement for Traineeships"


def document_info(data: AgreementData) -> DocumentInfo:
    """Title, author, subject, and the private keys that mark the file as vipdesk's."""
    mode = data.programme.mode.value
    return DocumentInfo(
        title=f"{label('title')} — {data.trainee.name} — {data.reference}",
        author=data.sending.name,
        subject=(
            f"{mode.capitalize()} traineeship of {data.trainee.name} at {data.receiving.name}, "
            f"{long_date(data.programme.start)} to {long_date(data.programme.end)}"
        ),
        keywords=f"{TITLE}; {mode} placement; {data.reference}; version {data.version}",
        creator=f"vipdesk {__version__}",
        custom={
            form.KEY_DOCUMENT: form.DOCUMENT_KIND,
            form.KEY_REFERENCE: data.reference,
            form.KEY_VERSION: str(data.version),
            form.KEY_PLACEMENT: "" if data.placement_id is None else str(data.placement_id),
            form.KEY_HASH: content_hash(data),
        },
    )


def render_agreement(
    data: AgreementData,
    *,
    fillable: bool = False,
    records: Sequence[SignatureRecord] | None = None,
    draft: bool = False,
) -> bytes:
    """The agreement as PDF bytes; `fillable` turns the host's part into form fields, and
    `records` print how each party signed in its box (the executed copy). A `draft` (not
    stored, or not yet sent) says DRAFT across every page: it is not for signing."""
    register_fonts()
    with agreement_language(data.document_language) as language:
        return _render(data, language, fillable=fillable, records=records, draft=draft)


def _render(
    data: AgreementData,
    language: str,
    *,
    fillable: bool,
    records: Sequence[SignatureRecord] | None,
    draft: bool,
) -> bytes:
    info = document_info(data)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        lang=current_language(),
        **info_kwargs(info),
    )
    decorate = page_decorator(
        data.sending.name,
        label("title"),
        label(
            "footer",
            reference=data.reference,
            version=data.version,
            date=long_date(data.generated_at),
        ),
        watermark=label("draft") if draft else None,
        page_words=(label_once("page"), label_once("of")),  # "Sivu 3 / 4", once
    )
    doc.build(
        _story(data, HostFields(data) if fillable else None, records),
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=canvas_class(info),
    )
    return out.getvalue()


def write_agreement(data: AgreementData, path: Path, *, fillable: bool = False) -> None:
    """Write the PDF to `path` (through a temporary file in the same folder)."""
    write_atomically(path, render_agreement(data, fillable=fillable))


def _title_line(mode: str) -> str:
    """The title line ("Learning Agreement für Praktika — virtuelles Praktikum"), and after it
    the English one in a bilingual agreement: each in its own words, not word by word."""
    line = label_once("title_line", title=label_once("title"), mode=label_once(f"mode.{mode}"))
    if not bilingual():
        return line
    with agreement_language(ENGLISH):
        return f"{line} / {_title_line(mode)}"


def _story(
    data: AgreementData,
    fields: HostFields | None,
    records: Sequence[SignatureRecord] | None = None,
) -> list[Flowable]:
    s = styles()
    mode = data.programme.mode.value
    story: list[Flowable] = [
        Paragraph(
            markup(_title_line(mode)),
            s.title,
        ),
        Spacer(1, 2),
        Paragraph(
            markup(
                label(
                    "reference_line",
                    reference=data.reference,
                    version=data.version,
                    date=long_date(data.generated_at),
                )
            ),
            s.muted,
        ),
        Spacer(1, 8),
        Paragraph(markup(agreement_texts(current_language())["intro"]), s.body),
        Spacer(1, 6),
    ]
    if bilingual() and current_language() != ENGLISH:
        story += [Paragraph(markup(agreement_texts(ENGLISH)["intro"]), s.muted), Spacer(1, 6)]
    if fields is not None:
        story += [_instructions(data), Spacer(1, 4)]
    story += parties(data, fields)
    story += programme(data, fields)
    story += _protocol_and_roles(data)
    story += _technology(data)
    story += _recognition(data)
    story += _host(data, fields)
    story += signature_section(data, section=8, records=records)
    return story


def _instructions(data: AgreementData) -> Table:
    contact = data.sending.contact.email or data.sending.name
    return note_box(
        [
            Paragraph(
                markup(label("instructions", contact=contact)),
                styles().note,
            )
        ]
    )


def _protocol_and_roles(data: AgreementData) -> list[Flowable]:
    protocol = bullets(data.protocol) or [para(label("to_be_agreed"))]
    duties = CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PADDING  # the width of their column
    roles = [
        [
            [Paragraph(markup(role.title), styles().label), para(role.name, width=LABEL_WIDTH)],
            bullets(role.duties, width=duties) or [para("")],
        ]
        for role in data.roles
    ]
    story: list[Flowable] = [
        section(3, label("section.protocol")),
        *protocol,
        section(4, label("section.roles")),
    ]
    if roles:
        story.append(
            grid_table(
                [label("col.actor"), label("col.responsibilities")],
                roles,
                [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
            )
        )
    else:
        story.append(para(label("to_be_agreed")))
    return story


def _technology(data: AgreementData) -> list[Flowable]:
    story: list[Flowable] = [section(5, label("section.technology"))]
    if not data.tools:
        story.append(
            para(
                label("no_tools"),
                styles().body,
            )
        )
        return story
    story.append(
        grid_table(
            [label("col.tool"), label("col.used_for"), label("col.tested")],
            [[t.name, t.purpose, t.test_status or label("not_tested")] for t in data.tools],
            [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH - 48 * mm, 48 * mm],
        )
    )
    return story


def _number(value: Decimal) -> str:
    """'7.5' in English as before languages; '7,5' in German (babel)."""
    language = current_language()
    if language == ENGLISH:
        return f"{value.normalize():f}"
    return format_decimal(value.normalize(), locale=language)


def _money(amount: Decimal, currency: str) -> str:
    """'300 EUR' in English as before languages; '300,00 €' in German (babel)."""
    language = current_language()
    if language == ENGLISH:
        return f"{amount} {currency}"
    return format_currency(amount, currency, locale=language)


def _credits(value: Decimal | None) -> str:
    if value is None:
        return ""
    return label("credits", credits=_number(value))


def _recognition(data: AgreementData) -> list[Flowable]:
    r = data.recognition
    rows: list[tuple[str, Cell]] = [
        (label("label.recognition"), label(f"recognition.{r.kind.value}")),
        (label("label.credits"), _credits(r.credits)),
    ]
    if r.grade:
        rows.append((label("label.grade"), r.grade))
    rows += [
        (label("label.recorded_in"), r.transcript),
        (label("label.insurance"), r.insurance),
    ]
    return [
        section(6, label("section.recognition")),
        label_table(rows),
    ]


def _host(data: AgreementData, fields: HostFields | None) -> list[Flowable]:
    h = data.host
    certificate = label("certificate_text", weeks=h.certificate_weeks)
    rows: list[tuple[str, Cell]]
    if fields is None:
        support = label("no")
        if h.financial_support:
            amount = (
                label("amount_per_month", amount=_money(h.amount, h.currency))
                if h.amount is not None
                else ""
            )
            support = label("yes") + amount
        rows = [
            (label("label.financial_support"), support),
            (label("label.in_kind"), h.in_kind),
            (label("label.insurance"), h.insurance),
        ]
    else:
        amount_width = 60 * mm
        support_row = Table(
            [
                [
                    fields.checkbox("financial_support"),
                    para(label("yes_amount")),
                    fields.text("financial_amount", amount_width),
                ]
            ],
            colWidths=[14, 40 * mm, amount_width],
            hAlign="LEFT",
            style=[
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
        )
        rows = [
            (label("label.financial_support"), support_row),
            (label("label.in_kind"), fields.text("in_kind", lines=2)),
            (label("label.insurance"), fields.text("host_insurance", lines=2)),
        ]
    rows.append((label("label.certificate"), certificate))
    # Four rows kept together on one page when they fit; longer texts flow on to the next.
    return [KeepTogether([section(7, label("section.host")), label_table(rows)])]
