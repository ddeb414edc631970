"""Read-only publishing for leaders (optional): a copy of the county database and a Datasette
metadata.json with Chinese labels and a few canned queries.

PlanDesk does not depend on Datasette: the copy and the metadata are plain files for an
intranet machine that has it, started with the one command in :data:`COMMAND`. ``-i``
(immutable) opens the copy read-only, the canned queries are SELECTs, and arbitrary SQL is
switched off, so nothing writes through it; the county's own database is never served.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.store.backup import copy_database

if TYPE_CHECKING:
    from models.store.db import Database

COPY_NAME = "plandesk-publish.db"
METADATA_NAME = "metadata.json"
COMMAND = (
    "datasette serve -i {db} --metadata {metadata} --setting default_allow_sql off "
    "--host 0.0.0.0 --port 8001"
)

_OFFICE = "coalesce(o.name, (SELECT name FROM offices WHERE is_self = 1), '本单位')"
QUERIES: dict[str, dict[str, str]] = {
    "office_progress": {
        "title": "各单位任务完成情况",
        "description": "每个乡镇、部门的任务数、已完成、平均进度和逾期数（年度留空为全部）",
        "sql": (
            f"SELECT {_OFFICE} AS 单位, count(*) AS 任务数, "
            "sum(n.status = 'done') AS 已完成, round(avg(n.progress), 1) AS 平均进度, "
            "sum(n.due_date < date('now', 'localtime') AND n.status != 'done') AS 逾期 "
            "FROM nodes n JOIN plans p ON p.id = n.plan_id "
            "LEFT JOIN offices o ON o.uuid = n.owner "
            "WHERE n.kind = 'task' AND (:year = '' OR p.year = :year) "
            "GROUP BY 单位 ORDER BY 逾期 DESC, 平均进度"
        ),
    },
    "overdue": {
        "title": "逾期未完成任务",
        "description": "完成时限已过、尚未完成的任务，按单位和时限排列",
        "sql": (
            f"SELECT {_OFFICE} AS 单位, p.title AS 计划, n.text AS 任务, "
            "n.owner_unit AS 责任单位, n.due_date AS 完成时限, n.progress AS 进度 "
            "FROM nodes n JOIN plans p ON p.id = n.plan_id "
            "LEFT JOIN offices o ON o.uuid = n.owner "
            "WHERE n.kind = 'task' AND n.status != 'done' "
            "AND n.due_date < date('now', 'localtime') ORDER BY 单位, n.due_date"
        ),
    },
    "recent_progress": {
        "title": "最近报送的进展",
        "description": "最近 200 条进展记录",
        "sql": (
            f"SELECT l.entry_date AS 日期, {_OFFICE} AS 单位, n.text AS 任务, "
            "l.text AS 进展, l.progress_after AS 进度 "
            "FROM progress_log l JOIN nodes n ON n.id = l.task_id "
            "LEFT JOIN offices o ON o.uuid = l.owner "
            "ORDER BY l.entry_date DESC, l.id DESC LIMIT 200"
        ),
    },
}
TABLES = {
    "plans": ("计划", {"title": "标题", "year": "年度", "organization": "单位"}),
    "nodes": ("章节和任务", {"text": "任务", "heading": "标题", "owner_unit": "责任单位"}),
    "checkpoints": ("节点", {"title": "名称", "due_date": "时限", "done_date": "完成日期"}),
    "progress_log": ("进展", {"entry_date": "日期", "text": "进展", "problems": "问题"}),
    "units": ("单位名录", {"name": "名称"}),
    "offices": ("乡镇和部门", {"name": "名称", "kind": "类别", "code": "代码"}),
}
HIDDEN = ("settings", "search_seq", "field_changes", "exchange_log")


def metadata(title: str) -> dict[str, Any]:
    """The Datasette metadata: labels, hidden internals, canned read-only queries."""
    tables: dict[str, Any] = {
        name: {"title": label, "columns": columns} for name, (label, columns) in TABLES.items()
    }
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": title,
        "description": "只读发布：由 PlanDesk 从县督查室数据库复制，修改请在 PlanDesk 中进行。",
        "databases": {Path(COPY_NAME).stem: {"tables": tables, "queries": QUERIES}},
    }


def publish(db: Database, folder: str | Path, title: str = "督查督办数据") -> tuple[Path, Path]:
    """Write the copy and metadata.json into ``folder``; returns both paths."""
    folder = Path(folder)
    copy = copy_database(db.conn, folder / COPY_NAME)
    meta = folder / METADATA_NAME
    meta.write_text(json.dumps(metadata(title), ensure_ascii=False, indent=2), encoding="utf-8")
    return copy, meta
