"""The Help menu: the user guide (resources/help/guide.html) and the list of shortcut keys."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from resources import resource_path
from ui import strings
from ui.shell import screen_fit

GUIDE = ("help", "guide.html")


class HelpDialog(QDialog):
    """A page of help text in a browser (links inside the page work; nothing goes online)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(strings.BTN_CLOSE)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(screen_fit.sized_for_screen(self, 760, 640))


def open_guide(parent: QWidget | None) -> HelpDialog:
    """Show the user guide (non-modal)."""
    dialog = HelpDialog(strings.HELP_GUIDE_TITLE, parent)
    dialog.browser.setSource(QUrl.fromLocalFile(str(resource_path(*GUIDE))))
    dialog.show()
    return dialog


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, in menu wording without '&' and '…'."""
    rows: dict[str, str] = {}
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if not keys:
            continue
        text = action.text().replace("&", "").replace("…", "")
        text = text.split("(")[0].strip() or action.objectName()
        rows.setdefault(text, " / ".join(keys))
    return sorted(rows.items(), key=lambda row: row[1])


def shortcuts_html(actions: Iterable[QAction]) -> str:
    """The shortcut list as an HTML table (plus the keys that are no menu entry)."""
    rows = shortcut_rows(actions) + list(strings.SHORTCUTS_EXTRA)
    body = "".join(
        f"<tr><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for what, keys in rows
    )
    return (
        f"<h2>{html.escape(strings.HELP_SHORTCUTS_TITLE)}</h2>"
        f"<table cellpadding='4' border='0'>{body}</table>"
    )


def open_shortcuts(parent: QWidget | None, actions: Iterable[QAction]) -> HelpDialog:
    """Show the list of shortcut keys (non-modal)."""
    dialog = HelpDialog(strings.HELP_SHORTCUTS_TITLE, parent)
    dialog.browser.setHtml(shortcuts_html(actions))
    dialog.show()
    return dialog
