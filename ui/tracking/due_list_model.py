"""The table behind the due list: its columns, the model, the filter proxy and the counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from models import clock, tracking
from models.exchange.county import label_items
from models.store.db import Database
from models.tracking import DueItem
from models.vocab import Light
from ui import strings
from ui.plain_text import plain_tip

NodeIdRole = Qt.ItemDataRole.UserRole + 20
LightRole = Qt.ItemDataRole.UserRole + 21
SortRole = Qt.ItemDataRole.UserRole + 22

_Index = QModelIndex | QPersistentModelIndex
_LIGHT_RANK = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.GREY: 3}


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
