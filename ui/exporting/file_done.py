"""After a file was written: a box that says where, with buttons to open the file or folder.

A status-bar line behind a dialog was easy to miss, and opening the folder failed without a
word when no file manager answered; here every failure ends in a Chinese message box.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from ui import messages, strings

log = logging.getLogger(__name__)

OPEN_FILE, OPEN_FOLDER = "file", "folder"


def open_file(path: Path) -> bool:
    """Open a file with the program the system has for it (WPS for .docx)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_folder(path: Path) -> bool:
    """Show the folder holding a file (or the folder itself) in the file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_written(parent: QWidget | None, path: Path, what: str) -> bool:
    """Open the file or its folder; a message box says so when nothing answered."""
    opened = open_file(path) if what == OPEN_FILE else open_folder(path)
    if not opened:
        log.warning("no program answered to open %s (%s)", path, what)
        text = strings.OPEN_FILE_FAILED if what == OPEN_FILE else strings.OPEN_FOLDER_FAILED
        messages.show_error_text(parent, text.format(path=path))
    return opened


def confirm_written(parent: QWidget | None, path: Path, text: str) -> QMessageBox:
    """Show a non-blocking confirmation for a written file (or folder); returns the box.

    Non-blocking (``open()``, not ``exec()``) so that a long export finishing never stops
    the user's typing, and tests can find and click the box.
    """
    path = Path(path)
    box = QMessageBox(QMessageBox.Icon.Information, strings.TITLE_WRITTEN, text, parent=parent)
    box.setObjectName("written_box")
    buttons = {}
    if path.is_file():
        buttons[box.addButton(strings.BTN_OPEN_FILE, QMessageBox.ButtonRole.AcceptRole)] = OPEN_FILE
    buttons[box.addButton(strings.BTN_OPEN_FOLDER, QMessageBox.ButtonRole.AcceptRole)] = OPEN_FOLDER
    box.setDefaultButton(box.addButton(strings.BTN_CLOSE, QMessageBox.ButtonRole.RejectRole))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button) -> None:
        what = buttons.get(button)
        if what is not None:
            open_written(parent, path, what)

    box.buttonClicked.connect(clicked)
    box.open()
    return box
