"""One term per language for the Erasmus+ words: wherever an English text of vipdesk uses a
glossary term (traineeship, sending institution, receiving organisation, mentor, Table A/B/C,
recognition…), its translation uses that language's term, in the interface, the reports,
the questionnaires, the messages and the user guide alike.

A term's `match` is a pattern the translation must contain: a stem, so that inflected forms
(Polish "praktyki", Finnish "harjoittelun") count; the English `match` says where it is used.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest

from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.resources import resources_dir
from vipdesk.ui.help.window import guide_path, sections

RESOURCES = resources_dir()
OTHERS = sorted(set(LANGUAGES) - {ENGLISH})
# The texts a questionnaire's reader or a message's recipient sees.
TEXT_FIELDS = frozenset(
    {"title", "respondent", "intro", "label", "text", "help", "advice", "subject", "body", "labels"}
)


def glossary(language: str) -> dict[str, dict[str, str]]:
    data = json.loads((RESOURCES / "translations" / f"glossary.{language}.json").read_bytes())
    terms: dict[str, dict[str, str]] = data["terms"]
    return terms


def leaves(english: Any, translated: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """The texts people read, side by side (not keys, ids or a file's cited source)."""
    if isinstance(english, dict):
        for name in english:
            if name in translated:
                yield from leaves(english[name], translated[name], name)
    elif isinstance(english, list):
        for e, t in zip(english, translated, strict=False):
            yield from leaves(e, t, key)
    elif isinstance(english, str) and isinstance(translated, str) and key in TEXT_FIELDS:
        yield english, translated


def interface(language: str) -> Iterator[tuple[str, str]]:
    path = RESOURCES / "translations" / f"vipdesk_{language}.ts"
    for message in ET.parse(path).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")]
        for text in forms or [translation.text or ""]:
            yield message.findtext("source") or "", text


def questionnaires(language: str) -> Iterator[tuple[str, str]]:
    for path in sorted((RESOURCES / "questionnaires").glob(f"*.v1.{language}.json")):
        english = json.loads(path.with_name(path.name.replace(f".{language}.", ".")).read_bytes())
        yield from leaves(english, json.loads(path.read_bytes()))


def reports(language: str) -> Iterator[tuple[str, str]]:
    texts = json.loads((RESOURCES / "reports" / f"{language}.json").read_bytes())
    yield from ((k, v) for k, v in texts.items() if isinstance(v, str))


def messages(language: str) -> Iterator[tuple[str, str]]:
    english = json.loads((RESOURCES / "mail" / "templates.json").read_bytes())
    translated = json.loads((RESOURCES / "mail" / f"templates.{language}.json").read_bytes())
    for template in english["templates"]:
        yield from leaves(template, translated["templates"][template["key"]])


def agreements(language: str) -> Iterator[tuple[str, str]]:
    """Every text of the agreement documents (resources/agreement/texts.<language>.json)."""
    path = RESOURCES / "agreement" / f"texts.{language}.json"
    if not path.exists():  # not translated yet: test_languages lists which are
        return
    english = json.loads((RESOURCES / "agreement" / "texts.en.json").read_bytes())
    yield from every_text(english, json.loads(path.read_bytes()))


def guide(language: str) -> Iterator[tuple[str, str]]:
    """The user guide, section by section (the same sections in every language)."""
    english, translated = (
        sections(guide_path(code).read_text(encoding="utf-8")) for code in (ENGLISH, language)
    )
    for e, t in zip(english, translated, strict=True):
        yield " ".join(f"{e.title} {e.text}".split()), " ".join(f"{t.title} {t.text}".split())


def every_text(english: Any, translated: Any) -> Iterator[tuple[str, str]]:
    if isinstance(english, dict):
        for name in english:
            if name != "source":
                yield from every_text(english[name], translated[name])
    elif isinstance(english, list):
        for e, t in zip(english, translated, strict=True):
            yield from every_text(e, t)
    elif isinstance(english, str):
        yield english, translated


def misused(language: str, pairs: Iterator[tuple[str, str]]) -> list[str]:
    english, own = glossary(ENGLISH), glossary(language)
    found = []
    for source, text in pairs:
        source, text = source.replace("&", ""), text.replace("&", "")  # accelerators
        for key, term in english.items():
            used = re.search(rf"\b(?:{term['match']})", source, re.IGNORECASE)
            if used and not re.search(own[key]["match"], text, re.IGNORECASE):
                found.append(f"{key}: {source[:60]!r} -> {text[:60]!r}")
    return found


def test_every_language_names_every_term() -> None:
    keys = set(glossary(ENGLISH))
    for language in OTHERS:
        terms = glossary(language)
        assert set(terms) == keys, language
        assert all(t["term"].strip() and t["match"] for t in terms.values()), language


@pytest.mark.parametrize("where", [interface, reports, questionnaires, messages, agreements, guide])
@pytest.mark.parametrize("language", OTHERS)
def test_the_glossary_term_is_used_where_the_english_one_is(language: str, where: Any) -> None:
    found = misused(language, where(language))
    assert not found, f"{language}, {where.__name__}:\n" + "\n".join(found[:30])


def test_a_text_that_strays_from_the_glossary_is_caught() -> None:
    pairs = [("The sending institution signs", "Die Hochschule unterschreibt")]
    assert misused("de", iter(pairs)) == [
        "sending_institution: 'The sending institution signs' -> 'Die Hochschule unterschreibt'"
    ]
    assert misused("de", iter([("The sending institution", "Die entsendende Einrichtung")])) == []
