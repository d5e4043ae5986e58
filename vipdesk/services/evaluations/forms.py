"""Questionnaires that travel: a party's questionnaire as a fillable PDF, and the file back.

Any questionnaire, readiness or evaluation, goes out as a PDF for the party that answers it
(`export_questionnaire`). The returned file is checked as a returned agreement is
(`review_returned`): a file that is not a PDF or damaged, a PDF vipdesk did not make, another
placement's file, one whose identifiers or question set were changed, is refused with one line.
What it answers is shown answer by answer; only `store_returned` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.documents.questionnaire.content import (
    Question,
    QuestionnaireForm,
    answers_of,
    pdf_words,
    question_set_digest,
    read_returned_questionnaire,
)
from vipdesk.documents.questionnaire.pdf import day_in, render_questionnaire
from vipdesk.errors import NotFoundError, RefusedFileError, ValidationError, VipdeskError
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.models import (
    AnswerSource,
    Placement,
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
)
from vipdesk.models.base import utcnow
from vipdesk.phrase import Joined, Phrase
from vipdesk.services.agreements.batch import agreement_for_export
from vipdesk.services.evaluations.questionnaires import (
    Kind,
    kind_and_party,
    questionnaire_for,
)
from vipdesk.services.evaluations.records import check_answers, record_evaluation
from vipdesk.services.preparation.questionnaires import AnswerValue, Questionnaire
from vipdesk.services.preparation.readiness import check_respondent
from vipdesk.services.preparation.scores import score_columns


def questions_of(questionnaire: Questionnaire) -> tuple[Question, ...]:
    return tuple(
        Question(
            key=item.key,
            theme=item.theme,
            text=item.text,
            help=item.help,
            kind=item.type.value,
            options=tuple((o.key, o.label) for o in item.options),
            required=item.required,
        )
        for item in questionnaire.items
    )


# Who answers, as the PDF's words name them (`pdf_words`).
_RESPONDENT_WORDS = {
    ReadinessParty.STUDENT: "student",
    ReadinessParty.COMPANY: "host_mentor",
    ReadinessParty.INSTITUTION: "academic_tutor",
}


def _suggested_respondent(data: AgreementData, party: ReadinessParty) -> str:
    if party is ReadinessParty.STUDENT:
        return data.trainee.name
    if party is ReadinessParty.COMPANY:
        return data.receiving.mentor.name
    return data.sending.tutor.name


@dataclass(frozen=True)
class ExportedQuestionnaire:
    form: QuestionnaireForm
    pdf: bytes


def questionnaire_form(
    db: Database,
    placement_id: int,
    kind: Kind,
    party: ReadinessParty,
    *,
    today: date | None = None,
    language: str = ENGLISH,
) -> QuestionnaireForm:
    """What the PDF of `party`'s `kind` questionnaire shows for this placement, in `language`
    when that questionnaire is translated into it (else in English).

    Raises:
        NotFoundError: the placement does not exist (any more).
        VipdeskError: no such language.
    """
    data = agreement_for_export(db, placement_id)
    programme = data.programme
    questionnaire = questionnaire_for(kind, party, programme.learning_outcomes, language=language)
    language = questionnaire.language  # English when it has no translation
    words = pdf_words(language)
    contact = data.sending.contact
    return QuestionnaireForm(
        questionnaire_id=questionnaire.id,
        version=questionnaire.version,
        title=questionnaire.title,
        intro=questionnaire.intro,
        respondent_hint=questionnaire.respondent,
        party=words[_RESPONDENT_WORDS[party]],
        reference=data.reference,
        placement_id=placement_id,
        placement_line=words["placement_line"].format(
            student=data.trainee.name,
            host=data.receiving.name,
            start=day_in(programme.start, language),
            end=day_in(programme.end, language),
            mode=words[programme.mode.value],
        ),
        institution=data.sending.name,
        contact=contact.email or contact.name or data.sending.name,
        respondent=_suggested_respondent(data, party),
        themes=tuple((t.key, t.label) for t in questionnaire.themes),
        questions=questions_of(questionnaire),
        generated_on=today or date.today(),
        language=language,
    )


def export_questionnaire(
    db: Database, placement_id: int, kind: Kind, party: ReadinessParty, language: str = ENGLISH
) -> ExportedQuestionnaire:
    """`party`'s `kind` questionnaire of this placement as a fillable PDF (in `language` when
    the questionnaire is translated into it: `form.language` says which it is)."""
    form = questionnaire_form(db, placement_id, kind, party, language=language)
    return ExportedQuestionnaire(form, render_questionnaire(form))


@dataclass(frozen=True)
class AnswerLine:
    """One question and its answer, as the preview shows them before anything is stored."""

    key: str
    question: str
    answer: str  # "" when not answered


@dataclass(frozen=True)
class ReturnedReview:
    name: str
    placement_id: int
    reference: str
    kind: Kind
    party: ReadinessParty
    questionnaire: Questionnaire
    outcomes: tuple[str, ...]
    respondent: str
    answers: dict[str, AnswerValue]
    lines: tuple[AnswerLine, ...]

    @property
    def title(self) -> str:
        return f"{self.questionnaire.title} — {self.reference}"


def _placement(db: Database, reference: str, name: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Placement.id).where(Placement.reference == reference))
    if found is None:
        raise RefusedFileError.said(
            "{file} is a questionnaire of placement {reference}, which is not in this database.",
            file=name,
            reference=reference,
        )
    return found


def what_it_says(error: VipdeskError) -> Phrase | Joined | str:
    """What `error` says, as a phrase where its service said it as one (problem by problem
    for a refused input), to be part of another sentence."""
    if error.phrase is not None:
        return error.phrase
    if isinstance(error, ValidationError):
        return Joined(tuple(p.phrase or p.message for p in error.problems))
    return str(error)


def review_returned(
    db: Database, pdf: bytes, name: str, placement_id: int | None = None
) -> ReturnedReview:
    """Read a returned questionnaire; `placement_id`: the placement it must belong to.

    Raises:
        RefusedFileError: damaged, not a PDF, not a vipdesk questionnaire, another placement's
            (or from another database), identifiers or question set changed, a form altered,
            no respondent or a required question without an answer.
    """
    returned = read_returned_questionnaire(pdf, name)
    found = _placement(db, returned.reference, name)
    if placement_id is not None and found != placement_id:
        with db.session() as session:
            ours = session.scalar(select(Placement.reference).where(Placement.id == placement_id))
        raise RefusedFileError.said(
            "{file} is a questionnaire of placement {theirs}, not of {ours}.",
            file=name,
            theirs=returned.reference,
            ours=ours,
        )
    if returned.placement_id != found:
        raise RefusedFileError.said(
            "{file} carries the reference {reference} with the placement id {theirs}, but "
            "{reference} here is placement {ours}: the file comes from another database, or "
            "its properties were changed.",
            file=name,
            reference=returned.reference,
            theirs=returned.placement_id,
            ours=found,
        )
    what = kind_and_party(returned.questionnaire_id)
    if what is None:
        raise RefusedFileError.said("{file} asks a questionnaire vipdesk does not know.", file=name)
    kind, party = what
    outcomes: tuple[str, ...] = ()
    if kind is not Kind.READINESS:
        outcomes = tuple(agreement_for_export(db, found).programme.learning_outcomes)
    if returned.language not in LANGUAGES:
        raise RefusedFileError.said("{file} is in a language vipdesk does not know.", file=name)
    try:
        questionnaire = questionnaire_for(
            kind, party, outcomes, version=returned.version, language=returned.language
        )
    except NotFoundError as exc:
        raise RefusedFileError.said(
            "{file}: {problem}", file=name, problem=what_it_says(exc)
        ) from exc
    questions = questions_of(questionnaire)
    if question_set_digest(questionnaire.id, questionnaire.version, questions) != returned.digest:
        raise RefusedFileError.said(
            "{file} asks other questions than the {questionnaire} of {reference} as vipdesk has "
            "it (the file was altered, or the agreement's learning outcomes changed since it was "
            "sent): it is refused; send a new one.",
            file=name,
            questionnaire=questionnaire.title.lower(),
            reference=returned.reference,
        )
    respondent, answers, problems = answers_of(returned, questions)
    if problems:
        raise RefusedFileError.said(
            "{file}: its form was altered: {problems}.", file=name, problems="; ".join(problems)
        )
    try:
        check_respondent(respondent)
        check_answers(questionnaire, answers)
    except ValidationError as exc:
        raise RefusedFileError.said(
            "{file} is not complete: {problems}", file=name, problems=what_it_says(exc)
        ) from exc
    return ReturnedReview(
        name=name,
        placement_id=found,
        reference=returned.reference,
        kind=kind,
        party=party,
        questionnaire=questionnaire,
        outcomes=outcomes,
        respondent=respondent,
        answers=answers,
        lines=tuple(
            AnswerLine(
                item.key,
                item.text,
                item.label(answers[item.key]) if item.key in answers else "",
            )
            for item in questionnaire.items
        ),
    )


def store_returned(db: Database, review: ReturnedReview, user: str | None = None) -> int:
    """Store what `review` read: a completed readiness response or an evaluation; its id."""
    if review.kind is not Kind.READINESS:
        stage = review.kind.stage
        assert stage is not None
        return record_evaluation(
            db,
            review.placement_id,
            stage,
            review.party,
            review.respondent,
            review.answers,
            outcomes=review.outcomes,
            source=AnswerSource.RETURNED_PDF,
            user=user,
            version=review.questionnaire.version,
        ).id
    now = utcnow()
    with db.session(user) as session:
        if session.get(Placement, review.placement_id) is None:
            raise NotFoundError.said("This placement no longer exists.")
        response = ReadinessResponse(
            placement_id=review.placement_id,
            party=review.party,
            questionnaire_id=review.questionnaire.id,
            questionnaire_version=review.questionnaire.version,
            respondent=review.respondent,
            status=ResponseStatus.COMPLETED,
            started_at=now,
            completed_at=now,
            **score_columns(review.questionnaire, review.answers),
            answers=[
                ReadinessAnswer(
                    item_key=key,
                    value_number=value if isinstance(value, int) else None,
                    value_text=value if isinstance(value, str) else None,
                )
                for key, value in review.answers.items()
            ],
        )
        session.add(response)
        session.flush()
        return response.id
