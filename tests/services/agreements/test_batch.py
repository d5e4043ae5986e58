"""Exporting many agreements: one readable PDF per placement, all or nothing."""

from __future__ import annotations

import itertools
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.documents.agreement.form import read_returned_pdf
from vipdesk.documents.files import write_atomically
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import Placement
from vipdesk.services.agreements import batch
from vipdesk.services.agreements.batch import (
    STAGING_PREFIX,
    agreement_for_export,
    export_agreements,
    file_name,
)
from vipdesk.services.jobs import CancelledError


@pytest.fixture
def placements(db: Database) -> list[int]:
    world = make_world(db)
    ids = [make_placement(db, world, title=f"Intern {n}").id for n in range(5)]
    assert all(ids)
    return [i for i in ids if i is not None]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "agreements"
    folder.mkdir()
    return folder


def references(db: Database, ids: list[int]) -> list[str]:
    return [agreement_for_export(db, i).reference for i in ids]


def test_one_readable_pdf_per_placement_named_by_reference(
    db: Database, placements: list[int], out: Path
) -> None:
    seen: list[tuple[int, int, str]] = []
    result = export_agreements(db, placements, out, progress=lambda d, t, w: seen.append((d, t, w)))
    refs = references(db, placements)
    assert [p.name for p in result.written] == [f"{r}.pdf" for r in refs]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{r}.pdf" for r in refs)
    for ref in refs:
        returned = read_returned_pdf(out / f"{ref}.pdf")
        assert returned.reference == ref and returned.version == 1
    assert (result.replaced, result.missing) == (0, 0)
    assert seen[0] == (0, 5, "Writing agreements")
    assert [d for d, _t, _w in seen] == [0, 1, 2, 3, 4, 5, 5]  # "3 of 5", then done


def test_fillable_agreements_carry_the_hosts_fields(
    db: Database, placements: list[int], out: Path
) -> None:
    result = export_agreements(db, placements[:1], out, fillable=True)
    returned = read_returned_pdf(result.written[0])
    assert returned.fields  # the host's part as form fields


def test_cancel_after_some_files_leaves_the_folder_as_it_was(
    db: Database, placements: list[int], out: Path
) -> None:
    earlier = out / "notes.txt"
    earlier.write_text("mine")
    done: list[int] = []

    def cancel_after_three() -> bool:
        return len(done) > 3

    with pytest.raises(CancelledError):
        export_agreements(
            db,
            placements,
            out,
            progress=lambda d, _t, _w: done.append(d),
            should_cancel=cancel_after_three,
        )
    assert max(done) == 3  # three agreements were rendered before the stop
    # Nothing of the run is left: no PDF, no temporary file, no hidden staging folder.
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def stop_after(count: int) -> Callable[[], bool]:
    """A should_cancel that says stop on its (count + 1)-th poll."""
    polls = itertools.count(1)
    return lambda: next(polls) > count


def test_an_existing_file_is_replaced_only_when_the_batch_completes(
    db: Database, placements: list[int], out: Path
) -> None:
    ref = references(db, placements[:1])[0]
    older = out / f"{ref}.pdf"
    older.write_bytes(b"an older export")
    with pytest.raises(CancelledError):
        export_agreements(db, placements, out, should_cancel=stop_after(4))
    assert older.read_bytes() == b"an older export"
    assert [p.name for p in out.iterdir()] == [older.name]
    result = export_agreements(db, placements, out)
    assert result.replaced == 1
    assert read_returned_pdf(older).reference == ref


def test_a_deleted_placement_is_counted_not_fatal(
    db: Database, placements: list[int], out: Path
) -> None:
    result = export_agreements(db, [*placements[:2], 999_999], out)
    assert len(result.written) == 2 and result.missing == 1
    with pytest.raises(NotFoundError):
        agreement_for_export(db, 999_999)


def test_a_bad_folder_says_so_and_writes_nothing(
    db: Database, placements: list[int], tmp_path: Path
) -> None:
    with pytest.raises(VipdeskError, match="does not exist"):
        export_agreements(db, placements, tmp_path / "nowhere")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(VipdeskError, match="does not exist"):
        export_agreements(db, placements, a_file)


def test_a_folder_that_refuses_writing_says_so(
    db: Database, placements: list[int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**_kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(VipdeskError, match=r"Cannot write to the folder .*Permission denied"):
        export_agreements(db, placements, out)
    assert list(out.iterdir()) == []


def test_a_full_disk_midway_leaves_nothing(
    db: Database, placements: list[int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = write_atomically
    written: list[Path] = []

    def fill_up(path: Path, data: bytes) -> None:
        if len(written) == 2:
            raise VipdeskError(
                f"The disk holding {path.parent} is full; {path.name} was not saved."
            )
        real(path, data)
        written.append(path)

    monkeypatch.setattr(batch, "write_atomically", fill_up)
    with pytest.raises(VipdeskError, match="full"):
        export_agreements(db, placements, out)
    assert len(written) == 2 and list(out.iterdir()) == []


# Characters Windows refuses in a name, and control characters.
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)}


def _portable(name: str) -> bool:
    stem = name.removesuffix(".pdf")
    return (
        name.endswith(".pdf")
        and not _ILLEGAL.search(name)
        and stem == stem.strip(" .")
        and name.split(".")[0].upper() not in _DEVICES
        and len(name.encode()) <= 255
    )


def test_file_names_are_safe_everywhere() -> None:
    assert file_name("VIP-2026-00042") == "VIP-2026-00042.pdf"
    assert file_name("ABC/12:3 ").startswith("ABC_12_3 (")
    assert file_name("..").startswith("agreement (")
    for reference in ("..", "ABC/12:3 ", "x" * 300, "Ärger\n", ' a<b>c"d|e?f* ', "A\\1"):
        assert _portable(file_name(reference)), reference


def test_references_that_differ_get_files_that_differ_on_every_system() -> None:
    references = ["A/1", "A:1", "A*1", "A 1", "A_1", "a_1", "vip-2026-00042", "VIP-2026-00042"]
    names = [file_name(r) for r in references]
    assert len({n.casefold() for n in names}) == len(references)  # Windows, macOS: no case
    assert all(_portable(n) for n in names)
    assert names[references.index("A_1")] == "A_1.pdf"
    assert file_name("A/1") == names[0]  # the same name at every export


@pytest.mark.parametrize("reference", ["CON", "NUL", "COM1", "LPT1", "AUX.2026", "con", "Prn"])
def test_names_windows_keeps_for_devices_are_made_safe(reference: str) -> None:
    name = file_name(reference)
    assert _portable(name) and name.startswith(f"_{reference} (")


def test_a_fingerprint_taken_already_grows_longer() -> None:
    short = file_name("A/1")
    longer = file_name("A/1", taken={short.casefold()})
    assert longer != short and longer.startswith(short.removesuffix(").pdf"))


def _set_reference(db: Database, placement_id: int, reference: str) -> None:
    with db.session() as session:
        session.execute(
            update(Placement).where(Placement.id == placement_id).values(reference=reference)
        )


def test_a_batch_of_lookalike_references_writes_each_agreement_to_its_own_file(
    db: Database, placements: list[int], out: Path
) -> None:
    lookalikes = ["A/1", "A:1", "A*1", "A 1", "a 1"]
    for placement_id, reference in zip(placements, lookalikes, strict=True):
        _set_reference(db, placement_id, reference)
    result = export_agreements(db, placements, out)
    assert len(result.written) == 5 and len(list(out.iterdir())) == 5
    for path, reference in zip(result.written, lookalikes, strict=True):
        assert read_returned_pdf(path).reference == reference  # the right agreement in each


def test_a_killed_batchs_hidden_folder_goes_with_the_next_batch(
    db: Database, placements: list[int], out: Path
) -> None:
    killed = out / f"{STAGING_PREFIX}k1ll3d"
    killed.mkdir()
    (killed / "VIP-2026-00001.pdf").write_bytes(b"%PDF half")
    recent = out / f"{STAGING_PREFIX}busy"  # another batch, still writing
    recent.mkdir()
    long_ago = time.time() - 3600
    os.utime(killed, (long_ago, long_ago))
    export_agreements(db, placements[:1], out)
    assert not killed.exists() and recent.exists()
