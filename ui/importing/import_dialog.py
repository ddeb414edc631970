"""The import preview: the source text beside the recognised tree, adjusted before import.

Opened by ui/importing/import_controller.py with the parsed result; its Import button ends in the
controller's ``store`` (one ``CreatePlanCommand`` for every included plan).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.importing import ImportResult
from models.importing.patterns import RUN_IN_MARKS
from models.importing.preview import (
    SUMMARY_MODES,
    PreviewPlan,
    chrome_lines,
    keep_notice,
    merge_with_next,
    notice_kept,
    previews_of,
    set_role,
    set_summary_mode,
    simplify,
    split_row,
    summary_mode,
    to_document,
)
from models.vocab import RECURRENCE, label
from ui import messages, strings

log = logging.getLogger(__name__)

SETTINGS_GEOMETRY = "import/geometry"
RowRole = Qt.ItemDataRole.UserRole + 1  # (plan index, row index) of a tree item
MAX_LEVEL = 4
# the frequency hints of a task line: the recurrence rules, and the "regular" work
_FREQUENCY = {**RECURRENCE, "regular": strings.IMPORT_FREQUENCY_REGULAR}


class ImportDialog(QDialog):
    """The preview: source text on the left, the recognised plans on the right.

    Signals:
        import_requested(list): the JSON documents of the included plans.
    """

    import_requested = Signal(list)

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.plans: list[PreviewPlan] = previews_of(result)
        self.chrome_lines = chrome_lines(result)
        self.setWindowTitle(strings.IMPORT_DIALOG_TITLE.format(name=Path(result.path).name))
        self._create_widgets()
        self._connect_signals()
        self.rebuild()
        geometry = QSettings().value(SETTINGS_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    # ------------------------------------------------------------ construction
    def _create_widgets(self) -> None:
        self.source = QPlainTextEdit(self)
        self.source.setReadOnly(True)
        self.source.setPlainText(self.result.stream)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(strings.IMPORT_HEADERS))
        self.tree.setColumnWidth(0, 420)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setEditTriggers(
            QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed
        )
        self.title_edit = QLineEdit(self)
        self.year_edit = QLineEdit(self)
        self.org_edit = QLineEdit(self)
        self.doc_number_edit = QLineEdit(self)
        form = QFormLayout()
        form.addRow(strings.IMPORT_FIELD_TITLE, self.title_edit)
        form.addRow(strings.IMPORT_FIELD_YEAR, self.year_edit)
        form.addRow(strings.IMPORT_FIELD_ORG, self.org_edit)
        form.addRow(strings.IMPORT_FIELD_DOC_NUMBER, self.doc_number_edit)
        # what was recognised, and the choices that override it
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.keep_notice_box = QCheckBox(strings.IMPORT_KEEP_NOTICE, self)
        self.summary_box = QComboBox(self)
        for mode in SUMMARY_MODES:
            self.summary_box.addItem(strings.IMPORT_SUMMARY_MODES[mode], mode)
        self.summary_label = QLabel(strings.IMPORT_SUMMARY_AS, self)
        self.simplify_box = QCheckBox(strings.IMPORT_SIMPLIFY, self)
        choices = QHBoxLayout()
        for widget in (self.keep_notice_box, self.summary_label, self.summary_box):
            choices.addWidget(widget)
        choices.addWidget(self.simplify_box)
        choices.addStretch(1)

        self.role_actions: dict[str, QAction] = {}
        for level in range(1, MAX_LEVEL + 1):
            self._role_action(
                f"heading{level}", strings.IMPORT_SET_HEADING.format(level=level), "heading", level
            )
        self._role_action("task", strings.IMPORT_SET_TASK, "task")
        self._role_action("body", strings.IMPORT_SET_BODY, "body")
        self._role_action("drop", strings.IMPORT_SET_DROP, "drop")
        self.merge_action = QAction(strings.IMPORT_MERGE, self)
        self.split_action = QAction(strings.IMPORT_SPLIT, self)

        buttons_row = QHBoxLayout()
        for key in ("heading1", "heading2", "heading3", "task", "body", "drop"):
            buttons_row.addWidget(self._button(self.role_actions[key]))
        buttons_row.addWidget(self._button(self.merge_action))
        buttons_row.addWidget(self._button(self.split_action))
        buttons_row.addStretch(1)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(strings.IMPORT_PREVIEW, right))
        right_layout.addWidget(self.tree, 1)
        right_layout.addLayout(buttons_row)
        right_layout.addWidget(self.notes)
        right_layout.addLayout(choices)
        right_layout.addLayout(form)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(strings.IMPORT_SOURCE, left))
        left_layout.addWidget(self.source, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([420, 780])

        self.summary = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            strings.IMPORT_OK, QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _role_action(self, key: str, text: str, role: str, level: int = 1) -> None:
        action = QAction(text, self)
        action.triggered.connect(
            lambda _checked=False, r=role, lv=level: self.set_current_role(r, lv)
        )
        self.role_actions[key] = action

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.clicked.connect(action.trigger)
        return button

    def _connect_signals(self) -> None:
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.merge_action.triggered.connect(self.merge_current)
        self.split_action.triggered.connect(self.split_current)
        self.title_edit.editingFinished.connect(self._on_plan_fields_edited)
        self.year_edit.editingFinished.connect(self._on_plan_fields_edited)
        self.org_edit.editingFinished.connect(self._on_plan_fields_edited)
        self.doc_number_edit.editingFinished.connect(self._on_plan_fields_edited)
        self.keep_notice_box.toggled.connect(self._on_keep_notice)
        self.summary_box.activated.connect(self._on_summary_mode)
        self.simplify_box.toggled.connect(self._on_simplify)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self._on_import_clicked)

    # ------------------------------------------------------------ the tree
    def rebuild(self, select: tuple[int, int] | None = None) -> None:
        """Fill the tree from the preview rows (after every change)."""
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        for pi, plan in enumerate(self.plans):
            top = QTreeWidgetItem([plan.title, strings.IMPORT_ROLE_PLAN, self._plan_hint(plan)])
            top.setData(0, RowRole, (pi, -1))
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(0, Qt.CheckState.Checked if plan.include else Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(top)
            stack: list[QTreeWidgetItem] = []
            for ri, row in enumerate(plan.rows):
                item = QTreeWidgetItem(
                    [self._row_text(row), self._role_text(row), self._hint_text(row)]
                )
                item.setData(0, RowRole, (pi, ri))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)  # fix a typo or a cut
                if row.role == "heading":
                    level = min(row.level, len(stack) + 1)
                    del stack[level - 1 :]
                    (stack[-1] if stack else top).addChild(item)
                    stack.append(item)
                else:
                    (stack[-1] if stack else top).addChild(item)
                if row.role == "drop":
                    item.setForeground(0, self.palette().placeholderText())
                if select == (pi, ri):
                    chosen = item
            if select == (pi, -1):
                chosen = top
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is None and self.tree.topLevelItemCount():
            chosen = self.tree.topLevelItem(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._update_summary()

    @staticmethod
    def _row_text(row: Any) -> str:
        return row.text + (row.run_in or "") if row.role == "heading" else row.text

    @staticmethod
    def _role_text(row: Any) -> str:
        if row.role == "heading":
            return strings.IMPORT_ROLE_HEADING.format(level=row.level)
        if row.role == "body" and row.origin:
            return strings.IMPORT_ROLE_ORIGIN[row.origin]
        return {
            "task": strings.IMPORT_ROLE_TASK,
            "body": strings.IMPORT_ROLE_BODY,
            "drop": strings.IMPORT_ROLE_DROP,
        }[row.role]

    @staticmethod
    def _hint_text(row: Any) -> str:
        if row.role != "task":
            return ""
        f = row.fields
        parts = []
        if f.get("deadline"):
            parts.append(strings.IMPORT_HINT_DEADLINE.format(value=f["deadline"]))
        if f.get("target"):
            parts.append(strings.IMPORT_HINT_TARGET.format(value=f["target"]))
        if f.get("frequency"):
            parts.append(
                strings.IMPORT_HINT_FREQUENCY.format(value=label(_FREQUENCY, f["frequency"]))
            )
        if f.get("lead_leader"):
            parts.append(strings.IMPORT_HINT_LEADER.format(value=f["lead_leader"]))
        if f.get("owner_unit"):
            parts.append(strings.IMPORT_HINT_UNIT.format(value=f["owner_unit"]))
        return "  ".join(parts)

    @staticmethod
    def _plan_hint(plan: PreviewPlan) -> str:
        return "  ".join(str(x) for x in (plan.year, plan.organization) if x)

    def _update_summary(self) -> None:
        included = [p for p in self.plans if p.include]
        sections = sum(p.counts()[0] for p in included)
        tasks = sum(p.counts()[1] for p in included)
        self.summary.setText(
            strings.IMPORT_SUMMARY.format(plans=len(included), sections=sections, tasks=tasks)
        )
        self.import_button.setEnabled(bool(included))

    # ------------------------------------------------------------ selection
    def current_position(self) -> tuple[int, int] | None:
        """(plan index, row index) of the current tree item; row -1 for a plan item."""
        item = self.tree.currentItem()
        return None if item is None else item.data(0, RowRole)

    def select_row(self, plan_index: int, row_index: int) -> None:
        """Make the item of a preview row current (tests and keyboard users)."""
        self.rebuild(select=(plan_index, row_index))

    def _on_tree_current_changed(self, current: QTreeWidgetItem | None, _prev: Any) -> None:
        pos = None if current is None else current.data(0, RowRole)
        if pos is None:
            return
        plan = self.plans[pos[0]]
        self.title_edit.setText(plan.title)
        self.year_edit.setText("" if plan.year is None else str(plan.year))
        self.org_edit.setText(plan.organization or "")
        self.doc_number_edit.setText(plan.doc_number or "")
        self._show_recognition(pos[0])
        is_row = pos[1] >= 0
        for action in self.role_actions.values():
            action.setEnabled(is_row)
        self.merge_action.setEnabled(is_row and pos[1] + 1 < len(plan.rows))
        self.split_action.setEnabled(is_row and plan.rows[pos[1]].role == "task")
        if is_row:
            self._show_in_source(plan.rows[pos[1]].text)

    # ------------------------------------------------------------ what was recognised
    def _show_recognition(self, index: int) -> None:
        """The notes and choices of plan ``index`` (cover notice, summary part, script, chrome)."""
        plan = self.plans[index]
        main = plan.summary_of if plan.summary_of is not None else index
        notes = []
        if plan.notice_title:
            notes.append(strings.IMPORT_NOTE_NOTICE.format(title=plan.notice_title))
        if plan.summary_of is not None:
            notes.append(strings.IMPORT_NOTE_SUMMARY_PLAN.format(title=self.plans[main].title))
        elif plan.has_summary:
            notes.append(strings.IMPORT_NOTE_SUMMARY)
        if plan.traditional:
            notes.append(strings.IMPORT_NOTE_TRADITIONAL)
        if self.chrome_lines:
            notes.append(strings.IMPORT_NOTE_CHROME.format(count=self.chrome_lines))
        self.notes.setText(strings.IMPORT_NOTE_SEPARATOR.join(notes))
        self.notes.setVisible(bool(notes))
        for widget in (self.keep_notice_box, self.summary_box, self.simplify_box):
            widget.blockSignals(True)
        self.keep_notice_box.setVisible(bool(plan.notice_title))
        self.keep_notice_box.setChecked(notice_kept(plan))
        has_summary = self.plans[main].has_summary
        self.summary_label.setVisible(has_summary)
        self.summary_box.setVisible(has_summary)
        if has_summary:
            mode = summary_mode(self.plans, main)
            self.summary_box.setCurrentIndex(SUMMARY_MODES.index(mode))
        self.simplify_box.setVisible(plan.traditional)
        self.simplify_box.setChecked(plan.simplified)
        self.simplify_box.setEnabled(not plan.simplified)  # the conversion is one-way
        for widget in (self.keep_notice_box, self.summary_box, self.simplify_box):
            widget.blockSignals(False)

    def _current_plan_index(self) -> int | None:
        pos = self.current_position()
        return None if pos is None else pos[0]

    def _on_keep_notice(self, checked: bool) -> None:
        index = self._current_plan_index()
        if index is not None:
            keep_notice(self.plans[index], checked)
            self.rebuild(select=(index, -1))

    def _on_summary_mode(self, _i: int) -> None:
        index = self._current_plan_index()
        if index is None:
            return
        main = self.plans[index].summary_of
        main = index if main is None else main
        set_summary_mode(self.plans, main, self.summary_box.currentData())
        self.rebuild(select=(index, -1))

    def _on_simplify(self, checked: bool) -> None:
        index = self._current_plan_index()
        if index is None or not checked:
            return
        for plan in self.plans:  # one file, one script: convert every plan of it
            if plan.traditional and not plan.simplified:
                simplify(plan)
        self.rebuild(select=(index, -1))

    def _show_in_source(self, text: str) -> None:
        """Select the row's text in the source pane (its first characters are enough)."""
        needle = text.strip()[:12]
        if not needle:
            return
        cursor = self.source.document().find(needle, 0, QTextDocument.FindFlag(0))
        if not cursor.isNull():
            self.source.setTextCursor(cursor)
            self.source.centerCursor()
        else:
            self.source.moveCursor(QTextCursor.MoveOperation.Start)

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        pos = item.data(0, RowRole)
        if column != 0 or pos is None:
            return
        if pos[1] == -1:
            self.plans[pos[0]].include = item.checkState(0) == Qt.CheckState.Checked
            self._update_summary()
            return
        row = self.plans[pos[0]].rows[pos[1]]
        text = item.text(0).strip()
        if text == self._row_text(row) or not text:
            return
        if row.role == "heading":
            # a run-in mark typed (or kept) at the end stays the run-in mark
            mark = text[-1] if text[-1] in RUN_IN_MARKS else None
            row.text, row.run_in = (text[:-1], mark) if mark else (text, None)
        else:
            row.text = text

    def _on_tree_context_menu(self, point: Any) -> None:
        menu = QMenu(self)
        menu.addActions(list(self.role_actions.values()))
        menu.addSeparator()
        menu.addActions([self.merge_action, self.split_action])
        menu.popup(self.tree.viewport().mapToGlobal(point))

    # ------------------------------------------------------------ edits
    def set_current_role(self, role: str, level: int = 1) -> None:
        """Change the current row's role (heading of ``level``, task, body, drop)."""
        pos = self.current_position()
        if pos is None or pos[1] < 0:
            return
        set_role(self.plans[pos[0]], pos[1], role, level)
        self.rebuild(select=pos)

    def merge_current(self) -> None:
        """Merge the current row with the next one."""
        pos = self.current_position()
        if pos is None or pos[1] < 0:
            return
        if merge_with_next(self.plans[pos[0]], pos[1]):
            self.rebuild(select=pos)

    def split_current(self) -> None:
        """Split the current task at its sentence ends."""
        pos = self.current_position()
        if pos is None or pos[1] < 0:
            return
        split_row(self.plans[pos[0]], pos[1])
        self.rebuild(select=pos)

    def _on_plan_fields_edited(self) -> None:
        pos = self.current_position()
        if pos is None:
            return
        plan = self.plans[pos[0]]
        plan.title = self.title_edit.text().strip() or plan.title
        year = self.year_edit.text().strip()
        plan.year = int(year) if year.isdigit() else None
        plan.organization = self.org_edit.text().strip() or None
        plan.doc_number = self.doc_number_edit.text().strip() or None
        top = self.tree.topLevelItem(pos[0])
        if top is not None:
            self.tree.blockSignals(True)
            top.setText(0, plan.title)
            top.setText(2, self._plan_hint(plan))
            self.tree.blockSignals(False)

    def documents(self) -> list[dict[str, Any]]:
        """The included plans in the JSON shape of ``import --json``."""
        return [to_document(p) for p in self.plans if p.include]

    def _on_import_clicked(self) -> None:
        self._on_plan_fields_edited()
        docs = self.documents()
        if not docs:
            messages.show_info(self, strings.IMPORT_OPEN_TITLE, strings.IMPORT_NOTHING)
            return
        QSettings().setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self.import_requested.emit(docs)
        self.accept()
