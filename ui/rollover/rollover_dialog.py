"""Rollover in the GUI: the options dialog, the undoable command, and the review list."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import outline, rollover
from models.errors import PlanDeskError
from models.store import backup
from models.text.numbering import outline_numbers
from models.text.years import shift_years_in_text
from models.vocab import REVIEW_KIND, TASK_STATUS, NodeKind, label
from ui import messages, strings
from ui.commands.outline import CreatePlanCommand, InsertNodeCommand
from ui.host import Host
from ui.plain_text import plain_tip

if TYPE_CHECKING:
    from ui.document import Document

log = logging.getLogger(__name__)

# Custom data roles of a review row
ItemRole = Qt.ItemDataRole.UserRole + 1


@dataclass(slots=True)
class RolloverOptions:
    """What the user chose in the dialog."""

    year: int
    carry: str = "all"
    keep_people: bool = True
    keep_deadlines: bool = True


class RolloverDialog(QDialog):
    """Options of a rollover: the new year, which tasks to carry, what to keep."""

    def __init__(
        self, plan_title: str, plan_year: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.ROLLOVER_TITLE)
        layout = QVBoxLayout(self)
        source = QLabel(strings.ROLLOVER_SOURCE.format(title=plan_title), self)
        source.setWordWrap(True)
        layout.addWidget(source)
        form = QFormLayout()
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(1901, 2999)
        base = plan_year or 2024
        self.year_spin.setMinimum(base + 1)
        self.year_spin.setValue(base + 1)
        form.addRow(strings.ROLLOVER_YEAR, self.year_spin)
        carry_box = QWidget(self)
        carry_layout = QVBoxLayout(carry_box)
        carry_layout.setContentsMargins(0, 0, 0, 0)
        self.carry_all = QRadioButton(strings.ROLLOVER_CARRY_ALL, carry_box)
        self.carry_unfinished = QRadioButton(strings.ROLLOVER_CARRY_UNFINISHED, carry_box)
        self.carry_all.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.carry_all)
        group.addButton(self.carry_unfinished)
        carry_layout.addWidget(self.carry_all)
        carry_layout.addWidget(self.carry_unfinished)
        form.addRow(strings.ROLLOVER_CARRY, carry_box)
        self.keep_people = QCheckBox(strings.ROLLOVER_KEEP_PEOPLE, self)
        self.keep_people.setChecked(True)
        self.keep_deadlines = QCheckBox(strings.ROLLOVER_KEEP_DEADLINES, self)
        self.keep_deadlines.setChecked(True)
        form.addRow("", self.keep_people)
        form.addRow("", self.keep_deadlines)
        layout.addLayout(form)
        hint = QLabel(strings.ROLLOVER_HINT, self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def options(self) -> RolloverOptions:
        """The chosen options."""
        return RolloverOptions(
            year=self.year_spin.value(),
            carry="unfinished" if self.carry_unfinished.isChecked() else "all",
            keep_people=self.keep_people.isChecked(),
            keep_deadlines=self.keep_deadlines.isChecked(),
        )


def push_rollover(
    document: Document, plan_id: int, options: RolloverOptions
) -> rollover.RolloverResult:
    """Run the rollover as ONE undo step (a CreatePlanCommand); returns its result.

    Raises the PlanDeskError of a refused rollover (nothing is written then).
    """
    holder: dict[str, rollover.RolloverResult] = {}

    def create() -> int:
        result = rollover.rollover(
            document.db,
            plan_id,
            year=options.year,
            carry=options.carry,
            keep_people=options.keep_people,
            keep_deadlines=options.keep_deadlines,
        )
        holder["result"] = result
        return result.plan_id

    source = outline.get_plan(document.db, plan_id)
    title = shift_years_in_text(source.title, source.year or options.year - 1, options.year)[0]
    document.push(CreatePlanCommand(document, strings.UNDO_ROLLOVER.format(title=title), create))
    return holder["result"]


class AddBackTaskCommand(InsertNodeCommand):
    """Put a task that a rollover left out back into the new plan (undo removes it)."""

    def __init__(self, document: Document, new_plan_id: int, old_task_id: int) -> None:
        old = outline.get_node(document.db, old_task_id)
        short = old.text if len(old.text) <= 16 else old.text[:16] + "…"
        super().__init__(
            document, strings.UNDO_ADD_BACK.format(title=short), new_plan_id, None, None
        )
        self.old_task_id = old_task_id

    def _insert(self) -> int:
        return rollover.add_back(self.db, self.plan_id, self.old_task_id)


# ---------------------------------------------------------------- the review list
def item_where(item: rollover.ReviewItem, number: str = "") -> str:
    """Where a review item is: the plan's own field, a node's number, or the old plan."""
    if item.kind == rollover.LEFT_OUT:
        return strings.REVIEW_WHERE_OLD
    if item.node_id is None:
        return strings.REVIEW_WHERE_PLAN.format(
            field=strings.FIELD_NAMES.get(item.field or "", item.field or "")
        )
    return number


def item_detail(item: rollover.ReviewItem) -> str:
    """The short explanation shown before the text of a review item."""
    if item.kind in (rollover.STALE_YEAR, rollover.RELATIVE_WORD) and item.match:
        return strings.REVIEW_DETAIL_MATCH.format(match=item.match)
    if item.kind == rollover.UNFINISHED:
        text = strings.REVIEW_DETAIL_UNFINISHED.format(
            status=label(TASK_STATUS, item.old_status), progress=item.old_progress or 0
        )
        if item.overdue:
            text += strings.REVIEW_DETAIL_OVERDUE.format(date=item.old_due_date)
        return text
    if item.kind == rollover.CARRIED_TWICE:
        return strings.REVIEW_DETAIL_CARRIED.format(years=item.years)
    if item.kind == rollover.LEFT_OUT:
        return label(TASK_STATUS, item.old_status)
    return ""


def _where_in_plan(document: Document, plan_id: int) -> Callable[[int], str]:
    """node id → its outline number, or the section number plus an unnumbered task's ordinal."""
    nodes = outline.load_outline(document.db, plan_id)
    numbers = outline_numbers(nodes)
    by_id = {n.id: n for n in nodes}
    task_index: dict[int, int] = {}
    counter: dict[int | None, int] = {}
    for n in nodes:
        if n.kind == NodeKind.TASK:
            counter[n.parent_id] = counter.get(n.parent_id, 0) + 1
            task_index[n.id] = counter[n.parent_id]

    def where(node_id: int) -> str:
        node = by_id.get(node_id)
        if node is None:
            return ""
        if numbers.get(node_id) or node.kind != NodeKind.TASK:
            return numbers.get(node_id, "")
        parent = numbers.get(node.parent_id, "") if node.parent_id is not None else ""
        return parent + strings.REVIEW_WHERE_TASK.format(index=task_index[node_id])

    return where


# The order of the kinds in the review list: text to fix first, then what to decide.
_KIND_ORDER = {
    kind: i
    for i, kind in enumerate(
        (
            rollover.STALE_YEAR,
            rollover.RELATIVE_WORD,
            rollover.UNFINISHED,
            rollover.CARRIED_TWICE,
            rollover.LEFT_OUT,
        )
    )
}


class ReviewList(QTreeWidget):
    """The review items of a rollover: kind, where, what; activating one goes to it.

    Signals:
        node_activated(node_id): an item of a node was double-clicked (or Enter); for a
            task left out, the node is the task in last year's plan.
        plan_activated(plan_id): an item of the plan's title/preamble/closing was activated.
    """

    node_activated = Signal(int)
    plan_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(
            [strings.REVIEW_COL_KIND, strings.REVIEW_COL_WHERE, strings.REVIEW_COL_TEXT]
        )
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.itemActivated.connect(self._on_item_activated)

    def set_items(
        self, items: list[rollover.ReviewItem], number_of: Callable[[int], str] | None = None
    ) -> None:
        """Show review items; ``number_of(node_id)`` gives a node's outline number."""
        self.clear()
        for item in sorted(items, key=lambda i: _KIND_ORDER.get(i.kind, len(_KIND_ORDER))):
            number = number_of(item.node_id) if number_of and item.node_id is not None else ""
            detail = item_detail(item)
            row = QTreeWidgetItem(
                [
                    label(REVIEW_KIND, item.kind),
                    item_where(item, number),
                    f"{detail}  {item.text}" if detail else item.text,
                ]
            )
            row.setToolTip(2, plain_tip(item.text))
            row.setData(0, ItemRole, item)
            self.addTopLevelItem(row)

    def review_item(self, row: QTreeWidgetItem) -> rollover.ReviewItem:
        """The ReviewItem behind a row."""
        return row.data(0, ItemRole)

    def selected_review_items(self) -> list[rollover.ReviewItem]:
        """The ReviewItems of the selected rows."""
        return [self.review_item(r) for r in self.selectedItems()]

    def _on_item_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        item = self.review_item(row)
        if item.node_id is not None:
            self.node_activated.emit(item.node_id)
        elif item.kind == rollover.LEFT_OUT and item.old_node_id is not None:
            self.node_activated.emit(item.old_node_id)  # the task in last year's plan
        elif item.plan_id is not None:
            self.plan_activated.emit(item.plan_id)


class ReviewDialog(QDialog):
    """A non-modal window with the review list of one rollover.

    Signals:
        node_activated(node_id): go to this node of the new plan.
        plan_activated(plan_id): go to the new plan itself.
        compare_requested(old_plan_id, new_plan_id): the user wants the side-by-side view.
    """

    node_activated = Signal(int)
    plan_activated = Signal(int)
    compare_requested = Signal(int, int)

    def __init__(
        self,
        document: Document,
        result: rollover.RolloverResult,
        number_of: Callable[[int], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.result = result
        if number_of is None:
            number_of = _where_in_plan(document, result.plan_id)
        title = outline.get_plan(document.db, result.plan_id).title
        self.setWindowTitle(strings.REVIEW_TITLE.format(title=title))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        help_label = QLabel(strings.REVIEW_HELP if result.review else strings.REVIEW_EMPTY, self)
        layout.addWidget(help_label)
        self.review_list = ReviewList(self)
        self.review_list.set_items(result.review, number_of)
        layout.addWidget(self.review_list, 1)
        row = QHBoxLayout()
        self.add_back_button = QPushButton(strings.REVIEW_ADD_BACK, self)
        self.add_back_button.setEnabled(False)
        self.add_back_button.setVisible(any(i.kind == rollover.LEFT_OUT for i in result.review))
        row.addWidget(self.add_back_button)
        self.compare_button = QPushButton(strings.REVIEW_COMPARE, self)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.review_list.node_activated.connect(self.node_activated)
        self.review_list.plan_activated.connect(self.plan_activated)
        self.review_list.itemSelectionChanged.connect(self._on_selection_changed)
        self.add_back_button.clicked.connect(self._on_add_back_clicked)
        self.compare_button.clicked.connect(
            lambda: self.compare_requested.emit(result.source_plan_id, result.plan_id)
        )

    def _left_out_rows(self) -> list[QTreeWidgetItem]:
        return [
            r
            for r in self.review_list.selectedItems()
            if self.review_list.review_item(r).kind == rollover.LEFT_OUT and not r.data(1, ItemRole)
        ]

    def _on_selection_changed(self) -> None:
        self.add_back_button.setEnabled(bool(self._left_out_rows()))

    def _on_add_back_clicked(self) -> None:
        for row in self._left_out_rows():
            item = self.review_list.review_item(row)
            try:
                node_id = self.document.push(
                    AddBackTaskCommand(self.document, self.result.plan_id, item.old_node_id)
                )
            except PlanDeskError as exc:
                messages.show_error(self, exc)
                return
            row.setData(1, ItemRole, node_id)
            row.setText(1, strings.REVIEW_ADDED_BACK)
            log.info("added task %s back into plan %s", item.old_node_id, self.result.plan_id)
        self._on_selection_changed()


def start_rollover(
    parent: QWidget,
    document: Document,
    plan_id: int | None,
    on_done: Callable[[rollover.RolloverResult, ReviewDialog], None] | None = None,
) -> RolloverDialog | None:
    """The whole GUI flow: options dialog (window-modal, not blocking), command, review.

    ``on_done(result, review_dialog)`` lets the window connect the review's click-through
    and select the new plan. Returns the options dialog (tests press its buttons).
    """
    if plan_id is None:
        messages.show_info(parent, strings.ROLLOVER_TITLE, strings.ROLLOVER_NO_PLAN)
        return None
    plan = outline.get_plan(document.db, plan_id)
    dialog = RolloverDialog(plan.title, plan.year, parent)

    def accepted() -> None:
        options = dialog.options()
        try:
            rollover.check_options(document.db, plan_id, year=options.year, carry=options.carry)
            try:  # insurance only: the old plan is never changed and the rollover can be undone
                backup.backup_before(document.db, "rollover")
            except PlanDeskError as exc:
                log.warning("backup before rollover failed: %s", exc)
            result = push_rollover(document, plan_id, options)
        except PlanDeskError as exc:
            log.warning("rollover of plan %s refused: %s", plan_id, exc)
            messages.show_error(parent, exc)
            return
        review = ReviewDialog(document, result, parent=parent)
        review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_done is not None:
            on_done(result, review)
        review.show()

    dialog.accepted.connect(accepted)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


# ---------------------------------------------------------------- wiring into the window
def open_rollover(window: Host) -> RolloverDialog | None:
    """Plan → Draft next year's plan…: run the flow for the current plan of the main window."""
    document = window.document

    def done(result: rollover.RolloverResult, review: ReviewDialog) -> None:
        review.node_activated.connect(window.select_node)
        review.plan_activated.connect(window.select_plan)
        review.compare_requested.connect(lambda a, b: open_compare(window, a, b))
        window.select_plan(result.plan_id)
        title = outline.get_plan(document.db, result.plan_id).title
        window.show_status(strings.ROLLOVER_DONE.format(title=title, count=len(result.review)))

    return start_rollover(window, document, window.current_plan_id(), done)


def open_compare(window: Host, plan_a: int | None = None, plan_b: int | None = None) -> QDialog:
    """Plan → Compare two plans…: a non-modal comparison, the current plan on the right."""
    from ui.rollover.compare_dialog import CompareDialog

    if plan_b is None:
        plan_b = window.current_plan_id()
    dialog = CompareDialog(window.document, plan_b=plan_b, plan_a=plan_a, parent=window)
    dialog.node_activated.connect(window.select_node)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    return dialog


def install(window: Host) -> None:
    """Add the rollover and comparison entries to the Plan menu, and the task history box.

    Called once by the main window; the history box follows the open database.
    """
    menu = window.plan_menu
    menu.addSeparator()
    rollover_action = window.add_action(
        menu,
        strings.ACT_ROLLOVER,
        lambda: open_rollover(window),
        key="rollover",
        tip=strings.TIP_ROLLOVER,
    )
    compare_action = window.add_action(
        menu,
        strings.ACT_COMPARE,
        lambda: open_compare(window),
        key="compare",
        tip=strings.TIP_COMPARE,
    )
    window.tree_context_actions.extend([rollover_action, compare_action])
    history = window.task_panel.history
    history.node_activated.connect(window.select_node)
    window.document_replaced.connect(lambda doc: history.set_database(doc.db))
    if window.document is not None:
        history.set_database(window.document.db)
