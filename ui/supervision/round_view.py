"""The reporting rounds in the window: one round as a table of its units with their lights.

A dock beside the due list. Each row is a unit: its report (on time/late/missing/pending), the
day it came in, who signed it off, how often it was chased, and its tasks' red/yellow/green
lights in the round. Every change goes through an undo command.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import clock, outline
from models.errors import PlanDeskError
from models.supervision import numbering, rounds
from models.vocab import ROUND_STATE, Light, label
from ui import messages, strings
from ui.host import Host
from ui.supervision.commands import (
    ChaseCommand,
    CloseRoundCommand,
    MarkReceivedCommand,
    NewRoundCommand,
    ReceiveSheetCommand,
    events,
)
from ui.tracking.delegates import LIGHT_COLORS

log = logging.getLogger(__name__)

STATE_LIGHT = {
    "on_time": Light.GREEN,
    "late": Light.YELLOW,
    "missing": Light.RED,
    "pending": Light.GREY,
}
COL_UNIT, COL_STATE, COL_CHASED, COL_LIGHTS = 0, 1, 4, 6
# the lights a unit's row counts, in the order of their columns
_COUNTED = (Light.RED, Light.YELLOW, Light.GREEN)


def tint(color: QColor) -> QBrush:
    light = QColor(color)
    light.setAlpha(70)
    return QBrush(light)


class RoundView(QWidget):
    """Rounds of every plan in a combo; the chosen one as a table of units."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.main = window
        self.combo = QComboBox(self)
        self.combo.setMinimumContentsLength(24)
        self.counts = QLabel(self)
        self.issues = QLabel(self)  # the numbered documents issued for the round
        self.table = QTableWidget(0, len(strings.ROUND_HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(strings.ROUND_HEADERS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, slot in (
            (strings.BTN_NEW_ROUND, self._ask_new_round),
            (strings.BTN_ROUND_SHEETS, self._ask_sheets),
            (strings.BTN_RECEIVE, self._ask_receive),
            (strings.BTN_MARK, self._ask_mark),
            (strings.BTN_CHASE, self.chase),
            (strings.BTN_CLOSE_ROUND, self.close_round),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.doc_button = QToolButton(self)
        self.doc_button.setText(strings.BTN_DOCUMENT)
        self.doc_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.doc_button)
        for kind, text in strings.DOC_MENU.items():
            menu.addAction(text, lambda k=kind: self._ask_document(k))
        self.doc_button.setMenu(menu)
        buttons.addWidget(self.doc_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.combo, 1)
        top.addWidget(self.counts, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.issues)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.combo.currentIndexChanged.connect(lambda _i: self.show_round())
        self._bound: Any = None
        self._stale = True

    # ------------------------------------------------------------ following the document
    def bind(self, document: Any) -> None:
        """Follow a (new) Document's supervision changes."""
        if self._bound is document:
            return
        self._bound = document
        events(document).changed.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self) -> None:
        # Hidden, the view only notes it is stale: a start-up must not compute round lights.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    @property
    def db(self) -> Any:
        return self.main.document.db

    def current_round_id(self) -> int | None:
        """The round shown."""
        value = self.combo.currentData()
        return int(value) if value is not None else None

    def reload(self, select: int | None = None) -> None:
        """Re-read the rounds (keeping the one shown, or showing ``select``)."""
        if self.main.document is None:
            return
        self._stale = False
        keep = select if select is not None else self.current_round_id()
        plans = {p.id: p.title for p in outline.list_plans(self.db)}
        with _blocked(self.combo):
            self.combo.clear()
            for r in reversed(rounds.list_rounds(self.db)):
                text = strings.ROUND_TITLE_ITEM.format(
                    plan=plans.get(r.plan_id, ""), title=r.title, due=r.due_date
                )
                self.combo.addItem(text + (strings.ROUND_CLOSED if r.closed_on else ""), r.id)
            if keep is not None and self.combo.findData(keep) >= 0:
                self.combo.setCurrentIndex(self.combo.findData(keep))
        self.show_round()

    def show_round(self) -> None:
        """Fill the table with the units of the round shown."""
        round_id = self.current_round_id()
        self.table.setRowCount(0)
        self.issues.clear()
        if round_id is None:
            self.counts.setText(strings.ROUND_NONE)
            return
        status = rounds.round_status(self.db, round_id)
        self.counts.setText(strings.ROUND_COUNTS.format(**status.counts))
        issued = [i for i in numbering.list_issues(self.db) if i.round_id == round_id]
        if issued:
            self.issues.setText(
                strings.ROUND_ISSUES
                + strings.ISSUE_SEPARATOR.join(
                    strings.ISSUE_ITEM.format(title=i.title, label=i.label, on=i.issued_on)
                    for i in issued
                )
            )
        self.table.setRowCount(len(status.units))
        for r, unit in enumerate(status.units):
            values = [
                unit.unit,
                label(ROUND_STATE, unit.state),
                unit.received_on or "",
                unit.signed_by or "",
                str(unit.chase_count or ""),
                str(unit.tasks),
                *(str(unit.lights[light]) for light in _COUNTED),
            ]
            cells = [QTableWidgetItem(value) for value in values]
            for c, cell in enumerate(cells):
                if c >= COL_CHASED:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, cell)
            cells[COL_STATE].setBackground(tint(LIGHT_COLORS[STATE_LIGHT[unit.state]]))
            for offset, light in enumerate(_COUNTED):
                if unit.lights[light]:
                    cells[COL_LIGHTS + offset].setBackground(tint(LIGHT_COLORS[light]))
        self.table.resizeColumnsToContents()

    def current_unit(self) -> str | None:
        """The unit of the selected row."""
        row = self.table.currentRow()
        item = self.table.item(row, COL_UNIT) if row >= 0 else None
        return item.text() if item is not None else None

    # ------------------------------------------------------------ actions (undoable)
    def _push(self, command: Any) -> Any:
        try:
            return self.main.push(command)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return None

    def new_round(self, plan_id: int, due: str, title: str | None = None) -> int | None:
        """Create a round of a plan and show it."""
        round_id = self._push(NewRoundCommand(self.main.document, plan_id, due, title))
        if round_id is not None:
            self.reload(select=round_id)
        return round_id

    def mark(self, unit: str, on: str | None = None, signed_by: str | None = None) -> bool:
        """Record that ``unit`` reported on paper."""
        round_id = self._need_round()
        if round_id is None:
            return False
        cmd = MarkReceivedCommand(self.main.document, round_id, unit, on, signed_by)
        return self._push(cmd) is not None

    def receive(self, path: str) -> rounds.Receipt | None:
        """Apply a returned sheet of the round shown and mark its unit."""
        round_id = self._need_round()
        if round_id is None:
            return None
        receipt = self._push(ReceiveSheetCommand(self.main.document, round_id, path))
        if receipt is not None:
            self.main.show_status(
                strings.RECEIVED.format(
                    unit=receipt.unit,
                    state=label(ROUND_STATE, receipt.state),
                    n=len(receipt.applied),
                )
            )
        return receipt

    def chase(self) -> list[str]:
        """Send a reminder to the units that have not reported."""
        round_id = self._need_round()
        if round_id is None:
            return []
        chased = self._push(ChaseCommand(self.main.document, round_id)) or []
        self.main.show_status(
            strings.CHASE_DONE.format(n=len(chased)) if chased else strings.CHASE_NONE
        )
        return chased

    def close_round(self) -> bool:
        """Freeze the lights of the round shown."""
        round_id = self._need_round()
        if round_id is None:
            return False
        return self._push(CloseRoundCommand(self.main.document, round_id)) is not None

    # ------------------------------------------------------------ files (not undoable)
    def write_sheets(self, folder: str) -> list[Path]:
        """The round's feedback sheets into ``folder``."""
        from export.round_sheets import export_round_sheets

        round_id = self._need_round()
        if round_id is None:
            return []
        try:
            paths = export_round_sheets(self.db, round_id, folder)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return []
        self.main.show_status(strings.SHEETS_WRITTEN.format(n=len(paths), folder=folder))
        return paths

    def write_document(self, kind: str, path: str) -> Any:
        """A supervision document of the round shown (numbered kinds take the next issue)."""
        from export.supervision_docs import export_document

        round_id = self._need_round()
        if round_id is None:
            return None
        try:
            written = export_document(self.db, kind, round_id, path)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return None
        if written.issue is not None:
            text = strings.DOC_WRITTEN_ISSUE.format(label=written.issue.label, path=path)
        else:
            text = strings.DOC_WRITTEN.format(path=path)
        self.main.show_status(text)
        return written

    # ------------------------------------------------------------ asking
    def _need_round(self) -> int | None:
        round_id = self.current_round_id()
        if round_id is None:
            messages.show_error(self, PlanDeskError(strings.SELECT_ROUND))
        return round_id

    def _ask_new_round(self) -> None:
        plan_id = self.main.current_plan_id()
        if plan_id is None:
            messages.show_error(self, PlanDeskError(strings.SELECT_PLAN))
            return
        due = messages.ask_text(
            self, strings.NEW_ROUND_TITLE, strings.NEW_ROUND_DUE, clock.today().isoformat()
        )
        if not due:
            return
        title = messages.ask_text(self, strings.NEW_ROUND_TITLE, strings.NEW_ROUND_NAME)
        if title is None:
            return
        self.new_round(plan_id, due, title or None)

    def _ask_mark(self) -> None:
        unit = self.current_unit()
        if unit is None:
            messages.show_error(self, PlanDeskError(strings.SELECT_UNIT))
            return
        on = messages.ask_text(self, strings.MARK_TITLE, strings.MARK_ON, clock.today().isoformat())
        if on is None:
            return
        signed = messages.ask_text(self, strings.MARK_TITLE, strings.MARK_SIGNED)
        if signed is None:
            return
        self.mark(unit, on or None, signed or None)

    def _ask_sheets(self) -> None:
        folder = messages.get_folder(self, strings.CHOOSE_FOLDER)
        if folder:
            self.write_sheets(folder)

    def _ask_receive(self) -> None:
        path = messages.get_open_path(self, strings.BTN_RECEIVE, strings.XLSX_FILTER)
        if path:
            self.receive(path)

    def _ask_document(self, kind: str) -> None:
        path = messages.get_save_path(self, strings.DOC_MENU[kind], strings.DOCX_FILTER)
        if path:
            self.write_document(kind, path)


class _blocked:
    """Block a widget's signals for a ``with`` block."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def __enter__(self) -> None:
        self.widget.blockSignals(True)

    def __exit__(self, *exc: object) -> None:
        self.widget.blockSignals(False)
