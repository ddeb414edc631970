"""目标考核: the 考核细则 of a year, its items linked to tasks, and the 自评表 built from them.

The 自评表 states only what was tracked: whether the linked tasks are done, their progress,
their 佐证材料, and the progress notes as 详细说明; where nothing is recorded it says
【待补充】. The proposed 自评分 follows :data:`RULE_TEXT`; a score the user sets wins.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import outline, tracking
from models.errors import ImportFileError, InvalidOperationError, NotFoundError
from models.evidence import store
from models.store.db import Database, new_id
from models.vocab import NodeKind, TaskStatus

log = logging.getLogger(__name__)

PENDING = "【待补充】"
RULE_TEXT = (
    "建议自评分＝分值×所关联任务完成度的平均值：已完成的任务按100%计，其余按当前进度计；"
    "没有佐证材料的任务按其完成度的一半计。未关联任务的项目不给出建议分。"
)
FIELDS = ("number", "project", "points", "indicator", "criteria", "department", "remark")
TEXT_LIMIT = 2000
MAX_ITEMS = 500
# header words of the county's table → our field (first match wins, so longer names first)
HEADER_WORDS: tuple[tuple[str, str], ...] = (
    ("负责考核部门", "department"),
    ("考核部门", "department"),
    ("责任部门", "department"),
    ("牵头部门", "department"),
    ("考核单位", "department"),
    ("评分标准", "criteria"),
    ("评分细则", "criteria"),
    ("计分办法", "criteria"),
    ("计分方法", "criteria"),
    ("扣分标准", "criteria"),
    ("考核指标", "indicator"),
    ("考核内容", "indicator"),
    ("目标任务", "indicator"),
    ("指标", "indicator"),
    ("考核项目", "project"),
    ("项目", "project"),
    ("分值", "points"),
    ("分数", "points"),
    ("标准分", "points"),
    ("序号", "number"),
    ("编号", "number"),
)


@dataclass(slots=True)
class AssessmentItem:
    """One line of the 考核细则."""

    id: int
    year: int
    position: int
    number: str
    project: str
    points: float
    indicator: str
    criteria: str
    department: str
    self_score: float | None
    remark: str
    created_at: str
    task_ids: list[int] = field(default_factory=list)


# ---------------------------------------------------------------- the 考核细则
def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in FIELDS:
            raise InvalidOperationError(f"考核项目没有“{key}”这一栏。", detail=key)
        if key == "points":
            out[key] = _points(value)
            continue
        text = " ".join(str(value or "").split()) if key != "remark" else str(value or "").strip()
        if len(text) > TEXT_LIMIT:
            raise InvalidOperationError(f"内容过长（超过 {TEXT_LIMIT} 字）。", detail=key)
        out[key] = text
    return out


def _points(value: Any) -> float:
    if isinstance(value, int | float):
        number = float(value)
    else:
        found = re.search(r"\d+(?:\.\d+)?", str(value or ""))
        if found is None:
            raise InvalidOperationError("分值应为数字，如 5 或 2.5。", detail=str(value))
        number = float(found.group())
    if not 0 <= number <= 1000:
        raise InvalidOperationError("分值应在 0～1000 之间。", detail=str(value))
    return number


def _item(db: Database, row: Any) -> AssessmentItem:
    item = AssessmentItem(**dict(row))
    item.task_ids = [
        r[0]
        for r in db.query(
            "SELECT l.task_id FROM assessment_links l JOIN nodes n ON n.id = l.task_id "
            "WHERE l.item_id = ? ORDER BY n.plan_id, l.task_id",
            (item.id,),
        )
    ]
    return item


def list_items(db: Database, year: int) -> list[AssessmentItem]:
    """The 考核细则 of a year, in its order."""
    rows = db.query("SELECT * FROM assessment_items WHERE year = ? ORDER BY position", (year,))
    return [_item(db, r) for r in rows]


def get_item(db: Database, item_id: int) -> AssessmentItem:
    """One item; NotFoundError if there is none."""
    row = db.query_one("SELECT * FROM assessment_items WHERE id = ?", (item_id,))
    if row is None:
        raise NotFoundError(f"找不到编号为 {item_id} 的考核项目。", detail=str(item_id))
    return _item(db, row)


def _check_year(year: int) -> None:
    if not 2000 <= int(year) <= 2100:
        raise InvalidOperationError("年度应为 2000～2100 之间的年份。", detail=str(year))


def add_item(db: Database, year: int, **values: Any) -> int:
    """Append an item to a year's 考核细则; returns its id."""
    _check_year(year)
    clean = _clean(values)
    if not clean.get("project"):
        raise InvalidOperationError("请填写考核项目。")
    with db.transaction() as conn:
        position = db.scalar(
            "SELECT coalesce(max(position) + 1, 0) FROM assessment_items WHERE year = ?", (year,)
        )
        if position >= MAX_ITEMS:
            raise InvalidOperationError(f"一个年度最多 {MAX_ITEMS} 个考核项目。")
        cols = ["year", "position", *clean]
        cur = conn.execute(
            f"INSERT INTO assessment_items ({', '.join(cols)}) "
            f"VALUES ({', '.join('?' for _ in cols)})",
            (year, position, *clean.values()),
        )
        return new_id(cur)


def update_item(db: Database, item_id: int, **values: Any) -> dict[str, Any]:
    """Change fields of an item; returns their old values."""
    clean = _clean(values)
    item = get_item(db, item_id)
    old = {k: getattr(item, k) for k in clean}
    if "project" in clean and not clean["project"]:
        raise InvalidOperationError("请填写考核项目。")
    with db.transaction() as conn:
        sets = ", ".join(f"{k} = ?" for k in clean)
        conn.execute(f"UPDATE assessment_items SET {sets} WHERE id = ?", (*clean.values(), item_id))
    return old


def set_self_score(db: Database, item_id: int, score: float | None) -> float | None:
    """Set the user's 自评分 (None: back to the rule's); returns the old one."""
    item = get_item(db, item_id)
    if score is not None and not 0 <= score <= item.points:
        raise InvalidOperationError(
            f"自评分应在 0～{item.points:g} 分之间（该项分值）。", detail=str(score)
        )
    with db.transaction() as conn:
        conn.execute("UPDATE assessment_items SET self_score = ? WHERE id = ?", (score, item_id))
    return item.self_score


def remove_item(db: Database, item_id: int) -> dict[str, Any]:
    """Delete an item (its links go with it); returns what :func:`restore_item` needs."""
    get_item(db, item_id)
    with db.transaction() as conn:
        row = dict(db.query("SELECT * FROM assessment_items WHERE id = ?", (item_id,))[0])
        links = [
            dict(r)
            for r in db.query("SELECT * FROM assessment_links WHERE item_id = ?", (item_id,))
        ]
        conn.execute("DELETE FROM assessment_items WHERE id = ?", (item_id,))
        conn.execute(
            "UPDATE assessment_items SET position = position - 1 WHERE year = ? AND position > ?",
            (row["year"], row["position"]),
        )
    return {"item": row, "links": links}


def restore_item(db: Database, saved: dict[str, Any]) -> None:
    """Put a removed item back with the same id, place and links."""
    row = saved["item"]
    with db.transaction() as conn:
        conn.execute(
            "UPDATE assessment_items SET position = position + 1 WHERE year = ? AND position >= ?",
            (row["year"], row["position"]),
        )
        for table, rows in (("assessment_items", [row]), ("assessment_links", saved["links"])):
            for r in rows:
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(r)}) VALUES ({', '.join('?' for _ in r)})",
                    tuple(r.values()),
                )


def link_tasks(db: Database, item_id: int, task_ids: list[int]) -> list[int]:
    """Link tasks to an item; returns the ids that were not linked before."""
    get_item(db, item_id)
    added = []
    with db.transaction() as conn:
        for task_id in dict.fromkeys(task_ids):
            if outline.get_node(db, task_id).kind != NodeKind.TASK:
                raise InvalidOperationError("考核项目只能关联任务。", detail=str(task_id))
            cur = conn.execute(
                "INSERT OR IGNORE INTO assessment_links (item_id, task_id) VALUES (?, ?)",
                (item_id, task_id),
            )
            if cur.rowcount:
                added.append(task_id)
    return added


def unlink_tasks(db: Database, item_id: int, task_ids: list[int]) -> list[int]:
    """Unlink tasks from an item; returns the ids that were linked."""
    get_item(db, item_id)
    removed = []
    with db.transaction() as conn:
        for task_id in dict.fromkeys(task_ids):
            cur = conn.execute(
                "DELETE FROM assessment_links WHERE item_id = ? AND task_id = ?",
                (item_id, task_id),
            )
            if cur.rowcount:
                removed.append(task_id)
    return removed


def snapshot_year(db: Database, year: int) -> list[dict[str, Any]]:
    """Every item of a year with its links, for :func:`put_back_year` (exact undo)."""
    out = []
    for row in db.query("SELECT * FROM assessment_items WHERE year = ? ORDER BY position", (year,)):
        links = db.query("SELECT * FROM assessment_links WHERE item_id = ?", (row["id"],))
        out.append({"item": dict(row), "links": [dict(r) for r in links]})
    return out


def put_back_year(db: Database, year: int, saved: list[dict[str, Any]]) -> None:
    """Make a year's 考核细则 exactly what :func:`snapshot_year` returned (one transaction).

    A link to a task removed since is left out rather than failing the whole step.
    """
    with db.transaction() as conn:
        conn.execute("DELETE FROM assessment_items WHERE year = ?", (year,))
        for entry in saved:
            row = entry["item"]
            conn.execute(
                f"INSERT INTO assessment_items ({', '.join(row)}) "
                f"VALUES ({', '.join('?' for _ in row)})",
                tuple(row.values()),
            )
            for link in entry["links"]:
                conn.execute(
                    "INSERT INTO assessment_links (item_id, task_id) SELECT ?, ? "
                    "WHERE EXISTS (SELECT 1 FROM nodes WHERE id = ?)",
                    (link["item_id"], link["task_id"], link["task_id"]),
                )


# ---------------------------------------------------------------- import
def _header_map(cells: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for col, text in enumerate(cells):
        compact = re.sub(r"\s+", "", text or "")
        if not compact or len(compact) > 12:
            continue
        for word, key in HEADER_WORDS:
            if word in compact and key not in found.values():
                found[col] = key
                break
    return found


def parse_rows(rows: list[list[str]], source: str = "") -> list[dict[str, Any]]:
    """Items from the rows of a table: a header row naming 考核项目 and 分值 (the other
    columns optional), then one item per row with a 分值. A 考核项目 merged over several
    rows is carried down to each of them; a 合计/总分 row ends nothing and is skipped."""
    header_at, columns = -1, {}
    for index, cells in enumerate(rows[:30]):
        columns = _header_map(cells)
        if {"project", "points"} <= set(columns.values()):
            header_at = index
            break
    if header_at < 0:
        raise ImportFileError(
            "没有找到考核细则的表头：表格需要“考核项目”和“分值”两栏（另可有序号、考核指标、"
            "评分标准、负责考核部门）。",
            path=source,
        )
    items: list[dict[str, Any]] = []
    last_project = ""
    for line, cells in enumerate(rows[header_at + 1 :], header_at + 2):
        values = {key: (cells[col] if col < len(cells) else "") for col, key in columns.items()}
        values = {k: " ".join(str(v or "").split()) for k, v in values.items()}
        if not any(values.values()):
            continue
        if values.get("project"):
            last_project = values["project"]
        else:
            values["project"] = last_project
        joined = "".join(values.values())
        if re.match(r"^(合计|总计|总分)", values.get("number", "") or values["project"]):
            continue
        if not values.get("points"):
            continue  # a sub-heading row or a note under the table
        try:
            values.update(_clean({"points": values["points"]}))
        except InvalidOperationError:
            raise ImportFileError(
                f"第 {line} 行的分值“{values['points']}”不是数字。", path=source, line=line
            ) from None
        if not values["project"]:
            raise ImportFileError(f"第 {line} 行没有考核项目。", path=source, line=line)
        if len(joined) > TEXT_LIMIT * 3:
            raise ImportFileError(f"第 {line} 行内容过长。", path=source, line=line)
        items.append(values)
        if len(items) > MAX_ITEMS:
            raise ImportFileError(f"考核项目超过 {MAX_ITEMS} 个。", path=source)
    if not items:
        raise ImportFileError("表头下没有带分值的考核项目。", path=source)
    return items


def read_table(path: str | os.PathLike[str]) -> list[list[str]]:
    """The rows of the first table of a .docx, or of the first sheet of an .xlsx."""
    from models import office_guard

    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(f"找不到文件“{path.name}”。", path=str(path))
    if suffix == ".xlsx":
        wb, _layouts = office_guard.open_workbook(path, read_only=False)
        try:
            ws = wb.worksheets[0]
            return [
                ["" if v is None else str(v).strip() for v in row]
                for row in ws.iter_rows(values_only=True)
            ]
        finally:
            wb.close()
    if suffix == ".docx":
        import docx

        office_guard.check_package(path, required="word/document.xml", what="Word（.docx）")
        office_guard.check_word_tables(path)
        document = docx.Document(str(path))
        for table in document.tables:
            rows = [[c.text.strip() for c in r] for r in office_guard.table_cells(table)]
            if any(_header_map(r) for r in rows[:30]):
                return rows
        raise ImportFileError(f"“{path.name}”中没有考核细则表格。", path=str(path))
    raise ImportFileError(
        f"考核细则只能从 .xlsx 或 .docx 表格导入（“{path.name}”）。", path=str(path)
    )


def import_items(
    db: Database, year: int, path: str | os.PathLike[str], *, replace: bool = False
) -> list[int]:
    """Import a year's 考核细则 from the county's table; returns the new item ids.

    A year that has items already is refused unless ``replace`` (then the old items and
    their links and scores go, in the same transaction).
    """
    _check_year(year)
    items = parse_rows(read_table(path), str(path))
    with db.transaction() as conn:
        if db.scalar("SELECT count(*) FROM assessment_items WHERE year = ?", (year,)):
            if not replace:
                raise InvalidOperationError(
                    f"{year}年度已有考核细则。要用新表格替换，请选择“替换”（--replace）。"
                )
            conn.execute("DELETE FROM assessment_items WHERE year = ?", (year,))
        ids = []
        for position, values in enumerate(items):
            cols = ["year", "position", *values]
            cur = conn.execute(
                f"INSERT INTO assessment_items ({', '.join(cols)}) "
                f"VALUES ({', '.join('?' for _ in cols)})",
                (year, position, *values.values()),
            )
            ids.append(new_id(cur))
    log.info("imported %d assessment items of %d from %s", len(ids), year, path)
    return ids


# ---------------------------------------------------------------- the 自评表
@dataclass(slots=True)
class LinkedTask:
    """A task behind an item, as the 自评表 states it."""

    id: int
    text: str
    owner_unit: str
    status: str
    progress: int
    share: int  # 完成度: 100 when done, else the progress
    evidence: list[store.Evidence]
    notes: list[tuple[str, str]]  # (date, text) of its progress notes, oldest first


@dataclass(slots=True)
class SelfRow:
    """One line of the 自评表."""

    item: AssessmentItem
    tasks: list[LinkedTask]
    completed: str  # 是 / 部分完成 / 否 / 【待补充】
    progress: int | None
    proposed: float | None  # by RULE_TEXT
    score: float | None  # the user's, else the proposed one
    details: str

    @property
    def evidence(self) -> list[store.Evidence]:
        """All files of the linked tasks."""
        return [e for t in self.tasks for e in t.evidence]

    @property
    def overridden(self) -> bool:
        """True when the user set the score."""
        return self.item.self_score is not None


@dataclass(slots=True)
class SelfAssessment:
    """The 自评表 of a year."""

    year: int
    rows: list[SelfRow]
    organization: str

    @property
    def total_points(self) -> float:
        """Sum of 分值."""
        return sum(r.item.points for r in self.rows)

    @property
    def total_score(self) -> float | None:
        """Sum of the scores, or None while any item has none."""
        scores = [r.score for r in self.rows]
        if any(s is None for s in scores):
            return None
        return round(sum(s for s in scores if s is not None), 2)


def _linked(db: Database, task_id: int) -> LinkedTask:
    node = outline.get_node(db, task_id)
    share = tracking.task_share(node.status, node.progress)
    notes = [
        (p.entry_date, " ".join(x for x in (p.text, p.problems or "") if x).strip())
        for p in tracking.list_progress(db, task_id)
    ]
    return LinkedTask(
        node.id,
        (node.text or "").strip(),
        node.owner_unit or "",
        node.status,
        node.progress,
        share,
        store.list_evidence(db, task_id),
        sorted(n for n in notes if n[1]),
    )


def proposed_score(points: float, tasks: list[LinkedTask]) -> float | None:
    """The 自评分 by :data:`RULE_TEXT`, rounded to 0.1; None without linked tasks."""
    if not tasks:
        return None
    shares = [t.share if t.evidence else t.share / 2 for t in tasks]
    return round(points * sum(shares) / len(shares) / 100, 1)


def _details(item: AssessmentItem, tasks: list[LinkedTask]) -> str:
    parts = [item.remark] if item.remark else []
    for t in tasks:
        if t.notes:
            lines = "；".join(f"{day}，{text.rstrip('。；;')}" for day, text in t.notes)
            parts.append(f"{t.text.rstrip('。')}：{lines}。")
    return "\n".join(parts) if parts else PENDING


def _completed(tasks: list[LinkedTask]) -> str:
    if not tasks:
        return PENDING
    done = sum(1 for t in tasks if t.status == TaskStatus.DONE)
    if done == len(tasks):
        return "是"
    return "部分完成" if done or any(t.progress for t in tasks) else "否"


def self_assessment(db: Database, year: int) -> SelfAssessment:
    """The 自评表 of a year from the 考核细则 and what was tracked on the linked tasks."""
    rows = []
    for item in list_items(db, year):
        tasks = [_linked(db, t) for t in item.task_ids]
        proposed = proposed_score(item.points, tasks)
        progress = round(sum(t.share for t in tasks) / len(tasks)) if tasks else None
        rows.append(
            SelfRow(
                item,
                tasks,
                _completed(tasks),
                progress,
                proposed,
                item.self_score if item.self_score is not None else proposed,
                _details(item, tasks),
            )
        )
    plans = [p for p in outline.list_plans(db) if p.year == year and p.kind != "summary"]
    organization = next((p.organization or p.signed_by or "" for p in plans), "")
    return SelfAssessment(year, rows, organization)
