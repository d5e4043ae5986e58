"""Readiness questionnaires: loading the versioned JSON files, checking answers, scoring.

Plain functions over plain data: nothing here touches the database. The files live in
`resources/questionnaires/` and are named `<id>.v<version>.json`; an old version stays there
when a new one is added, so that old responses are always scored against the questions they
answered.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from vipdesk.errors import FieldProblem, NotFoundError
from vipdesk.models import ReadinessParty
from vipdesk.phrase import Count, Phrase
from vipdesk.resources import resources_dir

AnswerValue = int | str
"""A scale answer is its number (1 to 5); every other answer is text (an option key or words)."""

Answers = Mapping[str, AnswerValue]

FILE_NAME = re.compile(r"^(?P<id>[a-z_]+)\.v(?P<version>\d+)\.json$")
SCALE_POINTS = 5
MAX_TEXT = 2000


class ItemType(enum.StrEnum):
    SCALE = "scale"
    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    score: int  # 0 to 100


@dataclass(frozen=True)
class Item:
    key: str
    theme: str
    type: ItemType
    text: str
    help: str
    weight: int
    critical: bool
    required: bool
    advice: str
    options: tuple[Option, ...]  # scale: "1".."5"; yes/no: "yes", "no"; choice: its options
    weak_below: int

    @cached_property  # asked millions of times when a report scores every placement
    def scored(self) -> bool:
        return self.type is not ItemType.TEXT and self.weight > 0

    @cached_property
    def _options_by_key(self) -> dict[str, Option]:
        # Scoring 100,000s of responses for a report looks options up millions of times.
        by_key: dict[str, Option] = {}
        for o in self.options:
            by_key.setdefault(o.key, o)
        return by_key

    def option(self, value: AnswerValue) -> Option | None:
        return self._options_by_key.get(str(value))

    def problem(self, value: AnswerValue) -> Phrase | None:
        """Why `value` is not an answer to this item, or None when it is one."""
        if self.type is ItemType.TEXT:
            if not isinstance(value, str):
                return Phrase("Type the answer as text.")
            return Phrase("The answer is too long.") if len(value) > MAX_TEXT else None
        if self.type is ItemType.SCALE and (isinstance(value, bool) or not isinstance(value, int)):
            return Phrase("Choose a number from 1 to {points}.", {"points": Count(SCALE_POINTS)})
        if self.type is not ItemType.SCALE and not isinstance(value, str):
            return Phrase("Choose one of the answers offered.")
        if self.option(value) is None:
            return Phrase("Choose one of the answers offered.")
        return None

    def score(self, value: AnswerValue) -> int | None:
        option = self.option(value) if self.type is not ItemType.TEXT else None
        return option.score if option is not None else None

    def label(self, value: AnswerValue) -> str:
        option = self.option(value) if self.type is not ItemType.TEXT else None
        if option is None:
            return str(value)
        return f"{option.key} – {option.label}" if self.type is ItemType.SCALE else option.label

    def is_weak(self, value: AnswerValue) -> bool:
        score = self.score(value)
        return self.scored and score is not None and score < self.weak_below


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    intro: str


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    party: ReadinessParty
    title: str
    respondent: str
    intro: str
    theme_threshold: int
    themes: tuple[Theme, ...]
    items: tuple[Item, ...]
    language: str = "en"  # of its texts (see `translated`)

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def items_of(self, theme: str) -> tuple[Item, ...]:
        return self._items_by_theme.get(theme, ())

    @cached_property
    def _items_by_theme(self) -> dict[str, tuple[Item, ...]]:
        return {
            t: tuple(i for i in self.items if i.theme == t) for t in {i.theme for i in self.items}
        }

    def missing(self, answers: Answers) -> tuple[Item, ...]:
        """Required items without an answer, in questionnaire order."""
        return tuple(i for i in self.items if i.required and i.key not in answers)


# --- loading -------------------------------------------------------------------------------


def parse_questionnaire(data: dict[str, Any], source: str) -> Questionnaire:
    """Turn one JSON file into a questionnaire; a mistake in the data raises ValueError."""

    def fail(message: str) -> ValueError:
        return ValueError(f"{source}: {message}")

    scales: dict[str, list[str]] = data.get("scales", {})
    themes = tuple(Theme(t["key"], t["label"], t.get("intro", "")) for t in data["themes"])
    theme_keys = {t.key for t in themes}
    default_weak = int(data.get("weak_below", 50))
    items: list[Item] = []
    for raw in data["items"]:
        kind = ItemType(raw["type"])
        if raw["theme"] not in theme_keys:
            raise fail(f"item {raw['key']} has an unknown theme {raw['theme']!r}")
        if kind is ItemType.SCALE:
            labels = scales.get(raw.get("scale", ""))
            if labels is None or len(labels) != SCALE_POINTS:
                raise fail(f"item {raw['key']} needs a scale of {SCALE_POINTS} labels")
            step = 100 // (SCALE_POINTS - 1)
            options = tuple(Option(str(n + 1), label, n * step) for n, label in enumerate(labels))
        elif kind is ItemType.YES_NO:
            scores = raw.get("scores", {"yes": 100, "no": 0})
            options = (Option("yes", "Yes", scores["yes"]), Option("no", "No", scores["no"]))
        elif kind is ItemType.CHOICE:
            options = tuple(Option(o["key"], o["label"], int(o["score"])) for o in raw["options"])
            if len(options) < 2:
                raise fail(f"item {raw['key']} needs at least two options")
        else:
            options = ()
        if any(not 0 <= o.score <= 100 for o in options):
            raise fail(f"item {raw['key']} has a score outside 0–100")
        weight = int(raw.get("weight", 0 if kind is ItemType.TEXT else 1))
        item = Item(
            key=raw["key"],
            theme=raw["theme"],
            type=kind,
            text=raw["text"],
            help=raw.get("help", ""),
            weight=weight,
            critical=bool(raw.get("critical", False)),
            required=bool(raw.get("required", kind is not ItemType.TEXT)),
            advice=raw.get("advice", ""),
            options=options,
            weak_below=int(raw.get("weak_below", default_weak)),
        )
        if item.critical and not item.scored:
            raise fail(f"critical item {item.key} must be scored")
        if weight < 0:
            raise fail(f"item {item.key} has a negative weight")
        items.append(item)
    keys = [i.key for i in items]
    if len(set(keys)) != len(keys):
        raise fail("item keys are not unique")
    return Questionnaire(
        id=data["id"],
        version=int(data["version"]),
        party=ReadinessParty(data["party"]),
        title=data["title"],
        respondent=data.get("respondent", ""),
        intro=data.get("intro", ""),
        theme_threshold=int(data.get("theme_threshold", 60)),
        themes=tuple(t for t in themes if t.key in {i.theme for i in items}),
        items=tuple(items),
    )


class QuestionnaireLibrary:
    """The questionnaires found in some folders, every version of each, parsed once."""

    def __init__(self, *folders: Path) -> None:
        self._files: dict[tuple[str, int], Path] = {}
        for folder in folders:  # a later folder may add versions (tests add a v2)
            for path in sorted(folder.glob("*.json")):
                match = FILE_NAME.match(path.name)
                if match:
                    self._files[(match["id"], int(match["version"]))] = path
        self._parsed: dict[tuple[str, int], Questionnaire] = {}

    def ids(self) -> tuple[str, ...]:
        return tuple(sorted({qid for qid, _ in self._files}))

    def versions(self, questionnaire_id: str) -> tuple[int, ...]:
        return tuple(sorted(v for qid, v in self._files if qid == questionnaire_id))

    def get(self, questionnaire_id: str, version: int | None = None) -> Questionnaire:
        """One version of a questionnaire; the newest when `version` is None."""
        if version is None:
            versions = self.versions(questionnaire_id)
            if not versions:
                raise NotFoundError.said(
                    "No questionnaire '{name}' is installed.", name=questionnaire_id
                )
            version = versions[-1]
        key = (questionnaire_id, version)
        if key not in self._parsed:
            path = self._files.get(key)
            if path is None:
                raise NotFoundError.said(
                    "Version {version} of the '{questionnaire}' questionnaire is not "
                    "installed: this response comes from another vipdesk version.",
                    version=version,
                    questionnaire=questionnaire_id,
                )
            data = json.loads(path.read_text(encoding="utf-8"))
            parsed = parse_questionnaire(data, path.name)
            if (parsed.id, parsed.version) != key:
                raise ValueError(f"{path.name}: its id or version does not match the file name")
            self._parsed[key] = parsed
        return self._parsed[key]

    def for_party(self, party: ReadinessParty) -> Questionnaire:
        """The newest questionnaire about a party (its id is the party's name)."""
        return self.get(party.value)


@cache
def default_library() -> QuestionnaireLibrary:
    return QuestionnaireLibrary(resources_dir() / "questionnaires")


# --- answers and scores --------------------------------------------------------------------


def validate_answers(questionnaire: Questionnaire, answers: Answers) -> list[FieldProblem]:
    """Answers to unknown items, or that are not among the answers offered."""
    problems: list[FieldProblem] = []
    for key, value in answers.items():
        try:
            item = questionnaire.item(key)
        except KeyError:
            problems.append(
                FieldProblem.said(key, "There is no question '{key}' in this version.", key=key)
            )
            continue
        phrase = item.problem(value)
        if phrase is not None:
            problems.append(FieldProblem(key, phrase.english(), phrase))
    return problems


class ReadinessLevel(enum.StrEnum):
    READY = "ready"
    NEEDS_ATTENTION = "needs_attention"
    BLOCKED = "blocked"

    @property
    def label(self) -> str:
        return {"ready": "Ready", "needs_attention": "Needs attention", "blocked": "Blocked"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)  # one per party of every placement in a report
class ThemeScore:
    key: str
    label: str
    score: int | None  # 0 to 100; None when nothing scored was answered
    answered: int
    scored_items: int
    low: bool


@dataclass(frozen=True, slots=True)  # one per party of every placement in a report
class Flag:
    """A weak answer: the question, the answer given, and what to do about it."""

    item_key: str
    question: str
    answer: str
    advice: str
    critical: bool


@dataclass(frozen=True, slots=True)  # one per party of every placement in a report
class Assessment:
    questionnaire_id: str
    questionnaire_version: int
    overall: int | None
    threshold: int  # a theme scoring below this is low
    themes: tuple[ThemeScore, ...]
    flags: tuple[Flag, ...]  # every weak answer, critical ones first
    advice: tuple[str, ...]  # what to do, most urgent first, without repeats
    unanswered: tuple[str, ...]  # keys of required items not answered

    @property
    def critical(self) -> tuple[Flag, ...]:
        return tuple(f for f in self.flags if f.critical)

    @property
    def low_themes(self) -> tuple[ThemeScore, ...]:
        return tuple(t for t in self.themes if t.low)

    @property
    def level(self) -> ReadinessLevel:
        if self.critical:
            return ReadinessLevel.BLOCKED
        if self.low_themes or self.unanswered:
            return ReadinessLevel.NEEDS_ATTENTION
        return ReadinessLevel.READY


def _percent(total: float, weights: int) -> int | None:
    return int(total / weights + 0.5) if weights else None  # rounded half up


def assess(questionnaire: Questionnaire, answers: Answers) -> Assessment:
    """Scores per theme and overall (weighted, 0 to 100), weak and critical answers, advice."""
    themes: list[ThemeScore] = []
    all_total, all_weights = 0.0, 0
    for theme in questionnaire.themes:
        scored = [i for i in questionnaire.items_of(theme.key) if i.scored]
        total, weights, answered = 0.0, 0, 0
        for item in scored:
            score = item.score(answers[item.key]) if item.key in answers else None
            if score is None:
                continue
            total += score * item.weight
            weights += item.weight
            answered += 1
        all_total, all_weights = all_total + total, all_weights + weights
        if not scored:
            continue  # a theme of free-text remarks has no score
        value = _percent(total, weights)
        low = value is not None and value < questionnaire.theme_threshold
        themes.append(ThemeScore(theme.key, theme.label, value, answered, len(scored), low))
    flags = [
        Flag(item.key, item.text, item.label(answers[item.key]), item.advice, item.critical)
        for item in questionnaire.items
        if item.key in answers and item.is_weak(answers[item.key])
    ]
    flags.sort(key=lambda f: (not f.critical, -questionnaire.item(f.item_key).weight))
    # A low theme may have no single weak answer (all "partly true"): its middling answers
    # still get their advice, after the weak ones.
    low_keys = {t.key for t in themes if t.low}
    middling = [
        item.advice
        for item in questionnaire.items
        if item.theme in low_keys
        and item.scored
        and item.key in answers
        and (item.score(answers[item.key]) or 0) < questionnaire.theme_threshold
    ]
    advice: list[str] = []
    for text in [f.advice for f in flags] + middling:
        if text and text not in advice:
            advice.append(text)
    return Assessment(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        overall=_percent(all_total, all_weights),
        threshold=questionnaire.theme_threshold,
        themes=tuple(themes),
        flags=tuple(flags),
        advice=tuple(advice),
        unanswered=tuple(i.key for i in questionnaire.missing(answers)),
    )
