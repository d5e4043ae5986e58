"""The three signing parties and the signature block at the end of the agreement.

The amendment and the certificate end with the same block: `signature_block` takes who signs
(all three parties, or only some) and the sentence that says what a signature means. On an
executed copy, a party's signature record (`records`) takes the place of its empty box.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from vipdesk.documents.agreement.content import AgreementData, Person
from vipdesk.documents.agreement.layout import (
    ACCENT,
    CONTENT_WIDTH,
    LABEL_BACKGROUND,
    RULE,
    fitted,
    para,
    styles,
)
from vipdesk.documents.agreement.signature_record import SignatureRecord, record_box
from vipdesk.documents.agreement.texts import label
from vipdesk.documents.pdf.fields import SignatureBox
from vipdesk.documents.pdf.fonts import markup


class Party(enum.StrEnum):
    """Who signs: the trainee, the sending institution, the receiving organisation."""

    STUDENT = "student"
    SENDING = "sending"
    HOST = "host"

    @property
    def field_name(self) -> str:
        """The name of the party's signature field in the PDF."""
        return f"sig_{self.value}"

    @property
    def role(self) -> str:
        """The party's name on its own: "Receiving organisation"."""
        return {
            "student": "Trainee",
            "sending": "Sending institution",
            "host": "Receiving organisation",
        }[self.value]

    @property
    def label(self) -> str:
        return {
            "student": "the trainee",
            "sending": "the sending institution",
            "host": "the receiving organisation",
        }[self.value]

    @classmethod
    def of_field(cls, name: str) -> Party | None:
        return next((party for party in cls if party.field_name == name), None)


SIGNATURE_HEIGHT = 20 * mm


def signer(data: AgreementData, party: Party) -> tuple[str, Person]:
    """The heading of the party's column and the person expected to sign."""
    if party is Party.STUDENT:
        person = Person(data.trainee.name, label("position.student"), data.trainee.email)
        return label("signer.student"), person
    if party is Party.SENDING:
        contact = data.sending.contact
        person = Person(contact.name, contact.position or label("position.sending"), contact.email)
        return label("signer.sending"), person
    mentor = data.receiving.mentor
    person = Person(mentor.name, mentor.position or label("position.host"), mentor.email)
    return label("signer.host"), person


@dataclass(frozen=True)
class Signatory:
    """One column of the signature block: the party's field, its heading, who signs."""

    party: Party
    heading: str
    person: Person


def signature_section(
    data: AgreementData, *, section: int, records: Sequence[SignatureRecord] | None = None
) -> list[Flowable]:
    """Name, function, e-mail, date and a box to sign in, one column per party."""
    signatories = [Signatory(party, *signer(data, party)) for party in Party]
    return signature_block(
        signatories, section=section, intro=label("signature_intro"), records=records
    )


def signature_block(
    signatories: Sequence[Signatory],
    *,
    section: int,
    intro: str,
    records: Sequence[SignatureRecord] | None = None,
) -> list[Flowable]:
    """The numbered "Signatures" section: `intro`, then one column per signatory."""
    s = styles()
    recorded = {record.party: record for record in records or ()}
    column = CONTENT_WIDTH / max(len(signatories), 1)
    box_width = column - 10
    headings: list[Flowable] = []
    names: list[list[Flowable]] = []
    dates: list[Flowable] = []
    boxes: list[Flowable] = []
    for signatory in signatories:
        party, person = signatory.party, signatory.person
        headings.append(Paragraph(markup(signatory.heading), s.label))
        names.append(
            [
                para(person.name or " "),
                para(person.position, s.muted) if person.position else para(""),
                fitted(person.email, column - 10) if person.email else para(""),
            ]
        )
        record = recorded.get(party.value)
        # A recorded signature states its own date; the blank line is for signing by hand.
        dates.append(Spacer(1, 0) if record is not None else para(label("date_line")))
        boxes.append(
            record_box(record, box_width, SIGNATURE_HEIGHT)
            if record is not None
            else SignatureBox(
                party.field_name,
                label("signature_of", party=label(f"party.{party.value}")),
                box_width,
                SIGNATURE_HEIGHT,
            )
        )
    table = Table(
        [headings, names, dates, boxes],
        colWidths=[column] * len(signatories),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), LABEL_BACKGROUND),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, ACCENT),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 3), (-1, 3), 2),
                ("BOTTOMPADDING", (0, 3), (-1, 3), 6),
                ("NOSPLIT", (0, 0), (-1, -1)),  # the block stays on one page
            ]
        )
    )
    # Heading, intro and boxes move to the next page together: a heading never stays behind.
    return [
        KeepTogether(
            [
                Paragraph(markup(f"{section}. {label('section.signatures')}"), s.section),
                Paragraph(markup(intro), s.body),
                Spacer(1, 6),
                table,
            ]
        )
    ]
