"""Questionnaires in the respondent's language: the same questions, scored the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vipdesk.errors import VipdeskError
from vipdesk.models import ReadinessParty
from vipdesk.resources import resources_dir
from vipdesk.services.evaluations.questionnaires import Kind, questionnaire_for
from vipdesk.services.preparation import translated as translated_module
from vipdesk.services.preparation.questionnaires import (
    ItemType,
    assess,
    default_library,
    parse_questionnaire,
)
from vipdesk.services.preparation.translated import first_difference, translated


def test_a_translation_asks_the_same_questions_in_its_language() -> None:
    english = questionnaire_for(Kind.MIDTERM, ReadinessParty.STUDENT, ["Analyse data"])
    german = questionnaire_for(
        Kind.MIDTERM, ReadinessParty.STUDENT, ["Analyse data"], language="de"
    )
    assert german.language == "de" and english.language == "en"
    assert german.title != english.title
    assert [i.key for i in german.items] == [i.key for i in english.items]
    yes_no = [i for i in german.items if i.type is ItemType.YES_NO]
    for item in yes_no:
        assert [o.label for o in item.options] == ["Ja", "Nein"]
    answers = {i.key: (i.options[0].key if i.options else "gut") for i in english.items}
    ours, theirs = assess(german, answers), assess(english, answers)  # answers are keys
    assert (ours.overall, ours.level) == (theirs.overall, theirs.level)
    assert [(t.key, t.score) for t in ours.themes] == [(t.key, t.score) for t in theirs.themes]
    assert [f.item_key for f in ours.flags] == [f.item_key for f in theirs.flags]


def test_without_a_translation_the_english_questionnaire_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "questionnaires").mkdir()  # a language whose files are not there
    monkeypatch.setattr(translated_module, "resources_dir", lambda: tmp_path)
    translated_module._translated.cache_clear()
    try:
        readiness = questionnaire_for(Kind.READINESS, ReadinessParty.STUDENT, language="fi")
    finally:
        translated_module._translated.cache_clear()
    assert readiness.language == "en"


def test_a_translation_that_changed_a_question_is_refused() -> None:
    name = "evaluation_final_tutor.v1"
    english = json.loads((resources_dir() / "questionnaires" / f"{name}.json").read_text("utf-8"))
    german = json.loads((resources_dir() / "questionnaires" / f"{name}.de.json").read_text("utf-8"))
    german["items"][0]["weight"] = 7
    difference = first_difference(
        parse_questionnaire(english, "en"), parse_questionnaire(german, "de")
    )
    assert difference is not None
    assert difference.english() == f"question '{english['items'][0]['key']}'"


def test_an_unknown_language_is_one_clear_line() -> None:
    english = questionnaire_for(Kind.FINAL, ReadinessParty.COMPANY)
    with pytest.raises(VipdeskError, match="cannot be written in 'xx'; choose one of da, de, en"):
        translated(english, "xx")


def test_every_translation_file_matches_its_english_file() -> None:
    folder = resources_dir() / "questionnaires"
    found = sorted(p for p in folder.glob("*.v*.*.json") if p.name.count(".") == 3)
    assert len(found) >= 36  # six evaluation questionnaires in six languages
    for path in found:
        qid, version, language, _json = path.name.split(".")
        english = default_library().get(qid, int(version.removeprefix("v")))
        assert translated(english, language).language == language, path.name
