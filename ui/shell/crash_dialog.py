"""The box shown for an unexpected error: a short Chinese summary, the details, the log path."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import __version__
from ui import strings

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """Shows an unexpected error; the copy button puts the traceback on the clipboard."""

    def __init__(
        self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.CRASH_TITLE)
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(strings.CRASH_SUMMARY.format(error=summary), self)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        if log_path is not None:
            path_label = QLabel(strings.CRASH_LOG.format(path=log_path), self)
            path_label.setWordWrap(True)
            path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(path_label)
        layout.addWidget(QLabel(strings.CRASH_DETAILS, self))
        self.details_edit = QPlainTextEdit(details, self)
        self.details_edit.setReadOnly(True)
        layout.addWidget(self.details_edit, 1)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(strings.CRASH_COPY, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(strings.CRASH_CLOSE, QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.accepted.connect(self.accept)
        self._details = details

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._details)
        self.copy_button.setText(strings.CRASH_COPIED)


_showing = False


def format_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Version, platform and traceback: what support needs."""
    lines = traceback.format_exception(exc_type, exc, tb)
    return f"PlanDesk {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n\n" + "".join(
        lines
    )


def excepthook(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    log_path: Path | None = None,
) -> None:
    """sys.excepthook: log the traceback, then show the crash dialog (the app keeps running)."""
    global _showing
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    if _showing or QApplication.instance() is None:
        return  # an error inside the dialog, or no GUI: the log has it
    _showing = True
    try:
        summary = f"{exc_type.__name__}: {exc}"
        dialog = CrashDialog(
            summary, format_details(exc_type, exc, tb), log_path, QApplication.activeWindow()
        )
        dialog.exec()
    finally:
        _showing = False
