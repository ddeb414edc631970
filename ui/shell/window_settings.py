"""The main window's geometry, maximized state, toolbars and splitter, kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter

from ui.shell import screen_fit

SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_STATE = "main_window/state"
SETTINGS_SPLITTER = "main_window/splitter"
SETTINGS_TOOLBAR = "main_window/toolbar_visible"
SETTINGS_MAXIMIZED = "main_window/maximized"
# Screens this narrow (the township's 1366×768) start maximized the first time.
SMALL_SCREEN_WIDTH = 1400


def restore(window: QMainWindow, splitter: QSplitter) -> None:
    """Put the window back as it was left (a small screen is used whole the first time)."""
    settings = QSettings()
    geometry = settings.value(SETTINGS_GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    maximized = settings.value(SETTINGS_MAXIMIZED)
    if maximized is None:  # first start: a small screen is used whole
        maximized = screen_fit.available_area(window).width() < SMALL_SCREEN_WIDTH
    if maximized in (True, "true"):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    state = settings.value(SETTINGS_STATE)
    if state is not None:
        window.restoreState(state)
    state = settings.value(SETTINGS_SPLITTER)
    if state is not None:
        splitter.restoreState(state)


def save(window: QMainWindow, splitter: QSplitter) -> None:
    """Remember geometry, toolbar state and the splitter."""
    settings = QSettings()
    settings.setValue(SETTINGS_GEOMETRY, window.saveGeometry())
    settings.setValue(SETTINGS_MAXIMIZED, window.isMaximized())
    settings.setValue(SETTINGS_STATE, window.saveState())
    settings.setValue(SETTINGS_SPLITTER, splitter.saveState())
    settings.sync()
