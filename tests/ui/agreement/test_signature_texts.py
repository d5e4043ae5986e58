"""What stands in the way of recording a signature, worded by the interface: every template of
the signature services is in the catalogue, and in English each reads as the service says it."""

from __future__ import annotations

import vipdesk.services.agreements.views as views
import vipdesk.services.agreements.workflow as workflow
import vipdesk.services.signatures.recording as recording
from tests.helpers.phrases import templates_in
from vipdesk.errors import VipdeskError
from vipdesk.phrase import Joined, Label, Phrase
from vipdesk.ui.agreement.signature_texts import TEMPLATES
from vipdesk.ui.phrases import error_text

CALLS = {"said": 0, "FieldProblem.said": 1, "Phrase": 0, "on": 1}


def test_the_interface_knows_every_template_of_the_signature_services() -> None:
    assert templates_in((recording, views, workflow), CALLS) == set(TEMPLATES)


def test_a_refusal_reads_in_english_as_the_service_says_it() -> None:
    document = Phrase("{kind} {number}", {"kind": Label("Learning agreement", True), "number": 2})
    first = VipdeskError.said(
        "The {party} signs first (order: {order}).",
        party=Label("Trainee", True),
        order=Joined((Label("Trainee", True), Label("Sending institution", True)), " → "),
    )
    signed = VipdeskError.said(
        "The {party} has signed the {document} already.",
        party=Label("Receiving organisation", True),
        document=document,
    )
    assert str(first) == "The trainee signs first (order: trainee → sending institution)."
    assert str(signed) == "The receiving organisation has signed the learning agreement 2 already."
    for error in (first, signed):
        assert error_text(error) == str(error)


def test_a_sentence_starting_with_a_name_vipdesk_gives_starts_with_a_capital() -> None:
    party = VipdeskError.said("{party} signs first.", party=Label("Trainee", True))
    file = VipdeskError.said("{file} carries no signature.", file="scan.pdf")
    assert error_text(party) == "Trainee signs first."
    assert error_text(file) == "scan.pdf carries no signature."
