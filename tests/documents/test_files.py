"""The atomic writer: never a half-written file, and no temporary file left by a killed write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.full_disk import fill_disk_after
from vipdesk.documents.files import atomic_file, remove_leftovers, write_atomically
from vipdesk.errors import VipdeskError

_KILLED_WRITER = """
import sys, time
from pathlib import Path
from vipdesk.documents.files import atomic_file
with atomic_file(Path(sys.argv[1])) as temporary:
    temporary.write_bytes(b"half of a report")
    print("writing", flush=True)
    time.sleep(60)
"""


def _age(path: Path, seconds: float = 3600) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def _temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_the_leftover_of_a_killed_write_goes_with_the_next_write(tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(tmp_path / "report.xlsx")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    [leftover] = _temporaries(tmp_path)
    assert not (tmp_path / "report.xlsx").exists()
    _age(leftover)  # the kill was a while ago
    write_atomically(tmp_path / "other.pdf", b"%PDF")
    assert _temporaries(tmp_path) == []
    assert (tmp_path / "other.pdf").read_bytes() == b"%PDF"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows protects open files instead")
def test_a_write_in_progress_is_never_taken_for_a_leftover(tmp_path: Path) -> None:
    with atomic_file(tmp_path / "slow.xlsx") as temporary:
        temporary.write_bytes(b"still writing")
        _age(temporary)  # even when it has not been touched for an hour
        assert remove_leftovers(tmp_path) == 0
        write_atomically(tmp_path / "quick.pdf", b"%PDF")
        assert temporary.exists()
    assert (tmp_path / "slow.xlsx").read_bytes() == b"still writing"
    assert _temporaries(tmp_path) == []


def test_only_old_temporary_files_of_vipdesk_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".report.0badf00d.part"
    young = tmp_path / ".report.12345678.part"
    theirs = [tmp_path / ".download.part", tmp_path / "report.0badf00d.part"]
    for path in [old, young, *theirs]:
        path.write_bytes(b"x")
    for path in [old, *theirs]:
        _age(path)
    assert remove_leftovers(tmp_path) == 1
    assert not old.exists() and young.exists() and all(p.exists() for p in theirs)
    assert remove_leftovers(tmp_path / "no such folder") == 0


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "agreement.pdf"
    target.write_bytes(b"the earlier agreement")
    fill_disk_after(monkeypatch, 10)
    with pytest.raises(VipdeskError, match="full"):
        write_atomically(target, b"a much longer new agreement")
    assert target.read_bytes() == b"the earlier agreement"
    assert _temporaries(tmp_path) == []
