"""The assessment window: a year's items, their links to tasks, scores, the exported table.

Every change is an AssessmentCommand on the window's undo stack; the table reloads on
``Document.changed`` (a progress note or a file added in the panel changes the figures).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets as qw
from PySide6.QtCore import QSignalBlocker, Qt

from export import assessment_docs
from models import clock, outline
from models.errors import PlanDeskError
from models.evidence import assessment
from ui import folders, messages, strings
from ui.evidence.commands import AssessmentCommand

if TYPE_CHECKING:
    from ui.host import Host


log = logging.getLogger(__name__)

ItemIdRole = Qt.ItemDataRole.UserRole + 61
SCORE_COL = 11  # the self score column of strings.AS_HEADERS
# the columns typed in place: column → field of the item
EDIT_COLS = {0: "number", 1: "project", 2: "points", 3: "department", 4: "indicator", 5: "criteria"}
FOLDER_KIND = "assessment"
# pixels; the last column (the details) stretches
COLUMN_WIDTHS = (40, 110, 44, 96, 140, 140, 200, 64, 56, 64, 56, 90)


class AssessmentDialog(qw.QDialog):
    """The self-assessment of one year (non-modal; follows the window's document)."""

    def __init__(self, window: Host, parent: qw.QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(strings.AS_TITLE)
        self.setObjectName("assessment_dialog")
        self.window_ = window
        self.document: Any = None
        layout = qw.QVBoxLayout(self)
        top = qw.QHBoxLayout()
        top.addWidget(qw.QLabel(strings.AS_YEAR, self))
        self.year_spin = qw.QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(self._default_year(window))
        top.addWidget(self.year_spin)
        self.totals_label = qw.QLabel(self)
        top.addWidget(self.totals_label, 1)
        layout.addLayout(top)
        self.table = qw.QTableWidget(0, len(strings.AS_HEADERS), self)
        self.table.setObjectName("assessment_table")
        self.table.setHorizontalHeaderLabels(list(strings.AS_HEADERS))
        self.table.setSelectionBehavior(qw.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(qw.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            qw.QAbstractItemView.EditTrigger.DoubleClicked
            | qw.QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(qw.QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self.rule_label = qw.QLabel(assessment.RULE_TEXT, self)
        self.rule_label.setWordWrap(True)
        layout.addWidget(self.rule_label)
        row = qw.QHBoxLayout()
        self.project_edit = qw.QLineEdit(self)
        self.project_edit.setPlaceholderText(strings.AS_NEW_PROJECT)
        self.points_edit = qw.QLineEdit(self)
        self.points_edit.setPlaceholderText(strings.AS_NEW_POINTS)
        self.points_edit.setMaximumWidth(80)
        self.add_button = qw.QPushButton(strings.AS_ADD, self)
        self.import_button = qw.QPushButton(strings.AS_IMPORT, self)
        self.remove_button = qw.QPushButton(strings.AS_REMOVE, self)
        for w in (self.project_edit, self.points_edit, self.add_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        row = qw.QHBoxLayout()
        self.link_button = qw.QPushButton(strings.AS_LINK, self)
        self.unlink_button = qw.QPushButton(strings.AS_UNLINK, self)
        self.auto_button = qw.QPushButton(strings.AS_AUTO, self)
        self.xlsx_button = qw.QPushButton(strings.AS_EXPORT_XLSX, self)
        self.docx_button = qw.QPushButton(strings.AS_EXPORT_DOCX, self)
        self.close_button = qw.QPushButton(strings.AS_CLOSE, self)
        for w in (self.link_button, self.unlink_button, self.auto_button):
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.xlsx_button, self.docx_button, self.close_button):
            row.addWidget(w)
        layout.addLayout(row)
        self.year_spin.valueChanged.connect(lambda _v: self.reload())
        self.add_button.clicked.connect(lambda: self.add_item())
        self.import_button.clicked.connect(lambda: self.ask_import())
        self.remove_button.clicked.connect(lambda: self.remove_item())
        self.link_button.clicked.connect(lambda: self.link_current(True))
        self.unlink_button.clicked.connect(lambda: self.link_current(False))
        self.auto_button.clicked.connect(lambda: self.set_score(None))
        self.xlsx_button.clicked.connect(lambda: self.ask_export(".xlsx"))
        self.docx_button.clicked.connect(lambda: self.ask_export(".docx"))
        self.close_button.clicked.connect(self.close)
        self.table.itemChanged.connect(self._on_item_changed)
        self.resize(1100, 560)
        self.set_document(window.document)

    @staticmethod
    def _default_year(window: Host) -> int:
        plan_id = window.current_plan_id()
        if plan_id is not None:
            year = outline.get_plan(window.document.db, plan_id).year
            if year:
                return int(year)
        return clock.today().year

    # ------------------------------------------------------------ showing
    @property
    def year(self) -> int:
        """The year shown."""
        return self.year_spin.value()

    def set_document(self, document: Any) -> None:
        """Follow another open database."""
        if self.document is not None:
            self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.reload()

    def _on_document_changed(self, _change: Any) -> None:
        self.reload()

    def reload(self) -> None:
        """Rebuild the table from the self-assessment table of the year."""
        sa = assessment.self_assessment(self.document.db, self.year)
        self.rows = sa.rows
        current = self.selected_item_id()
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(sa.rows))
            for r, row in enumerate(sa.rows):
                item = row.item
                score = "" if row.score is None else f"{row.score:g}"
                values = [
                    item.number or str(r + 1),
                    item.project,
                    f"{item.points:g}",
                    item.department,
                    item.indicator,
                    item.criteria,
                    "\n".join(t.text for t in row.tasks) or assessment.PENDING,
                    row.completed,
                    "" if row.progress is None else f"{row.progress}%",
                    str(len(row.evidence)),
                    "" if row.proposed is None else f"{row.proposed:g}",
                    score + (strings.AS_OVERRIDDEN if row.overridden else ""),
                    row.details,
                ]
                for c, text in enumerate(values):
                    cell = qw.QTableWidgetItem(text)
                    cell.setData(ItemIdRole, item.id)
                    cell.setToolTip(text)
                    if c != SCORE_COL and c not in EDIT_COLS:
                        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(r, c, cell)
                if item.id == current:
                    self.table.selectRow(r)
        self.table.resizeRowsToContents()
        total = sa.total_score
        self.totals_label.setText(
            strings.AS_TOTALS.format(
                count=len(sa.rows),
                points=f"{sa.total_points:g}",
                score=assessment.PENDING
                if total is None
                else strings.AS_SCORE.format(score=f"{total:g}"),
            )
        )

    def selected_item_id(self) -> int | None:
        """The id of the selected item, or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return None if cell is None else int(cell.data(ItemIdRole))

    # ------------------------------------------------------------ changes
    def _push(self, change: Any, what: str) -> Any:
        return self.window_.push(AssessmentCommand(self.document, self.year, change, what))

    def add_item(self) -> int | None:
        """Add the item typed in the two fields."""
        project, points = self.project_edit.text(), self.points_edit.text()
        db, year = self.document.db, self.year
        item_id = self._push(
            lambda: assessment.add_item(db, year, project=project, points=points),
            strings.UNDO_AS_ADD,
        )
        if item_id is not None:
            self.project_edit.clear()
            self.points_edit.clear()
        return item_id

    def import_file(self, path: str | Path) -> list[int] | None:
        """Import a county table into the year (asking before replacing its items)."""
        db, year = self.document.db, self.year
        count = len(assessment.list_items(db, year))
        replace = False
        if count:
            if not messages.ask_yes_no(
                self, strings.AS_REPLACE_TITLE, strings.AS_REPLACE.format(year=year, count=count)
            ):
                return None
            replace = True
        return self._push(
            lambda: assessment.import_items(db, year, path, replace=replace),
            strings.UNDO_AS_IMPORT,
        )

    def ask_import(self) -> None:
        """Pick the county's table and import it."""
        path = messages.get_open_path(
            self,
            strings.AS_IMPORT_TITLE,
            strings.AS_IMPORT_FILTER,
            str(folders.folder_for(FOLDER_KIND)),
        )
        if path:
            folders.remember(FOLDER_KIND, path)
            self.import_file(path)

    def remove_item(self) -> None:
        """Delete the selected item (undoable)."""
        item_id = self.selected_item_id()
        if item_id is None:
            messages.show_error_text(self, strings.AS_SELECT)
            return
        db = self.document.db
        self._push(lambda: assessment.remove_item(db, item_id), strings.UNDO_AS_REMOVE)

    def link_current(self, link: bool) -> None:
        """Link (or unlink) the task shown in the task panel to the selected item."""
        item_id = self.selected_item_id()
        evidence = getattr(self.window_, "evidence", None)
        task_id = evidence.section.task_id if evidence is not None else None
        if item_id is None:
            messages.show_error_text(self, strings.AS_SELECT)
            return
        if task_id is None:
            messages.show_error_text(self, strings.AS_NO_TASK)
            return
        db = self.document.db
        if link:
            self._push(lambda: assessment.link_tasks(db, item_id, [task_id]), strings.UNDO_AS_LINK)
        else:
            self._push(
                lambda: assessment.unlink_tasks(db, item_id, [task_id]), strings.UNDO_AS_UNLINK
            )

    def set_score(self, score: float | None, item_id: int | None = None) -> None:
        """Set the self score of the selected item (None: the rule's)."""
        item_id = item_id if item_id is not None else self.selected_item_id()
        if item_id is None:
            messages.show_error_text(self, strings.AS_SELECT)
            return
        db = self.document.db
        self._push(lambda: assessment.set_self_score(db, item_id, score), strings.UNDO_AS_SCORE)
        self.reload()  # a refused score shows the stored one again

    def edit_field(self, item_id: int, field: str, value: str) -> None:
        """Change one field of an item as typed in its cell (refused: shown, reloaded)."""
        db = self.document.db
        self._push(
            lambda: assessment.update_item(db, item_id, **{field: value}), strings.UNDO_AS_EDIT
        )
        self.reload()

    def _on_item_changed(self, cell: qw.QTableWidgetItem) -> None:
        if cell.column() in EDIT_COLS:
            self.edit_field(int(cell.data(ItemIdRole)), EDIT_COLS[cell.column()], cell.text())
            return
        if cell.column() != SCORE_COL:
            return
        text = cell.text().replace(strings.AS_OVERRIDDEN, "").strip()
        item_id = int(cell.data(ItemIdRole))
        if not text:
            self.set_score(None, item_id)
            return
        try:
            score = float(text)
        except ValueError:
            messages.show_error_text(self, strings.AS_BAD_SCORE)
            self.reload()
            return
        self.set_score(score, item_id)

    # ------------------------------------------------------------ export
    def export_to(self, path: str | Path) -> Path | None:
        """Write the table (.xlsx) or the report (.docx) of the year."""
        sa = assessment.self_assessment(self.document.db, self.year)
        try:
            written = assessment_docs.export(sa, path)
        except PlanDeskError as exc:
            log.warning("assessment export failed: %s", exc)
            messages.show_error(self, exc)
            return None
        folders.remember(FOLDER_KIND, written)
        if hasattr(self.window_, "show_status"):
            self.window_.show_status(strings.AS_WRITTEN.format(path=written))
        return written

    def ask_export(self, suffix: str) -> None:
        """Ask where to write, then export."""
        title, file_filter = (
            (strings.AS_SAVE_XLSX, strings.AS_FILTER_XLSX)
            if suffix == ".xlsx"
            else (strings.AS_SAVE_DOCX, strings.AS_FILTER_DOCX)
        )
        name = (strings.AS_FILE_XLSX if suffix == ".xlsx" else strings.AS_FILE_DOCX).format(
            year=self.year
        )
        start = folders.folder_for(FOLDER_KIND) / name
        path = messages.get_save_path(self, title, file_filter, str(start))
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.export_to(path)
