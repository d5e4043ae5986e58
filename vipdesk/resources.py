"""Locate the data files vipdesk ships under `resources/`."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any


def resources_dir() -> Path:
    """The folder with the shipped data, in a source tree, a wheel or a frozen bundle."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent / "resources"]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("vipdesk's resources folder is missing from this installation")


@cache
def load_json(name: str) -> Any:
    """Parse a JSON file from the resources folder (cached: the files do not change)."""
    with (resources_dir() / name).open(encoding="utf-8") as f:
        return json.load(f)
