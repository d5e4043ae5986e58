"""Agreements ready to send: a placement in preparation with its checklist done and a draft."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.documents.agreement.content import Person
from vipdesk.models import Status
from vipdesk.services.agreements.signatures import Approval
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.agreements.workflow import open_draft, save_agreement_draft
from vipdesk.services.placements.checklist import checklist_items, set_done
from vipdesk.services.placements.lifecycle import change_status

SENT_ON = date.today()  # signatures are dated between sending and today


_hosts = itertools.count(1)


def ready_agreement(db: Database) -> tuple[int, DocumentView]:
    """A placement in preparation with its checklist done, and a complete agreement draft."""
    created = make_placement(db, make_world(db, host_name=f"Nordlicht {next(_hosts)} GmbH"))
    assert created.id is not None and created.version is not None
    for item in checklist_items():
        if item.required_for in (Status.PREPARING, Status.AGREEMENT_SENT):
            set_done(db, created.id, item.key, True, "tester")
    placement = change_status(db, created.id, Status.PREPARING, created.version, "tester")
    assert placement.id is not None
    draft = open_draft(db, placement.id, "tester")
    data = draft.agreement
    data = replace(
        data,
        sending=replace(
            data.sending,
            contact=Person("Anna Nowak", "Placement coordinator", "anna@uni.example"),
        ),
    )
    draft = save_agreement_draft(db, draft.id, data, draft.row_version, "tester")
    return placement.id, draft


def typed_approval(name: str, day: date = SENT_ON) -> Approval:
    return Approval(name, "Signs for the party", "someone@example.org", day)
