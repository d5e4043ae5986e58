"""Every text the interface shows goes through `tr()`: a walk over vipdesk/ui's source fails
on a literal handed to a Qt text setter, a widget's constructor or a message box untranslated.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import vipdesk.ui

UI = Path(vipdesk.ui.__file__).parent
# Qt methods and constructors whose arguments are shown to the user.
TEXT_SINKS = frozenset(
    [
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setTitle",
        "setSubTitle",
        "setLabelText",
        "addAction",
        "addMenu",
        "addTab",
        "insertTab",
        "setTabText",
        "setTabToolTip",
        "addItem",
        "addItems",
        "insertItem",
        "addRow",
        "insertRow",
        "showMessage",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "setHeaderLabels",
        "setHeaderLabel",
        "setButtonText",
        "setInformativeText",
        "setDetailedText",
        "setSpecialValueText",
        "setSuffix",
        "setPrefix",
        "setAccessibleName",
        "setAccessibleDescription",
        "addButton",
        "setItemText",
        "setItemToolTip",
        "setIconText",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QToolButton",
        "QMenu",
        "QCommandLinkButton",
        "QListWidgetItem",
        "QTableWidgetItem",
        "QTreeWidgetItem",
        "warning",
        "critical",
        "information",
        "question",
        "about",
        "getText",
        "getItem",
        "getInt",
        "getDouble",
        "getSaveFileName",
        "getOpenFileName",
        "getOpenFileNames",
        "getExistingDirectory",
        "Column",
        # Messages the forms show under a field: a text typed that is no date, no number.
        "ValueError",
        "FieldProblem",
        "ErrorLabel",
        "show_message",
        "show_error",
        "name_for_screen_readers",
    ]
)
# Names that read the same in every language.
UNTRANSLATED = frozenset({"vipdesk", "PDF", "CSV", "ECTS", "EQF", "IBAN", "SMTP", "OK"})
# Addresses and host names shown as examples.
_ADDRESS = re.compile(r"\S*(@|://|\.[a-z]{2,3}\b)\S*")
_MARKUP = re.compile(r"<[^>]*>|\{[^}]*\}|&\w+;|%\d|%L?n")


def shows_words(text: str) -> bool:
    """Whether `text` holds words (markup, placeholders and product names aside)."""
    words = re.findall(r"[^\W\d_]{2,}", _ADDRESS.sub(" ", _MARKUP.sub(" ", text)))
    return any(word not in UNTRANSLATED for word in words)


def untranslated(node: ast.expr) -> Iterator[ast.expr]:
    """The literal parts of `node` that reach the screen as they are written."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and shows_words(node.value):
        yield node
    elif isinstance(node, ast.JoinedStr):
        if any(
            isinstance(part, ast.Constant) and shows_words(str(part.value)) for part in node.values
        ):
            yield node
    elif isinstance(node, ast.BinOp):
        yield from untranslated(node.left)
        yield from untranslated(node.right)
    elif isinstance(node, ast.IfExp):
        yield from untranslated(node.body)
        yield from untranslated(node.orelse)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            yield from untranslated(element)
    elif isinstance(node, ast.Lambda):  # a table column's cell: what it returns is shown
        yield from untranslated(node.body)


def sink_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else ""


def findings(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = sink_name(node)
        target = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(target, ast.Name) and target.id in ("log", "logging"):
            continue  # the log stays English
        if function == "tr" and isinstance(target, ast.Name) and target.id == "self":
            found.append(f"{name}:{node.lineno}: self.tr() (use vipdesk.ui.i18n.tr: one context)")
        if function == "format":  # tr("No {what} yet").format(what="student"): English inside
            for keyword in node.keywords:
                for literal in untranslated(keyword.value):
                    text = ast.get_source_segment(source, literal) or ""
                    found.append(f"{name}:{literal.lineno}: format({keyword.arg}={text[:40]})")
        if function not in TEXT_SINKS:
            continue
        arguments = [*node.args, *(k.value for k in node.keywords if k.arg != "objectName")]
        if function == "FieldProblem":  # its first argument names the field, in code
            arguments = arguments[1:]
        if function == "Column":  # a table's column: its title, and what its cells return
            arguments = [a for a in arguments if isinstance(a, ast.Lambda)] + arguments[:1]
        for argument in arguments:
            for literal in untranslated(argument):
                text = ast.get_source_segment(source, literal) or ""
                found.append(f"{name}:{literal.lineno}: {function}({text[:60]})")
    return found


def test_every_shown_literal_goes_through_tr() -> None:
    found = [
        finding
        for path in sorted(UI.rglob("*.py"))
        for finding in findings(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    ]
    assert not found, "untranslated interface texts:\n" + "\n".join(found)


def test_the_walk_finds_what_it_should() -> None:
    source = """
label = QLabel("Save the placement")
box.setWindowTitle(f"Placement {number}")
QMessageBox.warning(self, "Cannot save", str(exc))
button.setText("Export " + name)
self.setTitle(self.tr("Parties"))
fine = QLabel(tr("Save the placement"))
also_fine = QMessageBox.warning(self, "vipdesk", message)
markup = label.setText("<br>{value}")
cell = Column(tr("Share"), lambda p: "shared" if p.shared else tr("direct"))
refused = ValueError(f"'{text}' is not a date")
noun = tr("No {what} yet").format(what="student")
fine_too = tr("{a}{sep}{b}").format(a=a, sep=" · ", b=b)
"""
    found = findings(source, "x.py")
    assert [line.split(": ", 1)[1][:12] for line in found] == [
        'QLabel("Save',
        "setWindowTit",
        'warning("Can',
        'setText("Exp',
        'Column("shar',
        "ValueError(f",
        "format(what=",
        "self.tr() (u",
    ]


def test_errors_and_problems_reach_the_screen_through_their_wording() -> None:
    """`error_text(exc)` and `problem_text(p)`, not `str(exc)` and `p.message`: they word what
    a service said as a phrase in the interface's language (vipdesk.ui.phrases)."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "phrases.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "str"
                and len(node.args) == 1
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id in ("exc", "error", "err")
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno}: str({node.args[0].id})")
            if (  # tr("… {exc}").format(exc=exc): the same as str(exc)
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
            ):
                for keyword in node.keywords:
                    given = keyword.value
                    if isinstance(given, ast.Name) and given.id in ("exc", "error", "err"):
                        found.append(f"{path.relative_to(UI)}:{node.lineno}: format(…={given.id})")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "message"
                and isinstance(node.value, ast.Name)
                and node.value.id in ("p", "w", "problem", "warning")
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno}: {node.value.id}.message")
    assert found == []


def tr_inside_f_strings(source: str, name: str) -> list[str]:
    """`tr()` calls inside an f-string: lupdate does not read into f-strings, so their texts
    never reach the catalogue and stay English in every language."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and getattr(inner.func, "id", getattr(inner.func, "attr", "")) == "tr"
            ):
                found.append(f"{name}:{inner.lineno}: tr() inside an f-string")
    return found


def test_no_tr_hides_inside_an_f_string() -> None:
    assert tr_inside_f_strings("x = f\"{tr('Not assessed')}\"\ny = tr('seen')\n", "x.py") == [
        "x.py:1: tr() inside an f-string"
    ]
    found = [
        finding
        for path in sorted(UI.rglob("*.py"))
        for finding in tr_inside_f_strings(
            path.read_text(encoding="utf-8"), str(path.relative_to(UI))
        )
    ]
    assert not found, "\n".join(found)


def test_money_on_screen_is_written_as_the_interface_language_writes_it() -> None:
    """The services' `format_money` writes English figures ("1,096.00 EUR") for the command
    line; the windows use `vipdesk.ui.money_fields.format_money` ("1.096,00 EUR" in German)."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("vipdesk.services")
                and any(alias.name == "format_money" for alias in node.names)
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert not found, found


# Modules whose f-strings are not the interface's: the command line's start-up and screenshot
# messages, the log, a programmer's error.
_NOT_SHOWN = {"shell/app.py", "shell/display.py", "shell/logs.py", "icons.py"}
# What an f-string's text may hold besides words: markup, style sheets, keys ("status.draft"),
# file names, units.
_STYLE = re.compile(r"[;{]|^[\w\s-]+:\s*$")  # a style sheet's text ("background: ")
_CODE = re.compile(r"<[^>]*>?|^[^<]*>|\w+(\.\w+)+|\.\w+\b|\w+\.$|\w+_\w*|&\w+;|\b[KMG]B\b")


def worded_f_strings(source: str, name: str) -> list[str]:
    """f-strings holding words of their own: "{queued} queued" stayed English in every
    language (an f-string is no `tr()`, and a function's return value escapes the sinks)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        texts = [str(part.value) for part in node.values if isinstance(part, ast.Constant)]
        if any(shows_words(_CODE.sub(" ", text)) for text in texts if not _STYLE.search(text)):
            found.append(
                f"{name}:{node.lineno}: {(ast.get_source_segment(source, node) or '')[:60]}"
            )
    return found


def test_no_f_string_writes_words_of_its_own() -> None:
    assert worded_f_strings(
        'a = f"{n} queued"\nb = f"status.{key}"\nc = f"<b>{x}</b>"\n', "x.py"
    ) == ['x.py:1: f"{n} queued"']
    found = [
        finding
        for path in sorted(UI.rglob("*.py"))
        if str(path.relative_to(UI)) not in _NOT_SHOWN
        for finding in worded_f_strings(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    ]
    assert not found, "\n".join(found)
