"""The due list: every open task and checkpoint of all plans, with its light."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import clock, tracking
from models.exchange.county import label_items
from models.exchange.offices import plan_offices
from models.store.db import Database
from models.tracking import DueItem
from models.vocab import LIGHT, Light
from ui import strings
from ui.backup import db_jobs
from ui.tracking.delegates import LightDelegate, ProgressDelegate
from ui.tracking.due_list_model import (
    DueCol,
    DueFilterProxy,
    DueListModel,
    DueSummary,
    LightRole,
    NodeIdRole,
    SortRole,
)

log = logging.getLogger(__name__)

# The table model, proxy and counts live in ui/tracking/due_list_model.py; re-exported so that
# `from ui.tracking.due_list_view import X` keeps working.
__all__ = [
    "DueCol",
    "DueFilterProxy",
    "DueListModel",
    "DueListView",
    "DueSummary",
    "GROUP_COLUMN",
    "LightRole",
    "NodeIdRole",
    "SHOW_CHUNK",
    "SortRole",
]


SHOW_CHUNK = 5000  # rows a background reload adds to the view per turn of the event loop


GROUP_COLUMN = {
    "owner_unit": DueCol.UNIT,
    "lead_leader": DueCol.LEADER,
    "plan": DueCol.PLAN,
    "light": DueCol.LIGHT,
}


class DueListView(QWidget):
    """The due list: counts at the top, group and filter combos, the list; double-click opens.

    Signals:
        node_activated(int): the user double-clicked an item (its task id).
    """

    node_activated = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DueListModel(db, self)
        self._group_values: list[Any] = []
        self._generation = 0
        self._loading: int | None = None
        self.proxy = DueFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("due_counts")
        self.today_label = QLabel(self)
        self.refresh_button = QPushButton(strings.DUE_REFRESH, self)
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.today_label)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        bar = QHBoxLayout()
        self.group_combo = QComboBox(self)
        for key, text in strings.DUE_GROUPS:
            self.group_combo.addItem(text, key)
        self.unit_combo = QComboBox(self)
        self.leader_combo = QComboBox(self)
        self.plan_combo = QComboBox(self)
        self.light_combo = QComboBox(self)
        self.office_combo = QComboBox(self)  # shown once plans of other offices came in
        self._office_plans: dict[str, frozenset[int]] = {}
        bar.addWidget(QLabel(strings.DUE_GROUP, self))
        for w in (
            self.group_combo,
            self.light_combo,
            self.unit_combo,
            self.leader_combo,
            self.plan_combo,
            self.office_combo,
        ):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            w.setMinimumContentsLength(8)
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        # one row per group with its counts by light; a click filters the list to the group
        # the counts follow tracking.LIGHTS (see _fill_groups), so do their headers
        headers = [strings.DUE_GROUP_FIRST, *(light.label for light in tracking.LIGHTS)]
        headers.append(strings.DUE_GROUP_TOTAL)
        self.groups_table = QTableWidget(0, len(headers), self)
        self.groups_table.setObjectName("due_groups")
        self.groups_table.setHorizontalHeaderLabels(headers)
        self.groups_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.groups_table.verticalHeader().setVisible(False)
        self.groups_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.groups_table.setMaximumHeight(160)
        self.groups_table.hide()
        layout.addWidget(self.groups_table)
        self.table = QTableView(self)
        self.table.setObjectName("due_table")
        self.table.setModel(self.proxy)
        # Sorting is done by the model (see DueListModel.sort), not by the proxy.
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(DueCol.LIGHT, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._on_header_clicked)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        for col, width in (
            (DueCol.LIGHT, 34),
            (DueCol.KIND, 44),
            (DueCol.PLAN, 160),
            (DueCol.YEAR, 48),
            (DueCol.TEXT, 320),
            (DueCol.CHECKPOINT, 70),
            (DueCol.DUE, 90),
            (DueCol.UNIT, 100),
            (DueCol.LEADER, 80),
            (DueCol.PROGRESS, 90),
        ):
            self.table.setColumnWidth(col, width)
        self.table.setItemDelegateForColumn(DueCol.LIGHT, LightDelegate(LightRole, self.table))
        self.table.setItemDelegateForColumn(DueCol.PROGRESS, ProgressDelegate(self.table))
        layout.addWidget(self.table, 1)
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.office_combo.currentIndexChanged.connect(lambda _i: self._on_office())
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.group_combo.currentIndexChanged.connect(lambda _i: self._apply_group())
        self.groups_table.cellClicked.connect(lambda row, _col: self._on_group_clicked(row))
        for combo, key in (
            (self.unit_combo, "owner_unit"),
            (self.leader_combo, "lead_leader"),
            (self.plan_combo, "plan_id"),
            (self.light_combo, "light"),
        ):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, k=key: self._on_filter(k, c.currentData())
            )

    def set_database(self, db: Database) -> None:
        """Another database was opened."""
        self._generation += 1
        self._loading = None
        self.model.set_database(db)
        self._after_reload()

    def reload(self, today: dt.date | None = None) -> None:
        """Rebuild the list (and the choices of the filters) from the database."""
        self._generation += 1  # a background reload still running is outdated now
        self._loading = None
        self.model.reload(today)
        self._after_items()

    def _after_items(self, summary: DueSummary | None = None) -> None:
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() not in (DueCol.LIGHT, -1) or (
            header.sortIndicatorOrder() != Qt.SortOrder.AscendingOrder
        ):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._after_reload(summary)

    @property
    def loading(self) -> bool:
        """True while a background reload runs (its result is not shown yet)."""
        return self._loading is not None

    def reload_in_background(self, today: dt.date | None = None) -> None:
        """Rebuild the list from a query in a job (ui/backup/db_jobs.py); the newest request wins.

        The rows shown stay until the new ones arrive; if the query fails the list is
        rebuilt on the UI thread, so the error is the same as before.
        """
        self._generation += 1
        generation = self._loading = self._generation
        day = today or clock.today()
        db_shown = self.model.db

        def current() -> bool:
            # the newest request, and the file is still the one shown (not closed at exit)
            return (
                generation == self._generation and self.model.db is db_shown and not db_shown.closed
            )

        def query(db: Database) -> tuple[list[DueItem], DueSummary]:
            items = tracking.due_list(db, day)
            label_items(db, items)
            return items, DueSummary.of(items)

        def show(result: tuple[list[DueItem], DueSummary]) -> None:
            if not current():
                return
            items, summary = result
            self.model.set_items(items[:SHOW_CHUNK], day)
            rest = items[SHOW_CHUNK:]

            # The rest is added a slice at a time from the event loop: the proxy filters
            # each new row in Python, 100,000 rows at once blocked the window 0.2 s.
            def feed() -> None:
                nonlocal rest
                if not current():
                    return
                if rest:
                    self.model.append_items(rest[:SHOW_CHUNK])
                    rest = rest[SHOW_CHUNK:]
                    QTimer.singleShot(0, feed)
                    return
                self._loading = None
                self._after_items(summary)

            feed()

        def failed(_exc: Exception) -> None:
            if current():
                self.reload(day)

        db_jobs.start_query(self, self.model.db.path, query, show, failed)

    def refresh_tasks(self, task_ids: set[int] | frozenset[int]) -> None:
        """Some tasks changed: update their rows, or rebuild when rows come or go."""
        if self.loading:  # the query under way may predate the change: ask again
            self.reload_in_background(self.model.today)
        elif not self.model.refresh_tasks(task_ids):
            self.reload_in_background(self.model.today)
        else:
            self.counts_label.setText(strings.DUE_COUNTS.format(**self.counts()))

    def counts(self) -> dict[str, int]:
        """Items per light of the whole list (before filtering)."""
        return tracking.count_lights(self.model.items)

    def _after_reload(self, summary: DueSummary | None = None) -> None:
        summary = summary or DueSummary.of(self.model.items)
        self._fill_groups()
        counts = summary.lights
        self.counts_label.setText(strings.DUE_COUNTS.format(**counts))
        if self.model.today is not None:
            self.today_label.setText(strings.DUE_TODAY.format(date=self.model.today.isoformat()))
        self._fill(
            self.unit_combo,
            strings.DUE_ANY_UNIT,
            [
                (n, f"{n or strings.TABLE_EMPTY} ({c})")
                for n, c in sorted(summary.units.items())
                if n
            ],
        )
        self._fill(
            self.leader_combo,
            strings.DUE_ANY_LEADER,
            [(n, f"{n} ({c})") for n, c in sorted(summary.leaders.items()) if n],
        )
        self._fill(
            self.plan_combo,
            strings.DUE_ANY_PLAN,
            [(pid, f"{title} ({count})") for pid, (title, count) in summary.plans.items()],
        )
        self._fill(
            self.light_combo,
            strings.DUE_ANY_LIGHT,
            [(code, f"{LIGHT[code]} ({counts[code]})") for code in tracking.LIGHTS],
        )
        self._fill_offices(summary)

    def _fill_offices(self, summary: DueSummary) -> None:
        """The office filter: this office and each office whose plans have items here."""
        owners = plan_offices(self.model.db)
        plans: dict[str, set[int]] = {}
        counts: dict[str, int] = {}
        for pid, (_title, count) in summary.plans.items():
            name = owners.get(pid, strings.DUE_OWN_OFFICE)
            plans.setdefault(name, set()).add(pid)
            counts[name] = counts.get(name, 0) + count
        self._office_plans = {name: frozenset(ids) for name, ids in plans.items()}
        self.office_combo.setVisible(bool(owners))
        names = sorted(plans, key=lambda n: (n != strings.DUE_OWN_OFFICE, n))
        self._fill(
            self.office_combo,
            strings.DUE_ANY_OFFICE,
            [(n, f"{n} ({counts[n]})") for n in names],
        )
        self._on_office()

    def _on_office(self) -> None:
        name = self.office_combo.currentData()
        wanted = self._office_plans.get(name, frozenset()) if name is not None else None
        if wanted != self.proxy.filters["plan_ids"]:
            self.proxy.set_filter("plan_ids", wanted)

    @staticmethod
    def _fill(combo: QComboBox, any_text: str, entries: list[tuple[Any, str]]) -> None:
        current = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem(any_text, None)
            for data, text in entries:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)

    def _on_filter(self, key: str, value: Any) -> None:
        self.proxy.set_filter(key, value)

    def _apply_group(self) -> None:
        """Grouping: the items of a group together (sorted by the key) and a table of the
        groups with their counts by light; a click on a group filters the list to it."""
        key = self.group_combo.currentData()
        self.sort_by(GROUP_COLUMN.get(key, DueCol.LIGHT), Qt.SortOrder.AscendingOrder)
        self._fill_groups()

    def _group_key(self, item: DueItem) -> tuple[Any, str]:
        """(filter value, label) of an item's group under the current grouping."""
        key = self.group_combo.currentData()
        if key == "plan":
            return item.plan_id, item.plan_title
        if key == "light":
            return item.light, LIGHT[item.light]
        value = getattr(item, key) or ""
        return value, value or strings.TABLE_EMPTY

    def _fill_groups(self) -> None:
        key = self.group_combo.currentData()
        self.groups_table.setVisible(bool(key))
        if not key:
            return
        groups: dict[Any, tuple[str, dict[str, int]]] = {}
        for item in self.model.items:
            value, text = self._group_key(item)
            counts = groups.setdefault(value, (text, dict.fromkeys(tracking.LIGHTS, 0)))[1]
            counts[item.light] += 1
        # the groups with the most red, then yellow items first
        order = sorted(
            groups.items(), key=lambda g: (-g[1][1][Light.RED], -g[1][1][Light.YELLOW], g[1][0])
        )
        self.groups_table.setRowCount(len(order))
        self._group_values = [value for value, _ in order]
        for r, (_value, (text, counts)) in enumerate(order):
            cells = [text, *(str(counts[x]) for x in tracking.LIGHTS), str(sum(counts.values()))]
            for c, cell in enumerate(cells):
                self.groups_table.setItem(r, c, QTableWidgetItem(cell))

    def _on_group_clicked(self, row: int) -> None:
        key = self.group_combo.currentData()
        combo = {
            "owner_unit": self.unit_combo,
            "lead_leader": self.leader_combo,
            "plan": self.plan_combo,
            "light": self.light_combo,
        }.get(key)
        if combo is None or not 0 <= row < len(self._group_values):
            return
        value = self._group_values[row]
        if key == "owner_unit" and not value:
            return  # items without a unit: no filter value for them
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the list by a column (light and due date break ties)."""
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.model.sort(column, order)

    def _on_header_clicked(self, column: int) -> None:
        # the header already flipped its indicator on the click
        self.model.sort(column, self.table.horizontalHeader().sortIndicatorOrder())

    def set_light_filter(self, light: str | None) -> None:
        """Show only one light (None: all)."""
        self.light_combo.setCurrentIndex(max(self.light_combo.findData(light), 0))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        node_id = index.data(NodeIdRole)
        if node_id is not None:
            self.node_activated.emit(int(node_id))
