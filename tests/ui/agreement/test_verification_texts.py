"""What a returned PDF's signatures show, worded by the interface: every template of the
signature checks is in the catalogue, in English each reads as the checks say it, and in German
the verdict on an altered file and an unconfirmed signer keeps no English but names."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

import vipdesk.documents.files as files
import vipdesk.documents.signatures.alterations as alterations
import vipdesk.documents.signatures.signing as signing
import vipdesk.documents.signatures.verification as verification
import vipdesk.services.signatures.scans as scans
import vipdesk.services.signatures.trust as trust
from tests.helpers.phrases import templates_in
from tests.helpers.translations import compile_catalogues
from tests.ui.agreement.test_verification_dialog import check
from vipdesk.phrase import Count, Label, Phrase
from vipdesk.services.signatures.trust import SignerCheck
from vipdesk.ui import labels, phrases
from vipdesk.ui.agreement.verification_dialog import verification as verified
from vipdesk.ui.agreement.verification_dialog import verification_html
from vipdesk.ui.agreement.verification_texts import TEMPLATES
from vipdesk.ui.i18n import CATALOGUE
from vipdesk.ui.phrases import phrase_text

MODULES = (alterations, verification, trust, signing, scans, files)
CALLS = {"said": 0, "Phrase": 0, "FieldProblem.said": 1}

CHANGES = (
    Phrase("field {name} changed", {"name": "financial_amount"}),
    Phrase("content of page {number} changed", {"number": Count(2)}),
)
REASON = Phrase(
    "the certificate names {name}, but the {party} is to be signed for by {expected}",
    {"name": "J. Weiss", "party": Label("Receiving organisation", True), "expected": "Jürgen Weiß"},
)


def test_the_interface_knows_every_template_of_the_signature_checks() -> None:
    assert templates_in(MODULES, CALLS) == set(TEMPLATES)


def test_a_verdict_reads_in_english_as_the_checks_say_it() -> None:
    altered = check(CHANGES)
    unconfirmed = SignerCheck(check(), "Jürgen Weiß", (REASON,))
    assert altered.verdict == (
        "ALTERED after signing by Jürgen Weiß: field financial_amount changed; content of page 2 "
        "changed"
    )
    assert unconfirmed.verdict == (
        "intact, signer NOT CONFIRMED: the certificate names J. Weiss, but the receiving "
        "organisation is to be signed for by Jürgen Weiß"
    )
    for said in (altered.verdict_phrase, unconfirmed.verdict_phrase):
        assert phrase_text(said) == said.english()


def test_in_german_an_altered_file_and_an_unconfirmed_signer_keep_no_english(
    qapp: object, tmp_path: Path
) -> None:
    altered = SignerCheck(check(CHANGES), "", ())
    unconfirmed = SignerCheck(check(), "Jürgen Weiß", (REASON,))
    german = QTranslator()
    assert german.load(CATALOGUE.format(language="de"), str(compile_catalogues(tmp_path, ["de"])))
    QCoreApplication.installTranslator(german)
    phrases.all_templates.cache_clear()
    labels.use_language("de")
    try:
        html = verification_html(verified("x.pdf", b"%PDF", [altered, unconfirmed], "", "LA 1"))
    finally:
        QCoreApplication.removeTranslator(german)
        phrases.all_templates.cache_clear()
        labels.use_language("en")
    text = re.sub(r"<[^>]+>", " ", html)
    assert "Feld financial_amount geändert" in text and "Inhalt von Seite 2 geändert" in text
    assert "Organisation" in text and "Unterzeichner/in NICHT BESTÄTIGT" in text
    english = {"changed", "signer", "certificate names", "Receiving", "page", "intact"}
    assert not [word for word in english if word in text]
