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
from vipdesk.documents.files import write_atomically
from vipdesk.documents.pdf.document import DocumentInfo
from vipdesk.documents.pdf.fonts import markup
from vipdesk.errors import VipdeskError

# Private keys beside the agreement's (see agreement_form.py): which amendment, of what.
KEY_AMENDMENT = "VipdeskAmendment"
KEY_ORIGINAL_VERSION = "VipdeskAmendsVersion"
KEY_ORIGINAL_HASH = "VipdeskAmendsHash"

SIGNATURE_INTRO = (
    "By signing, the parties agree to this amendment; the learning agreement applies as "
    "amended. Each party signs in its box: digitally with a certificate, or by hand on a "
    "printed copy that is scanned."
)
ENTRY_WIDTH = 36 * mm


def title(number: int) -> str:
    return f"Amendment {number} to the learning agreement"


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
    return build_pdf(
        _story(original, amended, number, reason, agreed_on, records),
        document_info(original, amended, number),
        header=(amended.sending.name, title(number)),
        footer=(
            f"{amended.reference} · amendment {number} · version {amended.version} · "
            f"generated {long_date(amended.generated_at)}"
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
    return [
        Paragraph(markup(title(number)), s.title),
        Spacer(1, 2),
        Paragraph(
            markup(
                f"Reference {amended.reference}   ·   Amends version {original.version}   ·   "
                f"Generated {long_date(amended.generated_at)}"
            ),
            s.muted,
        ),
        Spacer(1, 6),
        para(
            f"This amendment changes the traineeship programme (Table A) of the Learning "
            f"Agreement for Traineeships of {amended.trainee.name}, version {original.version}, "
            f"signed by the three parties. The changed entries are listed as Table A2 beside "
            f"the entries as agreed; every entry not listed stays as agreed.",
            s.body,
        ),
        *_parties(amended),
        *_reason(original, reason, agreed_on),
        *_table_a2(original, changes),
        *signature_block(
            [Signatory(party, *signer(amended, party)) for party in Party],
            section=4,
            intro=SIGNATURE_INTRO,
            records=records,
        ),
    ]


def _parties(data: AgreementData) -> list[Flowable]:
    return [
        section(1, "The parties"),
        label_table(
            [
                ("Trainee", data.trainee.name),
                ("Sending institution", data.sending.name),
                ("Receiving organisation", data.receiving.name),
                ("Mentor", person_line(data.receiving.mentor)),
            ]
        ),
    ]


def _reason(original: AgreementData, reason: str, agreed_on: date | None) -> list[Flowable]:
    rows: list[tuple[str, Cell]] = [
        ("Amends", f"Learning agreement {original.reference}, version {original.version}"),
        ("Reason", reason),
        ("Agreed on", long_date(agreed_on) if agreed_on else "The date of the last signature"),
    ]
    return [section(2, "Reason for the amendment"), label_table(rows)]


def _lines(text: str, width: float) -> list[Flowable]:
    """One paragraph per line: a list of tasks or outcomes stays a list."""
    lines = [line for line in text.split("\n") if line.strip()]
    return [para(line, width=width) for line in lines] or [para("")]


def _table_a2(original: AgreementData, changes: list[Change]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [section(3, "Table A2 — changes during the traineeship")]
    if not changes:
        story.append(para("No entry of the programme (Table A) is changed.", s.body))
        return story
    value = (CONTENT_WIDTH - ENTRY_WIDTH) / 2
    inner = value - 2 * CELL_PADDING
    table: Table = grid_table(
        ["Entry", f"Table A — as agreed (version {original.version})", "Table A2 — as amended"],
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
        names = ", ".join(label[0].lower() + label[1:] for label in unchanged)
        story += [Spacer(1, 5), para(f"Unchanged, as agreed in Table A: {names}.", s.body)]
    return story
