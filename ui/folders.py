"""Where file dialogs start: the user's Documents, then the folder last used for that kind.

Never the hidden data folder next to the database: a secretary could not find her exports
there again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

SETTINGS_PREFIX = "folders/"
# the kinds of files with their own remembered folder
EXPORT_WORD, EXPORT_TASKS, EXPORT_PDF, REPORT, FEEDBACK, IMPORT_SHEET = (
    "export_word",
    "export_tasks",
    "export_pdf",
    "report",
    "feedback",
    "import_sheet",
)


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when the system has none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def folder_for(kind: str) -> Path:
    """The folder last used for this kind of file, if it still exists; else Documents."""
    last = QSettings().value(SETTINGS_PREFIX + kind, "", str)
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(kind: str, path: str | Path) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for this kind."""
    path = Path(path)
    QSettings().setValue(SETTINGS_PREFIX + kind, str(path if path.is_dir() else path.parent))
