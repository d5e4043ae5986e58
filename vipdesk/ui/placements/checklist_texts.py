"""The checklist's items in the interface's language.

The items are data (`resources/checklists.json`, read by the services); their labels are
written again here so that the translation catalogue holds them, and a test keeps both the
same. An item the code does not know yet keeps its English label.
"""

from __future__ import annotations

from functools import cache

from vipdesk.ui.i18n import tr


@cache  # asked for every item shown; the language is chosen once, at start
def item_labels() -> dict[str, str]:
    return {
        "selection": tr(
            "Student selected; expectations of student, host and institution discussed"
        ),
        "readiness_student": tr(
            "Student readiness checked: independence, motivation, digital skills, connectivity"
        ),
        "readiness_company": tr(
            "Host readiness checked: real tasks, mentor time, system access, security"
        ),
        "readiness_institution": tr(
            "Institution readiness checked: learning outcomes, recognition, staff time"
        ),
        "tools_tested": tr("Communication tools chosen and tested with every actor"),
        "protocol": tr(
            "Communication protocol agreed: availability, reporting, reply times, meetings"
        ),
        "agreement_signed": tr("Agreement signed by student, institution and host"),
        "training": tr("Preparatory training offered: cultural, linguistic, technical"),
        "helpdesk": tr("Helpdesk named for the student and for company staff"),
        "insurance": tr("Accident and liability insurance arranged"),
        "kickoff": tr("Kick-off meeting held with student, mentor and tutor"),
        "mentoring": tr("Task mentoring running, with more than one co-worker involved"),
        "coaching": tr("Academic coaching and feedback sessions held"),
        "peer_feedback": tr("Peer feedback organised"),
        "reflection": tr("Reflection kept by the student (blog or e-portfolio)"),
        "amendments": tr("Any change of programme agreed as an amendment signed by all three"),
        "evaluation": tr("Placement evaluated with the student and the host"),
        "assessment": tr("Final assessment of the student done"),
        "certificate": tr("Traineeship certificate issued by the host (within 5 weeks of the end)"),
        "recognition": tr("Credits recognised in the transcript"),
        "archive": tr("Collaboration and reflection records archived"),
    }


def item_label(key: str, english: str) -> str:
    return item_labels().get(key, english)
