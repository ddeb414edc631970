"""Rollover: year-aware text, reset tasks, moved dates, carry options, review list."""

from __future__ import annotations

import datetime as dt

import pytest

from models import outline, rollover
from models.errors import InvalidOperationError, NotFoundError
from models.sample import load_sample
from models.vocab import REVIEW_KIND


def dump_plan(db, plan_id):
    """Every stored row of a plan (plan, nodes, checkpoints, progress log, FTS), as text."""
    rows = [tuple(db.query_one("SELECT * FROM plans WHERE id = ?", (plan_id,)))]
    rows += [
        tuple(r) for r in db.query("SELECT * FROM nodes WHERE plan_id = ? ORDER BY id", (plan_id,))
    ]
    for table in ("checkpoints", "progress_log", "field_changes"):
        rows += [
            tuple(r)
            for r in db.query(
                f"SELECT * FROM {table} WHERE task_id IN (SELECT id FROM nodes WHERE plan_id = ?) "
                "ORDER BY id",
                (plan_id,),
            )
        ]
    return repr(rows)


def tasks_of(db, plan_id):
    return [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]


def counts(db, plan_id):
    nodes = outline.load_outline(db, plan_id)
    return (sum(n.kind == "section" for n in nodes), sum(n.kind == "task" for n in nodes))


@pytest.fixture
def samples(db):
    return load_sample(db)


# ---------------------------------------------------------------- the seed plans
@pytest.mark.parametrize(
    "index, title",
    [
        (0, "XX镇2025年工作计划"),
        (1, "县司法局2025年工作计划"),
        (2, "镇人民政府2025年度工作计划"),
    ],
)
def test_each_sample_plan_rolls_over(db, samples, index, title):
    old_id = samples[index]
    old_tasks = tasks_of(db, old_id)
    result = rollover.rollover(db, old_id)
    new = outline.get_plan(db, result.plan_id)
    assert new.title == title
    assert new.year == 2025
    assert new.status == "draft"
    assert new.source_plan_id == old_id
    assert counts(db, result.plan_id) == counts(db, old_id)
    new_tasks = tasks_of(db, result.plan_id)
    assert [t.carried_from for t in new_tasks] == [t.id for t in old_tasks]
    assert all(t.status == "not_started" and t.progress == 0 for t in new_tasks)
    # same outline shape: numbers and headings line up
    old_nodes = outline.load_outline(db, old_id)
    new_nodes = outline.load_outline(db, result.plan_id)
    assert [(n.kind, n.heading, n.task_style, n.run_in) for n in old_nodes] == [
        (n.kind, n.heading, n.task_style, n.run_in) for n in new_nodes
    ]


def test_preamble_of_third_plan_names_the_new_year(db, samples):
    result = rollover.rollover(db, samples[2])
    preamble = outline.get_plan(db, result.plan_id).preamble
    assert preamble.startswith("2025年，我镇将继续全面贯彻落实")
    assert "2024" not in preamble


def test_other_years_are_kept_and_listed_when_no_longer_ahead(db, samples):
    result = rollover.rollover(db, samples[0], year=2026)
    assert outline.get_plan(db, result.plan_id).title == "XX镇2026年工作计划"
    task = next(t for t in tasks_of(db, result.plan_id) if "黑山羊养殖规模" in t.text)
    assert "力争2025年达到" in task.text
    stale = [r for r in result.review if r.kind == "stale_year"]
    assert [(r.node_id, r.match, r.field) for r in stale] == [(task.id, "2025年", "text")]
    assert "力争2025年达到" in stale[0].text


def test_a_year_equal_to_the_new_plan_year_is_listed_too(db, samples):
    result = rollover.rollover(db, samples[0])  # 2025: "力争2025年" is no longer ahead
    assert [r.match for r in result.review if r.kind == "stale_year"] == ["2025年"]


def test_a_future_year_is_not_listed(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        sections=[("发展经济", ["力争2027年建成示范园区。"])],
    )
    result = rollover.rollover(db, pid)
    assert [r for r in result.review if r.kind == "stale_year"] == []
    assert tasks_of(db, result.plan_id)[0].text == "力争2027年建成示范园区。"


def test_plan_title_without_the_year_number_uses_the_plan_year(db, plan_factory):
    pid = plan_factory(title="测试镇工作要点", year=2024)
    result = rollover.rollover(db, pid)
    plan = outline.get_plan(db, result.plan_id)
    assert (plan.title, plan.year) == ("测试镇工作要点", 2025)


# ---------------------------------------------------------------- year-aware text
@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024年，我镇将继续推进。", "2025年，我镇将继续推进。"),
        ("全面完成2024年度目标任务。", "全面完成2025年度目标任务。"),
        ("二〇二四年工作计划", "二〇二五年工作计划"),
        ("二○二四年工作计划", "二○二五年工作计划"),
        ("２０２４年工作计划", "２０２５年工作计划"),
        ("２０２５年达到", "２０２５年达到"),
        ("力争2025年达到5万只。", "力争2025年达到5万只。"),
        ("较2023年增长10%。", "较2023年增长10%。"),
        ("落实2022—2024年三年行动。", "落实2022—2024年三年行动。"),
        ("2024-2026年规划。", "2024-2026年规划。"),
        ("2024年以来的成效。", "2024年以来的成效。"),
        ("按〔2024〕12号文件执行。", "按〔2024〕12号文件执行。"),
        ("投入2024万元。", "投入2024万元。"),
    ],
)
def test_shift_years_in_text(text, expected):
    assert rollover.shift_years_in_text(text, 2024, 2025)[0] == expected


def test_ranges_are_listed_once_by_their_last_year(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        sections=[
            ("规划", ["落实2022—2024年三年行动。", "推进2024-2026年规划。", "较2023年增长10%。"])
        ],
    )
    result = rollover.rollover(db, pid)
    stale = sorted(r.match for r in result.review if r.kind == "stale_year")
    assert stale == ["2022—2024年", "2023年"]


def test_relative_words_are_listed_not_changed(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        preamble="今年是关键之年。",
        sections=[("经济", ["完成去年未完成的项目，为明年打基础。", "落实本年度考核。"])],
    )
    result = rollover.rollover(db, pid)
    items = [r for r in result.review if r.kind == "relative_word"]
    assert sorted(r.match for r in items) == sorted(["今年", "去年", "明年", "本年度"])
    preamble_item = next(r for r in items if r.match == "今年")
    assert (preamble_item.node_id, preamble_item.field) == (None, "preamble")
    new_tasks = tasks_of(db, result.plan_id)
    assert new_tasks[0].text == "完成去年未完成的项目，为明年打基础。"
    assert all(r.node_id == new_tasks[0].id for r in items if r.match in ("去年", "明年"))


def test_review_kinds_have_labels():
    assert set(rollover.REVIEW_KINDS) <= set(REVIEW_KIND)


def test_excerpt_of_a_long_text_is_around_the_match():
    text = "甲" * 100 + "力争2025年完成" + "乙" * 100
    short = rollover.excerpt(text, 102, 107)
    assert "力争2025年完成" in short
    assert len(short) < 100


# ---------------------------------------------------------------- tasks: reset, dates
def _tracked_plan(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        sections=[
            (
                "经济",
                [
                    {
                        "text": "扩大油茶种植。",
                        "deadline": "2024年10月前",
                        "owner_person": "张三",
                        "owner_unit": "农业办",
                        "lead_leader": "李镇长",
                        "target": "新增500亩",
                        "status": "done",
                        "progress": 100,
                    },
                    {
                        "text": "建设冷链仓库。",
                        "deadline": "6月底前",
                        "due_date": "2024-02-29",
                        "owner_person": "王五",
                        "status": "in_progress",
                        "progress": 60,
                    },
                    {"text": "申报示范园区。", "status": "not_started"},
                ],
            ),
        ],
    )
    tasks = tasks_of(db, pid)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO checkpoints (task_id, title, due_date, done_date, note, "
            "recurrence) VALUES (?, '2024年第一季度', '2024-03-31', '2024-03-30', "
            "'已检查', 'quarterly')",
            (tasks[1].id,),
        )
        conn.execute(
            "INSERT INTO checkpoints (task_id, title, due_date) VALUES (?, '闰日', '2024-02-29')",
            (tasks[1].id,),
        )
        conn.execute(
            "INSERT INTO progress_log (task_id, entry_date, text, progress_after) "
            "VALUES (?, '2024-05-01', '完成选址', 60)",
            (tasks[1].id,),
        )
    return pid, tasks


def test_task_fields_reset_kept_and_dates_moved(db, plan_factory):
    pid, old = _tracked_plan(db, plan_factory)
    result = rollover.rollover(db, pid)
    new = tasks_of(db, result.plan_id)
    assert [t.status for t in new] == ["not_started"] * 3
    assert [t.progress for t in new] == [0, 0, 0]
    assert (new[0].deadline, new[0].due_date) == ("2025年10月前", "2025-10-31")
    assert (new[0].owner_person, new[0].owner_unit, new[0].lead_leader, new[0].target) == (
        "张三",
        "农业办",
        "李镇长",
        "新增500亩",
    )
    assert (new[1].deadline, new[1].due_date) == ("6月底前", "2025-02-28")  # leap day
    cps = db.query(
        "SELECT title, due_date, done_date, note, recurrence FROM checkpoints "
        "WHERE task_id = ? ORDER BY due_date",
        (new[1].id,),
    )
    assert [tuple(r) for r in cps] == [
        ("闰日", "2025-02-28", None, "", None),
        ("2025年第一季度", "2025-03-31", None, "", "quarterly"),
    ]
    assert (
        db.scalar(
            "SELECT count(*) FROM progress_log WHERE task_id IN (?, ?, ?)", tuple(t.id for t in new)
        )
        == 0
    )


def test_rolling_two_years_moves_dates_two_years(db, plan_factory):
    pid, _ = _tracked_plan(db, plan_factory)
    result = rollover.rollover(db, pid, year=2026)
    new = tasks_of(db, result.plan_id)
    assert (new[0].deadline, new[0].due_date) == ("2026年10月前", "2026-10-31")
    assert new[1].due_date == "2026-02-28"


def test_shift_date_leap_days():
    assert rollover.shift_date("2024-02-29", 1) == "2025-02-28"
    assert rollover.shift_date("2024-02-29", 4) == "2028-02-29"
    assert rollover.shift_date("2024-12-31", 1) == "2025-12-31"
    assert rollover.shift_date(None, 1) is None


def test_options_clear_people_and_deadlines(db, plan_factory):
    pid, _ = _tracked_plan(db, plan_factory)
    result = rollover.rollover(db, pid, keep_people=False, keep_deadlines=False)
    new = tasks_of(db, result.plan_id)
    assert [t.owner_person for t in new] == [None, None, None]
    assert [(t.deadline, t.due_date) for t in new] == [(None, None)] * 3
    assert new[0].owner_unit == "农业办"  # 责任单位 and 牵头领导 stay
    assert db.scalar("SELECT count(*) FROM checkpoints WHERE task_id = ?", (new[1].id,)) == 0


def test_unfinished_and_overdue_tasks_are_listed(db, plan_factory):
    pid, old = _tracked_plan(db, plan_factory)
    result = rollover.rollover(db, pid, today=dt.date(2024, 12, 1))
    new = tasks_of(db, result.plan_id)
    items = [r for r in result.review if r.kind == "unfinished"]
    assert [(r.node_id, r.old_node_id, r.old_status) for r in items] == [
        (new[1].id, old[1].id, "in_progress"),
        (new[2].id, old[2].id, "not_started"),
    ]
    assert items[0].overdue and items[0].old_progress == 60
    assert not items[1].overdue  # no due date


def test_a_plan_never_followed_up_lists_no_unfinished_tasks(db, samples):
    result = rollover.rollover(db, samples[0])
    assert [r for r in result.review if r.kind == "unfinished"] == []
    task = tasks_of(db, samples[1])[0]
    with db.transaction() as conn:  # one progress note makes the plan "followed up"
        conn.execute(
            "INSERT INTO progress_log (task_id, entry_date, text) VALUES "
            "(?, '2024-03-01', '已部署')",
            (task.id,),
        )
    result = rollover.rollover(db, samples[1])
    assert len([r for r in result.review if r.kind == "unfinished"]) == 13


# ---------------------------------------------------------------- carry options
def test_carry_unfinished_leaves_done_tasks_out_and_lists_them(db, plan_factory):
    pid, old = _tracked_plan(db, plan_factory)
    result = rollover.rollover(db, pid, carry="unfinished")
    new = tasks_of(db, result.plan_id)
    assert [t.carried_from for t in new] == [old[1].id, old[2].id]
    left = [r for r in result.review if r.kind == "left_out"]
    assert [(r.node_id, r.old_node_id, r.text) for r in left] == [
        (None, old[0].id, "扩大油茶种植。")
    ]
    assert counts(db, result.plan_id)[0] == counts(db, pid)[0]  # sections all kept
    for parent in {n.parent_id for n in outline.load_outline(db, result.plan_id)}:
        kids = outline.children(db, result.plan_id, parent)
        assert [n.position for n in kids] == list(range(len(kids)))  # dense positions


def test_add_back_puts_the_task_in_its_old_place(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        sections=[
            (
                "经济",
                [
                    {"text": "甲。"},
                    {"text": "乙。", "status": "done", "deadline": "2024年5月底前"},
                    {"text": "丙。"},
                ],
                [("子项", ["丁。"])],
            )
        ],
    )
    result = rollover.rollover(db, pid, carry="unfinished")
    old_b = next(t for t in tasks_of(db, pid) if t.text == "乙。")
    new_id = rollover.add_back(db, result.plan_id, old_b.id)
    section = outline.children(db, result.plan_id, None)[0]
    assert [n.title for n in outline.children(db, result.plan_id, section.id)] == [
        "甲。",
        "乙。",
        "丙。",
        "子项",
    ]
    task = outline.get_node(db, new_id)
    assert (task.carried_from, task.status, task.deadline, task.due_date) == (
        old_b.id,
        "not_started",
        "2025年5月底前",
        "2025-05-31",
    )
    with pytest.raises(InvalidOperationError):
        rollover.add_back(db, result.plan_id, old_b.id)


def test_add_back_refuses_a_task_of_another_plan(db, plan_factory):
    pid = plan_factory(title="测试镇2024年工作计划", year=2024)
    other = plan_factory(title="别的计划", year=2024)
    result = rollover.rollover(db, pid)
    before = dump_plan(db, result.plan_id)
    with pytest.raises(InvalidOperationError):
        rollover.add_back(db, result.plan_id, tasks_of(db, other)[0].id)
    assert dump_plan(db, result.plan_id) == before


def test_tasks_carried_two_years_in_a_row_are_listed(db, plan_factory):
    pid = plan_factory(title="测试镇2024年工作计划", year=2024)
    first = rollover.rollover(db, pid)
    assert [r for r in first.review if r.kind == "carried_twice"] == []
    second = rollover.rollover(db, first.plan_id)
    items = [r for r in second.review if r.kind == "carried_twice"]
    new = tasks_of(db, second.plan_id)
    assert [r.node_id for r in items] == [t.id for t in new]
    assert {r.years for r in items} == {2}
    third = rollover.rollover(db, second.plan_id)
    assert {r.years for r in third.review if r.kind == "carried_twice"} == {3}


# ---------------------------------------------------------------- safety
def test_old_plan_unchanged_byte_for_byte(db, plan_factory, samples):
    pid, _ = _tracked_plan(db, plan_factory)
    targets = [pid, *samples]
    before = {p: dump_plan(db, p) for p in targets}
    for p in targets:
        rollover.rollover(db, p)
        rollover.rollover(db, p, carry="unfinished", year=2027, keep_people=False)
    assert {p: dump_plan(db, p) for p in targets} == before


def test_a_failure_midway_writes_nothing(db, samples, monkeypatch):
    plans_before = db.scalar("SELECT count(*) FROM plans")
    nodes_before = db.scalar("SELECT count(*) FROM nodes")
    real_insert = outline.insert_copied_nodes
    calls = []

    def insert_then_fail(*args, **kwargs):
        # the nodes are written (the batch of the whole plan), then the disk fills up
        real_insert(*args, **kwargs)
        calls.append(db.scalar("SELECT count(*) FROM nodes"))
        raise RuntimeError("disk full")

    monkeypatch.setattr(outline, "insert_copied_nodes", insert_then_fail)
    with pytest.raises(RuntimeError):
        rollover.rollover(db, samples[0])
    assert calls and calls[0] > nodes_before
    assert db.scalar("SELECT count(*) FROM plans") == plans_before
    assert db.scalar("SELECT count(*) FROM nodes") == nodes_before


@pytest.mark.parametrize(
    "kwargs", [{"year": 2024}, {"year": 2023}, {"year": "20x5"}, {"carry": "some"}]
)
def test_bad_options_are_refused_and_write_nothing(db, samples, kwargs):
    plans_before = db.scalar("SELECT count(*) FROM plans")
    with pytest.raises(InvalidOperationError) as info:
        rollover.rollover(db, samples[0], **kwargs)
    assert info.value.user_text
    assert db.scalar("SELECT count(*) FROM plans") == plans_before


def test_missing_plan_and_plan_without_year(db, plan_factory):
    with pytest.raises(NotFoundError):
        rollover.rollover(db, 999)
    pid = plan_factory(title="没有年份的计划", year=None)
    with pytest.raises(InvalidOperationError):
        rollover.rollover(db, pid, year=2030)  # no base year: dates could not be moved


def test_plan_fields_of_the_draft(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        doc_number="测政发〔2024〕1号",
        signed_date="2024-01-05",
        signed_by="测试镇人民政府",
        issuer="测试镇文件",
        status="final",
        closing="二〇二四年一月五日",
        kind="points",
    )
    result = rollover.rollover(db, pid)
    plan = outline.get_plan(db, result.plan_id)
    assert (plan.doc_number, plan.signed_date, plan.status) == (None, "2025-01-05", "draft")
    assert (plan.signed_by, plan.issuer, plan.organization, plan.kind) == (
        "测试镇人民政府",
        "测试镇文件",
        "测试镇",
        "points",
    )
    assert plan.closing == "二〇二五年一月五日"


def test_deadline_years_all_move_and_an_old_one_is_listed(db, plan_factory):
    pid = plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        sections=[
            (
                "经济",
                [
                    {"text": "跨年项目。", "deadline": "2025年6月底前"},
                    {"text": "遗留项目。", "deadline": "2022年10月前"},
                ],
            )
        ],
    )
    result = rollover.rollover(db, pid)
    new = tasks_of(db, result.plan_id)
    assert [(t.deadline, t.due_date) for t in new] == [
        ("2026年6月底前", "2026-06-30"),
        ("2023年10月前", "2023-10-31"),
    ]
    stale = [(r.node_id, r.field, r.match) for r in result.review if r.kind == "stale_year"]
    assert stale == [(new[1].id, "deadline", "2023年")]
