"""Details of a task: text, leader, units, person, deadline (with its date), target, status."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from models.entities import Node
from models.vocab import TASK_STATUS
from ui import strings
from ui.outline.panel_base import DetailPanel
from ui.tracking.task_history_widget import TaskHistoryWidget


class TaskPanel(DetailPanel):
    """Edits one task; emits field_edited(node_id, field, value).

    Signals:
        task_shown(int): a task was put in the panel (extra widgets follow it).
    """

    task_shown = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(strings.PANEL_TASK, parent)
        # what changes every day first (issue 15): the text, 状态, 进度, 完成时限;
        # the tracking notes follow (add_extra_widget), the fields set once come last
        self._add_text("text", strings.LBL_TEXT, min_lines=3, max_lines=6)
        self._add_combo("status", strings.LBL_STATUS, list(TASK_STATUS.items()))
        self._add_spin("progress", strings.LBL_PROGRESS, 0, 100, "%")
        self._add_line("deadline", strings.LBL_DEADLINE, strings.PH_DEADLINE)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("due_label")
        self.form.addRow("", self.due_label)
        # extra widgets go here, between the daily fields and the ones set once
        self._extra_at = self._body_layout.count() - 1
        self._start_form(strings.PANEL_TASK_DETAILS)
        self._add_line("lead_leader", strings.LBL_LEAD_LEADER)
        self._add_line("owner_unit", strings.LBL_OWNER_UNIT)
        self._add_line("co_units", strings.LBL_CO_UNITS, strings.PH_CO_UNITS)
        self._add_line("owner_person", strings.LBL_OWNER_PERSON)
        self._add_line("target", strings.LBL_TARGET)
        self._add_text("note", strings.LBL_NOTE, min_lines=2, max_lines=5)
        # earlier years of the task (issue 5); the window gives it the database
        self.history = TaskHistoryWidget(self)
        self._body_layout.insertWidget(self._body_layout.count() - 1, self.history)

    def add_extra_widget(self, widget: QWidget) -> None:
        """Add a widget below the daily fields (tracking: progress notes, checkpoints)."""
        self._body_layout.insertWidget(self._extra_at, widget)
        self._extra_at += 1

    def show_task(self, node: Node, number: str = "") -> None:
        """Fill the editors from a task (no signal is emitted)."""
        self.title_label.setText(f"{strings.PANEL_TASK} {number}".strip())
        if node.due_date:
            self.due_label.setText(strings.DUE_DATE_SHOWN.format(date=node.due_date))
        elif node.deadline:
            self.due_label.setText(strings.DUE_DATE_NONE)
        else:
            self.due_label.setText(strings.DUE_DATE_EMPTY)
        self._fill(node.id, node)
        self.history.show_task(node.id)
        self.task_shown.emit(node.id)
