"""Exporting a placement's agreement gives the stored version once there is one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers.agreements import SENT_ON, ready_agreement, typed_approval
from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.services.agreements.export import export_agreement, stored_agreements
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.agreements.workflow import (
    new_version,
    save_agreement_draft,
    send_for_signature,
)
from vipdesk.services.signatures.recording import record_approval


def test_without_a_stored_version_the_records_are_exported(db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    exported = export_agreement(db, placement.id)
    assert exported.state == "not stored yet" and exported.pdf.startswith(b"%PDF")
    assert stored_agreements(db, [placement.id]) == {}


def test_each_state_exports_what_the_parties_see(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    titled = replace(draft.agreement, programme=replace(draft.agreement.programme, title="Ωμέγα"))
    draft = save_agreement_draft(db, draft.id, titled, draft.row_version, "tester")
    assert export_agreement(db, placement_id).state == "draft"
    assert stored_agreements(db, [placement_id])[placement_id].programme.title == "Ωμέγα"

    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    exported = export_agreement(db, placement_id)
    assert (exported.state, exported.pdf) == ("out for signature", document_pdf(db, sent.id))
    assert export_agreement(db, placement_id, fillable=True).pdf != exported.pdf

    for party in ("student", "sending", "host"):
        record_approval(db, sent.id, party, typed_approval(party), today=SENT_ON)
    exported = export_agreement(db, placement_id)
    assert (exported.state, exported.pdf) == ("signed and locked", final_pdf(db, sent.id))
    with pytest.raises(VipdeskError, match="locked"):
        export_agreement(db, placement_id, fillable=True)


def test_a_given_version_is_exported_only_while_it_is_the_current_one(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    exported = export_agreement(db, placement_id, version=sent.id)
    assert (exported.state, exported.pdf) == ("out for signature", document_pdf(db, sent.id))
    assert export_agreement(db, placement_id, fillable=True, version=sent.id).state == (
        "out for signature"
    )
    replacement = new_version(db, placement_id, "tester")
    with pytest.raises(NotFoundError, match="no longer the current one"):
        export_agreement(db, placement_id, fillable=True, version=sent.id)
    assert export_agreement(db, placement_id, version=replacement.id).state == "draft"
    other_id, other = ready_agreement(db)
    with pytest.raises(NotFoundError):  # another placement's version is not this one's
        export_agreement(db, placement_id, version=other.id)
    assert export_agreement(db, other_id, version=other.id).state == "draft"


def test_a_batch_exports_stored_versions_as_they_are(db: Database, tmp_path: Path) -> None:
    from vipdesk.services.agreements.batch import export_agreements

    locked_id, locked = ready_agreement(db)
    locked = send_for_signature(db, locked.id, locked.row_version, today=SENT_ON)
    for party in ("student", "sending", "host"):
        record_approval(db, locked.id, party, typed_approval(party), today=SENT_ON)
    fresh = make_placement(db, make_world(db, host_name="Ωmega Labs"))
    assert fresh.id is not None

    result = export_agreements(db, [locked_id, fresh.id], tmp_path)
    by_name = {path.name: path.read_bytes() for path in result.written}
    assert by_name[f"{locked.reference}.pdf"] == final_pdf(db, locked.id)
    assert by_name[f"{fresh.reference}.pdf"].startswith(b"%PDF")
    fillable = tmp_path / "fillable"
    fillable.mkdir()
    again = export_agreements(db, [locked_id], fillable, fillable=True)
    assert again.written[0].read_bytes() == final_pdf(db, locked.id)  # nothing left to fill
