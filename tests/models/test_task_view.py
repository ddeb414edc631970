"""TaskView: what a row of tasks shows, read for a plan in batches (models/task_view.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from models import outline, tracking
from models.errors import InvalidOperationError
from models.task_view import read_plan_views, read_task_view, read_task_views
from models.vocab import Light, TaskState

D = dt.date


def _tasks(db, plan_id):
    return [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]


def test_views_for_the_table(db, plan_factory):
    pid = plan_factory()
    t = _tasks(db, pid)
    tracking.add_progress(db, t[1].id, "开展廉政教育。", 30, entry_date="2025-02-01")
    rows = read_task_views(db, pid, today=D(2025, 2, 2))
    assert [r.seq for r in rows] == [1, 2, 3, 4]
    assert rows[1].latest.text == "开展廉政教育。"
    assert rows[0].light == Light.GREY and rows[1].light == Light.GREEN
    section2 = [n for n in outline.load_outline(db, pid) if n.kind == "section"][1]
    sub = read_task_views(db, pid, section_id=section2.id)
    assert [r.seq for r in sub] == [3, 4]
    assert read_task_view(db, t[3].id).seq == 4
    assert [r.node_id for r in read_task_views(db, pid, task_ids=[t[2].id])] == [t[2].id]


def test_outline_place_units_and_plan(db, plan_factory):
    pid = plan_factory()
    t = _tasks(db, pid)
    outline.update_node(db, t[3].id, owner_unit="财政所、农业办", due_date="2025-03-01")
    rows = read_task_views(db, pid, today=D(2025, 3, 5))
    assert [r.full_number for r in rows] == ["一-1", "一-2", "二-1", "二（一）-1"]
    assert rows[3].section_path == ("二、发展镇域经济", "（一）做强特色产业")
    assert rows[3].section_heading == "做强特色产业"
    assert rows[3].top_section_id == rows[2].top_section_id == rows[2].parent_id
    assert rows[3].units == ("财政所", "农业办") and rows[0].units == ()
    assert (rows[3].plan_title, rows[3].plan_year) == ("测试镇2025年工作计划", 2025)
    assert (rows[3].due_date, rows[3].light, rows[3].days_left) == (D(2025, 3, 1), Light.RED, -4)
    assert (rows[3].days_late, rows[3].state) == (4, TaskState.OVERDUE)
    assert rows[0].state == TaskState.NOT_STARTED and rows[0].evidence == 0


def test_a_period_gives_its_notes_and_the_latest_up_to_its_end(db, plan_factory):
    pid = plan_factory()
    task = _tasks(db, pid)[0]
    for day, text in (("2025-03-31", "甲"), ("2025-04-01", "乙"), ("2025-07-01", "丙")):
        tracking.add_progress(db, task.id, text, None, entry_date=day)
    read = read_plan_views(db, pid, today=D(2025, 6, 30), period=(D(2025, 4, 1), D(2025, 6, 30)))
    view = read.views[0]
    assert [n.text for n in view.notes] == ["乙"] and view.latest.text == "乙"
    assert read_task_views(db, pid)[0].latest.text == "丙"
    assert read.plan.id == pid and len(read.nodes) == 7


def test_a_section_is_not_a_task(db, plan_factory):
    pid = plan_factory()
    section = [n for n in outline.load_outline(db, pid) if n.kind == "section"][0]
    with pytest.raises(InvalidOperationError):
        read_task_view(db, section.id)
