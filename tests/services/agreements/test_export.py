"""Exporting a placement's agreement gives the stored version once there is one."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.agreements import SENT_ON, ready_agreement, typed_approval
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import pdf_text, poppler
from vipdesk.db import Database
from vipdesk.documents.agreement.layout import WATERMARK_COLOUR
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import Organisation
from vipdesk.services.agreements.export import (
    export_agreement,
    remembered_language,
    stored_agreements,
)
from vipdesk.services.agreements.prefill import agreement_from_placement
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.agreements.workflow import (
    new_version,
    open_draft,
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


def _pages_marked_draft(pdf: bytes, tmp_path: Path) -> list[bool]:
    """Page by page: is the large DRAFT drawn across it (seen as its colour, rendered)?"""
    path = tmp_path / "marked.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "30", str(path), str(tmp_path / "m")], check=True
    )
    marked = []
    for page in sorted(tmp_path.glob("m*.png")):
        colours = Image.open(page).convert("RGB").getcolors(1 << 16) or []
        mark = tuple(round(255 * c) for c in WATERMARK_COLOUR)
        near = 0
        for count, rgb in colours:
            assert isinstance(rgb, tuple)
            if max(abs(a - b) for a, b in zip(rgb, mark, strict=True)) < 12:
                near += count
        marked.append(near > 500)
        page.unlink()
    return marked


def test_only_what_went_out_for_signature_is_exported_without_the_draft_mark(
    db: Database, tmp_path: Path
) -> None:
    """Issue 16: a placement's agreement drafted from its records looked like the real one."""
    fresh = make_placement(db, make_world(db))
    assert fresh.id is not None
    marks = _pages_marked_draft(export_agreement(db, fresh.id).pdf, tmp_path)
    assert len(marks) > 1 and all(marks)  # on every page
    placement_id, draft = ready_agreement(db)
    assert all(_pages_marked_draft(export_agreement(db, placement_id).pdf, tmp_path))
    assert all(_pages_marked_draft(export_agreement(db, placement_id, fillable=True).pdf, tmp_path))
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    assert not any(_pages_marked_draft(export_agreement(db, placement_id).pdf, tmp_path))
    assert not any(
        _pages_marked_draft(export_agreement(db, placement_id, fillable=True).pdf, tmp_path)
    )
    assert sent.id is not None

    from vipdesk.services.agreements.batch import export_agreements

    result = export_agreements(db, [fresh.id, placement_id], tmp_path, fillable=True)
    marked = {
        path.name: all(_pages_marked_draft(path.read_bytes(), tmp_path)) for path in result.written
    }
    assert sorted(marked.values()) == [False, True]


def test_the_fillable_copy_shows_the_signatures_already_given(db: Database, tmp_path: Path) -> None:
    """Issue 16: HR's fillable PDF showed empty boxes for parties who had signed."""
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    before = export_agreement(db, placement_id, fillable=True).pdf
    assert "Approved in writing" not in pdf_text(before, tmp_path)
    record_approval(db, sent.id, "student", typed_approval("student"), today=SENT_ON)
    after = pdf_text(export_agreement(db, placement_id, fillable=True).pdf, tmp_path)
    assert after.count("Approved in writing") == 1  # the student's box; the others to sign


def test_an_agreement_not_stored_yet_is_written_in_the_language_asked(
    db: Database, tmp_path: Path
) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    exported = export_agreement(db, placement.id, language="de")
    assert exported.data.document_language == "de"
    assert "Die entsendende Einrichtung" in pdf_text(exported.pdf, tmp_path)
    with pytest.raises(VipdeskError, match="cannot be written in 'xx'"):
        export_agreement(db, placement.id, language="xx")


def test_a_stored_version_keeps_its_language(db: Database, tmp_path: Path) -> None:
    placement_id, draft = ready_agreement(db)
    german = replace(draft.agreement, document_language="de")
    draft = save_agreement_draft(db, draft.id, german, draft.row_version, "tester")
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    # Asked in Polish, the version out for signature stays the German PDF as sent.
    exported = export_agreement(db, placement_id, language="pl")
    assert (exported.state, exported.pdf) == ("out for signature", document_pdf(db, sent.id))
    assert "Die Parteien" in pdf_text(exported.pdf, tmp_path)
    for party in ("student", "sending", "host"):
        record_approval(db, sent.id, party, typed_approval(party), today=SENT_ON)
    assert "Unterschriften" in pdf_text(final_pdf(db, sent.id), tmp_path)


def test_the_language_is_remembered_for_the_host_organisation(db: Database) -> None:
    world = make_world(db)
    first, second = make_placement(db, world), make_placement(db, world)
    assert first.id is not None and second.id is not None
    assert remembered_language(db, second.id) == "en"
    with db.session() as session:
        host = session.get(Organisation, first.host_id)
        assert host is not None
        row_version = host.version
    export_agreement(db, first.id, language="de")
    # The same host's next placement is offered German, and exported in it by default.
    assert remembered_language(db, second.id) == "de"
    assert export_agreement(db, second.id).data.document_language == "de"
    with db.session() as session:
        host = session.get(Organisation, first.host_id)
        assert host is not None and host.version == row_version  # no edit conflict made
    with pytest.raises(VipdeskError, match="cannot be written in 'xx'"):
        export_agreement(db, first.id, language="xx")
    assert remembered_language(db, first.id) == "de"
    export_agreement(db, first.id, language="de+en")  # bilingual, stored one way
    assert remembered_language(db, second.id) == "en+de"
    with pytest.raises(NotFoundError):
        remembered_language(db, 987654)


def test_a_draft_is_written_in_the_hosts_language_and_its_choice_is_remembered(
    db: Database,
) -> None:
    """The wizard's choice of language is stored with the draft and offered for the host's
    next placement, whose first draft starts in it."""
    world = make_world(db)
    first, second = make_placement(db, world), make_placement(db, world)
    assert first.id is not None and second.id is not None
    draft = open_draft(db, first.id)
    assert draft.agreement.document_language == "en"
    german = replace(draft.agreement, document_language="en+de")
    saved = save_agreement_draft(db, draft.id, german, draft.row_version, "tester")
    assert saved.agreement.document_language == "en+de"
    assert remembered_language(db, second.id) == "en+de"
    german = open_draft(db, second.id).agreement
    assert german.document_language == "en+de"
    # Its default texts (tasks, outcomes, roles…) in German, for the German HR to read.
    assert german.programme.tasks[0].description.startswith("Einarbeitung")
    assert [role.title for role in german.roles][:2] == [
        "Praktikant/in",
        "Mentor/in im Unternehmen",
    ]
    with pytest.raises(VipdeskError, match="cannot be written in 'xx'"):
        save_agreement_draft(db, draft.id, replace(german, document_language="xx"),
                             saved.row_version, "tester")  # fmt: skip
    assert open_draft(db, first.id).agreement == saved.agreement  # nothing saved
    assert remembered_language(db, second.id) == "en+de"


def test_a_draft_moved_to_another_language_rewrites_only_what_vipdesk_wrote(
    db: Database,
) -> None:
    """Started in English and saved in German: the default texts, roles and names vipdesk
    wrote come back in German; a task the coordinator rewrote stays as typed."""
    world = make_world(db)
    placement = make_placement(db, world)
    assert placement.id is not None
    draft = open_draft(db, placement.id)
    english = draft.agreement
    typed = replace(english.programme.tasks[1], description="Build the sales dashboard")
    tasks = (english.programme.tasks[0], typed, *english.programme.tasks[2:])
    edited = replace(english, programme=replace(english.programme, tasks=tasks))
    moved = replace(edited, document_language="de")
    saved = save_agreement_draft(db, draft.id, moved, draft.row_version, "tester").agreement
    german = agreement_from_placement(db, placement.id, language="de")  # the records, in German
    assert saved.document_language == "de"
    assert saved.programme.monitoring_plan == german.programme.monitoring_plan
    assert saved.programme.learning_outcomes == german.programme.learning_outcomes
    assert saved.roles == german.roles
    assert saved.receiving.country == german.receiving.country
    assert saved.programme.tasks == tasks  # rewritten by the coordinator: kept as a whole
    # Back to English: German defaults become English again.
    back = save_agreement_draft(
        db,
        draft.id,
        replace(saved, document_language="en"),
        open_draft(db, placement.id).row_version,
        "tester",
    ).agreement
    assert back.programme.monitoring_plan == english.programme.monitoring_plan
    assert back.roles == english.roles


def test_an_agreement_not_stored_yet_is_drafted_in_the_language_asked(db: Database) -> None:
    world = make_world(db)
    placement = make_placement(db, world)
    assert placement.id is not None
    polish = export_agreement(db, placement.id, language="pl").data
    assert polish.roles[0].title == "Praktykant"
    assert (
        polish.programme.monitoring_plan
        != export_agreement(db, placement.id, language="en").data.programme.monitoring_plan
    )


def test_the_protocol_and_the_tools_are_worded_in_the_agreements_language(db: Database) -> None:
    """The sentences vipdesk words from the preparation records (working hours, shared hours,
    meetings, replies, reporting, helpdesk) and the tools' test lines, in German."""
    from tests.helpers.evidence import prepare_fully

    world = make_world(db)
    placement = make_placement(db, world)
    assert placement.id is not None
    prepare_fully(db, placement.id)
    english = export_agreement(db, placement.id, language="en").data
    german = export_agreement(db, placement.id, language="de").data
    assert english.protocol[0].startswith("Working hours: the trainee Monday to Friday")
    assert german.protocol[0].startswith("Arbeitszeiten: Praktikant/in: Montag bis Freitag")
    assert len(german.protocol) == len(english.protocol)
    text = " ".join([*german.protocol, *(t.purpose + " " + t.test_status for t in german.tools)])
    for words in (
        "Working hours",
        "Shared working",
        "meet every",
        "are answered",
        "reports progress",
        "Helpdesk for",
        "Tested with",
        "tested with",
        "Meetings face",
    ):
        assert words not in text, words  # fmt: skip
    assert german.tools[0].test_status.startswith("Getestet mit")


def test_a_german_agreement_from_the_records_has_no_english_left(
    db: Database, tmp_path: Path
) -> None:
    """What an HR person in Germany receives for a prepared placement: headings, default
    texts, roles, protocol, tools, countries and sizes in German; English only in names."""
    import json
    import re

    from tests.helpers.evidence import prepare_fully
    from vipdesk.documents.agreement.texts import agreement_texts
    from vipdesk.services.agreements.drafting import default_roles

    world = make_world(db)
    placement = make_placement(db, world)
    assert placement.id is not None
    prepare_fully(db, placement.id)
    exported = export_agreement(db, placement.id, language="de")
    text = " ".join(pdf_text(exported.pdf, tmp_path).split())
    data = exported.data
    assert "Deutschland" in text or "Polen" in text or "Belgien" in text
    english = agreement_texts("en")
    phrases = [
        *(t["description"] for t in english["tasks"]),
        *english["learning_outcomes"],
        english["monitoring_plan"],
        *(duty for role in default_roles() for duty in role["duties"]),
        *(role["title"] for role in default_roles()),
    ]
    labels = english["labels"]
    german = agreement_texts("de")["labels"]
    phrases += [
        fragment.strip()
        for key, value in labels.items()
        if value != german[key] and not key.startswith(("amendment.", "certificate."))
        for fragment in re.split(r"\{\w+\}", value)
        if len(fragment.strip()) > 6 and fragment.strip() not in german[key]
    ]
    typed = [data.trainee.name, data.trainee.email, data.sending.name, data.receiving.name,
             data.programme.title, data.programme.description, data.receiving.address,
             data.sending.address, *(t.name for t in data.tools)]  # fmt: skip
    for value in sorted(filter(None, typed), key=len, reverse=True):
        text = text.replace(" ".join(value.split()), " ")
    left = [phrase for phrase in phrases if " ".join(phrase.split()) in text]
    assert left == [], json.dumps(left, ensure_ascii=False)
    for word in ("Germany", "Poland", "Belgium", "employees", "Monday", "Tested", "Page "):
        assert word not in text, word
