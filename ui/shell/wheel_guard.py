"""The mouse wheel scrolls the form, never the value of a field the user has not clicked.

Qt's combo boxes, spin boxes and date fields change their value on a wheel turn even when
the pointer only passes over them while the user scrolls a panel: a task's status became
'postponed' and was saved. One application-wide event filter fixes every widget of every panel and
dialog, present and future, instead of a subclass per widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

# Widgets whose value a wheel turn changes (QDateEdit and QTimeEdit are QAbstractSpinBox).
GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """Event filter: a wheel turn over an unfocused value field scrolls its scroll area.

    It also turns Qt's WheelFocus policy into StrongFocus on those fields, since a wheel
    turn would otherwise give them the focus first and then change them.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(watched, GUARDED):
            return False
        if watched.hasFocus():
            return False  # clicked into: the wheel is the user's way to change it
        area = _scroll_area_of(watched)
        if area is not None:
            # hand the turn to the scroll bar, which scrolls the form as over empty space
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        return True  # the field itself never sees it


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest enclosing scroll area that can scroll vertically, else None."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.verticalScrollBar().maximum() > 0:
            return parent
        if parent.isWindow():
            return None
        parent = parent.parentWidget()
    return None


def install(app: QApplication) -> WheelGuard:
    """Install the guard on the application once; returns it (later calls: the same one)."""
    existing = app.findChild(WheelGuard, "wheel_guard")
    if existing is not None:
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("wheel_guard")
    app.installEventFilter(guard)
    for widget in app.allWidgets():  # made before the guard: no Polish event will come
        if isinstance(widget, GUARDED) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guard
