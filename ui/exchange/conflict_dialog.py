"""The conflicts of received packets, one decision per row (keep mine / take theirs).

The window's counterpart of ``exchange import --keep UUID / --take UUID``: the trial import
(``import_packets(dry_run=True)``) lists the conflicts, this dialog collects a decision for
each, and the caller passes them to the same ``import_packets`` as ``keep`` / ``take``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.exchange.conflict_rows import describe
from models.exchange.incoming import MINE, THEIRS, Conflict, Received
from ui import strings
from ui.shell import screen_fit

if TYPE_CHECKING:
    from models.store.db import Database

WHAT, FIELDS, HERE, THERE, DECISION = range(5)
_LABELS = {MINE: strings.EXCHANGE_KEEP_MINE, THEIRS: strings.EXCHANGE_TAKE_THEIRS}
_IDS = {MINE: 0, THEIRS: 1}  # the id of each choice's button in a row's group


def open_conflicts(results: list[Received]) -> list[tuple[Received, list[Conflict]]]:
    """The packets with undecided conflicts, each with those conflicts (decided ones are not
    asked again)."""
    found = []
    for result in results:
        pending = [c for c in result.conflicts if c.decision is None]
        if result.status == "conflicts" and pending:
            found.append((result, pending))
    return found


def _value(value: Any, missing: str) -> str:
    if value is None:
        return missing
    text = str(value)
    return text if text else strings.CONFLICT_EMPTY


class ConflictDialog(QDialog):
    """A table of the conflicts grouped by packet; per row two radio buttons (a wheel turn
    never changes them, unlike a combo box); import once every row is decided."""

    def __init__(self, db: Database, results: list[Received], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.CONFLICT_DIALOG_TITLE)
        self.resize(screen_fit.sized_for_screen(self, 1000, 620))
        groups = open_conflicts(results)
        self.choices: dict[str, QButtonGroup] = {}  # uuid -> its two buttons
        self.uuid_at: dict[int, str] = {}  # table row -> the conflict's uuid
        count = sum(len(conflicts) for _r, conflicts in groups)
        layout = QVBoxLayout(self)
        intro = QLabel(strings.CONFLICT_DIALOG_INTRO.format(count=count))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(strings.CONFLICT_HEADERS))
        self.table.setHorizontalHeaderLabels(list(strings.CONFLICT_HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (WHAT, HERE, THERE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (FIELDS, DECISION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for result, conflicts in groups:
            self._add_packet(db, result, conflicts)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        self.left = QLabel()
        layout.addWidget(self.left)
        buttons = QDialogButtonBox()
        self.all_mine = QPushButton(strings.CONFLICT_ALL_MINE)
        self.all_theirs = QPushButton(strings.CONFLICT_ALL_THEIRS)
        buttons.addButton(self.all_mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.all_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(
            strings.CONFLICT_IMPORT, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            strings.EXCHANGE_CANCEL, QDialogButtonBox.ButtonRole.RejectRole
        )
        self.all_mine.clicked.connect(lambda: self.decide_all(MINE))
        self.all_theirs.clicked.connect(lambda: self.decide_all(THEIRS))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def _add_packet(self, db: Database, result: Received, conflicts: list[Conflict]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        title = QTableWidgetItem(
            strings.CONFLICT_PACKET.format(
                name=result.sender.get("name", ""), seq=result.seq, count=len(conflicts)
            )
        )
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        title.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: no focus frame, no selection
        self.table.setItem(row, WHAT, title)
        self.table.setSpan(row, WHAT, 1, self.table.columnCount())
        for conflict in conflicts:
            self._add_conflict(db, conflict)

    def _add_conflict(self, db: Database, conflict: Conflict) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind, text = describe(db, conflict.table, conflict.uuid)
        if not text:  # not here (deleted here, or new there): what the packet says
            there = {col: after for col, (_h, _b, after) in conflict.columns.items()}
            text = str(there.get("text") or there.get("heading") or there.get("title") or "")
        what = strings.CONFLICT_KINDS.get(kind, kind)
        label = strings.CONFLICT_WHAT.format(what=what, text=text) if text else what
        how = strings.CONFLICT_OPS.get(conflict.op, conflict.op)
        why = strings.CONFLICT_REASONS.get(conflict.reason, conflict.reason)
        self._cell(row, WHAT, strings.CONFLICT_WHAT_LINE.format(what=label, how=how, why=why))
        gone_here = conflict.reason == "deleted_here"
        gone_there = conflict.op == "DELETE"
        fields, here, there = [], [], []
        for column, (mine, _before, theirs) in conflict.columns.items():
            fields.append(strings.FIELD_NAMES.get(column, column))
            here.append(
                _value(mine, strings.CONFLICT_GONE_HERE if gone_here else strings.CONFLICT_EMPTY)
            )
            there.append(
                _value(
                    theirs, strings.CONFLICT_GONE_THERE if gone_there else strings.CONFLICT_EMPTY
                )
            )
        self._cell(row, FIELDS, "\n".join(fields))
        self._cell(row, HERE, "\n".join(here))
        self._cell(row, THERE, "\n".join(there))
        cell = QWidget()
        row_layout = QHBoxLayout(cell)
        row_layout.setContentsMargins(4, 0, 4, 0)
        group = QButtonGroup(cell)  # exclusive; none checked until the user decides
        for decision, text in _LABELS.items():
            button = QRadioButton(text)
            group.addButton(button, _IDS[decision])
            row_layout.addWidget(button)
        if gone_here:  # an update cannot bring back a row deleted here (models/…/incoming)
            group.button(_IDS[MINE]).setChecked(True)
            group.button(_IDS[THEIRS]).setEnabled(False)
        group.idToggled.connect(self._update)
        self.table.setCellWidget(row, DECISION, cell)
        self.choices[conflict.uuid] = group
        self.uuid_at[row] = conflict.uuid

    def radios(self, row: int) -> tuple[QRadioButton, QRadioButton]:
        """The keep-mine and take-theirs buttons of a table row."""
        group = self.choices[self.uuid_at[row]]
        return group.button(_IDS[MINE]), group.button(_IDS[THEIRS])

    def _cell(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        self.table.setItem(row, column, item)

    def decide_all(self, decision: str) -> None:
        for group in self.choices.values():
            button = group.button(_IDS[decision])
            if button.isEnabled():
                button.setChecked(True)

    def undecided(self) -> int:
        return sum(group.checkedId() < 0 for group in self.choices.values())

    def _update(self) -> None:
        left = self.undecided()
        self.import_button.setEnabled(left == 0)
        self.left.setText(strings.CONFLICT_LEFT.format(count=left) if left else "")

    def decisions(self) -> dict[str, str]:
        """uuid -> mine / theirs for every decided row."""
        by_id = {index: decision for decision, index in _IDS.items()}
        return {
            uuid: by_id[group.checkedId()]
            for uuid, group in self.choices.items()
            if group.checkedId() >= 0
        }


def ask_decisions(
    parent: QWidget | None, db: Database, results: list[Received]
) -> dict[str, str] | None:
    """The user's decision per conflicting row (uuid -> mine / theirs); None when cancelled
    (tests replace this)."""
    dialog = ConflictDialog(db, results, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.decisions() if accepted and not dialog.undecided() else None
