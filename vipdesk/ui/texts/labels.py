"""The names of states and kinds that no report catalogue holds, written here so that the
interface catalogue does: `labels.shown` finds them there ("Mentorengespräch" for the log's
"Mentor meeting"), the grading scales' names (`resources/grading_scales.json`), the fields HR
may change in a returned agreement and who answers an evaluation. A test
checks that every such name is in one catalogue or the other, in every language.
"""

from __future__ import annotations

from vipdesk.ui.i18n import tr


def catalogue_texts() -> tuple[str, ...]:  # called by a test; lupdate reads the calls
    return (
        tr("Equally"),
        tr("By funded days"),
        tr("By credits"),
        tr("Typed in"),
        tr("Returned PDF"),
        tr("Coordinator"),
        tr("Learning agreement"),
        tr("Amendment"),
        tr("Out for signature"),
        tr("Signed and locked"),
        tr("Superseded"),
        tr("Kick-off meeting"),
        tr("Mentor meeting"),
        tr("Tutor coaching"),
        tr("Progress report"),
        tr("Peer feedback"),
        tr("Reflection entry"),
        tr("Well-being check"),
        tr("Incident"),
        tr("Mid-term"),
        tr("Final"),
        tr("Queued"),
        tr("Before"),
        tr("During"),
        tr("After"),
        tr("In progress"),
        tr("Digital signature"),
        tr("Paper signature (scan attached)"),
        tr("Typed approval"),
        tr("Pending"),
        tr("Declined"),
        tr("ECTS grades (A–F)"),
        tr("Pass / fail"),
        tr("German (1.0 best – 5.0)"),
        tr("Dutch (1 – 10 best)"),
        tr("Italian (18 – 30 best)"),
        tr("Polish (2.0 – 5.0 best)"),
        tr("Finnish (0 – 5 best)"),
        tr("Danish 7-point (-3 – 12 best)"),
        # the fields HR may change in a returned agreement (documents.agreement.form)
        tr("Department"),
        tr("Mentor: name"),
        tr("Mentor: position"),
        tr("Mentor: e-mail"),
        tr("Financial support"),
        tr("Financial support: amount per month"),
        tr("Contribution in kind"),
        tr("Insurance by the receiving organisation"),
        tr("Tasks, deliverables and deadlines"),
        # who answers an evaluation (services.evaluations.questionnaires.RESPONDENT_LABELS)
        tr("Host mentor"),
    )
