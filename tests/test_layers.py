"""The layers import one way only: ui → commands/reports → services → documents/models → db."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import vipdesk
from tests.helpers.layers import late_own_imports, qt_below_ui, upward_imports

PACKAGE = Path(vipdesk.__file__).parent


def test_no_import_runs_against_the_layers() -> None:
    assert upward_imports(PACKAGE) == []


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
