"""What a completed readiness questionnaire comes to, stored on its response for the reports.

The Preparation tab scores a response from its answers (`readiness.assess_response`); a report
of 100,000 placements would score 300,000 of them, reading millions of answers. So a response
keeps, from the moment it is completed, what the readiness report shows of its assessment:
the overall score, the band, and its critical answers and low themes as the report words them.
Every path that completes a response (the wizard, a returned PDF, the demo, the migration that
introduced the columns) stores them through `score_columns`.
"""

from __future__ import annotations

from typing import Any

from vipdesk.services.preparation.questionnaires import Answers, Assessment, Questionnaire, assess

# The columns of `ReadinessResponse` that hold a completed response's assessment.
COLUMNS = ("score", "level", "critical_flags", "critical_answers", "low_themes")


def critical_answers(assessment: Assessment) -> str | None:
    """The critical answers, "question — answer; …", or None when there is none."""
    critical = assessment.critical
    return "; ".join(f"{f.question} — {f.answer}" for f in critical) if critical else None


def low_themes(assessment: Assessment) -> str | None:
    """The themes scored below the threshold, "label (score); …", or None."""
    low = assessment.low_themes
    return "; ".join(f"{t.label} ({t.score})" for t in low) if low else None


def assessment_columns(assessment: Assessment) -> dict[str, Any]:
    """The values of `ReadinessResponse`'s stored-assessment columns."""
    return {
        "score": assessment.overall,
        "level": assessment.level.value,
        "critical_flags": len(assessment.critical),
        "critical_answers": critical_answers(assessment),
        "low_themes": low_themes(assessment),
    }


def score_columns(questionnaire: Questionnaire, answers: Answers) -> dict[str, Any]:
    """The stored-assessment columns of a response completed with `answers`."""
    return assessment_columns(assess(questionnaire, answers))
