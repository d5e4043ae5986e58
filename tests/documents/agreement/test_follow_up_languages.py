"""The certificate and the amendment in the agreement's language: their fixed texts from
texts.<language>.json (the `certificate.*` and `amendment.*` labels), dates the language's
way, bilingual like the agreement, and every certificate stored before languages keeping its
hash."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.follow_up_samples import REASON, sample_amended, sample_certificate
from tests.helpers.pdf_tools import pdf_text
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.amendment_pdf import render_amendment
from vipdesk.documents.agreement.certificate_content import (
    certificate_from_agreement,
    certificate_from_dict,
    certificate_hash,
    certificate_to_dict,
)
from vipdesk.documents.agreement.certificate_pdf import render_certificate
from vipdesk.languages import LANGUAGES
from vipdesk.resources import resources_dir


def labels(language: str) -> dict[str, str]:
    path = resources_dir() / "agreement" / f"texts.{language}.json"
    found: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["labels"]
    return found


def text_of(pdf: bytes, tmp_path: Path) -> str:
    return " ".join(pdf_text(pdf, tmp_path).split())


def english_left(text: str, used: list[str], entered: list[str]) -> list[str]:
    """The words of each English label in `used` that German says otherwise and that `text`
    still holds, once what people `entered` is taken out of it."""
    english, german = labels("en"), labels("de")
    fragments = [
        fragment.strip()
        for key in used
        if english[key] != german[key]
        for fragment in re.split(r"\{\w+\}", english[key])
        if len(fragment.strip()) > 4 and fragment.strip() not in german[key]
    ]
    for value in sorted(entered, key=len, reverse=True):
        text = text.replace(" ".join(value.split()), " ")
    return [fragment for fragment in fragments if fragment in text]


def test_the_german_certificate_has_no_english_left(tmp_path: Path) -> None:
    data = replace(sample_certificate(), document_language="de", actual_end=date(2026, 12, 4))
    text = text_of(render_certificate(data), tmp_path)
    assert "Praktikumsbescheinigung" in text and "4. Dezember 2026" in text
    assert "3. Ausgeführte Aufgaben" in text and "Tatsächlich" in text
    used = [key for key in labels("en") if key.startswith("certificate.")] + [
        "label.mentor", "label.mode", "label.hours", "signer.host", "position.student",
        "weeks", "days_about_weeks", "date_line", "section.signatures",
    ]  # fmt: skip
    entered = [data.trainee_name, data.host_name, data.sending_name, data.evaluation,
               data.assessment, *data.tasks, *data.learning_outcomes]  # fmt: skip
    assert english_left(text, used, entered) == []
    assert "December" not in text and "weeks" not in text and "Page" not in text


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_language_writes_its_own_certificate(language: str, tmp_path: Path) -> None:
    text = text_of(render_certificate(replace(sample_certificate(), document_language=language)),
                   tmp_path)  # fmt: skip
    mine = labels(language)
    for key in ("certificate.title", "certificate.section.period", "certificate.assessment"):
        assert mine[key] in text, (language, key)


def test_a_bilingual_certificate_states_it_in_both_languages(tmp_path: Path) -> None:
    data = replace(sample_certificate(), document_language="en+pl")
    text = text_of(render_certificate(data), tmp_path)
    assert "Zaświadczenie o odbyciu praktyki / Traineeship certificate" in text
    assert "zaświadcza, że praktyka" in text and "certifies that" in text
    assert text.count(data.evaluation.split(".")[0]) == 1  # what the mentor wrote: once


def test_the_certificate_follows_its_agreements_language_and_english_keeps_its_hash() -> None:
    german = replace(sample_agreement(), document_language="en+de")
    certificate = certificate_from_agreement(
        german, actual_start=german.programme.start, actual_end=german.programme.end,
        today=german.programme.end,
    )  # fmt: skip
    assert certificate.document_language == "en+de"
    english = sample_certificate()
    stored_before = {k: v for k, v in certificate_to_dict(english).items()
                     if k != "document_language"}  # fmt: skip
    assert certificate_from_dict(stored_before) == english
    assert certificate_hash(certificate_from_dict(stored_before)) == certificate_hash(english)
    assert certificate_hash(replace(english, document_language="de")) != certificate_hash(english)


def amendment(language: str) -> bytes:
    original = replace(sample_agreement(), document_language=language)
    amended = replace(sample_amended(), document_language=language)
    return render_amendment(original, amended, number=1, reason=REASON, agreed_on=None)


def test_the_german_amendment_has_no_english_left(tmp_path: Path) -> None:
    text = text_of(amendment("de"), tmp_path)
    assert "Änderungsvereinbarung 1 zum Learning Agreement" in text
    assert "Tabelle A2 — Änderungen während des Praktikums" in text
    assert "Stunden pro Woche" in text and "30. Juni 2027" in text and "Seite 1 von 2" in text
    assert "Datum der letzten Unterschrift" in text
    assert "Unverändert, wie in Tabelle A vereinbart: Format," in text  # nouns keep capitals
    used = [key for key in labels("en") if key.startswith("amendment.")] + [
        "label.planned_period", "label.hours", "label.mode", "col.deliverable", "col.deadline",
        "period_range", "section.parties", "position.student", "label.mentor",
    ]  # fmt: skip
    data = sample_amended()
    entered = [REASON, data.trainee.name, data.sending.name, data.receiving.name,
               data.programme.monitoring_plan, sample_agreement().programme.monitoring_plan,
               *(t.description for t in data.programme.tasks)]  # fmt: skip
    assert english_left(text, used, entered) == []
    assert "June" not in text


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_each_language_writes_its_own_amendment(language: str, tmp_path: Path) -> None:
    text = text_of(amendment(language), tmp_path)
    mine = labels(language)
    for key in ("amendment.section.changes", "amendment.col.entry", "amendment.section.reason"):
        assert mine[key] in text, (language, key)


def test_a_bilingual_amendment_gives_its_headings_in_both_languages(tmp_path: Path) -> None:
    text = text_of(amendment("en+nl"), tmp_path)
    assert "Wijziging 1 van de Learning Agreement / Amendment 1 to the learning agreement" in text
    assert "3. Tabel A2 — wijzigingen tijdens de stage / Table A2 — changes during the" in text
    assert "Deze wijziging wijzigt" in text and "This amendment changes" in text
