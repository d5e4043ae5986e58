"""Writing files that other people open: never half-written, and nothing left behind.

Each file is written under a hidden temporary name beside its target (`.NAME.1a2b3c4d.part`)
and renamed when complete. A write that is killed (a crash, a kill, a power cut) cannot remove
its temporary file; the next write into the same folder, or the next start for the data folder,
does (`remove_leftovers`). A temporary file still being written is never taken for a leftover:
its writer holds a lock on it (POSIX), or keeps it open, which forbids removing it (Windows).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vipdesk.errors import VipdeskError

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be removed, which protects it as well
    fcntl = None  # type: ignore[assignment]

_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.part")
# A temporary file untouched this long is not one a live writer has just made (and not yet
# locked): only older ones are looked at.
LEFTOVER_AGE = 60.0


def _folder_problem(path: Path, exc: OSError) -> VipdeskError:
    if isinstance(exc, PermissionError):
        return VipdeskError.said(
            "Cannot write {name}: it may be open in another program (close it there), or the "
            "folder {folder} is read-only. Nothing was saved.",
            name=path.name,
            folder=str(path.parent),
        )
    if exc.errno == errno.ENOSPC:
        return VipdeskError.said(
            "The disk holding {folder} is full; {name} was not saved.",
            folder=str(path.parent),
            name=path.name,
        )
    if isinstance(exc, FileNotFoundError):
        return VipdeskError.said(
            "Cannot write to {folder}: the folder does not exist; {name} was not saved.",
            folder=str(path.parent),
            name=path.name,
        )
    return VipdeskError.said(
        "Cannot write {name}: {reason}. Nothing was saved.",
        name=path.name,
        reason=str(exc.strerror or exc),
    )


def _create_beside(path: Path) -> tuple[Path, int | None]:
    """A new, empty, hidden file in the target's folder (the same disk, so the final rename
    is atomic), with the permissions a normal new file gets (mkstemp's are owner-only), and
    the descriptor holding its lock (None where there are no locks)."""
    for _ in range(100):
        temporary = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.part")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _folder_problem(path, exc) from exc
        if fcntl is None:
            os.close(descriptor)
            return temporary, None
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return temporary, descriptor
    raise VipdeskError.said("Cannot make a temporary file beside {path}.", path=str(path))


def remove_leftovers(folder: Path) -> int:
    """Remove the temporary files that killed writes left in `folder`; returns how many.

    Files still being written are left alone, and so is anything that cannot be removed.
    """
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _TEMPORARY.fullmatch(entry.name):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                if now - entry.stat().st_mtime < LEFTOVER_AGE or _in_use(entry.path):
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed += 1
    return removed


def _in_use(path: str) -> bool:
    """True while a writer holds the file's lock (Windows: never; removal fails instead)."""
    if fcntl is None:
        return False
    descriptor = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # and with it the lock just taken
    return False


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it becomes `path` only if the block succeeds.

    On any exception (a cancel included) the temporary file is removed and `path`, if it
    existed, is left as it was.
    """
    path = Path(path)
    remove_leftovers(path.parent)
    temporary, lock = _create_beside(path)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())  # on disk before it takes the name: no empty file
        if path.exists():  # a replaced file keeps its permissions
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except OSError as exc:
        raise _folder_problem(path, exc) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        if lock is not None:
            os.close(lock)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` through `atomic_file`: a reader never sees a half-written file, and a
    failure leaves any earlier file intact.

    Raises:
        VipdeskError: the folder is missing or not writable, or the disk is full.
    """
    with atomic_file(path) as temporary:
        temporary.write_bytes(data)
