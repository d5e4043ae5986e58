"""What a questionnaire PDF holds, how vipdesk recognises it, and reading the answers back.

The file carries the agreement's private document properties (`documents.agreement.form`):
its kind (`questionnaire/1`), the placement's reference and id, the questionnaire's version,
and as its hash the digest of the question set it asks. One more property names the
questionnaire. When the file comes back, `read_returned_questionnaire` refuses what is not a
questionnaire of ours, and `answers_of` turns the fields into answers; the service compares the
digest with the questions as they are on record before anything is stored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from vipdesk.documents.agreement.form import (
    KEY_HASH,
    KEY_PLACEMENT,
    KEY_REFERENCE,
    KEY_VERSION,
    QUESTIONNAIRE_KIND,
    document_properties,
    open_pdf,
    read_returned_bytes,
)
from vipdesk.errors import RefusedFileError, VipdeskError
from vipdesk.resources import load_json

KEY_QUESTIONNAIRE = "VipdeskQuestionnaire"
KEY_LANGUAGE = "VipdeskLanguage"  # of the questions' texts, which the digest covers
RESPONDENT_FIELD = "respondent"
FIELD_PREFIX = "q_"
MAX_TEXT = 2000


def pdf_words(language: str) -> dict[str, str]:
    """The words of a questionnaire PDF itself in `language` (a code of `vipdesk.languages`):
    its instructions, labels, "Yes" and "No", "Page x of y"."""
    words: dict[str, dict[str, str]] = load_json("translations/questionnaire_pdf.json")
    return words[language]


@dataclass(frozen=True)
class Question:
    """One question as printed: `kind` is scale, yes_no, choice or text."""

    key: str
    theme: str
    text: str
    help: str
    kind: str
    options: tuple[tuple[str, str], ...]  # (key, label) of each answer offered
    required: bool

    @property
    def field(self) -> str:
        return f"{FIELD_PREFIX}{self.key}"


@dataclass(frozen=True)
class QuestionnaireForm:
    """Everything the PDF shows, and the identity it carries."""

    questionnaire_id: str
    version: int
    title: str
    intro: str
    respondent_hint: str
    party: str  # who answers, as a reader says it: "Host mentor"
    reference: str
    placement_id: int
    placement_line: str  # "Ana Horvat at Nordlicht GmbH, 1 Feb 2027 to 31 May 2027"
    institution: str
    contact: str  # whom to send the file back to
    respondent: str  # pre-filled, may be corrected
    themes: tuple[tuple[str, str], ...]  # (key, label) in order
    questions: tuple[Question, ...]
    generated_on: date
    language: str = "en"  # of the texts above, and of the PDF's own words (`pdf_words`)


def question_set_digest(
    questionnaire_id: str, version: int, questions: tuple[Question, ...]
) -> str:
    """SHA-256 of the questions asked: their keys, kinds, texts and answers offered."""
    plain = [
        questionnaire_id,
        version,
        [[q.key, q.kind, q.text, [key for key, _ in q.options], q.required] for q in questions],
    ]
    canonical = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def form_digest(form: QuestionnaireForm) -> str:
    return question_set_digest(form.questionnaire_id, form.version, form.questions)


@dataclass(frozen=True)
class ReturnedQuestionnaire:
    """What a returned questionnaire says about itself, and its fields as they are now."""

    name: str
    reference: str
    placement_id: int | None
    questionnaire_id: str
    version: int
    digest: str
    fields: dict[str, str]
    language: str = "en"  # of the questions it asks (files before languages: English)


def read_returned_questionnaire(data: bytes, name: str) -> ReturnedQuestionnaire:
    """Read a returned questionnaire PDF.

    Raises:
        RefusedFileError: not a PDF, damaged, protected, not a questionnaire vipdesk exported,
            or its identifiers changed after export.
    """
    try:
        returned = read_returned_bytes(data, name, frozenset({QUESTIONNAIRE_KIND}), all_fields=True)
        properties = document_properties(open_pdf(data, name))
        questionnaire_id = properties.get(KEY_QUESTIONNAIRE, "")
    except RefusedFileError:
        raise
    except VipdeskError as exc:
        raise RefusedFileError(str(exc)) from exc
    if not questionnaire_id.strip():
        raise RefusedFileError(f"{name} carries a damaged vipdesk reference.")
    return ReturnedQuestionnaire(
        name=name,
        reference=returned.reference,
        placement_id=returned.placement_id,
        questionnaire_id=questionnaire_id.strip(),
        version=returned.version,
        digest=returned.content_hash,
        fields=returned.fields,
        language=properties.get(KEY_LANGUAGE, "en").strip() or "en",
    )


def identity(form: QuestionnaireForm) -> dict[str, str]:
    """The private document properties of the PDF (see `documents.agreement.form`)."""
    return {
        KEY_REFERENCE: form.reference,
        KEY_VERSION: str(form.version),
        KEY_PLACEMENT: str(form.placement_id),
        KEY_HASH: form_digest(form),
        KEY_QUESTIONNAIRE: form.questionnaire_id,
        KEY_LANGUAGE: form.language,
    }


def answers_of(
    returned: ReturnedQuestionnaire, questions: tuple[Question, ...]
) -> tuple[str, dict[str, int | str], list[str]]:
    """The respondent, the answers (a scale's as its number) and what is wrong with the form.

    What is wrong: a question's field missing from the file (the form was altered), an answer
    that is not one of those offered, a text longer than a questionnaire answer may be.
    """
    fields = returned.fields
    problems: list[str] = []
    answers: dict[str, int | str] = {}
    for question in questions:
        if question.field not in fields:
            problems.append(f"the field of question '{question.key}' is missing")
            continue
        value = fields[question.field].strip()
        if not value:
            continue
        if question.kind == "text":
            if len(value) > MAX_TEXT:
                problems.append(f"the answer to '{question.key}' is longer than {MAX_TEXT}")
            answers[question.key] = value
        elif value not in {key for key, _ in question.options}:
            problems.append(f"'{value}' is not an answer offered to '{question.key}'")
        else:
            answers[question.key] = int(value) if question.kind == "scale" else value
    if RESPONDENT_FIELD not in fields:
        problems.append("the respondent's name field is missing")
    return fields.get(RESPONDENT_FIELD, "").strip(), answers, problems
