"""Every window and dialog fits the screen it opens on (1366×768 with a taskbar, 125–150 %).

Dialogs choose a comfortable size for a large screen (``resize(1100, 700)``); on the
township's 1366×768 PC, with Windows' taskbar and a 125 % or 150 % scale, that hid their
buttons. One application-wide filter shrinks any top-level window that would be larger than
the screen's free area, and moves it inside, the moment it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

# Room for the title bar and borders the window manager adds around the client area.
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(widget: QWidget) -> QRect:
    """The free area (without taskbar) of the screen the widget is on, in logical pixels."""
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry()


def sized_for_screen(widget: QWidget, width: int, height: int) -> QSize:
    """A wished size, bounded by the free area of the widget's screen (frame included)."""
    room = available_area(widget).size() - FRAME_ALLOWANCE
    return QSize(width, height).boundedTo(room)


def fit_to_screen(widget: QWidget) -> bool:
    """Shrink and move a top-level widget into its screen's free area; True when changed."""
    if widget.isMaximized() or widget.isFullScreen():
        return False
    area = available_area(widget)
    room = area.size() - FRAME_ALLOWANCE
    size = widget.size()
    target = size.boundedTo(room).expandedTo(widget.minimumSize())
    changed = target != size
    if changed:
        widget.resize(target)
    # move() and pos() include the frame; keep the framed window inside the area
    pos = widget.pos()
    framed = widget.size() + FRAME_ALLOWANCE
    x = min(max(pos.x(), area.left()), max(area.left(), area.x() + area.width() - framed.width()))
    y = min(max(pos.y(), area.top()), max(area.top(), area.y() + area.height() - framed.height()))
    if (x, y) != (pos.x(), pos.y()):
        widget.move(x, y)
        changed = True
    return changed


class ScreenFit(QObject):
    """Event filter: fit each dialog and main window into the screen when it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, (QDialog, QMainWindow))
            and watched.isWindow()
        ):
            fit_to_screen(watched)
        return False


def install(app: QApplication) -> ScreenFit:
    """Install the filter on the application once; returns it."""
    existing = app.findChild(ScreenFit, "screen_fit")
    if existing is not None:
        return existing
    fit = ScreenFit(app)
    fit.setObjectName("screen_fit")
    app.installEventFilter(fit)
    return fit
