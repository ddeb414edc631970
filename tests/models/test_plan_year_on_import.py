"""A plan titled with its year in Chinese or full-width digits imports with that year.

Through the real import path (models.importing → models.outline → tracking), since a wrong
year means no due dates and so no lights in the due list.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models import outline, tracking
from models.importing import parse_text, store_result

BODY = "\n一、抓好农业生产\n（一）完成粮食种植10万亩，6月底前完成。\n（二）年底前建成高标准农田。\n"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("二〇二五年工作计划", 2025),
        ("XX镇二〇二四年工作要点", 2024),
        ("XX镇二零二四年工作要点", 2024),
        ("２０２５年工作计划", 2025),
        ("XX镇２０２４年度工作安排", 2024),
        ("2025年工作计划", 2025),
    ],
)
def test_title_year_gives_plan_year_due_dates_and_lights(db, title, year):
    result = parse_text(title + BODY)
    assert [d.year for d in result.documents] == [year]
    [stored] = store_result(db, [result])
    plan = outline.get_plan(db, stored["id"])
    assert plan.year == year
    tasks = [n for n in outline.load_outline(db, plan.id) if n.kind == "task"]
    assert [t.due_date for t in tasks] == [f"{year}-06-30", f"{year}-12-31"]
    # on 1 July the June task is overdue: it has a light because it has a due date
    items = tracking.due_list(db, today=dt.date(year, 7, 1))
    assert {i.node_id: i.light for i in items}[tasks[0].id] == "red"
