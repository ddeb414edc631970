"""The due list: every open task and checkpoint of all plans, with its light."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
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
from models.vocab import LIGHT
from ui import db_jobs, strings
from ui.delegates import LightDelegate, ProgressDelegate
from ui.plain_text import plain_tip

log = logging.getLogger(__name__)

NodeIdRole = Qt.ItemDataRole.UserRole + 20
LightRole = Qt.ItemDataRole.UserRole + 21
SortRole = Qt.ItemDataRole.UserRole + 22

_Index = QModelIndex | QPersistentModelIndex
_LIGHT_RANK = {"red": 0, "yellow": 1, "green": 2, "grey": 3}
SHOW_CHUNK = 5000  # rows a background reload adds to the view per turn of the event loop


class DueCol(IntEnum):
    """Columns of the due list; headers from strings.DUE_HEADERS."""

    LIGHT = 0
    KIND = 1
    PLAN = 2
    YEAR = 3
    TEXT = 4
    CHECKPOINT = 5
    DUE = 6
    UNIT = 7
    LEADER = 8
    PROGRESS = 9


GROUP_COLUMN = {
    "owner_unit": DueCol.UNIT,
    "lead_leader": DueCol.LEADER,
    "plan": DueCol.PLAN,
    "light": DueCol.LIGHT,
}


class DueListModel(QAbstractTableModel):
    """A read-only table over the items of models.tracking.due_list()."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self.items: list[DueItem] = []
        self.today: dt.date | None = None

    @property
    def db(self) -> Database:
        """The database the list is read from."""
        return self._db

    def set_database(self, db: Database) -> None:
        """Another database was opened."""
        self._db = db
        self.reload()

    def reload(self, today: dt.date | None = None) -> None:
        """Rebuild the list from the database (all plans)."""
        self.beginResetModel()
        self.today = today or clock.today()
        self.items = tracking.due_list(self._db, self.today)
        label_items(self._db, self.items)  # 〔油茶镇〕 before a received plan's title
        self.endResetModel()

    def set_items(self, items: list[DueItem], today: dt.date) -> None:
        """Show items read elsewhere (by a background query of the same day)."""
        self.beginResetModel()
        self.today = today
        self.items = items
        self.endResetModel()

    def append_items(self, items: list[DueItem]) -> None:
        """Add items at the end (the later slices of a background reload)."""
        if not items:
            return
        first = len(self.items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self.items.extend(items)
        self.endInsertRows()

    def refresh_tasks(self, task_ids: set[int] | frozenset[int]) -> bool:
        """Re-read the items of some tasks in place; False when a full reload is needed.

        In place means: the same number of items per task as before (a field edit), so
        the view keeps its rows; a task that gained or lost items needs :meth:`reload`.
        """
        if self.today is None:
            return False
        fresh = tracking.due_list(
            self._db, self.today, filters=tracking.DueFilter(task_ids=frozenset(task_ids))
        )
        label_items(self._db, fresh)
        rows = [i for i, item in enumerate(self.items) if item.node_id in task_ids]
        if len(rows) != len(fresh):
            return False
        old_keys = sorted((self.items[r].node_id, self.items[r].checkpoint_id or 0) for r in rows)
        by_key = {(item.node_id, item.checkpoint_id or 0): item for item in fresh}
        if old_keys != sorted(by_key):
            return False
        for r in rows:
            item = self.items[r]
            self.items[r] = by_key[(item.node_id, item.checkpoint_id or 0)]
            self.dataChanged.emit(self.index(r, 0), self.index(r, len(DueCol) - 1))
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the items in Python (a proxy calling data() per comparison is far too slow
        for 100,000 rows); ties keep the light / due-date order."""

        def key(item: DueItem) -> tuple:
            base = (_LIGHT_RANK[item.light], item.due or "9999")
            if column == DueCol.LIGHT:
                return base
            if column == DueCol.DUE:
                return (item.due or "9999", _LIGHT_RANK[item.light])
            if column == DueCol.YEAR:
                return (item.year or 0, *base)
            if column == DueCol.PROGRESS:
                return (item.progress, *base)
            return (self._text(item, column), *base)

        self.beginResetModel()
        self.items.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if column not in (DueCol.LIGHT, DueCol.DUE, DueCol.YEAR, DueCol.PROGRESS):
            # items without a value (no unit, no leader) come last in either direction
            self.items.sort(key=lambda item: self._text(item, column) == "")
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DueCol)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(DueCol)
        ):
            return strings.DUE_HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        col = index.column()
        if role == NodeIdRole:
            return item.node_id
        if role == LightRole:
            return item.light
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, col)
        if role == Qt.ItemDataRole.EditRole and col == DueCol.PROGRESS:
            return item.progress
        if role == SortRole:
            if col == DueCol.LIGHT:
                return _LIGHT_RANK[item.light]
            if col == DueCol.DUE:
                return item.due or "9999"
            if col in (DueCol.YEAR, DueCol.PROGRESS):
                return (item.year or 0) if col == DueCol.YEAR else item.progress
            return self._text(item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == DueCol.LIGHT:
                return strings.LIGHT_TIP[item.light]
            if col == DueCol.TEXT:
                return plain_tip(item.text)
        return None

    @staticmethod
    def _text(item: DueItem, col: int) -> str:
        values = {
            DueCol.LIGHT: "",
            DueCol.KIND: strings.DUE_KIND[item.kind],
            DueCol.PLAN: item.plan_title,
            DueCol.YEAR: str(item.year or ""),
            DueCol.TEXT: item.text,
            DueCol.CHECKPOINT: item.checkpoint_title,
            DueCol.DUE: item.due or "",
            DueCol.UNIT: item.owner_unit or "",
            DueCol.LEADER: item.lead_leader or "",
            DueCol.PROGRESS: f"{item.progress}%",
        }
        return values[DueCol(col)]


class DueFilterProxy(QSortFilterProxyModel):
    """Filters the due list by owner unit, lead leader, plan and light (None = any)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.filters: dict[str, Any] = {
            "owner_unit": None,
            "lead_leader": None,
            "plan_id": None,
            "light": None,
            "task_ids": None,  # a set of task ids (e.g. those without evidence)
            "plan_ids": None,  # the plans of one office (a county's due list)
        }
        self._active = False

    def set_filter(self, key: str, value: Any) -> None:
        """Change one filter."""
        self.beginFilterChange()
        self.filters[key] = value
        self._active = any(v is not None for v in self.filters.values())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._active:  # asked for each of 100,000 rows after every reload
            return True
        model = self.sourceModel()
        if not isinstance(model, DueListModel):
            return True
        item = model.items[source_row]
        f = self.filters
        if f["owner_unit"] is not None and f["owner_unit"] not in (item.owner_unit or ""):
            return False
        if f["lead_leader"] is not None and f["lead_leader"] != (item.lead_leader or ""):
            return False
        if f["plan_id"] is not None and f["plan_id"] != item.plan_id:
            return False
        if f["task_ids"] is not None and item.node_id not in f["task_ids"]:
            return False
        if f["plan_ids"] is not None and item.plan_id not in f["plan_ids"]:
            return False
        return f["light"] is None or f["light"] == item.light


@dataclass(slots=True)
class DueSummary:
    """Counts of a due list for its labels and filter choices (built in the job, too)."""

    lights: dict[str, int]
    units: dict[str, int]
    leaders: dict[str, int]
    plans: dict[int, tuple[str, int]]

    @classmethod
    def of(cls, items: list[DueItem]) -> DueSummary:
        """One pass over the items (100,000 of them in a county database)."""
        lights: dict[str, int] = dict.fromkeys(tracking.LIGHTS, 0)
        units: dict[str, int] = {}
        leaders: dict[str, int] = {}
        plans: dict[int, tuple[str, int]] = {}
        for item in items:
            lights[item.light] += 1
            unit, leader = item.owner_unit or "", item.lead_leader or ""
            units[unit] = units.get(unit, 0) + 1
            leaders[leader] = leaders.get(leader, 0) + 1
            title, count = plans.get(item.plan_id, (item.plan_title, 0))
            plans[item.plan_id] = (title, count + 1)
        return cls(lights, units, leaders, plans)


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
        self.groups_table = QTableWidget(0, len(strings.DUE_GROUP_HEADERS), self)
        self.groups_table.setObjectName("due_groups")
        self.groups_table.setHorizontalHeaderLabels(list(strings.DUE_GROUP_HEADERS))
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
        """Rebuild the list from a query in a job (ui/db_jobs.py); the newest request wins.

        The rows shown stay until the new ones arrive; if the query fails the list is
        rebuilt on the UI thread, so the error is the same as before.
        """
        self._generation += 1
        generation = self._loading = self._generation
        day = today or clock.today()

        def query(db: Database) -> tuple[list[DueItem], DueSummary]:
            items = tracking.due_list(db, day)
            label_items(db, items)
            return items, DueSummary.of(items)

        def show(result: tuple[list[DueItem], DueSummary]) -> None:
            if generation != self._generation:
                return
            items, summary = result
            self.model.set_items(items[:SHOW_CHUNK], day)
            rest = items[SHOW_CHUNK:]

            # The rest is added a slice at a time from the event loop: the proxy filters
            # each new row in Python, 100,000 rows at once blocked the window 0.2 s.
            def feed() -> None:
                nonlocal rest
                if generation != self._generation:
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
            if generation == self._generation:
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
        order = sorted(groups.items(), key=lambda g: (-g[1][1]["red"], -g[1][1]["yellow"], g[1][0]))
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
