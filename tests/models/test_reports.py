"""Report content from a fixture plan with known notes and dates (models/reports.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from models import reports as R
from models.errors import InvalidOperationError
from tests.report_fixture import TODAY, make_report_plan, task_ids

Q2 = R.quarter_period(2025, 2)


@pytest.fixture
def plan_id(db):
    return make_report_plan(db)


# ---------------------------------------------------------------- periods
def test_month_period_boundaries_and_leap_year():
    assert R.month_period(2025, 2) == R.Period(
        dt.date(2025, 2, 1), dt.date(2025, 2, 28), "2025年2月"
    )
    assert R.month_period(2024, 2).end == dt.date(2024, 2, 29)
    assert R.month_period(2025, 12).end == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("q", "start", "end", "name"),
    [
        (1, (1, 1), (3, 31), "2025年第一季度"),
        (2, (4, 1), (6, 30), "2025年第二季度"),
        (3, (7, 1), (9, 30), "2025年第三季度"),
        (4, (10, 1), (12, 31), "2025年第四季度"),
    ],
)
def test_quarter_periods(q, start, end, name):
    p = R.quarter_period(2025, q)
    assert (p.start, p.end, p.label) == (dt.date(2025, *start), dt.date(2025, *end), name)


def test_half_and_year_periods():
    assert R.half_period(2025, 1).end == dt.date(2025, 6, 30)
    assert R.half_period(2025, 2).start == dt.date(2025, 7, 1)
    assert R.half_period(2025, 2).label == "2025年下半年"
    assert R.year_period(2025) == R.Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025年度")


def test_range_period_recognises_named_periods_and_names_the_rest():
    assert R.range_period(dt.date(2025, 4, 1), dt.date(2025, 6, 30)).label == "2025年第二季度"
    assert R.range_period(dt.date(2025, 1, 1), dt.date(2025, 12, 31)).label == "2025年度"
    odd = R.range_period(dt.date(2025, 3, 5), dt.date(2025, 4, 9))
    assert odd.label == "2025年3月5日至2025年4月9日"


def test_period_contains_includes_both_ends():
    assert Q2.contains("2025-04-01") and Q2.contains("2025-06-30")
    assert not Q2.contains("2025-03-31") and not Q2.contains("2025-07-01")
    assert not Q2.contains(None) and not Q2.contains("bad")


@pytest.mark.parametrize(
    "call",
    [
        lambda: R.range_period(dt.date(2025, 5, 1), dt.date(2025, 4, 1)),
        lambda: R.period_from_text("2025-13-01", "2025-12-31"),
        lambda: R.period_from_text("2025/01/01", "x"),
        lambda: R.quarter_period(2025, 5),
        lambda: R.month_period(2025, 0),
        lambda: R.half_period(2025, 3),
    ],
)
def test_bad_periods_raise_a_clear_error(call):
    with pytest.raises(InvalidOperationError) as err:
        call()
    assert err.value.user_text


# ---------------------------------------------------------------- progress report
def test_progress_summary_every_number(db, plan_id):
    rep = R.progress_report(db, plan_id, Q2, TODAY)
    t = rep.totals
    assert rep.as_of == dt.date(2025, 6, 30)  # min(today, period end)
    counts = (t.total, t.done, t.on_track, t.overdue, t.not_started, t.suspended)
    assert counts == (8, 1, 2, 2, 2, 1)
    assert t.completion_rate == 12.5 and t.rate_text == "12.5%"


def test_progress_overdue_table_with_units_and_days_late(db, plan_id):
    rep = R.progress_report(db, plan_id, Q2, TODAY)
    assert [(r.text, r.owner_unit, r.days_late) for r in rep.overdue] == [
        ("建设冷链仓储。", "财政所", 61),
        ("推进党风廉政建设。", "纪委", 30),
    ]


def test_due_on_the_reference_day_is_not_overdue(db, plan_id):
    rep = R.progress_report(db, plan_id, Q2, TODAY)
    rows = {r.text: r for b in rep.sections for r in b.all_tasks()}
    brand = rows["打造特色品牌。"]
    assert (brand.state, brand.days_late, brand.days_left) == ("not_started", 0, 0)


def test_notes_on_first_and_last_day_of_the_period_are_in(db, plan_id):
    rep = R.progress_report(db, plan_id, Q2, TODAY)
    rows = {r.text: r for b in rep.sections for r in b.all_tasks()}
    dates = [n.entry_date for n in rows["抓好党员教育管理。"].notes]
    assert dates == ["2025-04-01", "2025-06-30"]  # 03-31 and 07-01 are outside
    assert rows["实施饮水安全工程。"].notes == ()
    assert rows["实施饮水安全工程。"].latest.text == "完成工程设计。"
    assert rep.notes_in_period == 3


def test_progress_outline_numbers_and_order(db, plan_id):
    rep = R.progress_report(db, plan_id, Q2, TODAY)
    assert [(b.number, b.heading) for b in rep.sections] == [
        ("一、", "加强党的建设"),
        ("二、", "发展镇域经济"),
        ("三、", "保障改善民生"),
    ]
    child = rep.sections[1].children[0]
    assert (child.number, child.heading, child.level) == ("（一）", "做强特色产业", 2)
    assert [r.text for r in child.tasks] == ["打造特色品牌。", "建设冷链仓储。"]


def test_empty_period_has_no_notes_and_same_task_count(db, plan_id):
    rep = R.progress_report(db, plan_id, R.month_period(2025, 1), TODAY)
    assert rep.notes_in_period == 0
    assert rep.totals.total == 8
    # on 31 Jan nothing was due yet except nothing: no overdue task
    assert rep.totals.overdue == 0 and rep.overdue == []


def test_later_reference_day_counts_more_overdue(db, plan_id):
    rep = R.progress_report(db, plan_id, R.year_period(2025), TODAY)
    assert rep.as_of == TODAY
    late = {r.text: r.days_late for r in rep.overdue}
    assert late == {
        "建设冷链仓储。": 76,
        "推进党风廉政建设。": 45,
        "打造特色品牌。": 15,
        "实施饮水安全工程。": 10,
    }


def test_plan_without_tasks(db, plan_factory):
    pid = plan_factory(sections=[("空章节", [])])
    rep = R.progress_report(db, pid, Q2, TODAY)
    assert rep.totals.total == 0 and rep.totals.completion_rate == 0.0
    assert R.bulletin(db, pid, Q2, TODAY).units == []
    assert R.reminders(db, pid, Q2, TODAY).sheets == []


# ---------------------------------------------------------------- bulletin
def test_bulletin_counts_and_ranks_by_unit(db, plan_id):
    b = R.bulletin(db, plan_id, Q2, TODAY)
    got = {
        u.unit: (u.rank, u.totals.total, u.totals.done, u.totals.overdue, u.totals.completion_rate)
        for u in b.units
    }
    assert got == {
        "党建办": (1, 1, 1, 0, 100.0),
        "农业站": (2, 2, 0, 0, 0.0),  # the shared task counts for both units
        "林业站": (3, 1, 0, 0, 0.0),
        "卫健办": (3, 1, 0, 0, 0.0),
        "民政办": (3, 1, 0, 0, 0.0),
        "水利站": (3, 1, 0, 0, 0.0),
        "纪委": (7, 1, 0, 1, 0.0),
        "财政所": (7, 1, 0, 1, 0.0),
    }
    assert [u.rank for u in b.units] == sorted(u.rank for u in b.units)


def test_bulletin_lists_overdue_items_under_each_unit(db, plan_id):
    b = R.bulletin(db, plan_id, Q2, TODAY)
    by_unit = {u.unit: u for u in b.units}
    items = by_unit["财政所"].overdue_items
    assert [(r.text, r.days_late) for r in items] == [("建设冷链仓储。", 61)]
    assert by_unit["农业站"].overdue_items == []  # a unit with nothing overdue


def test_task_without_unit_is_grouped_apart(db, plan_factory):
    pid = plan_factory(sections=[("章节", [{"text": "无单位任务。", "deadline": "3月底前"}])])
    b = R.bulletin(db, pid, Q2, TODAY)
    assert [(u.unit, u.totals.overdue) for u in b.units] == [(R.NO_UNIT, 1)]


# ---------------------------------------------------------------- reminders
def test_reminders_red_and_yellow_per_unit(db, plan_id):
    m = R.reminders(db, plan_id, Q2, TODAY)
    got = {
        s.unit: [(r.item_text, r.light, r.days_late, r.days_left) for r in s.items]
        for s in m.sheets
    }
    seedling = ("扩大油茶种植规模（第一批苗木栽植）", "red", 30, -30)
    assert got == {
        "纪委": [("推进党风廉政建设", "red", 30, -30)],
        "财政所": [("建设冷链仓储", "red", 61, -61)],
        "农业站": [seedling, ("打造特色品牌", "yellow", 0, 0)],
        "林业站": [seedling],
        "水利站": [("实施饮水安全工程", "yellow", 0, 5)],
    }
    # done task (党建办, even with an open checkpoint), no date (卫健办): no sheet
    assert "党建办" not in got and "卫健办" not in got


def test_reminder_checkpoint_items(db, plan_id):
    m = R.reminders(db, plan_id, Q2, TODAY)
    item = next(s for s in m.sheets if s.unit == "林业站").items[0]
    assert item.checkpoint_title == "第一批苗木栽植" and item.checkpoint_id is not None
    assert item.deadline_text == "2025年5月31日" and item.latest is None
    # the later checkpoint turns yellow within the window, the done one never shows
    late = R.reminders(db, plan_id, R.year_period(2025), dt.date(2025, 10, 28))
    titles = [r.checkpoint_title for s in late.sheets for r in s.items if r.checkpoint_id]
    assert "第二批苗木栽植" in titles and "整地" not in titles


def test_reminder_last_progress(db, plan_id):
    m = R.reminders(db, plan_id, Q2, TODAY)
    sheet = next(s for s in m.sheets if s.unit == "水利站")
    assert sheet.items[0].latest.entry_date == "2025-02-15"
    assert (sheet.red, sheet.yellow) == (0, 1)


def test_reminder_yellow_window(db, plan_id):
    m = R.reminders(db, plan_id, Q2, TODAY, yellow_days=4)
    assert "水利站" not in {s.unit for s in m.sheets}  # 5 days left > 4, 80% not behind
    assert m.yellow_days == 4


def test_reminder_window_comes_from_tracking_settings(db, plan_id):
    from models import tracking

    tracking.save_tracking_settings(db, tracking.TrackingSettings(within_days=3))
    m = R.reminders(db, plan_id, Q2, TODAY)
    assert m.yellow_days == 3
    assert "水利站" not in {s.unit for s in m.sheets}


def test_behind_schedule_is_yellow_like_the_due_list(db, plan_factory):
    task = {
        "text": "慢任务。",
        "owner_unit": "甲办",
        "deadline": "年底前",
        "status": "in_progress",
        "progress": 10,
    }
    pid = plan_factory(sections=[("章节", [task])])
    m = R.reminders(db, pid, R.year_period(2025), dt.date(2025, 10, 1))
    row = m.sheets[0].items[0]
    assert (m.sheets[0].unit, row.light, row.state) == ("甲办", "yellow", "on_track")


# ---------------------------------------------------------------- draft summary
def test_summary_title_and_opening_numbers(db, plan_id):
    s = R.summary_draft(db, plan_id, Q2, TODAY)
    assert s.title == "测试镇2025年工作总结"
    assert s.opening[0] == (
        "2025年第二季度，测试镇2025年工作计划共安排工作任务8项。截至2025年6月30日，已完成1项，"
        "正常推进2项，逾期未完成2项，未启动2项，暂缓1项，完成率12.5%。"
    )
    assert s.opening[-1] == R.PLACEHOLDER_OVERVIEW


def test_summary_done_items_come_from_notes(db, plan_id):
    s = R.summary_draft(db, plan_id, Q2, TODAY)
    party = s.sections[0]
    assert (party.number, party.heading) == ("一、", "加强党的建设")
    assert party.paragraphs[0] == (
        "一是抓好党员教育管理，开展党员集中轮训3期，参训326人次，轮训全部结束。"
    )
    assert party.paragraphs[1] == (
        "尚未完成的工作：一是推进党风廉政建设（进行中，进度60%，已逾期30天），完成廉政谈话12人次，"
        "存在问题：部分村干部外出务工，谈话未全覆盖。"
    )


def test_summary_section_without_progress_gets_placeholder(db, plan_id):
    s = R.summary_draft(db, plan_id, Q2, TODAY)
    economy = s.sections[1]
    assert economy.paragraphs[0] == R.PLACEHOLDER_SECTION
    assert not economy.has_progress
    child = economy.children[0]
    assert child.paragraphs[0] == R.PLACEHOLDER_SECTION
    assert "建设冷链仓储（未开始，进度0%，已逾期61天）" in child.paragraphs[1]


def test_summary_closing_lists_unfinished(db, plan_id):
    s = R.summary_draft(db, plan_id, Q2, TODAY)
    assert s.closing.number == "四、"
    assert len(s.unfinished) == 7
    assert s.closing.paragraphs[0].startswith("截至2025年6月30日，尚有7项任务未完成")
    assert "二是扩大油茶种植规模（农业站、林业站，进行中，进度60%）" in s.closing.paragraphs[0]
    assert s.closing.paragraphs[-1] == R.PLACEHOLDER_NEXT


def test_summary_invents_nothing(db, plan_id):
    """Every clause of the draft is a task text, a note, a status word or a placeholder."""
    s = R.summary_draft(db, plan_id, Q2, TODAY)
    notes = {r["text"].rstrip("。") for r in db.query("SELECT text FROM progress_log")}
    tasks = {r["text"].rstrip("。") for r in db.query("SELECT text FROM nodes WHERE kind='task'")}
    text = "".join(p for sec in s.sections for p in sec.paragraphs)
    for note in notes:
        if note in text:
            continue
        assert note in {"完成党员信息采集", "整理培训台账", "完成工程设计"}  # outside Q2
    for task in tasks:
        assert task in text or task in s.closing.paragraphs[0]
    assert "完成党员信息采集" not in text and "整理培训台账" not in text


def test_summary_default_period_is_the_plan_year(db, plan_id):
    s = R.summary_draft(db, plan_id, None, TODAY)
    assert s.period == R.year_period(2025)
    assert "完成党员信息采集" in s.sections[0].paragraphs[0]


def test_summary_all_done(db, plan_factory):
    task = {"text": "甲任务。", "status": "done", "progress": 100}
    pid = plan_factory(sections=[("章节", [task])])
    s = R.summary_draft(db, pid, Q2, TODAY)
    assert s.sections[0].paragraphs == ["一是甲任务，已完成。"]
    assert s.closing.paragraphs[0] == "截至2025年6月30日，计划任务已全部完成。"


def test_build_report_dispatch_and_bad_kind(db, plan_id):
    assert isinstance(R.build_report(db, "bulletin", plan_id, Q2, TODAY), R.Bulletin)
    with pytest.raises(InvalidOperationError):
        R.build_report(db, "nope", plan_id, Q2, TODAY)


def test_default_today_comes_from_the_clock(db, plan_id):
    from models import clock

    clock.set_today(dt.date(2025, 5, 1))
    try:
        rep = R.progress_report(db, plan_id, R.year_period(2025))
    finally:
        clock.set_today(None)
    assert rep.as_of == dt.date(2025, 5, 1)
    assert [r.text for r in rep.overdue] == ["建设冷链仓储。"]


def test_reports_do_not_write(db, plan_id):
    before = db.scalar("SELECT total_changes()")
    for kind in R.REPORT_KINDS:
        R.build_report(db, kind, plan_id, Q2, TODAY)
    assert db.scalar("SELECT total_changes()") == before
    assert task_ids(db, plan_id)


def test_period_for_plan_fills_missing_dates():
    from models.entities import Plan

    plan = Plan(id=1, title="x", year=2025)
    assert R.period_for_plan(plan, None, None) == R.year_period(2025)
    assert R.period_for_plan(plan, dt.date(2025, 4, 1), None).end == dt.date(2025, 12, 31)
    assert R.period_for_plan(plan, None, dt.date(2025, 6, 30)) == R.half_period(2025, 1)
    no_year = Plan(id=2, title="y")
    assert R.period_for_plan(no_year, None, None, dt.date(2024, 5, 1)) == R.year_period(2024)
    with pytest.raises(InvalidOperationError):
        R.period_for_plan(plan, dt.date(2026, 1, 5), dt.date(2025, 1, 1))
