"""The due list (督办台账): open tasks and checkpoints with their lights, built by
SQLite; its counts and groups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models import clock
from models.errors import InvalidOperationError
from models.store.db import Database
from models.tracking.lights import LIGHTS
from models.tracking.settings import tracking_settings


@dataclass(slots=True)
class DueFilter:
    """Optional filters of the due list; None means "any"."""

    owner_unit: str | None = None
    lead_leader: str | None = None
    plan_id: int | None = None
    lights: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    task_ids: frozenset[int] | None = None  # only these tasks (and their checkpoints)


@dataclass(slots=True)
class DueItem:
    """One row of the due list (督办台账): an open task or an open checkpoint."""

    light: str
    kind: str  # 'task' | 'checkpoint'
    plan_id: int
    plan_title: str
    year: int | None
    node_id: int
    text: str
    due: str | None
    owner_unit: str | None
    lead_leader: str | None
    status: str
    progress: int
    checkpoint_id: int | None = None
    checkpoint_title: str = ""
    pace: str = ""  # 序时进度 class of the task (models/supervision/pace.py), when asked for
    item_source: str = ""  # the source of a 督办事项 ("" for a plan task), when asked for

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON form of the item."""
        return {
            "light": self.light,
            "kind": self.kind,
            "plan_id": self.plan_id,
            "node_id": self.node_id,
            "text": self.text,
            "due": self.due,
            "owner_unit": self.owner_unit,
            "lead_leader": self.lead_leader,
            "plan_title": self.plan_title,
            "year": self.year,
            "checkpoint_id": self.checkpoint_id,
            "checkpoint_title": self.checkpoint_title,
            "status": self.status,
            "progress": self.progress,
            "pace": self.pace,
            "item_source": self.item_source,
        }


# The lights of light_for() and checkpoint_light() in SQL, so that a due list of 100,000
# rows is built by SQLite rather than row by row in Python (tests check both agree).
_START_SQL = (
    "CASE WHEN p.year IS NOT NULL THEN printf('%04d-01-01', p.year) "
    "ELSE substr(n.created_at, 1, 10) END"
)
_TASK_LIGHT_SQL = f"""CASE
    WHEN n.due_date IS NULL THEN
        CASE WHEN n.status = 'not_started' AND n.progress = 0 THEN 'grey' ELSE 'green' END
    WHEN n.due_date < :today THEN 'red'
    WHEN n.due_date <= :soon THEN 'yellow'
    WHEN {_START_SQL} < n.due_date AND (julianday(:today) - julianday({_START_SQL})) * 100.0
         / (julianday(n.due_date) - julianday({_START_SQL})) - n.progress > :margin
        THEN 'yellow'
    ELSE 'green' END"""
_CP_LIGHT_SQL = """CASE WHEN c.due_date IS NULL THEN 'grey' WHEN c.due_date < :today THEN 'red'
    WHEN c.due_date <= :soon THEN 'yellow' ELSE 'green' END"""


def due_list(
    db: Database,
    today: dt.date | None = None,
    within: int | None = None,
    filters: DueFilter | None = None,
    *,
    margin: int | None = None,
) -> list[DueItem]:
    """Every open task and open checkpoint of the plans not archived, with its light.

    Done and suspended tasks (and their checkpoints) and done checkpoints are left out.
    Sorted red, yellow, green, grey, then by due date. The 序时进度 class of each item
    is added by :func:`models.supervision.pace.paced_due_list`.
    """
    built = _due_sql(db, today, within, filters, margin)
    if built is None:
        return []
    sql, params = built
    sql += (
        " ORDER BY CASE light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 "
        "ELSE 3 END, due IS NULL, due, plan_id, node_id, cid"
    )
    return [DueItem(*r) for r in db.conn.execute(sql, params)]


def due_counts(
    db: Database,
    today: dt.date | None = None,
    within: int | None = None,
    filters: DueFilter | None = None,
) -> dict[str, int]:
    """Counts by light of the due list, counted by SQLite (no items are built)."""
    counts: dict[str, int] = dict.fromkeys(LIGHTS, 0)
    built = _due_sql(db, today, within, filters, None)
    if built is not None:
        sql, params = built
        for light, count in db.conn.execute(
            f"SELECT light, count(*) FROM ({sql}) GROUP BY light", params
        ):
            counts[light] = count
    return counts


def _due_sql(
    db: Database,
    today: dt.date | None,
    within: int | None,
    filters: DueFilter | None,
    margin: int | None,
) -> tuple[str, dict[str, Any]] | None:
    """The due list query (unsorted) and its parameters; None when nothing can match."""
    settings = tracking_settings(db)
    today = today or clock.today()
    within = settings.within_days if within is None else int(within)
    margin = settings.behind_margin if margin is None else int(margin)
    filters = filters or DueFilter()
    where = ["n.kind = 'task'", "n.status NOT IN ('done', 'suspended')", "p.status != 'archived'"]
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "margin": margin,
        "soon": (today + dt.timedelta(days=within)).isoformat(),
    }
    if filters.owner_unit is not None:
        where.append("coalesce(n.owner_unit, '') = :unit")
        params["unit"] = filters.owner_unit
    if filters.lead_leader is not None:
        where.append("coalesce(n.lead_leader, '') = :leader")
        params["leader"] = filters.lead_leader
    if filters.plan_id is not None:
        where.append("n.plan_id = :plan")
        params["plan"] = filters.plan_id
    if filters.task_ids is not None:
        ids = sorted(int(i) for i in filters.task_ids)
        if not ids:
            return None
        where.append(f"n.id IN ({', '.join(str(i) for i in ids)})")
    cond = " AND ".join(where)
    common = (
        "n.plan_id AS plan_id, p.title AS plan_title, p.year AS year, n.id AS node_id, "
        "n.text AS text, {due} AS due, n.owner_unit AS owner_unit, "
        "n.lead_leader AS lead_leader, n.status AS status, n.progress AS progress"
    )
    parts = []
    if filters.kinds is None or "task" in filters.kinds:
        parts.append(
            f"SELECT {_TASK_LIGHT_SQL} AS light, 'task' AS kind, "
            f"{common.format(due='n.due_date')}, NULL AS cid, '' AS ctitle "
            f"FROM nodes n JOIN plans p ON p.id = n.plan_id WHERE {cond}"
        )
    if filters.kinds is None or "checkpoint" in filters.kinds:
        parts.append(
            f"SELECT {_CP_LIGHT_SQL} AS light, 'checkpoint' AS kind, "
            f"{common.format(due='c.due_date')}, c.id AS cid, c.title AS ctitle "
            "FROM checkpoints c JOIN nodes n ON n.id = c.task_id "
            f"JOIN plans p ON p.id = n.plan_id WHERE c.done_date IS NULL AND {cond}"
        )
    if not parts:
        return None
    sql = "SELECT * FROM (" + " UNION ALL ".join(parts) + ")"
    if filters.lights is not None:
        wanted = sorted(filters.lights & set(LIGHTS))
        if not wanted:
            return None
        sql += f" WHERE light IN ({', '.join(repr(x) for x in wanted)})"
    return sql, params


def count_lights(items: Iterable[DueItem]) -> dict[str, int]:
    """How many items of each light (every light present, zero included)."""
    counts: dict[str, int] = dict.fromkeys(LIGHTS, 0)
    for item in items:
        counts[item.light] += 1
    return counts


GROUP_KEYS = ("owner_unit", "lead_leader", "plan", "light")


def group_items(items: Iterable[DueItem], key: str) -> dict[str, list[DueItem]]:
    """Items grouped by 责任单位 / 牵头领导 / plan / light, groups in first-seen order.

    Items without a value go to the group "" (the UI shows it as 未填写).
    """
    if key not in GROUP_KEYS:
        raise InvalidOperationError(detail=f"bad group key {key}")
    groups: dict[str, list[DueItem]] = {}
    for item in items:
        if key == "plan":
            name = item.plan_title
        else:
            name = getattr(item, key) or ""
        groups.setdefault(name, []).append(item)
    return groups


def alert_counts(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Counts by light of the whole due list (for the notice on start)."""
    return due_counts(db, today)
