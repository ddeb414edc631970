"""Tracking rules: lights, due list, checkpoints, recurrence, holidays, progress, roll-ups."""

from __future__ import annotations

import datetime as dt

import pytest

from models import clock, outline, tracking
from models.errors import InvalidOperationError, NotFoundError
from models.store import row_images

D = dt.date


@pytest.fixture(autouse=True)
def _release_clock():
    yield
    clock.set_today(None)


def _tasks(db, plan_id):
    return [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]


def _table_dump(db, table):
    return [tuple(r) for r in db.query(f"SELECT * FROM {table} ORDER BY id")]


# ---------------------------------------------------------------- clock
def test_clock_override_and_env(monkeypatch):
    monkeypatch.setenv(clock.ENV_TODAY, "2024-03-05")
    assert clock.today() == D(2024, 3, 5)
    clock.set_today("2025-01-02")
    assert clock.today() == D(2025, 1, 2)
    clock.set_today(None)
    monkeypatch.setenv(clock.ENV_TODAY, "not a date")
    assert clock.today() == dt.date.today()


# ---------------------------------------------------------------- lights
TODAY = D(2024, 6, 10)


def light(due, status="in_progress", progress=50, start=None, within=7, margin=20):
    return tracking.light_for(
        status=status,
        progress=progress,
        due=due,
        today=TODAY,
        within=within,
        margin=margin,
        start=start,
    )


def test_light_due_today_is_yellow():
    assert light("2024-06-10") == "yellow"


def test_light_due_in_n_days_is_yellow_and_n_plus_one_green():
    assert light("2024-06-17") == "yellow"
    assert light("2024-06-18") == "green"
    assert light("2024-06-13", within=2) == "green"


def test_light_overdue_by_one_day_is_red():
    assert light("2024-06-09") == "red"


def test_light_done_late_is_not_followed():
    assert light("2024-05-01", status="done", progress=100) is None
    assert light("2024-05-01", status="suspended") is None


def test_light_grey_only_for_not_started_without_date():
    assert light(None, status="not_started", progress=0) == "grey"
    assert light(None, status="in_progress", progress=10) == "green"


def test_light_behind_schedule_is_yellow():
    start = D(2024, 1, 1)
    # 2024-01-01 .. 2024-12-31: on 06-10 about 44 % of the time has passed
    assert light("2024-12-31", progress=10, start=start) == "yellow"
    assert light("2024-12-31", progress=30, start=start) == "green"  # 14 points behind < 20
    assert light("2024-12-31", progress=30, start=start, margin=10) == "yellow"


def test_checkpoint_light():
    assert tracking.checkpoint_light("2024-06-09", TODAY) == "red"
    assert tracking.checkpoint_light("2024-06-10", TODAY) == "yellow"
    assert tracking.checkpoint_light("2024-06-18", TODAY) == "green"
    assert tracking.checkpoint_light(None, TODAY) == "grey"


# ---------------------------------------------------------------- due list
@pytest.fixture
def tracked(db, plan_factory):
    """A 2024 plan whose four tasks sit on the light boundaries, plus a checkpoint."""
    pid = plan_factory(
        year=2024,
        sections=[
            ("加强党的建设", ["按期召开会议。", "每月开展主题党日。", "完成换届。", "整理档案。"])
        ],
    )
    t = _tasks(db, pid)
    outline.update_node(
        db,
        t[0].id,
        due_date="2024-06-09",
        owner_unit="党政办",
        lead_leader="张三",
        status="in_progress",
        progress=20,
    )
    outline.update_node(
        db, t[1].id, due_date="2024-06-17", owner_unit="组织办", progress=50, status="in_progress"
    )
    outline.update_node(
        db, t[2].id, due_date="2024-05-31", status="done", progress=100, owner_unit="党政办"
    )
    cp = tracking.add_checkpoint(db, t[1].id, "6月", "2024-06-09")
    tracking.add_checkpoint(db, t[1].id, "5月", "2024-05-31", done_date="2024-06-02")
    return pid, t, cp


def test_due_list_lights_and_kinds(db, tracked):
    pid, t, cp = tracked
    items = tracking.due_list(db, TODAY)
    got = [(i.kind, i.node_id, i.light, i.due) for i in items]
    assert got == [
        ("task", t[0].id, "red", "2024-06-09"),
        ("checkpoint", t[1].id, "red", "2024-06-09"),
        ("task", t[1].id, "yellow", "2024-06-17"),
        ("task", t[3].id, "grey", None),
    ]
    assert items[1].checkpoint_id == cp
    assert tracking.count_lights(items) == {"red": 2, "yellow": 1, "green": 0, "grey": 1}


def test_due_list_uses_clock_and_settings(db, tracked):
    pid, t, _ = tracked
    clock.set_today(D(2024, 6, 1))
    tracking.save_tracking_settings(db, tracking.TrackingSettings(3, behind_margin=100))
    lights = {(i.kind, i.node_id): i.light for i in tracking.due_list(db)}
    assert lights[("task", t[0].id)] == "green"  # due in 8 days, 3-day window
    tracking.save_tracking_settings(db, tracking.TrackingSettings(3, behind_margin=50))
    lights = {(i.kind, i.node_id): i.light for i in tracking.due_list(db)}
    assert lights[("task", t[0].id)] == "yellow"  # 20 % done, 95 % of the time gone
    tracking.save_tracking_settings(db, tracking.TrackingSettings(10, behind_margin=100))
    lights = {(i.kind, i.node_id): i.light for i in tracking.due_list(db)}
    assert lights[("task", t[0].id)] == "yellow"


def test_due_list_filters_and_groups(db, tracked):
    pid, t, _ = tracked
    only = tracking.due_list(db, TODAY, filters=tracking.DueFilter(owner_unit="党政办"))
    assert [(i.kind, i.node_id) for i in only] == [("task", t[0].id)]
    reds = tracking.due_list(db, TODAY, filters=tracking.DueFilter(lights=frozenset({"red"})))
    assert {i.light for i in reds} == {"red"} and len(reds) == 2
    groups = tracking.group_items(tracking.due_list(db, TODAY), "owner_unit")
    assert set(groups) == {"党政办", "组织办", ""}
    by_leader = tracking.group_items(tracking.due_list(db, TODAY), "lead_leader")
    assert [i.node_id for i in by_leader["张三"]] == [t[0].id]
    with pytest.raises(InvalidOperationError):
        tracking.group_items([], "colour")


def test_due_list_over_all_plans(db, tracked, plan_factory):
    other = plan_factory(title="另一个计划", year=2025, sections=[("甲", ["乙任务。"])])
    task = _tasks(db, other)[0]
    outline.update_node(db, task.id, due_date="2024-06-01")
    items = tracking.due_list(db, TODAY)
    assert {i.plan_id for i in items} == {tracked[0], other}
    mine = tracking.due_list(db, TODAY, filters=tracking.DueFilter(plan_id=other))
    assert [(i.node_id, i.light, i.plan_title) for i in mine] == [(task.id, "red", "另一个计划")]


# ---------------------------------------------------------------- recurrence and holidays
def test_monthly_expansion_gives_month_ends():
    rows = tracking.expand_recurrence("monthly", 2024)
    assert len(rows) == 12
    assert rows[0] == ("1月", "2024-01-31")
    assert rows[1] == ("2月", "2024-02-29")  # leap year
    assert rows[11] == ("12月", "2024-12-31")


def test_quarter_and_half_year_expansion():
    assert [d for _, d in tracking.expand_recurrence("quarterly", 2025)] == [
        "2025-03-31",
        "2025-06-30",
        "2025-09-30",
        "2025-12-31",
    ]
    assert tracking.expand_recurrence("halfyear", 2025) == [
        ("上半年", "2025-06-30"),
        ("下半年", "2025-12-31"),
    ]
    with pytest.raises(InvalidOperationError):
        tracking.expand_recurrence("weekly", 2025)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 10, 1), D(2024, 9, 30)),  # National Day → the Monday before
        (D(2024, 10, 7), D(2024, 9, 30)),  # last day of the Golden Week
        (D(2024, 9, 29), D(2024, 9, 29)),  # Sunday 调休 working day stays
        (D(2024, 10, 12), D(2024, 10, 12)),  # Saturday 调休 working day stays
        (D(2024, 6, 30), D(2024, 6, 28)),  # an ordinary Sunday → Friday
        (D(2025, 5, 31), D(2025, 5, 30)),  # 端午 2025
        (D(2025, 10, 11), D(2025, 10, 11)),  # Saturday 调休 working day stays
        (D(2025, 2, 1), D(2025, 1, 27)),  # Spring Festival 2025: 1-28..2-4 off → the Monday
        (D(2025, 1, 26), D(2025, 1, 26)),  # Sunday 调休 working day before it stays
        (D(2025, 6, 30), D(2025, 6, 30)),  # an ordinary Monday
    ],
)
def test_shift_to_previous_working_day(day, expected):
    assert tracking.shift_to_workday(day) == expected


def test_expansion_with_holiday_shift():
    rows = dict(tracking.expand_recurrence("quarterly", 2024, shift_holidays=True))
    assert rows["第二季度"] == "2024-06-28"  # 06-30 is a Sunday
    assert rows["第三季度"] == "2024-09-30"  # a Monday stays


def test_suggest_recurrence(db, plan_factory):
    pid = plan_factory(sections=[("甲", ["每月开展一次安全检查。", "完成道路硬化。"])])
    a, b = _tasks(db, pid)
    assert tracking.suggest_recurrence(a) == "monthly"
    assert tracking.suggest_recurrence(b) is None
    outline.update_node(db, b.id, frequency="quarterly")
    assert tracking.suggest_recurrence(outline.get_node(db, b.id)) == "quarterly"


def test_recurring_checkpoints_added_once(db, plan_factory):
    pid = plan_factory(year=2024, sections=[("甲", ["每月开展一次安全检查。"])])
    task = _tasks(db, pid)[0]
    ids = tracking.add_recurring_checkpoints(db, task.id, "monthly", shift_holidays=True)
    assert len(ids) == 12
    cps = tracking.list_checkpoints(db, task.id)
    assert cps[5].due_date == "2024-06-28" and cps[5].recurrence == "monthly"
    assert cps[8].due_date == "2024-09-30"
    assert tracking.add_recurring_checkpoints(db, task.id, "monthly", shift_holidays=True) == []
    rows = tracking.remove_checkpoints(db, ids)
    assert tracking.list_checkpoints(db, task.id) == []
    tracking.restore_checkpoints(db, rows)
    assert [c.id for c in tracking.list_checkpoints(db, task.id)] == ids


def test_checkpoint_edit_and_bad_input(db, plan_factory):
    pid = plan_factory()
    task, section = _tasks(db, pid)[0], outline.load_outline(db, pid)[0]
    cid = tracking.add_checkpoint(db, task.id, "中期检查", "2025-06-30", shift_holidays=True)
    assert tracking.get_checkpoint(db, cid).due_date == "2025-06-30"
    old = tracking.update_checkpoint(db, cid, done_date="2025-06-29", note="已检查")
    assert old == {"done_date": None, "note": ""}
    before = _table_dump(db, "checkpoints")
    with pytest.raises(InvalidOperationError):
        tracking.update_checkpoint(db, cid, due_date="6月30日")
    with pytest.raises(InvalidOperationError):
        tracking.add_checkpoint(db, section.id, "x", "2025-01-01")
    with pytest.raises(InvalidOperationError):
        tracking.add_checkpoint(db, task.id, "", None)
    with pytest.raises(NotFoundError):
        tracking.remove_checkpoints(db, [cid, 9999])
    assert _table_dump(db, "checkpoints") == before


# ---------------------------------------------------------------- progress notes
def test_progress_note_updates_task_in_same_step(db, plan_factory):
    pid = plan_factory()
    task = _tasks(db, pid)[0]
    eid, old = tracking.add_progress(db, task.id, "已完成调研。", 40, entry_date="2025-03-01")
    assert old == {"progress": 0, "status": "not_started"}
    node = outline.get_node(db, task.id)
    assert (node.progress, node.status) == (40, "in_progress")
    tracking.add_progress(db, task.id, "全部完成。", 100, entry_date="2025-05-01")
    assert outline.get_node(db, task.id).status == "done"
    latest = tracking.latest_progress(db, pid)
    assert latest[task.id].text == "全部完成。" and latest[task.id].progress_after == 100
    # removing a note keeps the task's progress; restoring it brings the same id back
    row = tracking.remove_progress(db, eid)
    assert outline.get_node(db, task.id).progress == 100
    tracking.restore_progress(db, row)
    assert [e.id for e in tracking.list_progress(db, task.id)][0] == eid


def test_progress_note_uses_clock_and_rejects_bad_values(db, plan_factory):
    pid = plan_factory()
    task = _tasks(db, pid)[0]
    clock.set_today(D(2025, 4, 2))
    tracking.add_progress(db, task.id, "推进中。")
    assert tracking.list_progress(db, task.id)[0].entry_date == "2025-04-02"
    before = (_table_dump(db, "progress_log"), outline.get_node(db, task.id).progress)
    for bad in (150, -1, "abc"):
        with pytest.raises(InvalidOperationError):
            tracking.add_progress(db, task.id, "x", bad)
    with pytest.raises(InvalidOperationError):
        tracking.add_progress(db, task.id, "x", 10, entry_date="4月2日")
    with pytest.raises(InvalidOperationError):
        tracking.add_progress(db, task.id, "  ")
    assert (_table_dump(db, "progress_log"), outline.get_node(db, task.id).progress) == before


# ---------------------------------------------------------------- roll-ups
def test_rollup_of_sections_and_plan(db, plan_factory):
    pid = plan_factory()  # 加强党的建设: 2 tasks; 发展镇域经济: 1 task + sub-section with 1 task
    nodes = outline.load_outline(db, pid)
    sec = [n for n in nodes if n.kind == "section"]
    t = _tasks(db, pid)
    outline.update_node(db, t[0].id, progress=50)
    outline.update_node(db, t[1].id, status="done", progress=80)  # done counts 100
    outline.update_node(db, t[3].id, progress=30)
    r = tracking.rollup(db, pid)
    assert r.sections[sec[0].id] == 75
    assert r.sections[sec[2].id] == 30  # 做强特色产业
    assert r.sections[sec[1].id] == 15  # (0 + 30) / 2
    assert r.plan == 45 and r.task_count == 4


def test_rollup_of_empty_section_is_none(db, plan_factory):
    pid = plan_factory(sections=[("空章节", [])])
    r = tracking.rollup(db, pid)
    assert r.plan is None and list(r.sections.values()) == [None]


# ---------------------------------------------------------------- bulk edit, change log
def test_bulk_edit_returns_old_values_and_undoes(db, plan_factory):
    pid = plan_factory(year=2025)
    t = _tasks(db, pid)
    outline.update_node(db, t[0].id, owner_unit="旧单位")
    ids = [x.id for x in t]
    old, rec = row_images.record(
        db,
        lambda: tracking.update_tasks(
            db, dict.fromkeys(ids, {"owner_unit": "党政办", "deadline": "6月底前"})
        ),
        {"nodes": ids},
    )
    assert old[t[0].id]["owner_unit"] == "旧单位"
    assert old[t[1].id] == {"owner_unit": None, "deadline": None, "due_date": None}
    for x in _tasks(db, pid):
        assert (x.owner_unit, x.deadline, x.due_date) == ("党政办", "6月底前", "2025-06-30")
    row_images.put_back(db, rec.before)
    got = [(x.owner_unit, x.deadline, x.due_date) for x in _tasks(db, pid)]
    assert got == [("旧单位", None, None)] + [(None, None, None)] * 3


def test_bulk_edit_is_all_or_nothing(db, plan_factory):
    pid = plan_factory()
    t = _tasks(db, pid)
    section = outline.load_outline(db, pid)[0]
    before = _table_dump(db, "nodes")
    with pytest.raises(InvalidOperationError):
        tracking.update_tasks(db, dict.fromkeys([t[0].id, section.id], {"owner_unit": "党政办"}))
    with pytest.raises(InvalidOperationError):
        tracking.update_tasks(db, {t[0].id: {"owner_unit": "x"}, t[1].id: {"progress": 300}})
    with pytest.raises(InvalidOperationError):
        tracking.update_tasks(db, {})
    assert _table_dump(db, "nodes") == before


def test_field_changes_logged_only_after_final(db, plan_factory):
    pid = plan_factory()
    task = _tasks(db, pid)[0]
    tracking.update_task_fields(db, task.id, {"deadline": "6月底前"}, reason="草稿阶段")
    assert tracking.list_field_changes(db, task.id) == []
    outline.update_plan(db, pid, status="final")
    assert tracking.needs_change_reason(db, task.id, ["deadline"])
    assert not tracking.needs_change_reason(db, task.id, ["owner_unit"])
    tracking.update_task_fields(
        db,
        task.id,
        {"deadline": "9月底前", "target": "5万只", "owner_unit": "党政办"},
        reason="上级调整",
    )
    changes = tracking.list_field_changes(db, task.id)
    assert [(c.field, c.old_value, c.new_value, c.reason) for c in changes] == [
        ("deadline", "6月底前", "9月底前", "上级调整"),
        ("target", None, "5万只", "上级调整"),
    ]
    assert changes[0].changed_at[:4].isdigit()
    assert len(tracking.list_field_changes(db, plan_id=pid)) == 2


# ---------------------------------------------------------------- units, task rows
def test_units_dictionary(db, plan_factory):
    uid = tracking.add_unit(db, "党政办")
    tracking.add_unit(db, "张三", "person")
    with pytest.raises(InvalidOperationError):
        tracking.add_unit(db, " 党政办 ")
    with pytest.raises(InvalidOperationError):
        tracking.add_unit(db, "  ")
    assert tracking.update_unit(db, uid, name="党政综合办") == {"name": "党政办"}
    assert [u.name for u in tracking.list_units(db, "unit")] == ["党政综合办"]
    row = tracking.remove_unit(db, uid)
    assert [u.name for u in tracking.list_units(db)] == ["张三"]
    tracking.restore_unit(db, row)
    pid = plan_factory()
    outline.update_node(db, _tasks(db, pid)[0].id, owner_unit="财政所、农业办")
    assert tracking.pick_list(db, "unit") == ["党政综合办", "财政所", "农业办"]


def test_sql_lights_agree_with_light_for(db, plan_factory):
    """The due list computes lights in SQL; they must equal light_for() everywhere."""
    pid = plan_factory(year=2024, sections=[("甲", [])])
    section = outline.load_outline(db, pid)[0].id
    cases = []
    for due in (
        None,
        "2024-01-01",
        "2024-06-09",
        "2024-06-10",
        "2024-06-17",
        "2024-06-18",
        "2024-08-01",
        "2024-12-31",
        "2025-03-01",
    ):
        for status, progress in (
            ("not_started", 0),
            ("in_progress", 10),
            ("in_progress", 45),
            ("in_progress", 90),
            ("not_started", 5),
        ):
            tid = outline.add_node(
                db,
                pid,
                section,
                "task",
                text="任务。",
                due_date=due,
                status=status,
                progress=progress,
            )
            cases.append((tid, due, status, progress))
    for within, margin in ((7, 20), (0, 0), (30, 5)):
        got = {i.node_id: i.light for i in tracking.due_list(db, TODAY, within, margin=margin)}
        for tid, due, status, progress in cases:
            assert got[tid] == tracking.light_for(
                status=status,
                progress=progress,
                due=due,
                today=TODAY,
                within=within,
                margin=margin,
                start=D(2024, 1, 1),
            ), (due, status, progress, within, margin)


def test_archived_plans_are_not_followed(db, tracked):
    pid, t, _ = tracked
    outline.update_plan(db, pid, status="archived")
    assert tracking.due_list(db, TODAY) == []


def test_due_list_kinds_filter(db, tracked):
    pid, t, cp = tracked
    only_cps = tracking.due_list(
        db, TODAY, filters=tracking.DueFilter(kinds=frozenset({"checkpoint"}))
    )
    assert [(i.kind, i.checkpoint_id) for i in only_cps] == [("checkpoint", cp)]
    only_tasks = tracking.due_list(db, TODAY, filters=tracking.DueFilter(kinds=frozenset({"task"})))
    assert {i.kind for i in only_tasks} == {"task"} and len(only_tasks) == 3
    assert tracking.due_list(db, TODAY, filters=tracking.DueFilter(lights=frozenset())) == []


def test_due_counts_equal_the_counted_list(db, tracked):
    items = tracking.due_list(db, TODAY)
    assert tracking.due_counts(db, TODAY) == tracking.count_lights(items)
    assert tracking.alert_counts(db, TODAY) == {"red": 2, "yellow": 1, "green": 0, "grey": 1}
    only = tracking.DueFilter(owner_unit="党政办")
    assert tracking.due_counts(db, TODAY, filters=only) == {
        "red": 1,
        "yellow": 0,
        "green": 0,
        "grey": 0,
    }


def test_a_number_in_a_text_field_is_stored_as_text(db, plan_factory):
    # found by tests/ui/test_undo_exact.py: a deadline of 40 (a spreadsheet number) crashed
    pid = plan_factory(year=2025)
    task = _tasks(db, pid)[0]
    outline.update_node(db, task.id, deadline=6, target=40, owner_unit=3)
    node = outline.get_node(db, task.id)
    assert (node.deadline, node.target, node.owner_unit, node.due_date) == ("6", "40", "3", None)
