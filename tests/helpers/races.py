"""Two coordinators saving at the same moment, in a fixed order a test can rely on.

`before_next_flush` runs another coordinator's save (its own session and connection) just
before this process's next flush: after our read, before our write. That is the window where
only the database (a version in the UPDATE, a UNIQUE constraint) can notice the other save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session


@contextmanager
def before_next_flush(other_save: Callable[[], object]) -> Iterator[None]:
    """Within the block, the first flush of any session first runs `other_save` (once)."""
    done = False

    def run_first(_session: Session, _context: object, _instances: object) -> None:
        nonlocal done
        if done:
            return
        done = True  # before the call: `other_save` flushes too
        other_save()

    event.listen(Session, "before_flush", run_first)
    try:
        yield
    finally:
        event.remove(Session, "before_flush", run_first)
    assert done, "nothing was flushed: the race never happened"
