"""An amendment to a signed learning agreement as a PDF: Table A2 beside Table A.

    pdf = render_amendment(original, amended, number=1, reason="…", agreed_on=None)

Once all three parties have signed, the agreement is locked; changes during the traineeship
are agreed as an amendment with its own signature round. The amendment lists each changed
entry of the programme with the value as agreed (Table A, unchanged) beside the new one
(Table A2), and carries an empty signature field per party (sig_student, sig_sending,
sig_host), signed with `signing.sign_agreement` like the agreement itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from vipdesk import __version__
from vipdesk.documents.agreement import form
from vipdesk.documents.agreement.amendment_changes import (
    Change,
    programme_changes,
    unchanged_entries,
)
from vipdesk.documents.agreement.content import AgreementData, content_hash
from vipdesk.documents.agreement.layout import (
    CELL_PADDING,
    CONTENT_WIDTH,
    LABEL_BACKGROUND,
    NOTE_BACKGROUND,
    Cell,
    build_pdf,
    grid_table,
    label_table,
    long_date,
    para,
    styles,
)
from vipdesk.documents.agreement.sections import person_line, section
from vipdesk.documents.agreement.signature_block import Party, Signatory, signature_block, signer
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.documents.agreement.texts import (
    agreement_language,
    bilingual,
    in_sentence,
    label,
    label_both,
    label_once,
)
from vipdesk.documents.files import write_atomically
from vipdesk.documents.pdf.document import DocumentInfo
from vipdesk.documents.pdf.fonts import markup
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH

# Private keys beside the agreement's (see agreement_form.py): which amendment, of what.
KEY_AMENDMENT = "VipdeskAmendment"
KEY_ORIGINAL_VERSION = "VipdeskAmendsVersion"
KEY_ORIGINAL_HASH = "VipdeskAmendsHash"

ENTRY_WIDTH = 36 * mm


def title(number: int) -> str:
    """The amendment's title in the current language (English outside a document's)."""
    return label_both("amendment.title", number=number)


def document_info(original: AgreementData, amended: AgreementData, number: int) -> DocumentInfo:
    """Title, author, subject, and the private keys that mark the file as vipdesk's."""
    return DocumentInfo(
        title=f"{title(number)} — {amended.trainee.name} — {amended.reference}",
        author=amended.sending.name,
        subject=(
            f"Changes to the traineeship of {amended.trainee.name} at {amended.receiving.name} "
            f"(learning agreement version {original.version})"
        ),
        keywords=f"{title(number)}; Table A2; {amended.reference}; version {amended.version}",
        creator=f"vipdesk {__version__}",
        custom={
            form.KEY_DOCUMENT: form.AMENDMENT_KIND,
            form.KEY_REFERENCE: amended.reference,
            form.KEY_VERSION: str(amended.version),
            form.KEY_PLACEMENT: "" if amended.placement_id is None else str(amended.placement_id),
            form.KEY_HASH: content_hash(amended),
            KEY_AMENDMENT: str(number),
            KEY_ORIGINAL_VERSION: str(original.version),
            KEY_ORIGINAL_HASH: content_hash(original),
        },
    )


def render_amendment(
    original: AgreementData,
    amended: AgreementData,
    *,
    number: int,
    reason: str,
    agreed_on: date | None,
    records: Sequence[SignatureRecord] | None = None,
) -> bytes:
    """The amendment as PDF bytes: `original` is the signed agreement, `amended` the new one;
    `records` (for the executed copy) print each recorded signature in its party's box.

    Raises:
        VipdeskError: the two are not versions of the same agreement, or `number` is not 1 or
            more.
    """
    if original.reference != amended.reference:
        raise VipdeskError(
            f"An amendment changes one agreement: {amended.reference} does not amend "
            f"{original.reference}."
        )
    if number < 1:
        raise VipdeskError(f"Amendments are numbered from 1, not {number}.")
    with agreement_language(amended.document_language):
        return build_pdf(
            _story(original, amended, number, reason, agreed_on, records),
            document_info(original, amended, number),
            header=(amended.sending.name, title(number)),
            page_words=(label_once("page"), label_once("of")),
            footer=label(
                "amendment.footer",
                reference=amended.reference,
                number=number,
                version=amended.version,
                date=long_date(amended.generated_at),
            ),
        )


def write_amendment(
    original: AgreementData,
    amended: AgreementData,
    path: Path,
    *,
    number: int,
    reason: str,
    agreed_on: date | None,
    records: Sequence[SignatureRecord] | None = None,
) -> None:
    """Write the PDF to `path` (through a temporary file in the same folder)."""
    pdf = render_amendment(
        original, amended, number=number, reason=reason, agreed_on=agreed_on, records=records
    )
    write_atomically(path, pdf)


def _story(
    original: AgreementData,
    amended: AgreementData,
    number: int,
    reason: str,
    agreed_on: date | None,
    records: Sequence[SignatureRecord] | None,
) -> list[Flowable]:
    s = styles()
    changes = programme_changes(original, amended)

    def intro() -> str:
        return label("amendment.intro", trainee=amended.trainee.name, version=original.version)

    opening = [para(intro(), s.body)]
    if bilingual():  # what the parties agree to, in both languages
        with agreement_language(ENGLISH):
            opening.append(para(intro(), s.muted))
    return [
        Paragraph(markup(title(number)), s.title),
        Spacer(1, 2),
        Paragraph(
            markup(
                label(
                    "amendment.reference_line",
                    reference=amended.reference,
                    version=original.version,
                    date=long_date(amended.generated_at),
                )
            ),
            s.muted,
        ),
        Spacer(1, 6),
        *opening,
        *_parties(amended),
        *_reason(original, reason, agreed_on),
        *_table_a2(original, changes),
        *signature_block(
            [Signatory(party, *signer(amended, party)) for party in Party],
            section=4,
            intro=label("amendment.signature_intro"),
            records=records,
        ),
    ]


def _parties(data: AgreementData) -> list[Flowable]:
    return [
        section(1, label("section.parties")),
        label_table(
            [
                (label("position.student"), data.trainee.name),
                (label("certificate.sending"), data.sending.name),
                (label("certificate.receiving"), data.receiving.name),
                (label("label.mentor"), person_line(data.receiving.mentor)),
            ]
        ),
    ]


def _reason(original: AgreementData, reason: str, agreed_on: date | None) -> list[Flowable]:
    amends = label("amendment.amends_value", reference=original.reference, version=original.version)
    agreed = long_date(agreed_on) if agreed_on else label_once("amendment.agreed_on_last")
    rows: list[tuple[str, Cell]] = [
        (label("amendment.amends"), amends),
        (label("amendment.reason"), reason),
        (label("amendment.agreed_on"), agreed),
    ]
    return [section(2, label("amendment.section.reason")), label_table(rows)]


def _lines(text: str, width: float) -> list[Flowable]:
    """One paragraph per line: a list of tasks or outcomes stays a list."""
    lines = [line for line in text.split("\n") if line.strip()]
    return [para(line, width=width) for line in lines] or [para("")]


def _table_a2(original: AgreementData, changes: list[Change]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [section(3, label("amendment.section.changes"))]
    if not changes:
        story.append(para(label("amendment.no_changes"), s.body))
        return story
    value = (CONTENT_WIDTH - ENTRY_WIDTH) / 2
    inner = value - 2 * CELL_PADDING
    table: Table = grid_table(
        [
            label("amendment.col.entry"),
            label_both("amendment.col.before", version=original.version),
            label("amendment.col.after"),
        ],
        [
            [Paragraph(markup(c.label), s.label), _lines(c.before, inner), _lines(c.after, inner)]
            for c in changes
        ],
        [ENTRY_WIDTH, value, value],
    )
    # The entry names on grey like every label; the new values tinted, so they stand out.
    table.setStyle(
        [
            ("BACKGROUND", (0, 1), (0, -1), LABEL_BACKGROUND),
            ("BACKGROUND", (2, 1), (2, -1), NOTE_BACKGROUND),
        ]
    )
    story.append(table)
    unchanged = unchanged_entries(changes)
    if unchanged:
        names = ", ".join(in_sentence(name) for name in unchanged)
        story += [Spacer(1, 5), para(label("amendment.unchanged", names=names), s.body)]
    return story
