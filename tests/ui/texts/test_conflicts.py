"""A conflict with somebody else's save, worded by the interface: every record a service can
name in a `ConflictError` is in the catalogue, and in German the sentence keeps no English."""

from __future__ import annotations

import ast
import inspect
import pkgutil
from importlib import import_module
from pathlib import Path

import vipdesk
from tests.helpers.translations import interface_in
from vipdesk.errors import ConflictError
from vipdesk.ui.phrases import error_text
from vipdesk.ui.texts.conflicts import RECORDS, TEMPLATES

# Calls that name the record a conflict is about: `ConflictError("placement")`,
# `store_settings(…, what="base currency")`, `RecordKind(what="student")`.
NAMING_CALLS = {"ConflictError", "store_settings", "RecordKind"}


def named_records() -> set[str]:
    found = set()
    for module in pkgutil.walk_packages(vipdesk.__path__, "vipdesk."):
        if module.name.startswith("vipdesk.ui") or module.name.startswith("vipdesk.migrations"):
            continue
        source = inspect.getsource(import_module(module.name))
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in NAMING_CALLS:
                continue
            first = node.args[0] if name == "ConflictError" and node.args else None
            given = [first] + [k.value for k in node.keywords if k.arg == "what"]
            found |= {str(g.value) for g in given if isinstance(g, ast.Constant)}
    return found


def test_every_record_a_conflict_can_name_is_in_the_catalogue() -> None:
    assert named_records() == set(RECORDS)


def test_a_conflict_reads_in_english_as_before() -> None:
    error = ConflictError("placement", changed_by="bob")
    assert str(error) == "This placement was changed by bob after you opened it."
    assert error_text(error) == str(error)
    assert (
        error_text(ConflictError("tool test")) == "This tool test was changed after you opened it."
    )
    assert set(TEMPLATES) == {error.phrase.template, ConflictError("x").phrase.template}  # type: ignore[union-attr]


def test_in_german_a_conflict_keeps_no_english(qapp: object, tmp_path: Path) -> None:
    with interface_in("de", tmp_path):
        worded = error_text(ConflictError("funding source", changed_by="Łucja"))
    assert (
        worded == "Dieser Datensatz (Finanzierungsquelle) wurde nach dem Öffnen von Łucja geändert."
    )
