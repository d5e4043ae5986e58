"""The three signing parties and the signature block at the end of the agreement."""

from __future__ import annotations

import enum

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from vipdesk.documents.agreement_layout import (
    ACCENT,
    CONTENT_WIDTH,
    LABEL_BACKGROUND,
    RULE,
    fitted,
    para,
    styles,
)
from vipdesk.documents.fonts import markup
from vipdesk.documents.pdf_fields import SignatureBox
from vipdesk.services.agreement_data import AgreementData, Person


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
        return "The trainee", Person(data.trainee.name, "Trainee", data.trainee.email)
    if party is Party.SENDING:
        contact = data.sending.contact
        person = Person(contact.name, contact.position or "Placement coordinator", contact.email)
        return "Responsible person at the sending institution", person
    mentor = data.receiving.mentor
    person = Person(mentor.name, mentor.position or "Company mentor", mentor.email)
    return "Supervisor at the receiving organisation", person


def signature_section(data: AgreementData, *, section: int) -> list[Flowable]:
    """Name, function, e-mail, date and a box to sign in, one column per party."""
    s = styles()
    column = CONTENT_WIDTH / 3
    box_width = column - 10
    headings: list[Flowable] = []
    names: list[list[Flowable]] = []
    dates: list[Flowable] = []
    boxes: list[Flowable] = []
    for party in Party:
        heading, person = signer(data, party)
        headings.append(Paragraph(markup(heading), s.label))
        names.append(
            [
                para(person.name or " "),
                para(person.position, s.muted) if person.position else para(""),
                fitted(person.email, column - 10) if person.email else para(""),
            ]
        )
        dates.append(para("Date: ______________"))
        boxes.append(
            SignatureBox(
                party.field_name, f"Signature of {party.label}", box_width, SIGNATURE_HEIGHT
            )
        )
    table = Table(
        [headings, names, dates, boxes],
        colWidths=[column] * 3,
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
    intro = Paragraph(
        markup(
            "By signing, the parties agree to this learning agreement. Each party signs in its "
            "box: digitally with a certificate, or by hand on a printed copy that is scanned."
        ),
        ParagraphStyle("signature_intro", parent=s.body, keepWithNext=True),
    )
    # The heading keeps with the intro, the intro with the table (keepWithNext).
    return [
        Paragraph(markup(f"{section}. Signatures"), s.section),
        intro,
        Spacer(1, 6),
        table,
    ]
