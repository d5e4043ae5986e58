"""Hundreds of malformed files through the importers, from a fixed seed: whatever arrives, the
import either succeeds or refuses with its own error, and a refusal changes no table."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers.hostile_sheets import row_counts
from tests.helpers.sheet_fuzz import malformed_files
from tests.helpers.sheet_world import add_parties
from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.importing.plan import ImportRejectedError, plan_import, run_import

SEED = 19
FILES = 300
# Catches a hang or a blow-up in some parse (minutes), not a slow machine: about 6 s alone,
# 22 s on two cores shared with other work.
SECONDS = 60.0


def test_malformed_files_are_refused_cleanly(db: Database, tmp_path: Path) -> None:
    add_parties(db)
    started = time.perf_counter()
    outcomes = {"imported": 0, "listed": 0, "unreadable": 0}
    for case in malformed_files(SEED, FILES):
        path = tmp_path / f"{case.number}.{case.suffix}"
        path.write_bytes(case.data)
        before = row_counts(db)
        where = f"file {case.number} ({case.kind}.{case.suffix}: {case.how})"
        try:
            plan = plan_import(db, case.kind, path)
            if plan.ok:
                run_import(db, plan)
                outcomes["imported"] += 1
                continue
            with pytest.raises(ImportRejectedError):
                run_import(db, plan)
            outcomes["listed"] += 1
            assert all(p.message and "\n" not in p.message for p in plan.problems), where
        except VipdeskError as exc:
            outcomes["unreadable"] += 1
            assert "\n" not in str(exc), where
        except Exception as exc:
            raise AssertionError(f"{where} raised {type(exc).__name__}: {exc}") from exc
        path.unlink()
        assert row_counts(db) == before, where
    seconds = time.perf_counter() - started
    assert outcomes["listed"] > FILES // 6 and outcomes["unreadable"] > FILES // 10, outcomes
    assert seconds < SECONDS, f"{FILES} files took {seconds:.1f} s"
