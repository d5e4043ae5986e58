"""Values typed into a field as text: dates and numbers of credits, read the ways Europe writes
them, or refused with a message in the interface's language (a ValueError the form shows under
the field); and credits written back into a field as the interface's language writes them."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale

from vipdesk.ui.i18n import tr

_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"), ("d", "m", "y")),
)


def parse_date(text: str) -> date | None:
    """Read a date typed as 2026-03-01, 1.3.2026 or 01/03/2026 (day first, as in Europe).

    Returns None for an empty text; raises ValueError with a message for anything else.
    """
    text = text.strip()
    if not text:
        return None
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise ValueError(
        tr("'{text}' is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01.").format(text=text)
    )


def parse_credits(text: str) -> Decimal | None:
    """ECTS credits typed as 7.5 or 7,5; None when empty; ValueError for anything else."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise ValueError(
            tr("'{text}' is not a number of credits; type e.g. 15 or 7.5.").format(
                text=text.strip()
            )
        )
    return value


def credits_text(value: Decimal | None) -> str:
    """Credits as a field shows them to edit: "7,5" in German, with the decimals they were
    given and never a thousands separator (`parse_credits` reads the text back)."""
    if value is None:
        return ""
    places = max(0, -int(value.as_tuple().exponent))
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(float(value), "f", places)
