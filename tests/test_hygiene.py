"""The test suite itself: no test writes outside its tmp_path."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent

# Calls that lead outside tmp_path: the user's home, the working directory, the system's
# temporary folder shared by every run.
OUTSIDE_CALLS = {
    "home",
    "cwd",
    "getcwd",
    "expanduser",
    "gettempdir",
    "mkdtemp",
    "mkstemp",
    "NamedTemporaryFile",
    "TemporaryDirectory",
}
FIXED_PREFIXES = ("/tmp", "/var/tmp", "/home", "~/")


def outside_paths(source: str) -> list[str]:
    """Each fixed path or call to a shared folder in a module's code, as `line: text`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.startswith(FIXED_PREFIXES):
                found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in OUTSIDE_CALLS:
                found.append((node.lineno, f"{name}()"))
    return [f"{line}: {text}" for line, text in sorted(found)]


def test_no_test_reaches_outside_its_tmp_path() -> None:
    offenders = {
        str(path.relative_to(TESTS)): found
        for path in sorted(TESTS.rglob("*.py"))
        if path != Path(__file__) and (found := outside_paths(path.read_text("utf-8")))
    }
    assert offenders == {}


def test_the_check_sees_fixed_folders_and_shared_temporary_files() -> None:
    source = (
        'SHOTS = Path("/tmp/h5")\n'
        'key = "sqlite:////home/anna/vipdesk.sqlite3"  # a name, not a folder\n'
        "out = Path.home() / 'x'\n"
        "folder = tempfile.mkdtemp()\n"
        "fine = tmp_path / 'x'\n"
    )
    assert outside_paths(source) == [
        "1: '/tmp/h5'",
        "3: home()",
        "4: mkdtemp()",
    ]


def test_a_qt_warning_fails_the_test(request: pytest.FixtureRequest) -> None:
    assert request.config.getini("qt_log_level_fail") == "WARNING"
