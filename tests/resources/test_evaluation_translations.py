"""Questionnaires in other languages (the evaluations, and the readiness questionnaires of
student, company and institution): the English file's twin with only its texts translated,
so answers, scores and reports stay the same whatever language a party reads.

A translation is `<id>.v<version>.<lang>.json` beside the English `<id>.v<version>.json`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vipdesk.resources import resources_dir

FOLDER = resources_dir() / "questionnaires"
EVALUATIONS = tuple(
    f"evaluation_{when}_{party}"
    for when in ("midterm", "final")
    for party in ("student", "host", "tutor")
)
READINESS = ("student", "company", "institution")
TRANSLATION = re.compile(
    r"^(?P<id>evaluation_[a-z_]+|student|company|institution)"
    r"\.v(?P<version>\d+)\.(?P<lang>[a-z]{2})\.json$"
)
LANGUAGES = ("da", "de", "fi", "it", "nl", "pl")
# Texts a reader sees; every other value (keys, ids, types, weights, scores, "source") is data.
TEXT_FIELDS = frozenset({"title", "respondent", "intro", "label", "text", "help", "advice"})
# Texts allowed to read the same as in English (a name, a tool, a bare number).
SAME_AS_ENGLISH = frozenset({"Master"})  # the degree, in German and Dutch too
PLACEHOLDER = re.compile(r"\{[^}]*\}|%\d|%n|<[^>]+>")


def translations() -> list[Path]:
    return sorted(p for p in FOLDER.glob("*.json") if TRANSLATION.match(p.name))


def english_of(path: Path) -> Path:
    match = TRANSLATION.match(path.name)
    assert match
    return FOLDER / f"{match['id']}.v{match['version']}.json"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def pairs(english: Any, translated: Any, where: str = "") -> Iterator[tuple[str, Any, Any]]:
    """Every leaf of both files side by side, failing on the first difference in shape."""
    assert type(english) is type(translated), f"{where}: not the same kind of value"
    if isinstance(english, dict):
        assert list(english) == list(translated), f"{where}: other keys or another order"
        for key in english:
            yield from pairs(english[key], translated[key], f"{where}.{key}")
    elif isinstance(english, list):
        assert len(english) == len(translated), f"{where}: another number of entries"
        for i, (e, t) in enumerate(zip(english, translated, strict=True)):
            yield from pairs(e, t, f"{where}[{i}]")
    else:
        yield where, english, translated


def is_text(where: str) -> bool:
    """Whether the leaf at `where` is read by people (the scale labels are lists of texts)."""
    return where.startswith(".scales.") or where.rsplit(".", 1)[-1] in TEXT_FIELDS


def texts(english: Any, translated: Any) -> list[tuple[str, str, str]]:
    return [(w, e, t) for w, e, t in pairs(english, translated) if is_text(w)]


def found_ids() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in translations():
        match = TRANSLATION.match(path.name)
        assert match
        found[match["lang"]].add(match["id"])
    return found


def test_every_language_has_all_six_evaluations() -> None:
    found = found_ids()
    assert set(found) == set(LANGUAGES)
    for lang, ids in found.items():
        evaluations = {i for i in ids if i.startswith("evaluation_")}
        assert evaluations == set(EVALUATIONS), f"{lang} lacks {set(EVALUATIONS) - evaluations}"


def test_a_language_with_readiness_questionnaires_has_all_three() -> None:
    for lang, ids in found_ids().items():
        readiness = ids & set(READINESS)
        assert not readiness or readiness == set(READINESS), f"{lang} has only {readiness}"


def data_differences(english: Any, translated: Any) -> list[str]:
    """Where the translation changed data (not a text) or left a text empty or padded."""
    found = []
    for where, e, t in pairs(english, translated):
        if is_text(where):
            if not (isinstance(t, str) and t and t.strip() == t):
                found.append(f"{where}: empty or padded text")
        elif e != t:
            found.append(f"{where}: {t!r} differs from the English {e!r}")
    return found


@pytest.mark.parametrize("path", translations(), ids=lambda p: p.name)
def test_translation_keeps_the_english_structure_and_data(path: Path) -> None:
    assert data_differences(load(english_of(path)), load(path)) == []


@pytest.mark.parametrize("path", translations(), ids=lambda p: p.name)
def test_every_text_is_translated_and_keeps_its_placeholders(path: Path) -> None:
    for where, e, t in texts(load(english_of(path)), load(path)):
        assert t != e or e in SAME_AS_ENGLISH, f"{where} is still English: {e!r}"
        assert sorted(PLACEHOLDER.findall(t)) == sorted(PLACEHOLDER.findall(e)), where
        assert e.endswith("?") == t.endswith("?"), f"{where}: a question became a statement"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_english_text_has_one_translation_per_language(lang: str) -> None:
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for path in FOLDER.glob(f"evaluation_*.{lang}.json"):
        for where, e, t in texts(load(english_of(path)), load(path)):
            seen[e][f"{path.name}:{where}"] = t
    assert seen, f"no evaluation questionnaire in {lang}"
    mixed = {e: ts for e, ts in seen.items() if len(set(ts.values())) > 1}
    assert not mixed, f"translated in more than one way: {mixed}"


def test_a_translation_that_drifted_from_its_english_file_is_caught() -> None:
    english = load(FOLDER / "evaluation_midterm_student.v1.json")
    translated = load(FOLDER / "evaluation_midterm_student.v1.de.json")
    english["items"][0]["weight"] += 1
    translated["themes"][0]["label"] = " "
    assert data_differences(english, translated) == [
        ".themes[0].label: empty or padded text",
        ".items[0].weight: 2 differs from the English 3",
    ]
    del english["items"][0]
    with pytest.raises(AssertionError, match="another number of entries"):
        list(pairs(english, translated))
