"""The layers import one way only: ui → commands/reports → services → documents/models → db."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import vipdesk
from tests.helpers.layers import late_own_imports, qt_below_ui, upward_imports

PACKAGE = Path(vipdesk.__file__).parent

# The only modules that import vipdesk's own modules inside functions, and why. Anywhere else a
# late import of our own code hides a dependency running the wrong way (STYLE.md).
LATE_IMPORTERS = {
    # The command line: Qt and each command's work load only for the command that runs.
    "vipdesk.cli",
    # The placement editor (reportlab, pyHanko), the spreadsheet dialogs (openpyxl) and the
    # other tabs load on first use, off the path to the first window.
    "vipdesk.ui.shell.main_window",
    # The main window's mail actions: reading a returned mail loads reportlab, on first use.
    "vipdesk.ui.mail.window_actions",
    # The main window's spreadsheet menu: its dialogs load openpyxl, on first use.
    "vipdesk.ui.spreadsheets.menu",
    # The main window's other dialogs (batch export, trusted certificates): on first use.
    "vipdesk.ui.shell.window_dialogs",
    # Only the demo database needs the sample-data generator.
    "vipdesk.ui.shell.app",
}


def late_imports_not_allowed(root: Path) -> list[str]:
    """Late imports of our own modules outside `LATE_IMPORTERS`, and allowed ones that do not
    say why in a `# late: …` comment on the line above (or beside) them."""
    wrong = []
    for line in late_own_imports(root):
        importer, rest = line.split(":", 1)
        if importer not in LATE_IMPORTERS:
            wrong.append(line)
        elif not _says_why(root, importer, int(rest.split()[0])):
            wrong.append(f"{line} without a '# late: …' comment")
    return wrong


def _says_why(root: Path, module: str, line: int) -> bool:
    """A `# late:` comment beside the import or above the block of imports it is in."""
    path = root.parent.joinpath(*module.split(".")).with_suffix(".py")
    text = path.read_text(encoding="utf-8")
    import_lines = {
        number
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
    lines = text.splitlines()
    at = line
    while at in import_lines:
        if "# late:" in lines[at - 1]:
            return True
        at -= 1
    return lines[at - 1].strip().startswith("# late:")


def test_no_import_runs_against_the_layers() -> None:
    assert upward_imports(PACKAGE) == []


def test_own_modules_are_imported_late_only_where_start_up_needs_it() -> None:
    assert late_imports_not_allowed(PACKAGE) == []


def test_only_the_ui_and_the_entry_point_import_qt() -> None:
    assert qt_below_ui(PACKAGE) == []


def test_the_layers_below_the_ui_load_no_qt_at_run_time() -> None:
    code = (
        "import importlib, pkgutil, sys, vipdesk\n"
        "for m in pkgutil.walk_packages(vipdesk.__path__, 'vipdesk.'):\n"
        "    if not m.name.startswith(('vipdesk.ui', 'vipdesk.migrations', 'vipdesk.__main__')):\n"
        "        importlib.import_module(m.name)\n"
        "sys.exit(1 if 'PySide6' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_opening_a_placement_loads_no_pyhanko() -> None:
    """pyHanko takes about half a second to import; the editor only needs it to sign or check
    a signature, so `documents.agreement` imports it inside the functions that do."""
    code = (
        "import sys\n"
        "import vipdesk.ui.placements.editor\n"
        # pyhanko_certvalidator too
        "print(sorted(m for m in sys.modules if m.startswith('pyhanko')))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


def _tree(root: Path, files: dict[str, str]) -> Path:
    package = root / "vipdesk"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


LEGAL = {
    "__init__.py": "",
    "errors.py": "",
    "db.py": "from vipdesk.models import base\n",
    "models/__init__.py": "",
    "models/base.py": "from vipdesk import errors\n",
    "documents/__init__.py": "",
    "documents/pdf.py": "from vipdesk.errors import VipdeskError\n",
    "services/__init__.py": "",
    "services/export.py": "from vipdesk.documents import pdf\nfrom vipdesk.db import x\n",
    "ui/__init__.py": "",
    "ui/view.py": "from PySide6.QtWidgets import QWidget\nfrom vipdesk.services import export\n",
}


def test_a_legal_tree_passes(tmp_path: Path) -> None:
    package = _tree(tmp_path, LEGAL)
    assert upward_imports(package) == []
    assert qt_below_ui(package) == []


def test_a_deliberately_upward_import_fails(tmp_path: Path) -> None:
    package = _tree(
        tmp_path,
        {
            **LEGAL,
            # a writer reaching for a service, even late, inside a function
            "documents/pdf.py": "def f():\n    from vipdesk.services.export import g\n",
            "models/base.py": "from vipdesk.db import engine\n",
            "services/export.py": "import PySide6.QtCore\nfrom vipdesk.ui import view\n",
        },
    )
    assert upward_imports(package) == [
        "vipdesk.documents.pdf:2 (documents) imports vipdesk.services.export (services)",
        "vipdesk.models.base:1 (models) imports vipdesk.db (db)",
        "vipdesk.services.export:2 (services) imports vipdesk.ui (ui)",
        "vipdesk.services.export:2 (services) imports vipdesk.ui.view (ui)",
    ]
    assert qt_below_ui(package) == ["vipdesk.services.export:1 imports PySide6.QtCore"]
    assert late_own_imports(package) == ["vipdesk.documents.pdf:2 imports vipdesk.services.export"]


def test_a_late_import_outside_the_allowlist_or_without_its_reason_fails(tmp_path: Path) -> None:
    late = "def f():\n    from vipdesk.services.export import g\n"
    package = _tree(
        tmp_path,
        {
            **LEGAL,
            "ui/view.py": late,
            "ui/shell/main_window.py": late,
            "ui/shell/app.py": "def f():\n    # late: only the demo needs it\n"
            "    from vipdesk.services.export import g\n"
            "    from vipdesk.services.export import (\n        g,\n    )\n"
            "def h():\n    from vipdesk.services.export import g  # late: first use only\n",
        },
    )
    assert late_imports_not_allowed(package) == [
        "vipdesk.ui.shell.main_window:2 imports vipdesk.services.export"
        " without a '# late: …' comment",
        "vipdesk.ui.view:2 imports vipdesk.services.export",
    ]
