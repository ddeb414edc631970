"""Every message box and file dialog goes through here, so tests can monkeypatch them."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from models.errors import PlanDeskError
from ui import strings

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """The Chinese sentence for an error: user_text of a PlanDeskError, else str(exc)."""
    if isinstance(exc, PlanDeskError):
        return exc.user_text
    return str(exc) or type(exc).__name__


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A warning box with the error's user_text (never a traceback)."""
    QMessageBox.warning(parent, strings.TITLE_ERROR, error_text(exc))


def show_error_text(parent: QWidget | None, text: str) -> None:
    """A warning box with a sentence of ours (no exception behind it)."""
    QMessageBox.warning(parent, strings.TITLE_ERROR, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """An information box."""
    QMessageBox.information(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A question with Yes/No buttons; No is the default. True when the user said yes."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_choice(
    parent: QWidget | None, title: str, text: str, choices: list[tuple[str, str]]
) -> str | None:
    """A question with one button per (key, label); the last one is the cancel button.

    Returns the key of the clicked button, None when the box was closed.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = {}
    for number, (key, label) in enumerate(choices):
        role = (
            QMessageBox.ButtonRole.RejectRole
            if number == len(choices) - 1
            else QMessageBox.ButtonRole.AcceptRole
        )
        buttons[box.addButton(label, role)] = key
    box.exec()
    return buttons.get(box.clickedButton())


def get_open_path(
    parent: QWidget | None, title: str, file_filter: str, directory: str = ""
) -> str | None:
    """Ask for an existing file; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, directory, file_filter)
    return path or None


def get_save_path(
    parent: QWidget | None, title: str, file_filter: str, directory: str = ""
) -> str | None:
    """Ask for a file to write; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, directory, file_filter)
    return path or None


def ask_text(parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
    """Ask for one line of text; None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, prompt, text=text)
    return value if ok else None


def get_folder(parent: QWidget | None, title: str, directory: str = "") -> str | None:
    """Ask for a folder; None when cancelled."""
    return QFileDialog.getExistingDirectory(parent, title, directory) or None
