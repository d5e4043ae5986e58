"""Messages made from the records: which template, to whom, with which file attached.

Each function returns a `Draft` the coordinator sees (and may edit) before it is queued:
the agreement (or amendment) out for signature to one party, with the PDF as sent or the
fillable PDF for HR; the final signed copy to all three; the certificate request to the host;
a questionnaire to its respondent; a report to a funder. Recipients come from the document
(the people it names) and from the host's HR contacts.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from email.headerregistry import Address

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData, agreement_from_dict
from vipdesk.documents.agreement.signature_block import Party, signer
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import (
    AgreementDocument,
    Contact,
    ContactRole,
    DocumentKind,
    DocumentState,
    Institution,
    Placement,
    ReadinessParty,
)
from vipdesk.phrase import Label
from vipdesk.services.agreements.batch import agreement_for_export
from vipdesk.services.agreements.export import export_agreement
from vipdesk.services.agreements.queries import load_row
from vipdesk.services.agreements.render import stored_or_rendered
from vipdesk.services.agreements.views import document_name
from vipdesk.services.evaluations.forms import export_questionnaire
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.mail.compose import Attachment, Draft, Recipients
from vipdesk.services.mail.languages import (
    RESPONDENT_PARTY,
    languages_of,
    message_language,
    placement_languages,
    written_day,
)
from vipdesk.services.mail.settings import MailSettings, make_address
from vipdesk.services.mail.templates import (
    fill,
    fill_signature,
    how_to_sign,
    signature_text,
    template,
)

ANSWER_WITHIN = 14  # days the recipient is given, unless a rule says otherwise
PDF = "application/pdf"


def _address(name: str, email: str) -> Address | None:
    if not email:
        return None
    return make_address(name, email)


def party_recipients(session: Session, data: AgreementData, party: Party) -> Recipients:
    """Who receives a party's copy: the person the document names; for the host, its HR
    contacts with the mentor in copy (HR signs for the company), else the mentor."""
    _heading, person = signer(data, party)
    named = _address(person.name, person.email)
    if party is Party.HOST:
        host_id = session.scalar(
            select(Placement.host_id).where(Placement.reference == data.reference)
        )
        hr = [
            make_address(c.name, c.email)
            for c in session.scalars(
                select(Contact)
                .where(Contact.organisation_id == host_id, Contact.role == ContactRole.HR)
                .order_by(Contact.id)
            )
        ]
        if hr:
            return Recipients(hr, [named] if named and named not in hr else [])
    if named is None:
        raise VipdeskError.said(_NO_ADDRESS[party], reference=data.reference)
    return Recipients([named], [])


# Per party: what a party is called differs by language within the sentence.
_NO_ADDRESS = {
    Party.STUDENT: "The agreement {reference} has no e-mail address for the trainee: add it to "
    "the record, or write the address in the message.",
    Party.SENDING: "The agreement {reference} has no e-mail address for the sending institution: "
    "add it to the record, or write the address in the message.",
    Party.HOST: "The agreement {reference} has no e-mail address for the receiving organisation: "
    "add it to the record, or write the address in the message.",
}
_SIGNED_ALREADY = {
    Party.STUDENT: "The trainee has signed the {document} already.",
    Party.SENDING: "The sending institution has signed the {document} already.",
    Party.HOST: "The receiving organisation has signed the {document} already.",
}


def common_values(
    session: Session,
    placement_id: int,
    settings: MailSettings,
    today: date,
    language: str = ENGLISH,
) -> dict[str, str]:
    """The placeholders every message of a placement can use, dates in `language`."""
    row = session.execute(
        select(Placement, Institution.name)
        .join(Institution, Institution.id == Placement.institution_id)
        .where(Placement.id == placement_id)
    ).one_or_none()
    if row is None:
        raise VipdeskError.said("This placement no longer exists.")
    placement, institution = row
    values = {
        "reference": placement.reference,
        "student": f"{placement.student.given_name} {placement.student.family_name}",
        "host": placement.host.name,
        "institution": institution,
        "start": written_day(placement.planned_start, language),
        "end": written_day(placement.planned_end, language),
        "date": written_day(today, language),
        "deadline": written_day(today + timedelta(days=ANSWER_WITHIN), language),
    }
    signature = signature_text(session, language)
    values["signature"] = fill_signature(signature, settings, institution)
    return values


def from_template(
    session: Session,
    key: str,
    values: dict[str, str],
    recipients: Recipients,
    *,
    placement_id: int | None,
    attachments: list[Attachment] | None = None,
    language: str = ENGLISH,
) -> Draft:
    chosen = template(session, key, language)
    names = ", ".join(a.display_name or a.addr_spec for a in recipients.to)
    values = {"recipient": names, **values}
    return Draft(
        to=list(recipients.to),
        cc=list(recipients.cc),
        subject=" ".join(fill(chosen.subject, values).split()),
        body=fill(chosen.body, values),
        attachments=attachments or [],
        placement_id=placement_id,
        template=key,
    )


def _file_name(reference: str, what: str) -> str:
    return f"{reference} {what}.pdf"


def for_signature(
    db: Database,
    document_id: int,
    party: Party,
    settings: MailSettings,
    *,
    fillable: bool = False,
    today: date | None = None,
    language: str | None = None,
) -> Draft:
    """The agreement or amendment out for signature, to one party; the message in `language`,
    else in the one `message_language` gives.

    Raises:
        VipdeskError: the document is not out for signature, the party has signed already,
            or no address is known for the party.
    """
    today = today or date.today()
    with db.session() as session:
        row = load_row(session, document_id)
        if row.kind is DocumentKind.CERTIFICATE:
            raise VipdeskError.said(
                "A certificate is requested from the host, not signed by three."
            )
        if row.state is not DocumentState.SENT:
            raise VipdeskError.said(
                "The {document} is {state}: send it for signature first, then e-mail it.",
                document=document_name(row),
                state=Label(row.state.label, True),
            )
        signature = next((s for s in row.signatures if s.party == party.value), None)
        if signature is not None and signature.state.value == "signed":
            raise VipdeskError.said(_SIGNED_ALREADY[party], document=document_name(row))
        data = agreement_from_dict(json.loads(row.content))
        if language is None:
            student = placement_languages(session, row.placement_id).student
            language = message_language(data.document_language, party, student)
        pdf = stored_or_rendered(session, row, final=False)
        values = common_values(session, row.placement_id, settings, today, language)
        amendment = row.kind is DocumentKind.AMENDMENT
        values |= {
            "version": str(data.version),
            "number": str(row.number),
            "instructions": how_to_sign(language, fillable),
        }
        recipients = party_recipients(session, data, party)
        placement_id, reference, title = row.placement_id, data.reference, str(row)
    if fillable:
        if party is not Party.HOST or amendment:
            raise VipdeskError.said("The fillable PDF is the agreement for the host's HR.")
        pdf = export_agreement(db, placement_id, fillable=True, version=document_id).pdf
        name = _file_name(reference, "learning agreement for HR")
    else:
        name = _file_name(reference, title.replace("Learning agreement", "learning agreement"))
    with db.session() as session:
        return from_template(
            session,
            "amendment_for_signature" if amendment else "agreement_for_signature",
            values,
            recipients,
            placement_id=placement_id,
            attachments=[Attachment(name, pdf, PDF, document_id)],
            language=language,
        )


def signed_copy(
    db: Database,
    document_id: int,
    settings: MailSettings,
    today: date | None = None,
    *,
    language: str = ENGLISH,
) -> Draft:
    """The final copy of a document every party signed, to all three parties."""
    today = today or date.today()
    with db.session() as session:
        row: AgreementDocument = load_row(session, document_id)
        if row.kind is DocumentKind.CERTIFICATE:
            raise VipdeskError.said("The certificate is kept; it is not sent to the parties.")
        pdf = stored_or_rendered(session, row, final=True)
        data = agreement_from_dict(json.loads(row.content))
        values = common_values(session, row.placement_id, settings, today, language)
        values["sha256"] = row.final_sha256 or ""
        to: list[Address] = []
        cc: list[Address] = []
        for party in Party:
            found = party_recipients(session, data, party)
            to.extend(a for a in found.to if a not in to)
            cc.extend(a for a in found.cc if a not in to and a not in cc)
        name = _file_name(data.reference, f"{str(row).lower()} signed")
        return from_template(
            session,
            "agreement_signed",
            values,
            Recipients(to, cc),
            placement_id=row.placement_id,
            attachments=[Attachment(name, pdf, PDF, document_id)],
            language=language,
        )


def questionnaire_request(
    db: Database,
    placement_id: int,
    kind: Kind,
    party: ReadinessParty,
    settings: MailSettings,
    today: date | None = None,
    *,
    language: str | None = None,
) -> Draft:
    """A party's questionnaire as a fillable PDF, to the person who answers it; the message
    and the questionnaire (where it is translated) in `language`, else in the respondent's
    (`PlacementLanguages.of_respondent`)."""
    today = today or date.today()
    if language is None:
        language = languages_of(db, placement_id).of_respondent(party)
    exported = export_questionnaire(db, placement_id, kind, party, language)
    form = exported.form
    data = agreement_for_export(db, placement_id)
    with db.session() as session:
        values = common_values(session, placement_id, settings, today, language)
        values["questionnaire"] = form.title
        if party is ReadinessParty.INSTITUTION:
            tutor = session.scalar(
                select(Contact)
                .join(Placement, Placement.tutor_id == Contact.id)
                .where(Placement.id == placement_id)
            )
            if tutor is None:
                raise VipdeskError.said("The placement has no academic tutor to send this to.")
            recipients = Recipients([make_address(tutor.name, tutor.email)], [])
        else:
            recipients = party_recipients(session, data, RESPONDENT_PARTY[party])
            if party is ReadinessParty.COMPANY:  # the mentor answers, not HR
                mentor = signer(data, Party.HOST)[1]
                if mentor.email:
                    recipients = Recipients([make_address(mentor.name, mentor.email)], [])
        name = _file_name(form.reference, form.title.lower())
        return from_template(
            session,
            "questionnaire_request",
            values,
            recipients,
            placement_id=placement_id,
            attachments=[Attachment(name, exported.pdf, PDF)],
            language=language,
        )


def certificate_request(
    db: Database,
    placement_id: int,
    settings: MailSettings,
    today: date | None = None,
    *,
    language: str | None = None,
) -> Draft:
    """The request to the host for the traineeship certificate (its form attached if one is
    drafted), in `language`, else in the host's."""
    today = today or date.today()
    if language is None:
        language = languages_of(db, placement_id).of(Party.HOST)
    data = agreement_for_export(db, placement_id)
    with db.session() as session:
        values = common_values(session, placement_id, settings, today, language)
        recipients = party_recipients(session, data, Party.HOST)
        certificate = session.scalar(
            select(AgreementDocument)
            .where(
                AgreementDocument.placement_id == placement_id,
                AgreementDocument.kind == DocumentKind.CERTIFICATE,
                AgreementDocument.state != DocumentState.SUPERSEDED,
            )
            .order_by(AgreementDocument.number.desc())
            .limit(1)
        )
        attachments = []
        if certificate is not None and certificate.state is not DocumentState.DRAFT:
            pdf = stored_or_rendered(session, certificate, final=False)
            attachments.append(
                Attachment(
                    _file_name(data.reference, "traineeship certificate"), pdf, PDF, certificate.id
                )
            )
        return from_template(
            session,
            "certificate_request",
            values,
            recipients,
            placement_id=placement_id,
            attachments=attachments,
            language=language,
        )


def report_message(
    db: Database,
    title: str,
    file_name: str,
    data: bytes,
    to: list[Address],
    settings: MailSettings,
    today: date | None = None,
    *,
    language: str = ENGLISH,
) -> Draft:
    """A report to a funder or manager, its workbook attached; the message in `language`."""
    today = today or date.today()
    with db.session() as session:
        institution = session.scalar(select(Institution.name).order_by(Institution.id).limit(1))
        signature = fill_signature(signature_text(session, language), settings, institution or "")
        values = {
            "report": title,
            "date": written_day(today, language),
            "institution": institution or "",
            "signature": signature,
        }
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return from_template(
            session,
            "report_to_funder",
            values,
            Recipients(to, []),
            placement_id=None,
            attachments=[Attachment(file_name, data, xlsx)],
            language=language,
        )
