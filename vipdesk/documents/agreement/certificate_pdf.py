"""The traineeship certificate (Table D) as a PDF: data in, bytes out.

    pdf = render_certificate(data)

It looks like the agreement it follows (the same header, tables and footer) and ends with an
empty signature field for the supervisor at the receiving organisation (sig_host), who
certifies it, and one for the sending institution (sig_sending), which acknowledges it. Both
are signed with `signing.sign_agreement` and checked with `verification.verify_signatures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph, Spacer

from vipdesk import __version__
from vipdesk.documents.agreement import form
from vipdesk.documents.agreement.certificate_content import CertificateData, certificate_hash
from vipdesk.documents.agreement.content import Person
from vipdesk.documents.agreement.layout import (
    CONTENT_WIDTH,
    LABEL_BACKGROUND,
    LABEL_WIDTH,
    Cell,
    build_pdf,
    bullets,
    grid_table,
    label_table,
    long_date,
    para,
    styles,
)
from vipdesk.documents.agreement.sections import period_length, person_line, section
from vipdesk.documents.agreement.signature_block import Party, Signatory, signature_block
from vipdesk.documents.agreement.signature_record import RECEIVED, SignatureRecord
from vipdesk.documents.agreement.texts import agreement_language, bilingual, label, label_once
from vipdesk.documents.files import write_atomically
from vipdesk.documents.pdf.document import DocumentInfo
from vipdesk.documents.pdf.fonts import markup
from vipdesk.languages import ENGLISH

TITLE = "Traineeship certificate"  # the file's title in its properties; the page's is translated


def document_info(data: CertificateData) -> DocumentInfo:
    """Title, author, subject, and the private keys that mark the file as vipdesk's."""
    return DocumentInfo(
        title=f"{TITLE} — {data.trainee_name} — {data.reference}",
        author=data.sending_name,
        subject=(
            f"{data.mode.value.capitalize()} traineeship of {data.trainee_name} at "
            f"{data.host_name}, {long_date(data.actual_start)} to {long_date(data.actual_end)}"
        ),
        keywords=f"{TITLE}; Table D; {data.reference}; certificate {data.version}",
        creator=f"vipdesk {__version__}",
        custom={
            form.KEY_DOCUMENT: form.CERTIFICATE_KIND,
            form.KEY_REFERENCE: data.reference,
            form.KEY_VERSION: str(data.version),
            form.KEY_PLACEMENT: "" if data.placement_id is None else str(data.placement_id),
            form.KEY_HASH: certificate_hash(data),
        },
    )


def render_certificate(
    data: CertificateData, *, records: Sequence[SignatureRecord] | None = None
) -> bytes:
    """The certificate as PDF bytes, with empty signature fields for the host and sender;
    `records` (for the executed copy) print each recorded signature in its party's box.
    Written in the certificate's language (`document_language`), like its agreement."""
    with agreement_language(data.document_language):
        return build_pdf(
            _story(data, records),
            document_info(data),
            header=(data.sending_name, label("certificate.title")),
            page_words=(label_once("page"), label_once("of")),
            footer=label(
                "certificate.footer",
                reference=data.reference,
                version=data.version,
                date=long_date(data.issued_on),
            ),
        )


def write_certificate(
    data: CertificateData, path: Path, *, records: Sequence[SignatureRecord] | None = None
) -> None:
    """Write the PDF to `path` (through a temporary file in the same folder)."""
    write_atomically(path, render_certificate(data, records=records))


def duration(start: date, end: date) -> str:
    """'17 weeks', or '110 days, about 16 weeks' when the days do not make whole weeks."""
    return period_length(start, end)


def _story(data: CertificateData, records: Sequence[SignatureRecord] | None) -> list[Flowable]:
    s = styles()
    statement = [para(_statement(data), s.body)]
    if bilingual():  # what the host certifies, in both languages
        with agreement_language(ENGLISH):
            statement.append(para(_statement(data), s.muted))
    return [
        Paragraph(markup(label("certificate.title")), s.title),
        Spacer(1, 2),
        Paragraph(
            markup(
                label(
                    "certificate.reference_line",
                    reference=data.reference,
                    version=data.version,
                    date=long_date(data.issued_on),
                )
            ),
            s.muted,
        ),
        Spacer(1, 6),
        *statement,
        *_parties(data),
        *_period(data),
        section(3, label("certificate.section.tasks")),
        *(bullets(data.tasks) or [para(label("certificate.no_tasks"), s.body)]),
        section(4, label("certificate.section.outcomes")),
        *(bullets(data.learning_outcomes) or [para(label("certificate.no_outcomes"), s.body)]),
        *_evaluation(data),
        *signature_block(
            _signatories(data),
            section=6,
            intro=label("certificate.signature_intro"),
            records=None if records is None else with_receipt(data, records),
        ),
    ]


def _statement(data: CertificateData) -> str:
    department = f" ({data.host_department})" if data.host_department else ""
    return label(
        "certificate.statement",
        host=f"{data.host_name}{department}",
        trainee=data.trainee_name,
        mode=label(f"mode.{data.mode.value}"),
        start=long_date(data.actual_start),
        end=long_date(data.actual_end),
        sending=data.sending_name,
    )


def with_receipt(
    data: CertificateData, records: Sequence[SignatureRecord]
) -> list[SignatureRecord]:
    """The records of the final copy, with the sending institution's receipt: the host's
    signature completes the certificate, and the day it was recorded is the day the sending
    institution received it (the box said nothing on the final copy)."""
    out = list(records)
    if any(r.party == Party.SENDING.value for r in out) or not out:
        return out
    last = max(out, key=lambda r: r.signed_on or date.min)
    contact = data.sending_contact
    receipt = SignatureRecord(
        party=Party.SENDING.value,
        method=RECEIVED,
        name=contact.name,
        function=contact.position or label("position.sending"),
        email=contact.email,
        signed_on=last.signed_on,
        recorded_by=last.recorded_by,
    )
    return [*out, receipt]


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part.strip())


def _parties(data: CertificateData) -> list[Flowable]:
    return [
        section(1, label("certificate.section.parties")),
        label_table(
            [
                (label("position.student"), _joined(data.trainee_name, data.trainee_email)),
                (
                    label("certificate.receiving"),
                    _joined(data.host_name, data.host_department, data.host_country),
                ),
                (label("label.mentor"), person_line(data.mentor)),
                (label("certificate.sending"), data.sending_name),
            ]
        ),
    ]


def _label(text: str) -> Paragraph:
    return Paragraph(markup(text), styles().label)


def _period(data: CertificateData) -> list[Flowable]:
    value = (CONTENT_WIDTH - LABEL_WIDTH) / 2
    table = grid_table(
        ["", label("certificate.planned"), label("certificate.actual")],
        [
            [
                _label(label("certificate.start")),
                long_date(data.planned_start),
                long_date(data.actual_start),
            ],
            [
                _label(label("certificate.end")),
                long_date(data.planned_end),
                long_date(data.actual_end),
            ],
            [
                _label(label("certificate.duration")),
                duration(data.planned_start, data.planned_end),
                duration(data.actual_start, data.actual_end),
            ],
            [_label(label("label.mode")), label(f"mode_label.{data.mode.value}"), ""],
            [_label(label("label.hours")), str(data.hours_per_week), ""],
        ],
        [LABEL_WIDTH, value, value],
    )
    # Mode and hours are recorded once, as agreed: one value across both columns.
    table.setStyle(
        [
            ("SPAN", (1, 4), (2, 4)),
            ("SPAN", (1, 5), (2, 5)),
            ("BACKGROUND", (0, 1), (0, -1), LABEL_BACKGROUND),
        ]
    )
    return [section(2, label("certificate.section.period")), table]


def _evaluation(data: CertificateData) -> list[Flowable]:
    story: list[Flowable] = [
        section(5, label("certificate.section.evaluation")),
        para(data.evaluation, styles().body),
    ]
    if data.assessment.strip():
        rows: list[tuple[str, Cell]] = [(label("certificate.assessment"), data.assessment)]
        story += [Spacer(1, 6), label_table(rows)]
    return story


def _signatories(data: CertificateData) -> list[Signatory]:
    mentor, contact = data.mentor, data.sending_contact
    return [
        Signatory(
            Party.HOST,
            label("signer.host"),
            Person(mentor.name, mentor.position or label("position.host"), mentor.email),
        ),
        Signatory(
            Party.SENDING,
            label("certificate.signer.sending"),
            Person(contact.name, contact.position or label("position.sending"), contact.email),
        ),
    ]
