"""Settings shared by everyone using the database: rows of the Setting table, by key.

Two coordinators may create the same setting at the same moment: both read "not set", both
insert, and the second insert breaks the unique key. `store_settings` then reads the settings
again: if they now hold what this coordinator wanted, nothing is wrong; otherwise the change is
refused as a conflict rather than replacing the other coordinator's value unseen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import ConflictError
from vipdesk.models import Setting


def read_settings(session: Session, keys: list[str]) -> dict[str, str]:
    """The stored values of `keys`; a key that is not set is absent."""
    query = select(Setting.key, Setting.value).where(Setting.key.in_(keys))
    return {key: value for key, value in session.execute(query)}


def write_settings(session: Session, values: Mapping[str, str | None]) -> None:
    """Set each key to its value, or remove it where the value is None, in this transaction."""
    rows = {row.key: row for row in session.scalars(select(Setting).where(Setting.key.in_(values)))}
    for key, value in values.items():
        row = rows.get(key)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value


def store_settings(
    db: Database,
    values: Mapping[str, str | None],
    user: str | None = None,
    *,
    what: str,
    check: Callable[[Session], None] | None = None,
) -> None:
    """Write `values` in one transaction, after `check` (which may raise) has passed.

    Raises:
        ConflictError: another coordinator stored a different value for one of the keys at the
            same moment; `what` names the setting in the message.
    """
    try:
        with db.session(user) as session:
            if check is not None:
                check(session)
            write_settings(session, values)
    except IntegrityError as exc:
        with db.session() as session:
            now = read_settings(session, list(values))
        if any(now.get(key) != value for key, value in values.items()):
            raise ConflictError(what) from exc
