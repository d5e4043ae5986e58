"""Before Qt starts: is there a display to open a window on, and the libraries Qt needs for it?

Without them Qt prints a paragraph and aborts the process (exit 134, a core dump); vipdesk
says in one line what is wrong and what to install instead. The libraries are those the
PySide6 wheel's Qt links against and does not bundle (the test compares this table with the
wheel's ELF files); the package names are Debian's and Ubuntu's, listed in the README.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from vipdesk.errors import VipdeskError

# soname → the Debian/Ubuntu package that ships it. Any Qt window needs COMMON; then X11 or
# Wayland, whichever the session uses.
COMMON = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}
X11 = {
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
WAYLAND = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Platforms that draw without a display server (tests, screenshots, kiosks).
_HEADLESS = {"offscreen", "minimal", "minimalegl", "linuxfb", "eglfs", "vnc", "vkkhrdisplay"}


class DisplayError(VipdeskError):
    """Qt cannot open a window here: no display, or a system library is missing."""


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _platforms(environ: Mapping[str, str]) -> list[str]:
    """The Qt platform plugins Qt will try, in order (QT_QPA_PLATFORM may list several)."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.split(":")[0] for name in chosen.split(";") if name]
    if environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def check_display(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    loads: Callable[[str], bool] = _loads,
) -> None:
    """Raise DisplayError, in one line, unless Qt can open a window on this Linux session.

    Other systems always have a display and Qt's libraries; they are not checked.
    """
    if not platform.startswith("linux"):
        return
    environ = os.environ if environ is None else environ
    needs = dict(COMMON)
    usable = None
    for name in _platforms(environ):
        if name in _HEADLESS:
            usable = name
            break
        if name == "xcb" and environ.get("DISPLAY"):
            usable, needs = name, {**needs, **X11}
            break
        if name.startswith("wayland") and environ.get("WAYLAND_DISPLAY"):
            usable, needs = name, {**needs, **WAYLAND}
            break
    if usable is None:
        raise DisplayError(
            "No display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set): start "
            "vipdesk in a desktop session or over ssh -X; --screenshot works without one."
        )
    missing = [soname for soname in needs if not loads(soname)]
    if missing:
        packages = " ".join(dict.fromkeys(needs[soname] for soname in missing))
        raise DisplayError(
            f"Qt cannot open a window: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing; on Debian or Ubuntu install "
            f"them with: sudo apt-get install {packages}"
        )
