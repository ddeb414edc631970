"""督办事项: working-day due dates over holidays, the ledger, 办结/销号/延期 and their undo."""

from __future__ import annotations

import datetime as dt

import pytest

from models import clock, outline, reports, tracking
from models.errors import InvalidOperationError, NotFoundError
from models.supervision import items
from models.supervision.pace import paced_due_list
from models.supervision.settings import SupervisionSettings, save_supervision_settings
from models.supervision.workdays import add_workdays, workdays_between
from tests.db_hash import content_hash

D = dt.date


@pytest.fixture(autouse=True)
def _release_clock():
    yield
    clock.set_today(None)


# ---------------------------------------------------------------- working days
def test_national_day_and_the_makeup_saturday():
    # 2025: 1–8 October off, Saturday 11 October a working day (调休)
    assert add_workdays(D(2025, 9, 30), 3) == D(2025, 10, 11)
    assert workdays_between(D(2025, 9, 30), D(2025, 10, 11)) == 3


def test_spring_festival_and_makeup_sunday():
    assert add_workdays(D(2025, 1, 27), 3) == D(2025, 2, 7)  # 28 Jan – 4 Feb off
    assert add_workdays(D(2025, 9, 26), 1) == D(2025, 9, 28)  # Sunday 28 Sep is worked


def test_zero_days_is_the_same_day_and_weekends_are_skipped():
    assert add_workdays(D(2025, 6, 6), 0) == D(2025, 6, 6)
    assert add_workdays(D(2025, 6, 6), 1) == D(2025, 6, 9)  # Friday → Monday
    assert workdays_between(D(2025, 6, 9), D(2025, 6, 6)) == -1


# ---------------------------------------------------------------- adding
def _add(db, **kw):
    values = {
        "source": "instruction",
        "assigned_on": "2025-09-30",
        "time_class": "rush",
        "owner_unit": "农业办",
        "assigned_by": "张书记",
        "source_ref": "张书记批示〔2025〕12号",
    }
    values.update(kw)
    return items.add_item(db, "落实油茶低改资金拨付。", **values)


def test_time_classes_count_working_days(db):
    urgent = items.get_item(db, _add(db, time_class="urgent"))
    rush = items.get_item(db, _add(db, time_class="rush"))
    normal = items.get_item(db, _add(db, time_class="normal"))
    assert urgent.node.due_date == "2025-09-30" and urgent.work_days == 0
    assert rush.node.due_date == "2025-10-11"
    assert normal.work_days == 10 and normal.node.due_date == "2025-10-21"
    assert rush.node.deadline == "3个工作日内（2025年10月11日前）"


def test_normal_days_follow_the_office_setting(db):
    save_supervision_settings(db, SupervisionSettings(normal_days=5))
    assert items.get_item(db, _add(db, time_class="normal")).node.due_date == "2025-10-14"


def test_items_go_to_the_years_ledger_by_source(db):
    first = items.get_item(db, _add(db))
    second = items.get_item(db, _add(db, source="meeting", assigned_on="2025-03-03"))
    other_year = items.get_item(db, _add(db, assigned_on="2026-01-05"))
    assert first.node.plan_id == second.node.plan_id != other_year.node.plan_id
    plan = outline.get_plan(db, first.node.plan_id)
    assert plan.title == "2025年督办事项台账" and plan.year == 2025
    headings = [n.heading for n in outline.load_outline(db, plan.id) if n.kind == "section"]
    assert headings == ["领导批示", "会议议定事项"]
    assert [i.id for i in items.list_items(db, year=2025)] == [second.id, first.id]
    assert [i.id for i in items.list_items(db, source="meeting")] == [second.id]


def test_items_are_in_the_due_list_with_their_source(db):
    item_id = _add(db)
    due = paced_due_list(db, D(2025, 10, 13))
    mine = [i for i in due if i.node_id == item_id]
    assert mine and mine[0].light == "red" and mine[0].item_source == "instruction"
    assert mine[0].pace == "behind"


@pytest.mark.parametrize(
    "kw",
    [
        {"source": "rumour"},
        {"time_class": "slow"},
        {"assigned_on": "2025-13-01"},
        {"work_days": -1},
    ],
)
def test_bad_items_change_nothing(db, kw):
    before = content_hash(db.conn)
    with pytest.raises(InvalidOperationError):
        _add(db, **kw)
    assert content_hash(db.conn) == before


def test_unknown_item(db):
    with pytest.raises(NotFoundError):
        items.get_item(db, 999)


# ---------------------------------------------------------------- closing
def test_done_then_cancel_then_undo_in_order(db):
    item_id = _add(db)
    outline.update_node(db, item_id, progress=30, status="in_progress")
    done = items.close_done(db, item_id, "资金已拨付到位", on="2025-10-10", evidence="拨付凭证.pdf")
    item = items.get_item(db, item_id)
    assert item.state == "done" and item.node.progress == 100
    assert item_id not in {i.node_id for i in tracking.due_list(db, D(2025, 10, 13))}
    cancel = items.close_cancel(db, item_id, "李主任", on="2025-10-12")
    assert items.get_item(db, item_id).state == "closed"
    with pytest.raises(InvalidOperationError):
        items.undo_closing(db, done)  # the latest step first
    row = items.undo_closing(db, cancel)
    assert items.get_item(db, item_id).state == "done"
    items.redo_closing(db, row)
    assert items.get_item(db, item_id).state == "closed"
    items.undo_closing(db, cancel)
    items.undo_closing(db, done)
    item = items.get_item(db, item_id)
    assert (item.state, item.node.status, item.node.progress) == ("open", "in_progress", 30)
    assert item.closings == []


def test_cancel_needs_done_first(db):
    item_id = _add(db)
    before = content_hash(db.conn)
    with pytest.raises(InvalidOperationError):
        items.close_cancel(db, item_id, "李主任")
    assert content_hash(db.conn) == before


def test_extension_moves_the_due_date_and_undo_puts_it_back(db):
    item_id = _add(db)
    closing = items.extend(db, item_id, "2025-10-31", "需等待县财政资金", "王县长", on="2025-10-10")
    item = items.get_item(db, item_id)
    assert item.node.due_date == "2025-10-31" and item.node.deadline == "延期至2025年10月31日"
    assert item.closings[0].actor == "王县长" and item.closings[0].old_due == "2025-10-11"
    light = {i.node_id: i.light for i in tracking.due_list(db, D(2025, 10, 13))}[item_id]
    assert light != "red"
    items.undo_closing(db, closing)
    item = items.get_item(db, item_id)
    assert item.node.due_date == "2025-10-11"
    assert item.node.deadline == "3个工作日内（2025年10月11日前）"


def test_an_extension_after_final_is_in_the_task_history_until_undone(db):
    """延期 goes through the one field edit: after 定稿 the new 完成时限 is logged with why."""
    item_id = _add(db)
    outline.update_plan(db, outline.get_node(db, item_id).plan_id, status="final")
    closing = items.extend(db, item_id, "2025-10-31", "需等待县财政资金", "王县长", on="2025-10-10")
    [change] = tracking.list_field_changes(db, item_id)
    assert (change.field, change.new_value) == ("deadline", "延期至2025年10月31日")
    assert change.old_value == "3个工作日内（2025年10月11日前）"
    assert change.reason == "延期：需等待县财政资金（批准人：王县长）"
    row = items.undo_closing(db, closing)
    assert tracking.list_field_changes(db, item_id) == []
    items.redo_closing(db, row)
    [again] = tracking.list_field_changes(db, item_id)
    assert (again.new_value, again.reason) == (change.new_value, change.reason)
    assert items.get_item(db, item_id).node.due_date == "2025-10-31"


@pytest.mark.parametrize(
    ("new_due", "reason", "by"),
    [("2025-10-01", "理由", "王县长"), ("2025-10-31", "", "王县长"), ("2025-10-31", "理由", "")],
)
def test_bad_extensions_change_nothing(db, new_due, reason, by):
    item_id = _add(db)
    before = content_hash(db.conn)
    with pytest.raises(InvalidOperationError):
        items.extend(db, item_id, new_due, reason, by)
    assert content_hash(db.conn) == before


def test_closing_shows_in_reports(db):
    item_id = _add(db)
    items.close_done(db, item_id, "已办结", on="2025-10-10")
    plan_id = items.get_item(db, item_id).node.plan_id
    report = reports.progress_report(db, plan_id, reports.year_period(2025), D(2025, 10, 13))
    assert report.totals.done == 1


def test_an_items_time_starts_on_its_assignment_day(db):
    item_id = _add(db, time_class="normal", assigned_on="2025-09-30")  # due 10-21
    day = D(2025, 10, 9)  # 9 of 21 days gone: about 43 % expected, not the 77 % of the year
    got = {i.node_id: i.pace for i in paced_due_list(db, day)}
    assert got[item_id] == "behind"  # nothing done yet
    outline.update_node(db, item_id, progress=40, status="in_progress")
    got = {i.node_id: i.pace for i in paced_due_list(db, day)}
    assert got[item_id] == "on_pace"
