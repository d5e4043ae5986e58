"""The SQL a piece of code sends: a test of speed that counts queries instead of timing them,
so that it neither passes on a fast machine by luck nor fails on a busy one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from vipdesk.db import Database


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement sent while the block runs, whitespace folded (pings and BEGIN/COMMIT
    aside: the driver sends those without the engine's cursor events)."""
    seen: list[str] = []

    def record(
        _conn: object, _cursor: object, statement: str, _params: object, _ctx: object, _many: bool
    ) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
