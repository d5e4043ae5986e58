"""Every name of a state or kind the models give (`.label`), and of a grading scale, reads in
every language: the report catalogue or the interface catalogue translates it (`labels.shown`
looks in both)."""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET

import pytest

import vipdesk.enums
import vipdesk.models
from vipdesk.documents.agreement.form import FIELD_LABELS
from vipdesk.documents.report_language import catalogue
from vipdesk.enums import PeriodKind
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.services.agreements.views import PARTY_LABELS
from vipdesk.services.evaluations.questionnaires import RESPONDENT_LABELS
from vipdesk.services.monitoring.recognition import grading_scales
from vipdesk.ui.i18n import CATALOGUE, catalogue_dir
from vipdesk.ui.texts.labels import catalogue_texts

SAME_IN_EVERY_LANGUAGE = frozenset({"HR"})


def model_labels() -> set[str]:
    found: set[str] = set()
    for module in (vipdesk.models, vipdesk.enums):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found |= {str(member.label) for member in value if hasattr(member, "label")}
    scales = {scale.label for scale in grading_scales().values()}
    named = {*PARTY_LABELS.values(), *FIELD_LABELS.values(), *RESPONDENT_LABELS.values()}
    # a period's kind is named as the mode of the same name ("Physical")
    periods = {kind.value.capitalize() for kind in PeriodKind}
    return found | scales | named | periods


def interface_translations(language: str) -> set[str]:
    tree = ET.parse(catalogue_dir() / f"{CATALOGUE.format(language=language)}.ts")
    return {
        message.findtext("source") or ""
        for message in tree.iter("message")
        if (message.find("translation") is not None)
        and message.find("translation").get("type") != "unfinished"  # type: ignore[union-attr]
    }


@pytest.mark.parametrize("language", sorted(set(LANGUAGES) - {ENGLISH}))
def test_every_name_of_a_state_or_kind_is_translated(language: str) -> None:
    known = set(catalogue(language)) | interface_translations(language)
    assert sorted(model_labels() - known - SAME_IN_EVERY_LANGUAGE) == []


def test_the_written_names_are_the_models_names() -> None:
    assert set(catalogue_texts()) <= model_labels()
