"""Ctrl+Z inside a text field undoes the field's own typing first, then the last change.

A QLineEdit or QPlainTextEdit claims Ctrl+Z even when it has nothing left to undo, so the
user pressed Ctrl+Z in the field she had just left alone and nothing happened. This filter
lets the window's undo action have the key once the field's own history is used up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit


def _field_can(widget: QObject, redo: bool) -> bool | None:
    """Whether the text field can undo (redo) its own typing; None for other widgets."""
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return None


class TextUndoFirst(QObject):
    """Event filter on the application: gives Ctrl+Z/Ctrl+Y to the window when the field
    has no typing of its own to undo/redo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            redo = False
        elif event.matches(QKeySequence.StandardKey.Redo) or _is_ctrl_y(event):
            redo = True
        else:
            return False
        can = _field_can(watched, redo)
        if can is None or can:
            return False  # the field undoes its own typing
        event.ignore()  # not overridden: the shortcut (the window's undo) gets the key
        return True


def _is_ctrl_y(event: QKeyEvent) -> bool:
    return QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Y")


def install(app: QApplication) -> TextUndoFirst:
    """Install the filter on the application once; returns it."""
    existing = app.findChild(TextUndoFirst, "text_undo_first")
    if existing is not None:
        return existing
    undo = TextUndoFirst(app)
    undo.setObjectName("text_undo_first")
    app.installEventFilter(undo)
    return undo
