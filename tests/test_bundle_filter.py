"""build_tools/bundle_filter.py: what the one-file bundle keeps, for Linux and Windows paths."""

from __future__ import annotations

import pytest

from build_tools.bundle_filter import EXCLUDES, keep

KEPT = [
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/imageformats/libqico.so",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    "PySide6\\Qt6Widgets.dll",
    "PySide6\\translations\\qtbase_zh_CN.qm",
    "docx/templates/default.docx",
    "resources/icons/plandesk.png",
    "libpython3.11.so.1.0",
]
DROPPED = [
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_help_zh_CN.qm",
    "PySide6\\opengl32sw.dll",
    "PySide6\\d3dcompiler_47.dll",
    "PySide6\\Qt6Network.dll",
    "PySide6\\plugins\\platforms\\qdirect2d.dll",
    "PySide6\\plugins\\tls\\qschannelbackend.dll",
    "PySide6\\translations\\qtbase_ja.qm",
]


@pytest.mark.parametrize("dest", KEPT)
def test_kept(dest):
    assert keep(dest)


@pytest.mark.parametrize("dest", DROPPED)
def test_dropped(dest):
    assert not keep(dest)


def test_modules_plandesk_uses_are_not_excluded():
    used = {
        "PySide6.QtCore",
        "PySide6.QtGui",
        "PySide6.QtWidgets",
        "PySide6.QtPrintSupport",
        "PySide6.QtSvg",
        "lxml",
        "lxml.etree",
        "sqlite3",
        "hashlib",
        "json",
        "logging",
    }
    assert not used & set(EXCLUDES)
