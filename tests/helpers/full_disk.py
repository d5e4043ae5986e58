"""A disk that fills up: writes to vipdesk's temporary files fail with ENOSPC after a while.

Patched at `io.open`, which `open`-by-path in pathlib and zipfile go through, so the failure
comes from wherever the bytes are written, as a real full disk's would.
"""

from __future__ import annotations

import errno
import io
from typing import Any

import pytest


class _FillingFile:
    def __init__(self, file: Any, room: int) -> None:
        self._file = file
        self._room = room

    def write(self, data: Any) -> int:
        size = len(memoryview(data).cast("B"))
        if size > self._room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= size
        return int(self._file.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _FillingFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._file.close()


def fill_disk_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """From now on, each temporary `.part` file takes `room` bytes before the disk is full."""
    real_open = io.open

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened = real_open(file, mode, *args, **kwargs)
        if str(file).endswith(".part") and ("w" in mode or "a" in mode):
            return _FillingFile(opened, room)
        return opened

    monkeypatch.setattr(io, "open", opening)
