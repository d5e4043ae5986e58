"""What each layer of vipdesk may import, and a reader that lists every import against it.

The direction is ui → commands/reports → services → documents/models → db (DESIGN.md). The
entry point (`vipdesk.cli`, `vipdesk.__main__`) sits above everything; a few plain modules
(`errors`, `enums`, `resources`, `textfold`, `bidi`, `languages`, `phrase`, the package's
`__init__`) sit below everything.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

BASE = {
    "vipdesk",
    "vipdesk.errors",
    "vipdesk.enums",
    "vipdesk.resources",
    "vipdesk.textfold",
    "vipdesk.bidi",
    "vipdesk.languages",
    "vipdesk.phrase",
}
ENTRY = {"vipdesk.cli", "vipdesk.__main__"}

BELOW_SERVICES = {"documents", "models", "db", "base"}
ALLOWED: dict[str, set[str]] = {
    "entry": {"entry", "ui", "commands", "reports", "services", *BELOW_SERVICES},
    "ui": {"ui", "commands", "reports", "services", *BELOW_SERVICES},
    "commands": {"commands", "reports", "services", *BELOW_SERVICES},
    "reports": {"reports", "services", *BELOW_SERVICES},
    "services": {"services", *BELOW_SERVICES},
    # Pure writers: data in, file out. Their content dataclasses live beside them.
    "documents": {"documents", "base"},
    "models": {"models", "base"},
    # The session factory installs the audit trail and version stamping from models.audit.
    "db": {"db", "models", "base"},
    "migrations": {"migrations", "models", "db", "base"},
    "base": {"base"},
}
QT_PACKAGES = ("PySide6", "shiboken6")
# Libraries loaded inside functions on purpose, to keep them off the start-up path.
HEAVY = (
    "reportlab",
    "pyhanko",
    "pyhanko_certvalidator",
    "openpyxl",
    "alembic",
    "PIL",
    "bidi",
    "arabic_reshaper",
    "sqlalchemy.pool",
    "PySide6",
)


def layer_of(module: str) -> str:
    if module in BASE:
        return "base"
    if module in ENTRY:
        return "entry"
    parts = module.split(".")
    return parts[1] if parts[1] != "db" else "db"


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    imported: str  # dotted module name (or package) as written
    line: int
    top_level: bool  # at module level (a TYPE_CHECKING block counts as module level)


def module_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path) -> list[Import]:
    """Every import statement in the package at `root` (the `vipdesk` folder)."""
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        if "versions" in path.parts:
            continue
        name = module_name(root, path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        top = {id(node) for node in _module_level(tree.body)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
                # `from vipdesk.services import x` imports the module vipdesk.services.x
                targets += [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                found.append(Import(name, target, node.lineno, id(node) in top))
    return found


def _module_level(body: list[ast.stmt]) -> list[ast.stmt]:
    nodes: list[ast.stmt] = []
    for node in body:
        nodes.append(node)
        if isinstance(node, ast.If | ast.Try):  # TYPE_CHECKING blocks, optional imports
            nodes += _module_level(node.body)
            nodes += _module_level(node.orelse)
    return nodes


def upward_imports(root: Path) -> list[str]:
    """Imports that run against the direction of the layers, as readable lines."""
    known = {module_name(root, p) for p in root.rglob("*.py")}
    wrong = []
    for imp in imports_of(root):
        if not imp.imported.startswith("vipdesk") or imp.imported not in known:
            continue
        source, target = layer_of(imp.importer), layer_of(imp.imported)
        if target not in ALLOWED[source]:
            wrong.append(f"{imp.importer}:{imp.line} ({source}) imports {imp.imported} ({target})")
    return wrong


def qt_below_ui(root: Path) -> list[str]:
    return [
        f"{imp.importer}:{imp.line} imports {imp.imported}"
        for imp in imports_of(root)
        if imp.imported.startswith(QT_PACKAGES) and layer_of(imp.importer) not in ("ui", "entry")
    ]


def late_own_imports(root: Path) -> list[str]:
    """vipdesk modules imported inside a function: usually a dependency running the wrong way."""
    known = {module_name(root, p) for p in root.rglob("*.py")}
    return sorted(
        {
            f"{imp.importer}:{imp.line} imports {imp.imported}"
            for imp in imports_of(root)
            if not imp.top_level and imp.imported in known
        }
    )
