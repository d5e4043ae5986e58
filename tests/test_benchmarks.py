"""The benchmark scripts (`make bench`) still name what exists: a moved or renamed function
breaks them here, not on the next person's `make bench`."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parents[1] / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda path: path.name)
def test_every_name_a_benchmark_imports_from_vipdesk_exists(script: Path) -> None:
    missing = []
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not node.module:
            continue
        if not node.module.startswith(("vipdesk", "tests")):
            continue
        module = importlib.import_module(node.module)
        missing += [
            f"{node.module}.{alias.name} (line {node.lineno})"
            for alias in node.names
            if not hasattr(module, alias.name)
            and importlib.util.find_spec(f"{node.module}.{alias.name}") is None
        ]
    assert missing == []


def test_there_are_benchmarks_to_check() -> None:
    assert len(BENCHMARKS) >= 3
