"""In the task panel: the task's checkpoints and its progress notes, with the roll-up."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import clock, outline, tracking
from models.vocab import RECURRENCE
from ui import messages, strings
from ui.commands.tracking import (
    AddCheckpointsCommand,
    AddProgressEntryCommand,
    EditCheckpointCommand,
    RemoveCheckpointsCommand,
    RemoveProgressEntryCommand,
)
from ui.tracking.delegates import light_color

log = logging.getLogger(__name__)

IdRole = Qt.ItemDataRole.UserRole + 40


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _table(parent: QWidget, headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(120)
    return table


class TrackingPanelWidget(QWidget):
    """Checkpoints and progress notes of the task shown in the task panel.

    Every change is a command pushed through ``push``; the widget reloads on
    ``Document.changed``.
    """

    def __init__(
        self, document: Any, push: Callable[[Any], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._push = push
        self.task_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rollup_label = QLabel(self)
        self.rollup_label.setWordWrap(True)
        layout.addWidget(self.rollup_label)
        # ---- checkpoints
        cp_box = QGroupBox(strings.CP_TITLE, self)
        cp_layout = QVBoxLayout(cp_box)
        self.suggest_label = QLabel(strings.CP_SUGGEST, cp_box)
        self.suggest_label.setWordWrap(True)
        cp_layout.addWidget(self.suggest_label)
        self.cp_table = _table(cp_box, strings.CP_HEADERS)
        self.cp_table.setObjectName("checkpoints_table")
        cp_layout.addWidget(self.cp_table)
        row = QHBoxLayout()
        self.cp_title = QLineEdit(cp_box)
        self.cp_title.setPlaceholderText(strings.CP_NEW_TITLE)
        self.cp_date = QDateEdit(cp_box)
        self.cp_date.setCalendarPopup(True)
        self.cp_date.setDisplayFormat("yyyy-MM-dd")
        self.cp_add = QPushButton(strings.CP_ADD, cp_box)
        row.addWidget(self.cp_title, 1)
        row.addWidget(self.cp_date)
        row.addWidget(self.cp_add)
        cp_layout.addLayout(row)
        row = QHBoxLayout()
        self.rule_combo = QComboBox(cp_box)
        for code, text in RECURRENCE.items():
            self.rule_combo.addItem(text, code)
        self.cp_shift = QCheckBox(strings.CP_SHIFT, cp_box)
        self.cp_recurring = QPushButton(strings.CP_RECURRING, cp_box)
        self.cp_done = QPushButton(strings.CP_DONE, cp_box)
        self.cp_remove = QPushButton(strings.CP_REMOVE, cp_box)
        # two short rows, not one long one: the panel stays narrow enough for 150 % scaling
        for w in (self.rule_combo, self.cp_shift):
            row.addWidget(w)
        row.addStretch(1)
        cp_layout.addLayout(row)
        row = QHBoxLayout()
        for w in (self.cp_recurring, self.cp_done, self.cp_remove):
            row.addWidget(w)
        row.addStretch(1)
        cp_layout.addLayout(row)
        # ---- progress notes
        pr_box = QGroupBox(strings.PROGRESS_TITLE, self)
        pr_layout = QVBoxLayout(pr_box)
        self.pr_table = _table(pr_box, strings.PROGRESS_HEADERS)
        self.pr_table.setObjectName("progress_table")
        pr_layout.addWidget(self.pr_table)
        row = QHBoxLayout()
        self.pr_date = QDateEdit(pr_box)
        self.pr_date.setCalendarPopup(True)
        self.pr_date.setDisplayFormat("yyyy-MM-dd")
        self.pr_text = QLineEdit(pr_box)
        self.pr_text.setPlaceholderText(strings.PROGRESS_TEXT_PH)
        self.pr_progress = QSpinBox(pr_box)
        self.pr_progress.setRange(0, 100)
        self.pr_progress.setSuffix("%")
        row.addWidget(self.pr_date)
        row.addWidget(self.pr_text, 1)
        row.addWidget(self.pr_progress)
        pr_layout.addLayout(row)
        row = QHBoxLayout()
        self.pr_problems = QLineEdit(pr_box)
        self.pr_problems.setPlaceholderText(strings.PROGRESS_PROBLEMS_PH)
        self.pr_add = QPushButton(strings.PROGRESS_ADD, pr_box)
        self.pr_remove = QPushButton(strings.PROGRESS_REMOVE, pr_box)
        row.addWidget(self.pr_problems, 1)
        row.addWidget(self.pr_add)
        row.addWidget(self.pr_remove)
        pr_layout.addLayout(row)
        layout.addWidget(pr_box)  # progress notes are written daily: above the checkpoints
        layout.addWidget(cp_box)
        # ---- logged changes of 完成时限/量化目标 after the plan was adopted
        self.changes_box = QGroupBox(strings.CHANGES_TITLE, self)
        ch_layout = QVBoxLayout(self.changes_box)
        self.changes_table = _table(self.changes_box, strings.CHANGES_HEADERS)
        self.changes_table.setObjectName("field_changes_table")
        self.changes_table.setMinimumHeight(80)
        ch_layout.addWidget(self.changes_table)
        layout.addWidget(self.changes_box)
        self.cp_add.clicked.connect(lambda: self.add_checkpoint())
        self.cp_recurring.clicked.connect(lambda: self.add_recurring())
        self.cp_done.clicked.connect(lambda: self.mark_done())
        self.cp_remove.clicked.connect(lambda: self.remove_checkpoints())
        self.pr_add.clicked.connect(lambda: self.add_progress())
        self.pr_remove.clicked.connect(lambda: self.remove_progress())
        document.changed.connect(self._on_document_changed)

    # ------------------------------------------------------------ showing
    def set_document(self, document: Any) -> None:
        """Another database was opened."""
        self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.task_id = None

    def show_task(self, task_id: int) -> None:
        """Show the checkpoints and notes of a task."""
        self.task_id = task_id
        today = clock.today()
        self.cp_date.setDate(_qdate(today))
        self.pr_date.setDate(_qdate(today))
        self.reload()

    def _on_document_changed(self, change: Any) -> None:
        if self.task_id is not None and (self.task_id in change.node_ids or change.structure):
            self.reload()

    def reload(self) -> None:
        """Re-read the task's checkpoints, notes and the roll-up of its section."""
        if self.task_id is None:
            return
        db = self.document.db
        try:
            task = outline.get_node(db, self.task_id)
        except Exception:  # NotFoundError: the task was removed (undo of its creation)
            self.task_id = None
            return
        today = clock.today()
        within = tracking.tracking_settings(db).within_days
        cps = tracking.list_checkpoints(db, task.id)
        self.cp_table.setRowCount(len(cps))
        for r, cp in enumerate(cps):
            values = (cp.title, cp.due_date or "", cp.done_date or "", cp.note)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(IdRole, cp.id)
                self.cp_table.setItem(r, c, item)
            if cp.done_date is None:
                color = light_color(tracking.checkpoint_light(cp.due_date, today, within))
                if color is not None:
                    self.cp_table.item(r, 1).setForeground(color.darker(120))
        suggested = tracking.suggest_recurrence(task)
        self.suggest_label.setVisible(bool(suggested) and not cps)
        if suggested:
            self.rule_combo.setCurrentIndex(max(self.rule_combo.findData(suggested), 0))
        self.cp_shift.setChecked(tracking.tracking_settings(db).shift_holidays)
        notes = tracking.list_progress(db, task.id)
        self.pr_table.setRowCount(len(notes))
        for r, note in enumerate(reversed(notes)):  # newest first
            values = (
                note.entry_date,
                note.text,
                "" if note.progress_after is None else f"{note.progress_after}%",
                note.problems or "",
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(IdRole, note.id)
                self.pr_table.setItem(r, c, item)
        self.pr_progress.setValue(task.progress)
        changes = tracking.list_field_changes(db, task.id)
        self.changes_table.setRowCount(len(changes))
        for r, ch in enumerate(changes):
            values = (
                ch.changed_at[:10],
                strings.FIELD_NAMES.get(ch.field, ch.field),
                ch.old_value or "",
                ch.new_value or "",
                ch.reason,
            )
            for c, value in enumerate(values):
                self.changes_table.setItem(r, c, QTableWidgetItem(value))
        self.changes_box.setVisible(bool(changes))
        roll = tracking.rollup(db, task.plan_id)
        parts = []
        if task.parent_id is not None:
            value = roll.sections.get(task.parent_id)
            parts.append(
                strings.ROLLUP_TEXT.format(
                    value=strings.ROLLUP_NONE if value is None else f"{value}%"
                )
            )
        parts.append(
            strings.ROLLUP_PLAN.format(
                value=strings.ROLLUP_NONE if roll.plan is None else f"{roll.plan}%",
                count=roll.task_count,
            )
        )
        self.rollup_label.setText(strings.ROLLUP_SEP.join(parts))

    # ------------------------------------------------------------ actions
    def _selected_ids(self, table: QTableWidget) -> list[int]:
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
        return [table.item(r, 0).data(IdRole) for r in rows]

    def add_checkpoint(self, title: str | None = None, due: str | None = None) -> Any:
        """Add one checkpoint (title and date from the fields unless given)."""
        if self.task_id is None:
            return None
        title = self.cp_title.text().strip() if title is None else title
        due = due or self.cp_date.date().toString("yyyy-MM-dd")
        result = self._push(
            AddCheckpointsCommand(
                self.document,
                self.task_id,
                title=title or strings.CP_NEW_TITLE,
                due_date=due,
                shift_holidays=self.cp_shift.isChecked(),
            )
        )
        if result is not None:
            self.cp_title.clear()
        return result

    def add_recurring(self, rule: str | None = None) -> Any:
        """Generate the dated checkpoints of a recurring rule for the plan year."""
        if self.task_id is None:
            return None
        return self._push(
            AddCheckpointsCommand(
                self.document,
                self.task_id,
                rule=rule or self.rule_combo.currentData(),
                shift_holidays=self.cp_shift.isChecked(),
            )
        )

    def mark_done(self, checkpoint_ids: list[int] | None = None) -> None:
        """Mark the selected checkpoints done today (one undo step each)."""
        today = clock.today().isoformat()
        for cid in checkpoint_ids or self._selected_ids(self.cp_table):
            self._push(EditCheckpointCommand(self.document, cid, done_date=today))

    def remove_checkpoints(self, checkpoint_ids: list[int] | None = None) -> Any:
        """Delete the selected checkpoints (one undo step)."""
        ids = checkpoint_ids or self._selected_ids(self.cp_table)
        if not ids:
            return None
        return self._push(RemoveCheckpointsCommand(self.document, ids))

    def add_progress(self) -> Any:
        """Record a progress note from the fields; the task's progress follows."""
        if self.task_id is None:
            return None
        entry_date = self.pr_date.date().toPython()
        warning = self._date_warning(entry_date)
        if warning and not messages.ask_yes_no(self, strings.PROGRESS_DATE_TITLE, warning):
            return None
        result = self._push(
            AddProgressEntryCommand(
                self.document,
                self.task_id,
                self.pr_text.text(),
                self.pr_progress.value(),
                self.pr_date.date().toString("yyyy-MM-dd"),
                self.pr_problems.text() or None,
            )
        )
        if result is not None:
            self.pr_text.clear()
            self.pr_problems.clear()
        return result

    def _date_warning(self, entry_date: dt.date) -> str | None:
        """Why a note's date looks wrong: outside the plan's year, or still to come.

        Reports count notes by date, so a note dated outside the plan's year (a date field
        left at today's date when writing up last year's work) would be missing there.
        """
        db = self.document.db
        year = outline.get_plan(db, outline.get_node(db, self.task_id).plan_id).year
        text = entry_date.isoformat()
        if year is not None and entry_date.year != year:
            return strings.PROGRESS_DATE_OUTSIDE_YEAR.format(date=text, year=year)
        if entry_date > clock.today():
            return strings.PROGRESS_DATE_FUTURE.format(date=text)
        return None

    def remove_progress(self, entry_ids: list[int] | None = None) -> None:
        """Delete the selected progress notes."""
        if self.task_id is None:
            return
        for eid in entry_ids or self._selected_ids(self.pr_table):
            self._push(RemoveProgressEntryCommand(self.document, eid, self.task_id))
