"""Comparing two plans (matching, alignment, character diffs) and a task's history."""

from __future__ import annotations

import pytest

from models import compare, outline, rollover
from models.errors import InvalidOperationError
from models.sample import load_sample


def tasks_of(db, plan_id):
    return [n for n in outline.load_outline(db, plan_id) if n.kind == "task"]


def apply_opcodes(a, b, opcodes):
    """Rebuild b from a and the opcodes (what a diff view does)."""
    out = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out.append(a[i1:i2])
        else:
            out.append(b[j1:j2])
    return "".join(out)


@pytest.fixture
def edited(db):
    """The third sample plan and its rollover, edited: one changed, one removed, one added."""
    old_id = load_sample(db)[2]
    new_id = rollover.rollover(db, old_id).plan_id
    tasks = tasks_of(db, new_id)
    outline.update_node(
        db, tasks[0].id, text="抓好党员教育管理，持续推进党风廉政建设，营造风清气正的政治生态。"
    )
    outline.remove_node(db, tasks[3].id)
    first_section = outline.children(db, new_id, None)[0]
    added = outline.add_node(
        db, new_id, first_section.id, "task", 1, text="建设智慧党建平台，实现党员管理线上化。"
    )
    new_section = outline.add_node(db, new_id, None, "section", heading="强化数字赋能")
    return old_id, new_id, tasks, added, new_section


def test_compare_plan_with_its_edited_rollover(db, edited):
    old_id, new_id, tasks, added, new_section = edited
    old_tasks = tasks_of(db, old_id)
    result = compare.compare_plans(db, old_id, new_id)
    assert result.counts() == {
        "added": 2,
        "removed": 1,
        "changed": 1,
        "same": len(outline.load_outline(db, old_id)) - 2,
    }
    by_status = {}
    for row in result.rows:
        by_status.setdefault(row.status, []).append(row)
    changed = by_status["changed"][0]
    assert (changed.left.node_id, changed.right.node_id) == (old_tasks[0].id, tasks[0].id)
    assert (
        apply_opcodes(changed.left.text, changed.right.text, changed.opcodes) == changed.right.text
    )
    tags = {op[0] for op in changed.opcodes}
    assert "equal" in tags and "delete" in tags
    removed = by_status["removed"][0]
    assert removed.left.node_id == old_tasks[3].id and removed.right is None
    assert {r.right.node_id for r in by_status["added"]} == {added, new_section}
    # every node of both plans appears exactly once
    lefts = [r.left.node_id for r in result.rows if r.left]
    rights = [r.right.node_id for r in result.rows if r.right]
    assert sorted(lefts) == sorted(n.id for n in outline.load_outline(db, old_id))
    assert sorted(rights) == sorted(n.id for n in outline.load_outline(db, new_id))


def test_rows_follow_the_new_plan_with_removed_ones_in_their_place(db, edited):
    old_id, new_id, tasks, added, _ = edited
    rows = compare.compare_plans(db, old_id, new_id).rows
    assert rows[0].status == "same" and rows[0].kind == "section"
    assert rows[2].right.node_id == added  # inserted as the second task of section one
    removed_index = next(i for i, r in enumerate(rows) if r.status == "removed")
    # the removed task sits between its old neighbours
    neighbour = rows[removed_index - 1]
    assert neighbour.right is not None and neighbour.right.node_id == tasks[2].id


def test_the_plan_year_alone_is_a_change_with_a_small_diff(db):
    old_id = load_sample(db)[2]
    new_id = rollover.rollover(db, old_id).plan_id
    result = compare.compare_plans(db, old_id, new_id)
    assert result.counts()["added"] == result.counts()["removed"] == 0
    assert all(r.left and r.right for r in result.rows)
    title = result.header[0]
    assert (title.kind, title.status, title.left.text, title.right.text) == (
        "title",
        "changed",
        "镇人民政府2024年度工作计划",
        "镇人民政府2025年度工作计划",
    )
    assert [op for op in title.opcodes if op[0] != "equal"] == [("replace", 8, 9, 8, 9)]
    assert result.header[1].kind == "preamble"


def test_match_by_text_when_there_is_no_carried_from(db, plan_factory):
    a = plan_factory(
        title="甲",
        year=2024,
        sections=[("党建", ["抓好党员教育管理，推进党风廉政建设。", "开展主题党日活动。"])],
    )
    b = plan_factory(
        title="乙",
        year=2025,
        sections=[
            (
                "加强党建",
                [
                    "开展主题党日活动。",
                    "抓好党员教育管理，深入推进党风廉政建设。",
                    "建设智慧平台。",
                ],
            )
        ],
    )
    result = compare.compare_plans(db, a, b)
    statuses = [(r.kind, r.status) for r in result.rows]
    assert statuses.count(("task", "same")) == 1
    assert statuses.count(("task", "changed")) == 1
    assert statuses.count(("task", "added")) == 1
    assert ("section", "changed") in statuses  # 党建 → 加强党建 matched
    changed = next(r for r in result.rows if r.kind == "task" and r.status == "changed")
    assert [op for op in changed.opcodes if op[0] != "equal"] == [("insert", 9, 9, 9, 11)]


def test_match_follows_carried_from_across_years(db, plan_factory):
    a = plan_factory(title="测试镇2024年工作计划", year=2024)
    b = rollover.rollover(db, a).plan_id
    c = rollover.rollover(db, b).plan_id
    task = tasks_of(db, c)[0]
    outline.update_node(db, task.id, text="完全改写后的任务内容。")
    result = compare.compare_plans(db, a, c)
    row = next(r for r in result.rows if r.right and r.right.node_id == task.id)
    assert row.status == "changed" and row.left.node_id == tasks_of(db, a)[0].id
    # and the other way round (newer plan on the left)
    back = compare.compare_plans(db, c, a)
    row = next(r for r in back.rows if r.left and r.left.node_id == task.id)
    assert row.right.node_id == tasks_of(db, a)[0].id


def test_field_changes_make_a_task_changed(db, plan_factory):
    a = plan_factory(
        title="甲", year=2024, sections=[("党建", [{"text": "抓好教育。", "owner_unit": "党政办"}])]
    )
    b = rollover.rollover(db, a).plan_id
    outline.update_node(db, tasks_of(db, b)[0].id, owner_unit="组织办")
    row = next(r for r in compare.compare_plans(db, a, b).rows if r.kind == "task")
    assert row.status == "changed" and row.opcodes == []
    assert row.field_changes == [("owner_unit", "党政办", "组织办")]


def test_comparing_a_plan_with_itself_is_refused(db, plan_factory):
    a = plan_factory()
    with pytest.raises(InvalidOperationError):
        compare.compare_plans(db, a, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("抓好党员教育管理", "抓好党员教育管理"),
        ("", "新增内容"),
        ("删除的内容", ""),
        ("抓好党员教育管理，瞄准作风问题", "抓好党员教育，聚焦作风建设问题"),
        ("2024年完成", "2025年完成"),
    ],
)
def test_char_opcodes_rebuild_the_new_text(a, b):
    assert apply_opcodes(a, b, compare.char_opcodes(a, b)) == b


def test_char_opcodes_fold_tiny_equal_islands():
    ops = compare.char_opcodes("甲乙的丙丁", "戊己的庚辛")
    assert ops == [("replace", 0, 5, 0, 5)]
    raw = compare.char_opcodes("甲乙的丙丁", "戊己的庚辛", cleanup=False)
    assert len(raw) == 3


def test_similarity_ignores_years():
    assert compare.similarity("2024年完成目标", "2025年完成目标") == 1.0
    assert compare.similarity("完成目标", "建设道路") < 0.3


# ---------------------------------------------------------------- history
def test_task_history_over_three_years(db, plan_factory):
    p24 = plan_factory(
        title="测试镇2024年工作计划", year=2024, sections=[("经济", ["扩大2024年度油茶种植规模。"])]
    )
    t24 = tasks_of(db, p24)[0]
    outline.update_node(db, t24.id, status="in_progress", progress=70)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO progress_log (task_id, entry_date, text) VALUES "
            "(?, '2024-06-30', '完成育苗'), (?, '2024-11-30', '种植400亩')",
            (t24.id, t24.id),
        )
    p25 = rollover.rollover(db, p24).plan_id
    t25 = tasks_of(db, p25)[0]
    outline.update_node(db, t25.id, status="done", progress=100)
    p26 = rollover.rollover(db, p25).plan_id
    t26 = tasks_of(db, p26)[0]
    history = compare.task_history(db, t26.id)
    assert [(h.year, h.task_id, h.status) for h in history] == [
        (2025, t25.id, "done"),
        (2024, t24.id, "in_progress"),
    ]
    assert history[0].plan_title == "测试镇2025年工作计划"
    assert history[0].text == "扩大2025年度油茶种植规模。"
    assert (history[0].last_note, history[1].last_note) == (None, "种植400亩")
    assert history[1].last_note_date == "2024-11-30"
    assert compare.task_history(db, t24.id) == []


def test_task_history_survives_a_deleted_year(db, plan_factory):
    p24 = plan_factory(title="测试镇2024年工作计划", year=2024)
    p25 = rollover.rollover(db, p24).plan_id
    p26 = rollover.rollover(db, p25).plan_id
    outline.delete_plan(db, p25)
    task = tasks_of(db, p26)[0]
    assert compare.task_history(db, task.id) == []  # carried_from was set to NULL
