"""What the PlanDesk bundle leaves out: used by build.spec and bench/bare_window.spec.

PyInstaller's Qt hooks collect far more than a widgets program uses. ``EXCLUDES`` keeps
unused Python modules out of the analysis; ``filter_analysis()`` then drops collected files
PlanDesk never loads (Qt plugins for Wayland/EGLFS/VNC, QML tooling, SQL drivers, TLS and
network plugins and the libQt6Network they drag in, Qt's translations of other languages) and,
on Linux, the system libraries only those plugins needed (the gtk3 theme alone brings cairo,
pango, atk ...). Measured effect and start-up times: bench/run.py (case exe).

Paths are split on both separators, so the same rules work on Windows and Linux.
"""

from __future__ import annotations

import os
import re
import sys

IS_WINDOWS = sys.platform.startswith("win")

EXCLUDES = [
    "tkinter",
    "_tkinter",
    "numpy",
    # not PIL: Pillow reads the photos among the 佐证材料 (models/evidence/files.py)
    "pip",
    "setuptools",
    "pkg_resources",
    "unittest",
    "pydoc_data",
    "lib2to3",
    "IPython",
    "matplotlib",
    "pytest",
    "readline",
    # no network at all: ssl and _hashlib alone bring libssl + libcrypto (~5 MB); hashlib
    # falls back to its built-in md5/sha1/sha2/blake2, http/asyncio/urllib handle a missing ssl
    "ssl",
    "_ssl",
    "_hashlib",
    # python-docx and openpyxl use lxml.etree only
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.cssselect",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSpatialAudio",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtTextToSpeech",
    "PySide6.QtHttpServer",
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtAxContainer",
]

# Qt plugin folders PlanDesk needs; every other plugin folder is dropped.
#   platforms: xcb/offscreen/minimal (Linux), windows (Windows); imageformats: ico, jpeg, svg...;
#   printsupport: CUPS on Linux (Windows printing is built into Qt); styles: the Windows 11 style;
#   platforminputcontexts: Chinese input methods (ibus) on Linux; xcbglintegrations: loaded
#   by qxcb on start; iconengines: svg icons. Not kept: platformthemes (the gtk3 theme alone
#   drags in cairo, pango, atk ...), tls/networkinformation, wayland*, eglfs, qml tooling, sql.
KEEP_PLUGIN_DIRS = {
    "platforms",
    "imageformats",
    "printsupport",
    "styles",
    "platforminputcontexts",
    "xcbglintegrations",
    "iconengines",
}
DROP_PLATFORMS = re.compile(r"(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|wayland|direct2d)")
DROP_PLUGINS = re.compile(r"(qtvirtualkeyboard|qpdf|qlottie|qtiff|qwebp|qicns|qtga|qwbmp)")
DROP_QT_LIBS = re.compile(
    r"Qt6(Network|Qml|Quick|Pdf|VirtualKeyboard|Wayland|OpenGL|EglFS|Test|Sql|Multimedia|3D"
    r"|WebEngine|Designer)",
    re.IGNORECASE,
)
# Windows: PySide6's hook adds the software OpenGL renderer (opengl32sw.dll, ~20 MB) and the
# ANGLE/Direct3D compiler DLLs; widgets draw with the raster engine and never load them.
DROP_WINDOWS_GL = re.compile(r"^(opengl32sw|d3dcompiler_\d+|libEGL|libGLESv2)\.dll$", re.IGNORECASE)
KEEP_QT_TRANSLATIONS = {"qtbase_zh_CN.qm"}


def _parts(dest: str) -> list[str]:
    return re.split(r"[\\/]", dest)


def keep(dest: str) -> bool:
    """False for a collected file PlanDesk does not use at run time."""
    parts = _parts(dest)
    low = [p.lower() for p in parts]
    name = parts[-1]
    if "translations" in low and "pyside6" in low:
        return name in KEEP_QT_TRANSLATIONS
    if "plugins" in low:
        i = low.index("plugins")
        folder = low[i + 1] if len(low) > i + 2 else ""
        if folder not in KEEP_PLUGIN_DIRS:
            return False
        if folder == "platforms" and DROP_PLATFORMS.search(name):
            return False
        return not DROP_PLUGINS.search(name)
    return not (DROP_QT_LIBS.search(name) or DROP_WINDOWS_GL.search(name))


def prune_orphans(binaries: list) -> list:
    """Drop shared libraries that only the dropped plugins needed (Linux: gtk's cairo, pango...).

    Roots are the Python extensions, the kept Qt plugins and libpython; a library stays when a
    root needs it, directly or through other kept libraries (their link-time imports). Not done
    on Windows, where PyInstaller collects no system libraries and this was never measured.
    """
    if IS_WINDOWS:
        return binaries
    from PyInstaller.depend.bindepend import get_imports

    by_name = {os.path.basename(dest): (dest, src, kind) for dest, src, kind in binaries}
    roots = [
        e
        for e in binaries
        if e[2] == "EXTENSION"
        or "plugins" in _parts(e[0])
        or os.path.basename(e[0]).startswith("libpython")
    ]
    needed = {os.path.basename(e[0]) for e in roots}
    todo = list(roots)
    while todo:
        _dest, src, _kind = todo.pop()
        try:
            imports = get_imports(src)
        except Exception:  # unreadable: keep everything rather than guess
            return binaries
        for ref, _path in imports:
            base = os.path.basename(ref)
            if base in by_name and base not in needed:
                needed.add(base)
                todo.append(by_name[base])
    return [e for e in binaries if os.path.basename(e[0]) in needed]


def filter_analysis(a) -> int:
    """Drop the unused files from a PyInstaller ``Analysis``; returns how many were dropped."""
    before = len(a.binaries) + len(a.datas)
    a.binaries = prune_orphans([entry for entry in a.binaries if keep(entry[0])])
    a.datas = [
        entry
        for entry in a.datas
        if keep(entry[0])
        and not entry[0].endswith((".pyc", ".pyo"))
        and "__pycache__" not in _parts(entry[0])
    ]
    return before - len(a.binaries) - len(a.datas)
