"""Readiness questionnaires: the shipped files, checking answers, scores, flags and advice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers.questionnaires import best_answers
from vipdesk.errors import NotFoundError
from vipdesk.models import ReadinessParty
from vipdesk.resources import resources_dir
from vipdesk.services.preparation.questionnaires import (
    ItemType,
    Questionnaire,
    QuestionnaireLibrary,
    ReadinessLevel,
    assess,
    default_library,
    parse_questionnaire,
    validate_answers,
)
from vipdesk.services.preparation.translated import translated

FIXTURES = Path(__file__).parents[2] / "fixtures" / "questionnaires"


def small(**changes: Any) -> Questionnaire:
    data: dict[str, Any] = {
        "id": "tiny",
        "version": 1,
        "party": "student",
        "title": "Tiny",
        "theme_threshold": 60,
        "scales": {"truth": ["1", "2", "3", "4", "5"]},
        "themes": [
            {"key": "a", "label": "Theme A"},
            {"key": "b", "label": "Theme B"},
            {"key": "notes", "label": "Notes"},
        ],
        "items": [
            {"key": "a1", "theme": "a", "type": "scale", "scale": "truth", "weight": 2,
             "text": "Scale", "advice": "Work on a1."},
            {"key": "a2", "theme": "a", "type": "yes_no", "weight": 1, "critical": True,
             "text": "Yes or no?", "advice": "Fix a2 first."},
            {"key": "b1", "theme": "b", "type": "choice", "weight": 3, "text": "Choose",
             "options": [{"key": "x", "label": "X", "score": 100},
                         {"key": "y", "label": "Y", "score": 40},
                         {"key": "z", "label": "Z", "score": 0}],
             "advice": "Think about b1."},
            {"key": "n", "theme": "notes", "type": "text", "text": "Anything else?"},
        ],
    }  # fmt: skip
    data.update(changes)
    return parse_questionnaire(data, "tiny.v1.json")


@pytest.mark.parametrize("party", list(ReadinessParty))
def test_each_party_has_a_sound_questionnaire(party: ReadinessParty) -> None:
    questionnaire = default_library().for_party(party)
    assert questionnaire.party is party
    assert questionnaire.id == party.value
    assert questionnaire.version >= 1
    assert any(i.critical for i in questionnaire.items)
    for item in questionnaire.items:
        assert item.text.strip()
        if item.scored:
            assert item.advice, f"{item.key} needs advice for a weak answer"
            assert any(item.is_weak(o.key if item.type is not ItemType.SCALE else int(o.key))
                       for o in item.options), f"{item.key} can never be weak"  # fmt: skip
    result = assess(questionnaire, best_answers(questionnaire))
    assert result.overall == 100
    assert result.level is ReadinessLevel.READY
    assert not result.flags and not result.advice


def test_every_file_name_matches_its_content() -> None:
    library = default_library()
    for path in (resources_dir() / "questionnaires").glob("*.json"):
        qid, version = path.name.removesuffix(".json").split(".v")
        version, _, language = version.partition(".")  # a translation: <id>.v1.de.json
        english = library.get(qid, int(version))
        assert english.id == qid
        if language:
            assert translated(english, language).language == language, path.name


def test_known_answers_give_known_scores() -> None:
    q = small()
    result = assess(q, {"a1": 4, "a2": "yes", "b1": "y", "n": "Fine"})
    scores = {t.key: t.score for t in result.themes}
    assert scores == {"a": 83, "b": 40}  # a: (75·2 + 100·1) / 3; the text theme has no score
    assert result.overall == 62  # (150 + 100 + 40·3) / 6 = 61.67
    assert [t.key for t in result.low_themes] == ["b"]
    assert [f.item_key for f in result.flags] == ["b1"]
    assert result.flags[0].answer == "Y"
    assert result.critical == ()
    assert result.advice == ("Think about b1.",)
    assert result.level is ReadinessLevel.NEEDS_ATTENTION


def test_a_weak_critical_answer_blocks_and_comes_first() -> None:
    result = assess(small(), {"a1": 1, "a2": "no", "b1": "x"})
    assert [f.item_key for f in result.critical] == ["a2"]
    assert [f.item_key for f in result.flags] == ["a2", "a1"]
    assert result.advice == ("Fix a2 first.", "Work on a1.")
    assert result.themes[0].score == 0
    assert result.level is ReadinessLevel.BLOCKED


def test_rounding_is_half_up_and_middling_answers_in_a_low_theme_get_advice() -> None:
    result = assess(small(), {"a1": 3, "a2": "yes", "b1": "x"})
    assert result.themes[0].score == 67  # (50·2 + 100) / 3 = 66.67
    result = assess(small(theme_threshold=70), {"a1": 3, "a2": "yes", "b1": "x"})
    assert result.themes[0].low and not result.flags
    assert result.advice == ("Work on a1.",)  # "partly" is not weak, but the theme is low


def test_unanswered_items_are_left_out_of_the_score_and_listed() -> None:
    result = assess(small(), {"b1": "x"})
    assert result.themes[0].score is None and result.themes[0].answered == 0
    assert result.overall == 100
    assert result.unanswered == ("a1", "a2")
    assert result.level is ReadinessLevel.NEEDS_ATTENTION
    assert assess(small(), {}).overall is None


def test_answers_are_checked_against_the_questions() -> None:
    problems = validate_answers(
        small(), {"a1": 6, "a2": "maybe", "b1": "w", "n": "x" * 2001, "zz": 1}
    )
    assert {p.field for p in problems} == {"a1", "a2", "b1", "n", "zz"}
    assert validate_answers(small(), {"a1": "4"})[0].message.startswith("Choose a number")
    assert validate_answers(small(), {"a1": 5, "a2": "no", "b1": "z", "n": ""}) == []


def test_mistakes_in_a_questionnaire_file_are_reported() -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        small(themes=[{"key": "a", "label": "A"}])
    with pytest.raises(ValueError, match="not unique"):
        small(items=[*small_items(), small_items()[0]])


def small_items() -> list[dict[str, Any]]:
    return [{"key": "a1", "theme": "a", "type": "yes_no", "text": "?", "advice": "!"}]


def test_a_later_version_leaves_the_earlier_one_loadable() -> None:
    library = QuestionnaireLibrary(resources_dir() / "questionnaires", FIXTURES)
    assert library.versions("student") == (1, 2)
    assert library.for_party(ReadinessParty.STUDENT).version == 2
    first = library.get("student", 1)
    assert "plans_own_work" in {i.key for i in first.items}
    assert library.get("student", 1) is first  # parsed once
    with pytest.raises(NotFoundError, match="Version 7"):
        library.get("student", 7)
    with pytest.raises(NotFoundError):
        library.get("nobody")
