"""The tool catalogue's words (resources/tools.json) in the interface's language: what each
purpose is for, the notes on each tool, and the tools named by what they are ("Telephone")
rather than by a brand. Written here so that the interface catalogue holds them; a test
checks that every hint and note of the catalogue is here.
"""

from __future__ import annotations

from vipdesk.services.preparation.tool_catalogue import tool_name
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown


def tool_text(key: str) -> str:
    """A tool's name as the interface shows it: "Telefon" in German, "Zoom" everywhere."""
    return shown(tool_name(key))


def catalogue_texts() -> tuple[str, ...]:  # called by a test; lupdate reads the calls
    return (
        # what each purpose is for
        tr(
            "Synchronous contact as close as possible to meeting in person: video or web "
            "conferencing."
        ),
        tr("Where the student asks quickly and gets an answer within the agreed reply time."),
        tr("Asynchronous and archived: reports, feedback, agreements."),
        tr("One place where work in progress and deliverables live."),
        tr("A blog or e-portfolio: it also serves the final assessment."),
        tr("Space for informal contact with co-workers: a team channel, a virtual coffee."),
        tr("A low-bandwidth way to reach each other: a phone call can beat the trendy app."),
        # the notes on each tool
        tr("Common in companies and universities; guests need an invitation to the host's tenant."),
        tr("Joins from a link; some companies block it or allow only their own licence."),
        tr("Runs in the browser; often blocked where a company standardises on Microsoft."),
        tr("Open source, no account, runs in the browser; quality depends on the server used."),
        tr("Frequent in larger companies; joins from a link."),
        tr(
            "Channels per topic suit questions and non-task talk; the student needs an "
            "invitation to the workspace."
        ),
        tr(
            "Everybody has it and it works on weak connections, but it mixes private and work "
            "life and uses private phone numbers."
        ),
        tr("Private by design; uses private phone numbers."),
        tr(
            "Asynchronous, archived, works on any connection: the default for reports and "
            "formal exchange."
        ),
        tr("Works when the internet does not; mind the cost of international calls."),
        tr(
            "The institution's learning platform: assignments, feedback and an archive for the "
            "assessment; host staff need guest access."
        ),
        tr("The host's document store; external users need to be invited."),
        tr("Easy sharing by link; check whether the host allows company data there."),
        tr("Self-hosted by many universities; guests can be given links or accounts."),
        tr("E-portfolio often run next to Moodle; the student decides what mentor and tutor see."),
        tr("A reflection blog, private or shared with tutor and mentor."),
        # the tools named by what they are
        tr("Telephone"),
        tr("Moodle (the university's LMS)"),
        tr("Mahara e-portfolio"),
        tr("Blog (e.g. WordPress)"),
    )
