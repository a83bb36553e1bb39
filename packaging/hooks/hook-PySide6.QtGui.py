"""QtGui's Qt plugins, minus the ones a desktop chat window never loads.

Replaces PyInstaller's own hook (hooks in packaging/hooks take precedence), which collects every plugin of every
QtGui plugin type. Plugins left out here are never analysed, so the libraries they alone need (the GTK stack behind
the gtk3 platform theme, the EGLFS device integrations) stay out of the bundle too.

Kept: platforms xcb, wayland (users), offscreen and minimal (checks); platform input contexts ibus and compose (IMEs:
Japanese input through IBus, and Fcitx 5 through its IBus frontend; the PySide6 wheels ship no fcitx plugin); image
formats; the SVG icon engine (theme icons); the xdg-desktop-portal platform theme (portal file dialogs, dark mode);
the xcb GL integrations; the Wayland xdg-shell, its decorations and wayland-egl. On Windows and macOS every plugin the
wheel ships for them is kept (none of the names below exists there).
"""

from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

DROPPED_TYPES = {"egldeviceintegrations", "generic", "wayland-graphics-integration-server"}
DROPPED_PLUGINS = {
    "platforms": {"qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc"},
    "platformthemes": {"qgtk3"},
    "platforminputcontexts": {"qtvirtualkeyboardplugin"},
    "imageformats": {"qpdf"},
    "wayland-shell-integration": {"fullscreen-shell-v1", "ivi-shell", "qt-shell", "wl-shell-plugin"},
    "wayland-graphics-integration-client": {"dmabuf-server", "drm-egl-server", "shm-emulation-server", "vulkan-server"},
}


def _kept(source: str, destination: str) -> bool:
    plugin_type = Path(destination).name
    name = Path(source).name.split(".")[0].removeprefix("lib")
    return plugin_type not in DROPPED_TYPES and name not in DROPPED_PLUGINS.get(plugin_type, ())


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, destination) for source, destination in binaries if _kept(source, destination)]
