"""Inputs for money: amounts typed as 1234.50 or 1 234,50 (read as Decimal), ISO currencies."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from vipdesk.services.funding.currency import currencies, money
from vipdesk.ui.i18n import tr
from vipdesk.ui.widgets import SearchableCombo

_SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_money(text: str) -> Decimal | None:
    """Read `1234.50`, `1 234,50`, `1,234.50` or `1.234,50` as a Decimal; None when empty.

    The last `.` or `,` followed by one or two digits is the decimal mark; any other `.`, `,`,
    space or apostrophe groups thousands. Raises ValueError with a message for anything else.
    """
    cleaned = _SPACES.sub("", text.strip())
    if not cleaned:
        return None
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    match = re.fullmatch(r"([\d.,]*?)(?:[.,](\d{1,2}))?", cleaned)
    whole = match.group(1) if match else ""
    if match is None or not re.fullmatch(r"\d{1,3}([.,]?\d{3})*|\d+", whole or "x"):
        raise ValueError(_not_an_amount(text))
    if "," in whole and "." in whole:
        raise ValueError(
            tr("'{text}' mixes separators. Type it as 1234.50 or 1 234,50.").format(
                text=text.strip()
            )
        )
    digits = whole.replace(",", "").replace(".", "")
    try:
        return Decimal(f"{sign}{digits}.{match.group(2) or '00'}")
    except InvalidOperation as exc:  # pragma: no cover - the patterns above rule it out
        raise ValueError(_not_an_amount(text)) from exc


def _not_an_amount(text: str) -> str:
    return tr("'{text}' is not an amount. Type it as 1234.50 or 1 234,50.").format(
        text=text.strip()
    )


def format_money(amount: Decimal, currency: str) -> str:
    """An amount as the interface language writes it, the currency's code after the figure:
    "1,035.00 EUR" in English, "1.035,00 EUR" in German, "1 035,00 EUR" in Polish."""
    return f"{QLocale().toString(float(money(amount)), 'f', 2)} {currency}"


def money_text(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


class MoneyField(QLineEdit):
    """An amount; `value()` is a Decimal or None, ValueError with a message when unreadable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("e.g. 1234.50 or 1 234,50"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(24)
        self.setMaximumWidth(220)

    def value(self) -> Decimal | None:
        return parse_money(self.text())

    def set_value(self, amount: Decimal | None) -> None:
        self.setText(money_text(amount))


class CurrencyCombo(SearchableCombo):
    """An editable combo of ISO 4217 codes; anything typed is kept, for validation to judge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        common = ["EUR", "USD", "GBP", "CHF", "PLN", "SEK", "NOK", "DKK", "CZK", "HUF", "RON"]
        codes = [c for c in common if c in currencies()]
        codes += sorted(c for c in currencies() if c not in codes)
        for code in codes:
            self.addItem(code, code)
            self.setItemData(self.count() - 1, currencies()[code], Qt.ItemDataRole.ToolTipRole)
        line = self.lineEdit()
        assert line is not None  # a SearchableCombo is editable
        line.setMaxLength(3)
        self.setMinimumContentsLength(5)
        self.setMaximumWidth(220)

    def code(self) -> str:
        return self.currentText().strip().upper()

    def set_code(self, code: str) -> None:
        index = self.findText(code)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(code)
