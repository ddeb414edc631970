"""Every undo command: push → database and tree; undo → restored; redo → again."""

from __future__ import annotations

import pytest

from models import outline
from models.errors import InvalidOperationError, NotFoundError
from models.sample import load_sample
from tests.conftest import make_plan
from ui.commands import outline as commands
from ui.outline.plan_tree_model import NodeKindRole


@pytest.fixture
def plan(document):
    pid = make_plan(document.db)
    document.tree_model.load()
    document.tree_model.ensure_plan_loaded(pid)
    return pid


def _outline(db, pid):
    return [(n.id, n.parent_id, n.position, n.kind, n.title) for n in outline.load_outline(db, pid)]


def _task(db, pid):
    return next(n for n in outline.load_outline(db, pid) if n.kind == "task")


def test_edit_node_field(document, plan):
    db, model = document.db, document.tree_model
    task = _task(db, plan)
    document.push(commands.EditNodeFieldCommand(document, task.id, "owner_unit", "镇党政办"))
    assert outline.get_node(db, task.id).owner_unit == "镇党政办"
    document.undo_stack.undo()
    assert outline.get_node(db, task.id).owner_unit is None
    document.undo_stack.redo()
    assert outline.get_node(db, task.id).owner_unit == "镇党政办"
    document.push(commands.EditNodeFieldCommand(document, task.id, "text", "新的任务内容。"))
    assert model.index_for_node(task.id).data() == "新的任务内容。"
    document.undo_stack.undo()
    assert model.index_for_node(task.id).data() == task.text


def test_edit_node_deadline_sets_and_restores_due_date(document, plan):
    db = document.db
    task = _task(db, plan)
    document.push(commands.EditNodeFieldCommand(document, task.id, "deadline", "6月底前"))
    assert outline.get_node(db, task.id).due_date == "2025-06-30"
    document.undo_stack.undo()
    node = outline.get_node(db, task.id)
    assert (node.deadline, node.due_date) == (None, None)


def test_edits_of_same_field_merge(document, plan):
    task = _task(document.db, plan)
    for value in (10, 20, 30):
        document.push(commands.EditNodeFieldCommand(document, task.id, "progress", value))
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert outline.get_node(document.db, task.id).progress == 0
    document.push(commands.EditNodeFieldCommand(document, task.id, "note", "甲"))
    assert document.undo_stack.count() == 1  # the undone progress edit was replaced


def test_bad_value_is_raised_and_not_stacked(document, plan):
    task = _task(document.db, plan)
    with pytest.raises(InvalidOperationError) as info:
        document.push(commands.EditNodeFieldCommand(document, task.id, "progress", 150))
    assert "进度" in info.value.user_text
    assert outline.get_node(document.db, task.id).progress == 0
    assert document.undo_stack.count() == 0


def test_unchanged_value_leaves_no_undo_entry(document, plan):
    task = _task(document.db, plan)
    document.push(commands.EditNodeFieldCommand(document, task.id, "text", task.text))
    assert document.undo_stack.count() == 0


def test_edit_plan_field(document, plan):
    db = document.db
    document.push(commands.EditPlanFieldCommand(document, plan, "doc_number", "X政发〔2025〕1号"))
    assert outline.get_plan(db, plan).doc_number == "X政发〔2025〕1号"
    document.push(commands.EditPlanFieldCommand(document, plan, "title", "改名后的计划"))
    assert document.tree_model.index_for_plan(plan).data() == "改名后的计划"
    document.undo_stack.undo()
    document.undo_stack.undo()
    restored = outline.get_plan(db, plan)
    assert (restored.doc_number, restored.title) == (None, "测试镇2025年工作计划")
    document.undo_stack.redo()
    assert outline.get_plan(db, plan).doc_number == "X政发〔2025〕1号"


def test_bad_plan_year_refused(document, plan):
    with pytest.raises(InvalidOperationError):
        document.push(commands.EditPlanFieldCommand(document, plan, "year", "abc"))
    assert outline.get_plan(document.db, plan).year == 2025
    assert document.undo_stack.count() == 0


def test_add_plan_keeps_id_over_undo_redo(document):
    pid = document.push(commands.AddPlanCommand(document, title="新计划", year=2026))
    assert outline.get_plan(document.db, pid).title == "新计划"
    assert document.tree_model.index_for_plan(pid).isValid()
    document.undo_stack.undo()
    with pytest.raises(NotFoundError):
        outline.get_plan(document.db, pid)
    assert not document.tree_model.index_for_plan(pid).isValid()
    document.undo_stack.redo()
    assert outline.get_plan(document.db, pid).title == "新计划"
    assert document.tree_model.index_for_plan(pid).isValid()


def test_create_plan_command_with_several_plans(document):
    db = document.db
    ids = document.push(commands.CreatePlanCommand(document, "示例", lambda: load_sample(db)))
    assert len(ids) == 3
    before = {pid: _outline(db, pid) for pid in ids}
    document.undo_stack.undo()
    assert outline.list_plans(db) == []
    assert document.tree_model.plan_ids() == []
    document.undo_stack.redo()
    assert {pid: _outline(db, pid) for pid in ids} == before
    assert sorted(document.tree_model.plan_ids()) == sorted(ids)


def test_create_plan_command_error_pushes_nothing(document):
    def fail() -> int:
        raise InvalidOperationError("坏的导入。")

    with pytest.raises(InvalidOperationError):
        document.push(commands.CreatePlanCommand(document, "导入", fail))
    assert document.undo_stack.count() == 0


def test_delete_plan(document, plan):
    db = document.db
    before = _outline(db, plan)
    document.push(commands.DeletePlanCommand(document, plan))
    assert outline.list_plans(db) == []
    document.undo_stack.undo()
    assert _outline(db, plan) == before
    assert document.tree_model.index_for_plan(plan).isValid()
    document.undo_stack.redo()
    assert outline.list_plans(db) == []


def test_add_node(document, plan):
    db = document.db
    section = outline.load_outline(db, plan)[0]
    nid = document.push(
        commands.AddNodeCommand(document, plan, section.id, "task", 0, text="加一项。")
    )
    assert outline.get_node(db, nid).position == 0
    assert document.tree_model.index_for_node(nid).row() == 0
    document.undo_stack.undo()
    assert not document.tree_model.index_for_node(nid).isValid()
    with pytest.raises(NotFoundError):
        outline.get_node(db, nid)
    document.undo_stack.redo()
    assert outline.get_node(db, nid).text == "加一项。"  # the same id again
    assert document.tree_model.index_for_node(nid).isValid()


def test_remove_section_and_undo_restores_tasks(document, plan):
    db, model = document.db, document.tree_model
    before = _outline(db, plan)
    section = next(n for n in outline.load_outline(db, plan) if n.heading == "发展镇域经济")
    document.push(commands.RemoveNodeCommand(document, section.id))
    assert len(_outline(db, plan)) == len(before) - 4
    assert not model.index_for_node(section.id).isValid()
    document.undo_stack.undo()
    assert _outline(db, plan) == before
    index = model.index_for_node(section.id)
    assert index.data() == "二、发展镇域经济"
    assert model.rowCount(index) == 2
    document.undo_stack.redo()
    assert len(_outline(db, plan)) == len(before) - 4


def test_move_node(document, plan):
    db, model = document.db, document.tree_model
    first = outline.load_outline(db, plan)[0]
    document.push(commands.MoveNodeCommand(document, first.id, None, 1))
    assert outline.get_node(db, first.id).position == 1
    assert model.index_for_node(first.id).data() == "二、加强党的建设"
    document.undo_stack.undo()
    assert outline.get_node(db, first.id).position == 0
    assert model.index_for_node(first.id).data() == "一、加强党的建设"
    document.undo_stack.redo()
    assert model.index_for_node(first.id).data() == "二、加强党的建设"


def test_move_into_own_subtree_refused(document, plan):
    db = document.db
    section = next(n for n in outline.load_outline(db, plan) if n.heading == "发展镇域经济")
    child = next(
        n
        for n in outline.load_outline(db, plan)
        if n.parent_id == section.id and n.kind == "section"
    )
    with pytest.raises(InvalidOperationError):
        document.push(commands.MoveNodeCommand(document, section.id, child.id, 0))
    assert document.undo_stack.count() == 0


def test_set_node_kind_task_to_section_and_back(document, plan):
    db, model = document.db, document.tree_model
    task = _task(db, plan)
    document.push(commands.EditNodeFieldCommand(document, task.id, "note", "备注甲"))
    document.push(commands.SetNodeKindCommand(document, task.id, "section"))
    node = outline.get_node(db, task.id)
    assert (node.kind, node.heading) == ("section", task.text)
    assert model.index_for_node(task.id).data(NodeKindRole) == "section"
    document.undo_stack.undo()
    node = outline.get_node(db, task.id)
    assert (node.kind, node.text, node.heading, node.note) == ("task", task.text, "", "备注甲")
    assert model.index_for_node(task.id).data(NodeKindRole) == "task"
    document.undo_stack.redo()
    assert outline.get_node(db, task.id).kind == "section"


def test_set_node_kind_section_with_children_refused(document, plan):
    section = outline.load_outline(document.db, plan)[0]
    with pytest.raises(InvalidOperationError):
        document.push(commands.SetNodeKindCommand(document, section.id, "task"))
    assert outline.get_node(document.db, section.id).kind == "section"
    assert document.undo_stack.count() == 0


def test_set_node_kind_empty_section_undo_restores_body(document, plan):
    db = document.db
    sid = document.push(
        commands.AddNodeCommand(
            document, plan, None, "section", None, heading="标题", body="正文。", task_style="yishi"
        )
    )
    document.push(commands.SetNodeKindCommand(document, sid, "task"))
    assert outline.get_node(db, sid).text == "标题正文。"
    document.undo_stack.undo()
    node = outline.get_node(db, sid)
    assert (node.kind, node.heading, node.body, node.task_style) == (
        "section",
        "标题",
        "正文。",
        "yishi",
    )
