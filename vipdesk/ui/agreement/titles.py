"""A stored document's name as the interface shows it: "Learning Agreement Version 2" in
German, from the kind's name in the interface's language (the services' `title` is English)."""

from __future__ import annotations

from vipdesk.models import DocumentKind
from vipdesk.services.agreements.views import DocumentView
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown


def title_of(document: DocumentView) -> str:
    kind = shown(document.kind.label)
    if document.kind is DocumentKind.AGREEMENT:
        return tr("{kind} version {number}").format(kind=kind, number=document.number)
    return f"{kind} {document.number}"
