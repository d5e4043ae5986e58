"""Writing files that other people open: never half-written."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from vipdesk.errors import VipdeskError


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it to `path`.

    A reader never sees a half-written file, and a failure leaves any earlier file intact.

    Raises:
        VipdeskError: the folder is missing or not writable, or the disk is full.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise VipdeskError(f"Cannot write to {folder}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600); give it the mode the file had, or the usual.
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise VipdeskError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
