"""Feedback sheets out and back, and the edited task table back in: previews before applying."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from export.feedback_sheet import export_feedback_sheets, task_table_numbers
from models import feedback
from models.errors import PlanDeskError
from models.vocab import Light
from ui import folders, messages, strings
from ui.commands.tracking import ApplyFeedbackCommand, ApplyTaskTableCommand
from ui.exporting import file_done
from ui.host import Host
from ui.tracking import change_reason
from ui.tracking.delegates import LIGHT_COLORS

log = logging.getLogger(__name__)

_STATE_COLOR = {
    feedback.OK: Light.GREEN,
    feedback.CONFLICT: Light.YELLOW,
    feedback.ERROR: Light.RED,
}


def confirm_preview(dialog: QDialog) -> bool:
    """Run a preview dialog; True when the user chose to apply (tests replace this)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _table(parent: QWidget, headers: tuple[str, ...], rows: list[list[Any]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()
    return table


class FeedbackPreviewDialog(QDialog):
    """What a returned feedback sheet would record, row by row, with the problems found."""

    def __init__(self, preview: feedback.FeedbackPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(strings.FEEDBACK_PREVIEW_TITLE.format(unit=preview.unit))
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        if preview.list_changed:
            note = QLabel(strings.FEEDBACK_LIST_CHANGED.format(added=len(preview.added_tasks)))
            note.setWordWrap(True)
            layout.addWidget(note)
        rows = []
        for r in preview.rows:
            reasons = strings.FEEDBACK_REASON_SEP.join(
                strings.FEEDBACK_REASONS.get(x, x) for x in r.reasons
            )
            state = strings.FEEDBACK_STATE[r.state]
            if reasons:
                state = strings.FEEDBACK_STATE_WITH_REASONS.format(state=state, reasons=reasons)
            rows.append(
                [
                    r.row,
                    r.task_text,
                    r.note,
                    "" if r.progress is None else f"{r.progress}%",
                    r.problems,
                    "" if r.old_progress is None else f"{r.old_progress}%",
                    state,
                ]
            )
        self.table = _table(self, strings.FEEDBACK_HEADERS, rows)
        for i, r in enumerate(preview.rows):
            color = LIGHT_COLORS[_STATE_COLOR[r.state]].lighter(170)
            self.table.item(i, len(strings.FEEDBACK_HEADERS) - 1).setBackground(color)
        layout.addWidget(self.table, 1)
        self.include_conflicts = QCheckBox(strings.FEEDBACK_INCLUDE_CONFLICTS, self)
        self.include_conflicts.setVisible(any(r.state == feedback.CONFLICT for r in preview.rows))
        layout.addWidget(self.include_conflicts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.addButton(
            strings.FEEDBACK_APPLY, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(any(r.state != feedback.ERROR for r in preview.rows))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class TablePreviewDialog(QDialog):
    """The changed fields of an edited task table, before they are applied."""

    def __init__(self, preview: feedback.TablePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(strings.TABLE_PREVIEW_TITLE)
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        summary = QLabel(
            strings.TABLE_PREVIEW_SUMMARY.format(
                changed=len(preview.changes),
                unchanged=preview.unchanged,
                unmatched=len(preview.unmatched_rows),
                missing=len(preview.missing_tasks),
                errors=len(preview.errors),
            ),
            self,
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        rows = []
        for c in preview.changes:
            for name, (old, new) in c.changes.items():
                rows.append([c.row, c.seq, c.text, strings.FIELD_NAMES.get(name, name), old, new])
        for r, name, text in preview.errors:
            rows.append([r, "", "", strings.FIELD_NAMES.get(name, name), "", text])
        for r, text in preview.unmatched_rows:
            rows.append([r, "", text, "", "", ""])
        self.table = _table(self, strings.TABLE_PREVIEW_HEADERS, rows)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.addButton(
            strings.FEEDBACK_APPLY, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setEnabled(bool(preview.changes))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _folder_of(kind: str = folders.FEEDBACK) -> str:
    return str(folders.folder_for(kind))


def write_feedback_sheets(window: Host, folder: str | None = None) -> list[Path]:
    """One feedback sheet per owner unit of the current plan, into a folder the user picks."""
    plan_id = window.current_plan_id()
    if plan_id is None:
        window.show_status(strings.NO_PLAN_SELECTED)
        return []
    folder = folder or messages.get_folder(window, strings.FEEDBACK_FOLDER_TITLE, _folder_of())
    if not folder:
        return []
    folders.remember(folders.FEEDBACK, folder)
    try:
        paths = export_feedback_sheets(window.document.db, plan_id, folder)
    except PlanDeskError as exc:
        log.warning("feedback sheets not written: %s", exc)
        messages.show_error(window, exc)
        return []
    log.info("wrote %d feedback sheets to %s", len(paths), folder)
    window.show_status(strings.FEEDBACK_WRITTEN.format(count=len(paths), folder=folder))
    text = strings.FEEDBACK_WRITTEN_BOX.format(count=len(paths), folder=folder)
    file_done.confirm_written(window, Path(folder), text)
    return paths


def import_feedback(window: Host, path: str | None = None) -> int:
    """Read a returned sheet, show the preview, apply it as one undo step."""
    path = path or messages.get_open_path(
        window, strings.FEEDBACK_OPEN_TITLE, strings.XLSX_FILTER, _folder_of(folders.IMPORT_SHEET)
    )
    if not path:
        return 0
    folders.remember(folders.IMPORT_SHEET, path)
    try:
        preview = feedback.read_feedback(window.document.db, path)
    except PlanDeskError as exc:
        log.warning("feedback sheet refused: %s", exc)
        messages.show_error(window, exc)
        return 0
    dialog = FeedbackPreviewDialog(preview, window)
    if not confirm_preview(dialog):
        return 0
    count = window.push(
        ApplyFeedbackCommand(
            window.document, preview, include_conflicts=dialog.include_conflicts.isChecked()
        )
    )
    if count:
        window.show_status(strings.FEEDBACK_APPLIED.format(count=count))
    return int(count or 0)


def import_task_table(window: Host, path: str | None = None) -> int:
    """Read an edited task table into the current plan: preview, then one undo step."""
    plan_id = window.current_plan_id()
    if plan_id is None:
        window.show_status(strings.NO_PLAN_SELECTED)
        return 0
    path = path or messages.get_open_path(
        window, strings.TABLE_IMPORT_TITLE, strings.XLSX_FILTER, _folder_of(folders.IMPORT_SHEET)
    )
    if not path:
        return 0
    folders.remember(folders.IMPORT_SHEET, path)
    db = window.document.db
    try:
        preview = feedback.read_task_table(
            db, plan_id, path, numbers=task_table_numbers(db, plan_id)
        )
    except PlanDeskError as exc:
        log.warning("task table refused: %s", exc)
        messages.show_error(window, exc)
        return 0
    if not confirm_preview(TablePreviewDialog(preview, window)):
        return 0
    new_values = {c.task_id: {f: v[1] for f, v in c.changes.items()} for c in preview.changes}
    reason = change_reason.ask(window, db, new_values)
    if reason is None:
        return 0
    count = window.push(ApplyTaskTableCommand(window.document, preview, reason))
    if count:
        window.show_status(strings.TABLE_APPLIED.format(count=count))
    return int(count or 0)
