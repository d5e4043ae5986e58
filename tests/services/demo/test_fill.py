"""The demo in one transaction: killed anywhere, it leaves nothing, and runs again."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.helpers.phrases import templates_in
from vipdesk.db import Database
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.models import AgreementDocument, Base, MailState
from vipdesk.services.demo.fill import fill_demo
from vipdesk.services.mail import smtp
from vipdesk.services.mail.outbox import outbox_rows

TODAY = date(2026, 11, 26)


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def test_killed_while_storing_agreements_it_leaves_nothing_and_runs_again(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(any_db)
    rendered: list[object] = []

    def killed_midway(*args: object, **kwargs: object) -> bytes:
        if len(rendered) == 3:
            raise KeyboardInterrupt  # as a kill would: after the placements, among the agreements
        rendered.append(args)
        return render_agreement(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("vipdesk.services.demo.agreements.render_agreement", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        fill_demo(any_db, 60, seed=2, agreements=6, today=TODAY)
    assert len(rendered) == 3
    assert _counts(any_db) == before  # no placement without its agreement: no placement at all
    monkeypatch.undo()

    summary = fill_demo(any_db, 60, seed=2, agreements=6, today=TODAY)
    after = _counts(any_db)
    assert (summary.placements, summary.rendered) == (60, 6)
    assert after["placement"] == 60
    assert after[AgreementDocument.__tablename__] == summary.agreements > 6


def test_the_demos_failed_mail_says_why_as_sending_does(db: Database) -> None:
    """A failed message of the demo is kept as the outbox keeps a real one: in English and as
    the phrase `smtp` says it in, so that the Outbox reads it in the interface's language."""
    fill_demo(db, 40, seed=3, agreements=8, today=TODAY)  # every 12th from the 6th fails
    failed = [r for r in outbox_rows(db) if r.state is MailState.FAILED]
    assert failed
    for row in failed:
        assert row.failure_phrase is not None
        assert row.failure_phrase.template in templates_in((smtp,), {"said": 0})
        assert row.failure_phrase.english() == row.failure
    # Written in the order it went out, as the app writes mail: the Outbox, newest first by
    # its order of writing, read 4, 4, 5, 1 December, 29 November, 5 December.
    rows = outbox_rows(db)
    moments = [r.queued_at for r in rows]
    assert len(rows) > 8 and moments == sorted(moments, reverse=True)
