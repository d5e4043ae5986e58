"""Writing files that other people open: never half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vipdesk.errors import VipdeskError


def _folder_problem(path: Path, exc: OSError) -> VipdeskError:
    if isinstance(exc, PermissionError):
        return VipdeskError(
            f"Cannot write {path.name}: it may be open in another program (close it there), "
            f"or the folder {path.parent} is read-only. Nothing was saved."
        )
    if exc.errno == errno.ENOSPC:
        return VipdeskError(f"The disk holding {path.parent} is full; {path.name} was not saved.")
    if isinstance(exc, FileNotFoundError):
        return VipdeskError(
            f"Cannot write to {path.parent}: the folder does not exist; {path.name} was not saved."
        )
    return VipdeskError(f"Cannot write {path.name}: {exc.strerror or exc}. Nothing was saved.")


def _create_beside(path: Path) -> Path:
    """A new, empty, hidden file in the target's folder (the same disk, so the final rename
    is atomic), with the permissions a normal new file gets (mkstemp's are owner-only)."""
    for _ in range(100):
        temporary = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise _folder_problem(path, exc) from exc
        return temporary
    raise VipdeskError(f"Cannot make a temporary file beside {path}.")


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; it becomes `path` only if the block succeeds.

    On any exception (a cancel included) the temporary file is removed and `path`, if it
    existed, is left as it was.
    """
    path = Path(path)
    temporary = _create_beside(path)
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` through `atomic_file`: a reader never sees a half-written file, and a
    failure leaves any earlier file intact.

    Raises:
        VipdeskError: the folder is missing or not writable, or the disk is full.
    """
    with atomic_file(path) as temporary:
        temporary.write_bytes(data)
