"""What the import's menus and dialog say about each kind of record, in the interface's
language: whole sentences per kind ("Import students"), never an English word ("students")
put into a translated one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from vipdesk.services.importing.plan import ImportPlan
from vipdesk.ui.i18n import tr


@dataclass(frozen=True)
class KindTexts:
    menu: str  # File → "Import &students…"
    template_menu: str  # File → Save import template → "&Students…"
    title: str  # the dialog's title and its button: "Import students"
    choose: str  # the file dialog's title: "Import students from"
    save_template: str  # "Save the students import template"
    saved_template: str  # "Saved the students template to {path}."
    importing: str  # the progress: "Importing students"
    intro: str  # what the dialog is for
    imported: Callable[[int], str]  # "Imported 1,500 students."
    new: Callable[[int], str]  # the preview: "1,500 new students"


@cache
def _texts() -> dict[str, KindTexts]:
    return {
        "students": KindTexts(
            tr("Import &students…"),
            tr("&Students…"),
            tr("Import students"),
            tr("Import students from"),
            tr("Save the students import template"),
            tr("Saved the students template to {path}."),
            tr("Importing students"),
            tr(
                "Choose an Excel (.xlsx) or CSV file with one row per student. You see what "
                "vipdesk understood before anything is imported; if any row has a problem, "
                "nothing is. Rows already in vipdesk are skipped."
            ),
            lambda n: tr("Imported %Ln student(s).", "", n),
            lambda n: tr("%Ln new student(s)", "", n),
        ),
        "organisations": KindTexts(
            tr("Import &organisations…"),
            tr("&Organisations…"),
            tr("Import organisations"),
            tr("Import organisations from"),
            tr("Save the organisations import template"),
            tr("Saved the organisations template to {path}."),
            tr("Importing organisations"),
            tr(
                "Choose an Excel (.xlsx) or CSV file with one row per organisation. You see "
                "what vipdesk understood before anything is imported; if any row has a "
                "problem, nothing is. Rows already in vipdesk are skipped."
            ),
            lambda n: tr("Imported %Ln organisation(s).", "", n),
            lambda n: tr("%Ln new organisation(s)", "", n),
        ),
        "placements": KindTexts(
            tr("Import &placements…"),
            tr("&Placements…"),
            tr("Import placements"),
            tr("Import placements from"),
            tr("Save the placements import template"),
            tr("Saved the placements template to {path}."),
            tr("Importing placements"),
            tr(
                "Choose an Excel (.xlsx) or CSV file with one row per placement. You see what "
                "vipdesk understood before anything is imported; if any row has a problem, "
                "nothing is. Rows already in vipdesk are skipped."
            ),
            lambda n: tr("Imported %Ln placement(s).", "", n),
            lambda n: tr("%Ln new placement(s)", "", n),
        ),
    }


def kind_texts(kind: str) -> KindTexts:
    return _texts()[kind]


def plan_summary(plan: ImportPlan) -> str:
    """What the preview found: "1,500 new students, 2 already exist — skipped, 1 with
    problems", in the interface's language."""
    parts = [kind_texts(plan.kind).new(plan.new)]
    if plan.duplicates:
        parts.append(tr("%Ln already exist(s) — skipped", "", plan.duplicates))
    if plan.invalid:
        parts.append(tr("%Ln with problems", "", plan.invalid))
    return ", ".join(parts)
