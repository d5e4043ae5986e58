"""The interface catalogues compiled for a test run, as `make` compiles them at set-up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from vipdesk.ui.i18n import CATALOGUE, catalogue_dir

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


def compile_catalogues(directory: Path, languages: Iterable[str]) -> Path:
    """`languages`' `.ts` catalogues compiled to `.qm` in `directory`; returns `directory`."""
    for language in languages:
        name = CATALOGUE.format(language=language)
        subprocess.run(
            [
                str(LRELEASE),
                "-silent",
                str(catalogue_dir() / f"{name}.ts"),
                "-qm",
                str(directory / f"{name}.qm"),
            ],
            check=True,
        )
    return directory
