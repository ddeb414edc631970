"""The start page: shown in the right panel while nothing is selected (first start included).

Three big buttons for the three ways a year's work begins, and one line explaining the tree.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from resources import resource_path
from ui import strings

START_IMPORT, START_ROLLOVER, START_NEW = "import", "rollover", "new_plan"
ICON_SIZE = QSize(32, 32)


def toolbar_icon(name: str) -> QIcon:
    """One of the hand-drawn SVG icons of resources/icons/toolbar/."""
    return QIcon(str(resource_path("icons", "toolbar", f"{name}.svg")))


class StartPage(QScrollArea):
    """The first steps as big buttons (scrolls on a small screen at 150 %).

    Signals:
        chosen(str): START_IMPORT, START_ROLLOVER or START_NEW was clicked.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_page")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addStretch(1)
        title = QLabel(strings.START_TITLE, body)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        explain = QLabel(strings.START_EXPLAIN, body)
        explain.setObjectName("start_explain")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            (START_IMPORT, strings.START_IMPORT, strings.START_IMPORT_TIP),
            (START_ROLLOVER, strings.START_ROLLOVER, strings.START_ROLLOVER_TIP),
            (START_NEW, strings.START_NEW, strings.START_NEW_TIP),
        ):
            button = QPushButton(toolbar_icon(key), f"  {text}", body)
            button.setObjectName(f"start_{key}")
            button.setIconSize(ICON_SIZE)
            button.setToolTip(tip)
            button.setMinimumHeight(56)
            button.setMaximumWidth(460)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            button.setFont(font)
            button.clicked.connect(lambda _checked=False, k=key: self.chosen.emit(k))
            self.buttons[key] = button
            layout.addWidget(button)
            hint = QLabel(tip, body)
            hint.setWordWrap(True)
            hint.setContentsMargins(8, 0, 0, 8)
            layout.addWidget(hint)
        layout.addSpacing(12)
        select = QLabel(strings.PANEL_EMPTY, body)
        select.setWordWrap(True)
        layout.addWidget(select)
        layout.addStretch(2)
        layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
