"""A plan with known tasks, statuses, due dates and dated progress notes, for report tests.

With today = 2025-07-15 and the period 2025年第二季度 (1 Apr – 30 Jun), the reference day is
30 Jun and the expected figures are:
total 8 · done 1 (T1) · on track 2 (T3, T8) · overdue 2 (T2 30 days, T5 61 days) ·
not started 2 (T4 due that very day, T7 without a date) · suspended 1 (T6) · rate 12.5%.
催办单 also list T3's open checkpoint 第一批苗木栽植 (due 31 May: 30 days late) for both of
its units, 农业站 and 林业站.
"""

from __future__ import annotations

import datetime as dt

from models.outline import store_document
from models.store.db import Database

TODAY = dt.date(2025, 7, 15)


def _task(text, unit, deadline, status="not_started", progress=0, **extra):
    out = {
        "text": text,
        "owner_unit": unit,
        "deadline": deadline,
        "status": status,
        "progress": progress,
        "lead_leader": "张三",
    }
    out.update(extra)
    return out


PLAN = {
    "title": "测试镇2025年工作计划",
    "year": 2025,
    "organization": "测试镇人民政府",
    "signed_by": "测试镇人民政府",
    "sections": [
        {
            "heading": "加强党的建设",
            "run_in": "。",
            "task_style": "sentences",
            "tasks": [
                _task("抓好党员教育管理。", "党建办", "6月底前", "done", 100),
                _task("推进党风廉政建设。", "纪委", "5月底前", "in_progress", 60),
            ],
        },
        {
            "heading": "发展镇域经济",
            "run_in": "。",
            "task_style": "yishi",
            "tasks": [
                _task("扩大油茶种植规模。", "农业站、林业站", "年底前", "in_progress", 60),
            ],
            "children": [
                {
                    "heading": "做强特色产业",
                    "run_in": "。",
                    "task_style": "sentences",
                    "tasks": [
                        _task("打造特色品牌。", "农业站", "6月底前"),
                        _task("建设冷链仓储。", "财政所", "4月底前"),
                    ],
                },
            ],
        },
        {
            "heading": "保障改善民生",
            "run_in": "。",
            "task_style": "sentences",
            "tasks": [
                _task("完成低保年审。", "民政办", "3月底前", "suspended", 20),
                _task("新建村级卫生室2个。", "卫健办", None),
                _task("实施饮水安全工程。", "水利站", "7月5日", "in_progress", 80),
            ],
        },
    ],
}

# (task text, entry_date, text, progress_after, problems)
NOTES = [
    ("抓好党员教育管理。", "2025-03-31", "完成党员信息采集。", 20, None),  # Q1 last day: out
    ("抓好党员教育管理。", "2025-04-01", "开展党员集中轮训3期，参训326人次。", 60, None),  # in
    ("抓好党员教育管理。", "2025-06-30", "轮训全部结束。", 100, None),  # Q2 last day: in
    ("抓好党员教育管理。", "2025-07-01", "整理培训台账。", 100, None),  # Q3 first day: out
    (
        "推进党风廉政建设。",
        "2025-05-10",
        "完成廉政谈话12人次。",
        60,
        "部分村干部外出务工，谈话未全覆盖",
    ),
    ("实施饮水安全工程。", "2025-02-15", "完成工程设计。", 30, None),  # before Q2
]


# (task text, title, due_date, done_date): 30 days late on 30 Jun / done / a later one
CHECKPOINTS = [
    ("扩大油茶种植规模。", "第一批苗木栽植", "2025-05-31", None),
    ("扩大油茶种植规模。", "整地", "2025-03-31", "2025-03-20"),
    ("扩大油茶种植规模。", "第二批苗木栽植", "2025-10-31", None),
    ("抓好党员教育管理。", "轮训总结", "2025-06-01", None),  # task done: not followed up
]


def make_report_plan(db: Database) -> int:
    """Store the plan, its notes and checkpoints; returns the plan id."""
    plan_id = store_document(db, PLAN)
    ids = {
        r["text"]: r["id"]
        for r in db.query(
            "SELECT id, text FROM nodes WHERE plan_id = ? AND kind = 'task'", (plan_id,)
        )
    }
    with db.transaction() as conn:
        for text, day, note, after, problems in NOTES:
            conn.execute(
                "INSERT INTO progress_log (task_id, entry_date, text, progress_after, "
                "author, problems) VALUES (?, ?, ?, ?, ?, ?)",
                (ids[text], day, note, after, "李四", problems),
            )
        for text, title, due, done in CHECKPOINTS:
            conn.execute(
                "INSERT INTO checkpoints (task_id, title, due_date, done_date) VALUES (?, ?, ?, ?)",
                (ids[text], title, due, done),
            )
    return plan_id


def task_ids(db: Database, plan_id: int) -> dict[str, int]:
    """Task text -> node id."""
    return {
        r["text"]: r["id"]
        for r in db.query(
            "SELECT id, text FROM nodes WHERE plan_id = ? AND kind = 'task'", (plan_id,)
        )
    }
