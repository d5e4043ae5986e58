"""The English templates a service module says its phrases in: the string given to each call
of the named functions (`said(…)`, `Phrase(…)`), for a test to compare with the interface's."""

from __future__ import annotations

import ast
import inspect
import re
from types import ModuleType


def templates_in(
    modules: tuple[ModuleType, ...], calls: dict[str, int], keywords: tuple[str, ...] = ()
) -> set[str]:
    """Per call name, which positional argument is the template (0 for `Phrase(template)`);
    the texts given to any call as one of `keywords` (`required="Enter …"`) are templates too."""
    found: set[str] = set()
    for module in modules:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                given = keyword.value
                if keyword.arg in keywords and isinstance(given, ast.Constant):
                    found.add(str(given.value))
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            owner = getattr(getattr(node.func, "value", None), "id", "")
            index = calls.get(f"{owner}.{name}", calls.get(name))  # "FieldProblem.said" first
            if index is None or len(node.args) <= index:
                continue
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return {t for t in found if not re.fullmatch(r"\{\w+\}", t)}  # a lone placeholder: no words
