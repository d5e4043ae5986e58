"""Opening databases: migrations, refusals, backups, lost connections."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.factories import make_placement, make_world
from vipdesk import db as dbmod
from vipdesk.db import backup_sqlite, open_database, schema_head
from vipdesk.errors import DatabaseUnavailableError, NewerSchemaError, VipdeskError
from vipdesk.models import ProtocolActor, ReadinessParty, ToolTestResult
from vipdesk.services.placements.catalogue import load_rows
from vipdesk.services.preparation.protocol import load_protocol, save_protocol
from vipdesk.services.preparation.questionnaires import ReadinessLevel
from vipdesk.services.preparation.readiness import (
    placement_readiness,
    response_history,
    start_response,
)
from vipdesk.services.preparation.tools import load_choices, load_test_plan, save_choices

FIXTURES = Path(__file__).parent / "fixtures"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_head_known_to_the_code_is_the_newest_migration() -> None:
    assert schema_head() == dbmod.SCHEMA_HEAD


def test_migrates_an_empty_database_to_the_current_schema(any_db_url: str) -> None:
    database = open_database(any_db_url)
    with database.engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == schema_head()
        assert conn.scalar(text("SELECT count(*) FROM placement")) == 0
    database.dispose()
    open_database(any_db_url).dispose()  # a second start finds nothing to do


def test_a_database_from_a_newer_vipdesk_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _digest(path)
    with pytest.raises(NewerSchemaError, match="newer version of vipdesk"):
        open_database(f"sqlite:///{path}")
    assert _digest(path) == before
    assert not list(tmp_path.glob("*.bak"))


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(VipdeskError, match="not a vipdesk database"):
        open_database(f"sqlite:///{path}")


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.sql")), ids=lambda p: p.stem)
def test_each_released_schema_upgrades_and_keeps_its_records(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "released.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    database = open_database(f"sqlite:///{path}")
    rows = load_rows(database)
    database.dispose()
    assert [r.reference for r in rows] == ["VIP-2026-00001"]
    assert rows[0].student == "Ελένη Παπαδοπούλου"


def test_backup_copies_the_whole_database_including_the_wal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    database = open_database(url)
    make_placement(database, make_world(database))
    copy = backup_sqlite(tmp_path / "live.sqlite3", "0001")  # while the app holds it open
    database.dispose()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM placement").fetchone() == (1,)
    conn.close()


def test_a_locked_sqlite_file_gives_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmod, "SQLITE_BUSY_TIMEOUT", 0.1)
    path = tmp_path / "locked.sqlite3"
    database = open_database(f"sqlite:///{path}")
    world = make_world(database)
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseUnavailableError, match="busy"):
            make_placement(database, world)
    finally:
        other.rollback()
        other.close()
    make_placement(database, world)  # and once the lock is gone, it works
    database.dispose()


def test_an_unreachable_server_gives_a_clear_message() -> None:
    with pytest.raises(DatabaseUnavailableError, match="cannot be reached"):
        open_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/vipdesk")


@pytest.mark.postgres
def test_work_goes_on_after_the_server_dropped_the_connection(postgres_url: str) -> None:
    database = open_database(postgres_url)
    make_placement(database, make_world(database))
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    admin.dispose()
    assert len(load_rows(database)) == 1  # the pool noticed and reconnected
    database.dispose()


# --- 0002: readiness responses ------------------------------------------------------------


def _load_fixture(name: str, path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.executescript((FIXTURES / name).read_text(encoding="utf-8"))
    conn.close()
    return f"sqlite:///{path}"


def test_upgrading_from_0001_backs_up_the_file_first(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    database = open_database(_load_fixture("schema_0001.sql", path))
    [backup] = tmp_path.glob("office.sqlite3.before-0001-*.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT count(*) FROM placement").fetchone() == (1,)
    conn.close()
    started = start_response(database, 1, ReadinessParty.STUDENT, "Ελένη Παπαδοπούλου")
    assert [r.id for r in response_history(database, 1)] == [started.id]
    database.dispose()


def test_the_0002_fixture_keeps_its_readiness_responses(tmp_path: Path) -> None:
    database = open_database(_load_fixture("schema_0002.sql", tmp_path / "at-0002.sqlite3"))
    student, company, institution = placement_readiness(database, 1)
    database.dispose()
    assert student.level is ReadinessLevel.READY
    assert student.latest is not None and student.latest.respondent == "Ελένη Παπαδοπούλου"
    assert student.latest.answers["remarks"] == "Θα λείπω 1–5 Οκτωβρίου."
    assert student.assessment is not None
    assert [f.item_key for f in student.assessment.flags] == ["quiet_place"]
    assert company.latest is None and company.open is not None
    assert company.open.answers == {"real_tasks": "yes", "defined_project": "tasks_known"}
    assert institution.open is None and institution.latest is None


def test_the_migrations_build_the_schema_the_models_describe(any_db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from vipdesk.models import Base

    database = open_database(any_db_url)
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    database.dispose()
    assert differences == []


def test_the_new_migrations_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}"
    database = open_database(url)
    config = dbmod._alembic_config()
    with database.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    with database.engine.connect() as conn:
        tables = conn.dialect.get_table_names(conn)
        assert not {"readiness_response", "communication_protocol", "tool_test"} & set(tables)
    database.dispose()
    open_database(url).dispose()


def test_a_broken_query_is_not_explained_away_as_a_network_problem(tmp_path: Path) -> None:
    from sqlalchemy.exc import OperationalError

    path = tmp_path / "broken.sqlite3"
    database = open_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE checklist_tick")
    conn.close()
    world = make_world(database)
    placement = make_placement(database, world)
    from vipdesk.services.placements.checklist import checklist_state

    with pytest.raises(OperationalError, match="no such table"):
        checklist_state(database, placement.id)  # type: ignore[arg-type]
    database.dispose()


# --- 0003: communication protocol ---------------------------------------------------------


def test_upgrading_from_0002_backs_up_the_file_and_adds_the_protocol(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    database = open_database(_load_fixture("schema_0002.sql", path))
    assert len(list(tmp_path.glob("office.sqlite3.before-0002-*.bak"))) == 1
    form = load_protocol(database, 1)
    assert form.id is None and form.of(ProtocolActor.MENTOR) is not None
    assert save_protocol(database, form, "tester").id is not None
    assert placement_readiness(database, 1)[0].latest is not None  # 0002's data still there
    database.dispose()


def test_the_0003_fixture_keeps_its_protocol(tmp_path: Path) -> None:
    database = open_database(_load_fixture("schema_0003.sql", tmp_path / "at-0003.sqlite3"))
    form = load_protocol(database, 1)
    database.dispose()
    assert form.id is not None and form.updated_by == "fixture"
    student = form.of(ProtocolActor.STUDENT)
    assert student is not None and student.zone == "Europe/Athens"
    assert (student.weekdays, student.start) == (frozenset({1, 2, 3, 4}), time(8, 30))
    assert form.of(ProtocolActor.TUTOR) is None
    assert form.student_helpdesk == "Πληροφορική: help@tlu.example"


# --- 0004: tool selection and tests -------------------------------------------------------


def test_upgrading_from_0003_backs_up_the_file_and_adds_the_tools(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    database = open_database(_load_fixture("schema_0003.sql", path))
    assert len(list(tmp_path.glob("office.sqlite3.before-0003-*.bak"))) == 1
    assert save_choices(database, 1, {"meetings": "teams"}) == {"meetings": "teams"}
    assert load_protocol(database, 1).id is not None  # 0003's data still there
    database.dispose()


def test_the_0004_fixture_keeps_its_tools(tmp_path: Path) -> None:
    database = open_database(_load_fixture("schema_0004.sql", tmp_path / "at-0004.sqlite3"))
    choices = load_choices(database, 1)
    plan = {(s.tool_key, s.actor): s for s in load_test_plan(database, 1)}
    database.dispose()
    assert choices == {"meetings": "zoom", "reporting": "email"}
    student = plan[("zoom", ProtocolActor.STUDENT)]
    assert (student.result, student.tested_on, student.note) == (
        ToolTestResult.PASSED,
        date(2026, 8, 20),
        "Καλός ήχος",
    )
    assert not plan[("zoom", ProtocolActor.MENTOR)].open  # failed, with its reason
    assert plan[("email", ProtocolActor.TUTOR)].open


# --- 0005: funding and costs --------------------------------------------------------------


def test_upgrading_from_0004_backs_up_the_file_and_adds_funding(tmp_path: Path) -> None:
    from decimal import Decimal

    from vipdesk.services.funding.currency import base_currency
    from vipdesk.services.funding.sources import CostForm, list_costs, save_cost

    path = tmp_path / "office.sqlite3"
    database = open_database(_load_fixture("schema_0004.sql", path))
    assert len(list(tmp_path.glob("office.sqlite3.before-0004-*.bak"))) == 1
    assert base_currency(database) == "EUR"
    form = CostForm(
        description="Data package",
        amount=Decimal("19.90"),
        spent_on=date(2026, 9, 1),
        placement_id=1,
    )
    assert save_cost(database, form, "tester").id is not None
    assert [c.description for c in list_costs(database, placement_id=1)] == ["Data package"]
    assert load_choices(database, 1) == {"meetings": "zoom", "reporting": "email"}  # 0004's data
    database.dispose()


def test_the_0005_fixture_keeps_its_funding(tmp_path: Path) -> None:
    from decimal import Decimal

    from vipdesk.models import CostCategory
    from vipdesk.services.funding.costs import cost_report
    from vipdesk.services.funding.sources import list_costs, list_sources

    database = open_database(_load_fixture("schema_0005.sql", tmp_path / "at-0005.sqlite3"))
    (source,) = list_sources(database)
    costs = list_costs(database)
    report = cost_report(database)
    database.dispose()
    assert (source.name, source.amount_awarded) == (
        "Erasmus+ KA131 2026 — Łódź",
        Decimal("12500.00"),
    )
    assert source.budget == {CostCategory.EQUIPMENT: Decimal("800.00")}
    assert [(c.description, c.amount, c.currency) for c in costs] == [
        ("Słuchawki z mikrofonem", Decimal("349.99"), "PLN"),
        ("Coordinator time", Decimal("515.00"), "EUR"),
    ]
    assert report.problems == []
    assert report.placements[1].total == Decimal("82.06") + Decimal("515.00")


# --- 0006: agreement documents and signatures ---------------------------------------------


def test_upgrading_from_0005_backs_up_the_file_and_adds_agreement_documents(
    tmp_path: Path,
) -> None:
    from vipdesk.services.agreements.queries import documents_of

    path = tmp_path / "office.sqlite3"
    database = open_database(_load_fixture("schema_0005.sql", path))
    assert len(list(tmp_path.glob("office.sqlite3.before-0005-*.bak"))) == 1
    assert documents_of(database, 1) == []
    database.dispose()


def test_the_0006_fixture_keeps_its_agreement_and_signatures(tmp_path: Path) -> None:
    from vipdesk.models import DocumentState, SignatureMethod, SignatureState
    from vipdesk.services.agreements.queries import documents_of
    from vipdesk.services.agreements.render import document_pdf
    from vipdesk.services.signatures.recording import Approval, record_approval

    database = open_database(_load_fixture("schema_0006.sql", tmp_path / "at-0006.sqlite3"))
    (agreement,) = documents_of(database, 1)
    assert (agreement.number, agreement.state, agreement.sent_by) == (1, DocumentState.SENT, "Ολγα")
    student, sending, host = agreement.signatures
    assert (student.state, student.method) == (SignatureState.SIGNED, SignatureMethod.TYPED)
    assert (student.signer_name, student.signed_on) == ("Łukasz Żółć", date(2026, 9, 2))
    assert sending.state is host.state is SignatureState.PENDING
    assert document_pdf(database, agreement.id).startswith(b"%PDF-1.7 fixture")
    later = record_approval(
        database, agreement.id, "sending", Approval("Anna Nowak", "Coordinator", "", date.today())
    )
    assert later.next_party == "host"
    database.dispose()


# --- 0007: the students' folded search text -----------------------------------------------


def _found(database: dbmod.Database, typed: str) -> list[int]:
    from vipdesk.services.placements.lookups import search_students

    return [student_id for student_id, _label in search_students(database, typed)]


def test_upgrading_from_0006_backs_up_the_file_and_folds_the_students(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    database = open_database(_load_fixture("schema_0006.sql", path))
    [backup] = tmp_path.glob("office.sqlite3.before-0006-*.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)
    conn.close()
    # The fixture's student, Ελένη Παπαδοπούλου, found without her accents and in any case.
    for typed in ("ελενη", "ΕΛΈΝΗ", "Παπαδοπουλου ελ", "ELENI@example"):
        assert _found(database, typed) == [1], typed
    assert _found(database, "eleni papadopoulou") == []  # folded, not transliterated
    database.dispose()


def test_the_0007_upgrade_folds_every_student_batch_after_batch(tmp_path: Path) -> None:
    from vipdesk.models.student import student_search_text

    path = tmp_path / "office.sqlite3"
    url = _load_fixture("schema_0006.sql", path)
    with sqlite3.connect(path) as conn:  # well over two of the migration's batches (5,000)
        conn.executemany(
            "INSERT INTO student (given_name, family_name, email, student_number, timezone, "
            "version, created_at, updated_at) VALUES (?, ?, ?, ?, 'Europe/Warsaw', 1, "
            "'2026-11-26 10:00:00', '2026-11-26 10:00:00')",
            [("Zoë", f"Ørsted{n}", f"z{n}@example.edu", f"N-{n}") for n in range(12_001)],
        )
    conn.close()
    database = open_database(url)
    with database.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT given_name, family_name, email, student_number, search_text FROM student")
        ).all()
    assert len(rows) == 12_002
    assert all(row[4] == student_search_text(*row[:4]) for row in rows)
    assert _found(database, "zoe orsted12000") == [12_002]
    database.dispose()


def test_the_0007_fixture_keeps_its_students_findable(tmp_path: Path) -> None:
    from vipdesk.services.agreements.queries import documents_of
    from vipdesk.services.people.students import load_student, save_student

    database = open_database(_load_fixture("schema_0007.sql", tmp_path / "at-0007.sqlite3"))
    assert list(tmp_path.glob("*.bak"))  # 0008 came after it: copied aside, then upgraded
    assert _found(database, "lukasz ZOLC") == [2]
    assert _found(database, "ελενη") == [1]
    assert len(documents_of(database, 1)) == 1  # 0006's agreement still there
    student = load_student(database, 2)
    assert (student.student_number, student.languages) == ("PL-0007", [("Polish", "native")])
    student.family_name = "Wiśniewski"
    save_student(database, student, "tester")
    assert _found(database, "zolc") == [] and _found(database, "wisniewski") == [2]
    database.dispose()


def test_the_0007_migration_folds_as_the_app_does() -> None:
    """Its frozen copy of the rule must match `textfold.fold`, or old rows would not be found."""
    import importlib.util

    from vipdesk.textfold import fold

    script = dbmod.MIGRATIONS_DIR / "versions" / "0007_student_search_text.py"
    spec = importlib.util.spec_from_file_location("migration_0007", script)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    samples = ["Łukasz Żółć", "ZOË Ørsted", "Þórðardóttir", "Straße", "Ελένη", "Ǆ ﬁ", "İstanbul"]
    assert [migration._fold(s) for s in samples] == [fold(s) for s in samples]


# --- 0008: work-list snoozes; manual ticks of evidence-backed items ------------------------


def test_the_0008_upgrade_keeps_manual_ticks_and_marks_those_evidence_now_backs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "at-0007.sqlite3"
    url = _load_fixture("schema_0007.sql", path)
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO checklist_tick (placement_id, item_key, phase, done_by, done_at, note) "
            "VALUES (1, ?, 'before', 'anna', '2026-11-30 10:00:00', ?)",
            [("readiness_student", None), ("protocol", "paper copy in the file")],
        )
    conn.close()
    database = open_database(url)
    assert list(tmp_path.glob("*.bak"))  # copied aside before the upgrade
    with database.engine.connect() as connection:
        rows = connection.execute(text("SELECT item_key, note FROM checklist_tick")).all()
        ticks = {key: note for key, note in rows}
        assert connection.execute(text("SELECT count(*) FROM work_snooze")).scalar() == 0
    assert ticks == {
        "selection": None,  # no evidence in vipdesk for it: a plain tick as before
        "readiness_student": "done outside vipdesk: recorded before evidence checks",
        "protocol": "paper copy in the file",  # a reason the coordinator gave is kept
    }
    database.dispose()


# --- 0017: monitoring log and recognition --------------------------------------------------


def test_the_0008_fixture_upgrades_keeps_its_records_and_marks_the_bare_kickoff_tick(
    tmp_path: Path,
) -> None:
    database = open_database(_load_fixture("schema_0008.sql", tmp_path / "at-0008.sqlite3"))
    assert list(tmp_path.glob("*.bak"))  # copied aside before the upgrade
    with database.engine.connect() as connection:
        ticks: dict[str, str | None] = dict(
            connection.execute(text("SELECT item_key, note FROM checklist_tick")).all()
        )
        assert connection.execute(text("SELECT count(*) FROM monitoring_entry")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM recognition")).scalar() == 0
    assert ticks["kickoff"] == "done outside vipdesk: recorded before evidence checks"
    assert ticks["selection"] is None
    assert _found(database, "lukasz ZOLC") == [2]
    assert load_rows(database)[0].reference == "VIP-2026-00001"
    database.dispose()
