"""The agreement's standard wording, shipped as data in resources/agreement/texts.json."""

from __future__ import annotations

from typing import Any

from vipdesk.resources import load_json


def agreement_texts() -> dict[str, Any]:
    """The default texts of a new agreement (resources/agreement/texts.json)."""
    texts: dict[str, Any] = load_json("agreement/texts.json")
    return texts
