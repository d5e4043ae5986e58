"""Issue 16: e-mail and web addresses wrap after '@' or '/', never in the middle of a word.

reportlab cut a long address wherever the column ended ("maximili" / "ane@…", "exampl" / "e").
The documents are read back with poppler's pdftotext, in reading order, so that each column of
the signature block comes out on its own lines.
"""

from __future__ import annotations

import dataclasses
import subprocess
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from tests.helpers.follow_up_samples import sample_amended, sample_certificate
from tests.helpers.pdf_tools import poppler
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.amendment_pdf import render_amendment
from vipdesk.documents.agreement.certificate_pdf import render_certificate
from vipdesk.documents.agreement.content import AgreementData, Person
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.documents.pdf.breaks import break_addresses
from vipdesk.documents.pdf.fonts import FONT, register_fonts, text_width

URL = (
    "https://careers.example-international-engineering-company.example/en/internships/"
    "virtual-placements/2027/application-details"
)
EMAIL = "maximiliane.mustermann-oberhuber@international-engineering-company-group.example"
LINK = (
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjM2ZDc0YjItYTQ5Ny00YzFl%40thread.v2/"
    "0?context=%7b%22Tid%22%3a%2272f988bf%22%7d"
)
RECORDED = "lukasz.zolc.exchange-2027@student-mobility-office.university.example"
# Where a reader may see an address continue on the next line: after '@' or '/', or, inside a
# part too wide for the line, before a '.', '-', '_', '?', '&', '=' or '#'.
AFTER = ("@", "/")
BEFORE = (".", "-", "_", "?", "&", "=", "#")


def _long_addresses() -> AgreementData:
    data = sample_agreement()
    mentor = Person("Maximiliane Mustermann-Oberhuber", "Senior Talent Acquisition Partner", EMAIL)
    return dataclasses.replace(
        data,
        trainee=dataclasses.replace(data.trainee, email=EMAIL),
        receiving=dataclasses.replace(data.receiving, website=URL, mentor=mentor),
    )


def _lines(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [poppler("pdftotext"), str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return [line.strip() for line in result.stdout.decode("utf-8").splitlines()]


def _printed_as(address: str, lines: list[str]) -> list[list[str]]:
    """Each place `address` is printed: the pieces it is wrapped into, line by line."""
    found = []
    for start, line in enumerate(lines):
        tail = line.split(" ")[-1]
        if not tail or not address.startswith(tail):
            continue
        pieces, printed = [tail], tail
        for following in lines[start + 1 :]:
            if printed == address or not address.startswith(printed + following):
                break
            pieces.append(following)
            printed += following
        if printed == address:
            found.append(pieces)
    return found


def _breaks_sensibly(pieces: list[str]) -> bool:
    return all(
        piece.endswith(AFTER) or following.startswith(BEFORE)
        for piece, following in pairwise(pieces)
    )


@pytest.mark.parametrize(
    ("document", "address", "times"),
    [
        ("agreement", URL, 1),  # the host's website
        # The trainee and the mentor, in the parties and in their signature boxes.
        ("agreement", EMAIL, 4),
        ("fillable", URL, 1),
        ("certificate", EMAIL, 3),  # the trainee, the mentor, the mentor's signature box
        # A signature already given, in its box: the e-mail of the person who signed.
        ("executed copy", RECORDED, 1),
        ("protocol", LINK, 1),  # a meeting link in the communication protocol's bullets
        ("amendment", URL, 1),  # the amended monitoring plan, in a third of the page
    ],
)
def test_a_long_address_wraps_only_after_at_or_slash(
    document: str, address: str, times: int, tmp_path: Path
) -> None:
    data = _long_addresses()
    if document == "certificate":
        pdf = render_certificate(
            dataclasses.replace(
                sample_certificate(),
                trainee_email=EMAIL,
                mentor=Person("Maximiliane Mustermann-Oberhuber", "Mentor", EMAIL),
            )
        )
    elif document == "protocol":
        pdf = render_agreement(dataclasses.replace(data, protocol=(f"Weekly meeting: {LINK}",)))
    elif document == "amendment":
        amended = sample_amended()
        plan = f"Weekly reports in the wiki: {URL}"
        amended = dataclasses.replace(
            amended, programme=dataclasses.replace(amended.programme, monitoring_plan=plan)
        )
        pdf = render_amendment(
            data, amended, number=1, reason="More time.", agreed_on=date(2027, 3, 20)
        )
    elif document == "executed copy":
        record = SignatureRecord(
            "student", "typed", "Łukasz Żółć", "Trainee", RECORDED, date.today()
        )
        pdf = render_agreement(data, records=[record])
    else:
        pdf = render_agreement(data, fillable=document == "fillable")

    printed = _printed_as(address, _lines(pdf, tmp_path))

    assert len(printed) == times, printed
    assert all(len(pieces) > 1 for pieces in printed)  # too wide for one line, so wrapped
    assert all(_breaks_sensibly(pieces) for pieces in printed), printed


def test_an_address_that_fits_and_other_text_stay_as_they_are() -> None:
    register_fonts()
    assert break_addresses("a@b.example, see https://b.example/x", FONT, 9, 300) == (
        "a@b.example, see https://b.example/x"
    )
    long_words = "Rechtsschutzversicherungsgesellschaften " * 3
    assert break_addresses(long_words, FONT, 9, 50) == long_words


def test_a_long_address_breaks_after_at_or_slash_first() -> None:
    register_fonts()
    width = text_width("maximiliane.mustermann-oberhuber@", FONT, 9) + 1

    assert break_addresses(f"Mentor: {EMAIL}", FONT, 9, width).split("\n") == [
        "Mentor: maximiliane.mustermann-oberhuber@",
        "international-engineering-company",
        "-group.example",  # a line ending in '-' would read as a hyphenated word
    ]
    assert break_addresses(URL, FONT, 9, 200).split("\n") == [
        "https://careers.example-international",  # never "https://" alone
        "-engineering-company.example/en/",
        "internships/virtual-placements/2027/",
        "application-details",
    ]


def test_a_part_wider_than_the_column_is_cut_only_as_a_last_resort() -> None:
    register_fonts()
    address = "someone@" + "x" * 60 + ".example"
    width = text_width("someone@", FONT, 9) + 1

    pieces = break_addresses(address, FONT, 9, width).split("\n")

    assert "".join(pieces) == address
    assert pieces[0] == "someone@"
    assert all(text_width(piece, FONT, 9) <= width for piece in pieces)
