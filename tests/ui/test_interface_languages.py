"""The interface in each of its languages (German and Polish have the longest words): every visible
label and button of the main window's tabs, the placement editor's tabs and the agreement
wizard's pages fits its text, no two labels or buttons of a wizard page share an Alt letter,
and nothing the catalogue translates is shown in English.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers.findings import SAMPLE_FINDINGS
from tests.helpers.translations import compile_catalogues
from vipdesk.services.placements.evidence_words import english as english_text
from vipdesk.ui.i18n import CATALOGUE, catalogue_dir

ROOT = Path(__file__).resolve().parents[2]


def translated_sources(language: str) -> set[str]:
    """The English texts the catalogue of `language` gives another text for."""
    tree = ET.parse(catalogue_dir() / f"{CATALOGUE.format(language=language)}.ts")
    found = set()
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and translation.text and translation.text != source:
            found.add(source)
    return found


@pytest.mark.parametrize("language", ["da", "de", "en", "fi", "it", "nl", "pl"])
def test_the_windows_fit_their_texts(language: str, tmp_path: Path, sqlite_url: str) -> None:
    catalogues = compile_catalogues(tmp_path, [language])
    probe = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.helpers.language_probe",
            language,
            str(catalogues),
            sqlite_url,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    report = json.loads(probe.stdout.strip().splitlines()[-1])
    assert report["problems"] == []
    english = translated_sources(language) & set(report["shown"])
    assert not english, f"shown in English although translated: {sorted(english)}"
    # What the records say about checklist items: worded in the language, never left English.
    englishes = [english_text([f]) for f in SAMPLE_FINDINGS]
    worded = dict(zip(englishes, report["findings"], strict=True))
    assert all("{" not in text and "%n" not in text for text in worded.values())
    if language != "en":
        assert [e for e, text in worded.items() if text == e] == []
    assert ("&Edit" in report["menus"]) == (language == "en")  # the menus are translated
    # Alt and a letter reaches one menu or tab: no two of them share their letter
    letters = [
        re.search(r"&(\w)", text).group(1).casefold()  # type: ignore[union-attr]
        for text in report["menus"] + report["tabs"]
    ]
    assert len(letters) == len(set(letters)), (report["menus"], report["tabs"])
