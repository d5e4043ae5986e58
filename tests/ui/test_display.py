"""Start-up without a display or without Qt's system libraries: one line, exit 1, no abort."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from tests.helpers.elf import needed
from vipdesk.ui.shell.display import COMMON, WAYLAND, X11, DisplayError, check_display

QT = Path(PySide6.__file__).parent / "Qt"
README = Path(__file__).resolve().parents[2] / "README.md"
# What every Linux system has (the C and C++ runtimes, zlib, zstd): not worth listing.
BASE = {
    "ld-linux-x86-64.so.2",
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "librt.so.1",
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libz.so.1",
    "libzstd.so.1",
}
KNOWN = {**COMMON, **X11, **WAYLAND}


def qt_binaries() -> list[Path]:
    """The Qt libraries and plugins a vipdesk window loads, on X11 or on Wayland."""
    libraries = [
        QT / "lib" / f"libQt6{name}.so.6"
        for name in ("Core", "Gui", "Widgets", "DBus", "OpenGL", "XcbQpa", "WaylandClient")
    ]
    plugins = [
        *(QT / "plugins" / "platforms").glob("libq[xwo]*.so"),  # xcb, wayland, offscreen
        *(QT / "plugins" / "xcbglintegrations").glob("*.so"),
        *(QT / "plugins" / "wayland-graphics-integration-client").glob("*.so"),
        *(QT / "plugins" / "wayland-shell-integration").glob("*.so"),
    ]
    return [path for path in libraries + plugins if path.exists()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux only")
def test_every_system_library_qt_needs_is_checked_and_named() -> None:
    binaries = qt_binaries()
    assert len(binaries) > 10
    bundled = {path.name for path in (QT / "lib").iterdir()}
    wanted = {soname for path in binaries for soname in needed(path)}
    assert wanted - bundled - BASE - set(KNOWN) == set()


def test_the_readme_installs_exactly_the_packages_checked() -> None:
    text = README.read_text(encoding="utf-8")
    command = re.search(r"sudo apt-get install ((?:[^`]|\\\n)+?)\n```", text)
    assert command is not None
    assert set(command.group(1).replace("\\", " ").split()) == set(KNOWN.values())


def test_no_display_is_one_clear_error() -> None:
    with pytest.raises(DisplayError, match=r"^No display to open a window on \(DISPLAY"):
        check_display({}, "linux", loads=lambda _soname: True)
    with pytest.raises(DisplayError, match="No display"):
        check_display({"QT_QPA_PLATFORM": "xcb"}, "linux", loads=lambda _soname: True)


def test_missing_x11_libraries_name_their_packages() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    with pytest.raises(DisplayError) as caught:
        check_display({"DISPLAY": ":0"}, "linux", loads=lambda soname: soname not in absent)
    assert str(caught.value) == (
        "Qt cannot open a window: libxcb-icccm.so.4, libxcb-keysyms.so.1 are missing; on Debian "
        "or Ubuntu install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )


def test_a_wayland_session_needs_wayland_libraries_not_x11() -> None:
    asked: list[str] = []

    def loads(soname: str) -> bool:
        asked.append(soname)
        return soname != "libwayland-cursor.so.0"

    session = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    with pytest.raises(
        DisplayError, match=r"libwayland-cursor\.so\.0 is missing.*libwayland-cursor0$"
    ):
        check_display(session, "linux", loads=loads)
    assert set(asked) == set(COMMON) | set(WAYLAND)


def test_offscreen_needs_no_display_and_other_systems_are_not_checked() -> None:
    check_display({"QT_QPA_PLATFORM": "offscreen"}, "linux", loads=lambda s: s in COMMON)
    check_display({}, "win32", loads=lambda _soname: False)


def test_the_app_without_a_display_exits_1_with_one_line(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    env["VIPDESK_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "vipdesk", "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("vipdesk: No display to open a window on")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.sqlite3").exists()
