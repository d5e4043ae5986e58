"""The office's choice of how imports read 01/02/2026, kept for everyone on the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import ValidationError
from vipdesk.models import Setting
from vipdesk.services.importing.columns import DateOrder

DATE_ORDER_KEY = "import_date_order"


def read_date_order(session: Session) -> DateOrder:
    """The stored order; day first (as most of Europe writes dates) until someone chooses."""
    value = session.scalar(select(Setting.value).where(Setting.key == DATE_ORDER_KEY))
    try:
        return DateOrder(value) if value else DateOrder.DAY_FIRST
    except ValueError:  # written by a newer vipdesk: read as the default, never fail an import
        return DateOrder.DAY_FIRST


def load_date_order(db: Database) -> DateOrder:
    with db.session() as session:
        return read_date_order(session)


def save_date_order(db: Database, order: str, user: str | None = None) -> DateOrder:
    """Store how imports read dates with slashes.

    Raises:
        ValidationError: `order` is neither day_first nor month_first.
    """
    try:
        chosen = DateOrder(order)
    except ValueError:
        raise ValidationError.on(
            "date_order",
            "{order} is not a date order: choose day_first or month_first.",
            order=repr(order),
        ) from None
    with db.session(user) as session:
        row = session.scalar(select(Setting).where(Setting.key == DATE_ORDER_KEY))
        if row is None:
            session.add(Setting(key=DATE_ORDER_KEY, value=chosen.value))
        else:
            row.value = chosen.value
    return chosen
