"""PyInstaller's own QtGui hook, less the Qt plugins a desktop app never loads.

Dropping a plugin here, before PyInstaller follows its library dependencies, also keeps out what
only that plugin needs: the GTK 3 theme alone brings some 10 MB of GTK, Cairo and Pango libraries
that would then mix with the desktop's own. Without it Qt uses the XDG desktop portal theme,
which still opens the desktop's native file dialogs.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugins (relative to Qt's plugins folder) for kiosks and embedded devices without a window
# system, and the GTK 3 theme.
UNUSED_PLUGINS = (
    "egldeviceintegrations/",
    "generic/",
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqminimalegl",
    "platforms/libqvkkhrdisplay",
    "platforms/libqvnc",
    "platformthemes/libqgtk3",
)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)


def _used(source: str) -> bool:
    path = source.replace("\\", "/")
    return not any(f"/plugins/{plugin}" in path for plugin in UNUSED_PLUGINS)


binaries = [(source, target) for source, target in binaries if _used(source)]
