"""PlanTreeModel: structure, numbering, laziness, drag-and-drop, under the model tester."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from models import outline
from models.errors import InvalidOperationError
from models.text import numbering
from tests.conftest import make_plan
from ui import strings
from ui.commands import outline as commands
from ui.outline.plan_tree_model import (
    NODE_MIME,
    NodeIdRole,
    NodeKindRole,
    PlanIdRole,
    PlanTreeModel,
)


def _texts(model, parent):
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def _kids(model, parent):
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def test_years_and_plans_loaded_outlines_lazy(db, qtmodeltester):
    p24 = make_plan(db, title="甲镇2024年工作计划", year=2024)
    p25 = make_plan(db, title="乙镇2025年工作计划", year=2025)
    model = PlanTreeModel(db)
    assert _texts(model, QModelIndex()) == [
        strings.YEAR_LABEL.format(year=2025),
        strings.YEAR_LABEL.format(year=2024),
    ]
    plan_index = model.index_for_plan(p24)
    assert plan_index.data() == "甲镇2024年工作计划"
    assert plan_index.data(NodeKindRole) == "plan"
    assert plan_index.data(PlanIdRole) == p24
    # the outline is read on demand only
    assert not model.is_plan_loaded(p24)
    assert model.rowCount(plan_index) == 0 and model.hasChildren(plan_index)
    assert model.canFetchMore(plan_index)
    model.fetchMore(plan_index)
    assert model.is_plan_loaded(p24) and not model.is_plan_loaded(p25)
    assert _texts(model, plan_index) == ["一、加强党的建设", "二、发展镇域经济"]
    qtmodeltester.check(model)


def test_numbers_match_models_numbering(db, qtmodeltester):
    pid = make_plan(
        db,
        sections=[
            ("一级甲", ["任务一。"], [("二级甲", [], [("三级", ["深任务。"])]), ("二级乙", [])]),
            ("一级乙", []),
        ],
    )
    model = PlanTreeModel(db)
    model.ensure_plan_loaded(pid)
    expected = numbering.outline_numbers(outline.load_outline(db, pid))
    for node in outline.load_outline(db, pid):
        assert model.node_number(node.id) == expected[node.id]
    deep = model.index_for_node(
        next(n.id for n in outline.load_outline(db, pid) if n.heading == "三级")
    )
    assert deep.data() == "1.三级"
    qtmodeltester.check(model)


def test_task_rows_have_status_icon_and_kind(db, qtmodeltester):
    pid = make_plan(db)
    model = PlanTreeModel(db)
    model.ensure_plan_loaded(pid)
    task = next(n for n in outline.load_outline(db, pid) if n.kind == "task")
    index = model.index_for_node(task.id)
    assert index.data(NodeKindRole) == "task"
    assert index.data(NodeIdRole) == task.id
    icon = index.data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    section_index = index.parent()
    assert section_index.data(Qt.ItemDataRole.DecorationRole) is None
    qtmodeltester.check(model)


def test_model_follows_every_command_kind(document, qtmodeltester):
    db = document.db
    pid = make_plan(db)
    document.tree_model.load()
    model = document.tree_model
    model.ensure_plan_loaded(pid)
    qtmodeltester.check(model)
    plan_index = model.index_for_plan(pid)
    first, second = (i.data(NodeIdRole) for i in _kids(model, plan_index))

    # add
    new_id = document.push(
        commands.AddNodeCommand(document, pid, None, "section", 0, heading="新增")
    )
    assert _texts(model, plan_index)[0] == "一、新增"
    assert _texts(model, plan_index)[1] == "二、加强党的建设"
    qtmodeltester.check(model)
    # move
    document.push(commands.MoveNodeCommand(document, new_id, None, 2))
    assert _texts(model, plan_index) == ["一、加强党的建设", "二、发展镇域经济", "三、新增"]
    qtmodeltester.check(model)
    # indent into a section: the moved node gets a second-level number
    document.push(commands.MoveNodeCommand(document, new_id, second, 2))
    assert model.index_for_node(new_id).data() == "（二）新增"
    _assert_numbers_match(model, db, pid)
    qtmodeltester.check(model)
    document.undo_stack.undo()
    _assert_numbers_match(model, db, pid)
    document.undo_stack.redo()
    _assert_numbers_match(model, db, pid)
    # remove, undo
    document.push(commands.RemoveNodeCommand(document, first))
    assert _texts(model, plan_index) == ["一、发展镇域经济"]
    qtmodeltester.check(model)
    document.undo_stack.undo()
    assert _texts(model, plan_index) == ["一、加强党的建设", "二、发展镇域经济"]
    assert model.rowCount(model.index_for_node(first)) == 2
    qtmodeltester.check(model)
    # edit a field (refresh)
    document.push(commands.EditNodeFieldCommand(document, first, "heading", "改过的标题"))
    assert model.index_for_node(first).data() == "一、改过的标题"
    qtmodeltester.check(model)
    # plans: add, change year, delete
    other = document.push(commands.AddPlanCommand(document, title="新计划", year=2031))
    assert model.index(0, 0).data() == strings.YEAR_LABEL.format(year=2031)
    qtmodeltester.check(model)
    document.push(commands.EditPlanFieldCommand(document, other, "year", "2025"))
    assert model.index_for_plan(other).parent().data() == strings.YEAR_LABEL.format(year=2025)
    assert model.rowCount() == 1  # the 2031 row went away
    qtmodeltester.check(model)
    document.push(commands.DeletePlanCommand(document, pid))
    assert not model.index_for_plan(pid).isValid()
    qtmodeltester.check(model)
    document.undo_stack.undo()
    assert model.index_for_plan(pid).isValid()
    qtmodeltester.check(model)


def test_task_style_change_renumbers_tasks(document):
    db = document.db
    pid = make_plan(db, sections=[("甲", ["一项。", "二项。"])])
    document.tree_model.load()
    model = document.tree_model
    model.ensure_plan_loaded(pid)
    section = outline.load_outline(db, pid)[0]
    tasks = _kids(model, model.index_for_node(section.id))
    assert [t.data() for t in tasks] == ["一项。", "二项。"]  # 'sentences': no labels
    document.push(commands.EditNodeFieldCommand(document, section.id, "task_style", "yishi"))
    assert [t.data() for t in tasks] == ["一是一项。", "二是二项。"]


def _assert_numbers_match(model, db, plan_id):
    expected = numbering.outline_numbers(outline.load_outline(db, plan_id))
    assert {nid: model.node_number(nid) for nid in expected} == expected


def _mime(node_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(NODE_MIME, str(node_id).encode("ascii"))
    return mime


def test_drop_asks_for_a_move_and_never_writes(document, qtbot):
    db = document.db
    pid = make_plan(db)
    document.tree_model.load()
    model = document.tree_model
    model.ensure_plan_loaded(pid)
    plan_index = model.index_for_plan(pid)
    first = model.index(0, 0, plan_index).data(NodeIdRole)
    with qtbot.waitSignal(model.move_requested) as blocker:
        assert model.dropMimeData(_mime(first), Qt.DropAction.MoveAction, 2, 0, plan_index)
    assert blocker.args == [first, None, 1]
    assert outline.get_node(db, first).position == 0  # the model itself wrote nothing


def test_drop_refuses_other_plan_and_own_subtree(document):
    db = document.db
    pid = make_plan(db)
    other = make_plan(db, title="另一份计划")
    document.tree_model.load()
    model = document.tree_model
    model.ensure_plan_loaded(pid)
    model.ensure_plan_loaded(other)
    section = model.index(1, 0, model.index_for_plan(pid))
    sid = section.data(NodeIdRole)
    child = model.index(1, 0, section)  # its sub-section
    assert child.data(NodeKindRole) == "section"
    move = Qt.DropAction.MoveAction
    assert not model.canDropMimeData(_mime(sid), move, -1, 0, model.index_for_plan(other))
    assert not model.canDropMimeData(_mime(sid), move, -1, 0, child)
    assert not model.dropMimeData(_mime(sid), move, -1, 0, section)
    assert model.canDropMimeData(_mime(sid), move, 0, 0, model.index_for_plan(pid))


def _model_shape(model, index):
    """(node id, display text, children) of every row below index, from the model."""
    return [
        (
            model.index(r, 0, index).data(NodeIdRole),
            model.index(r, 0, index).data(),
            _model_shape(model, model.index(r, 0, index)),
        )
        for r in range(model.rowCount(index))
    ]


def _db_shape(db, plan_id):
    nodes = outline.load_outline(db, plan_id)
    numbers = numbering.outline_numbers(nodes)
    by_parent = {}
    for n in nodes:
        by_parent.setdefault(n.parent_id, []).append(n)

    def build(parent_id):
        return [
            (n.id, numbers[n.id] + n.title, build(n.id))
            for n in sorted(by_parent.get(parent_id, []), key=lambda n: n.position)
        ]

    return build(None)


def test_random_edits_keep_model_equal_to_database(document, qtmodeltester):
    """200 random adds, moves, indents, removes and undos: the tree always mirrors the DB."""
    import random

    rng = random.Random(20241128)
    db = document.db
    pid = make_plan(db)
    document.tree_model.load()
    model = document.tree_model
    model.ensure_plan_loaded(pid)
    qtmodeltester.check(model)
    for step in range(200):
        nodes = outline.load_outline(db, pid)
        sections = [n for n in nodes if n.kind == "section"]
        choice = rng.random()
        try:
            if choice < 0.25 or not nodes:
                parent = rng.choice([None, *[s.id for s in sections]])
                kind = rng.choice(["section", "task"])
                values = (
                    {"heading": f"章{step}"} if kind == "section" else {"text": f"任务{step}。"}
                )
                document.push(
                    commands.AddNodeCommand(
                        document, pid, parent, kind, rng.randint(0, 3), **values
                    )
                )
            elif choice < 0.55:
                node = rng.choice(nodes)
                parent = rng.choice([None, *[s.id for s in sections]])
                document.push(
                    commands.MoveNodeCommand(document, node.id, parent, rng.randint(0, 4))
                )
            elif choice < 0.65:
                node = rng.choice(nodes)
                target = outline.indent_target(db, node.id) or outline.outdent_target(db, node.id)
                if target:
                    document.push(commands.MoveNodeCommand(document, node.id, *target))
            elif choice < 0.75 and len(nodes) > 3:
                document.push(commands.RemoveNodeCommand(document, rng.choice(nodes).id))
            elif choice < 0.9 and document.undo_stack.canUndo():
                document.undo_stack.undo()
            elif document.undo_stack.canRedo():
                document.undo_stack.redo()
        except InvalidOperationError:
            pass  # e.g. a move into its own subtree: refused, nothing changed
        assert _model_shape(model, model.index_for_plan(pid)) == _db_shape(db, pid), step
    qtmodeltester.check(model)


# ------------------------------------------------------------------ following Document.changed
def _shown_view(qtbot, document):
    from PySide6.QtWidgets import QTreeView

    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(document.tree_model)
    return view


def _open_plan(document, view, pid):
    """The plan and both its sections open, the sub-section closed; returns the node ids."""
    model = document.tree_model
    model.ensure_plan_loaded(pid)
    view.expand(model.index_for_plan(pid))
    first, second = (i.data(NodeIdRole) for i in _kids(model, model.index_for_plan(pid)))
    view.expand(model.index_for_node(first))
    view.expand(model.index_for_node(second))
    return first, second


def test_tree_follows_a_change_from_any_writer(document, qtmodeltester):
    """No command involved: a models/ edit plus Document.changed naming the node."""
    from ui.document import Change

    db, model = document.db, document.tree_model
    pid = make_plan(db)
    model.load()
    model.ensure_plan_loaded(pid)
    task = next(n for n in outline.load_outline(db, pid) if n.kind == "task")
    outline.update_node(db, task.id, text="别处改过的任务。")
    assert model.index_for_node(task.id).data() == task.text  # nothing told it yet
    document.notify(Change.of([pid], [task.id]))
    assert model.index_for_node(task.id).data() == "别处改过的任务。"
    # an outline change named only by its plan: the whole outline is compared
    section = outline.load_outline(db, pid)[0]
    outline.add_node(db, pid, section.id, "task", 0, text="新来的任务。")
    document.notify(Change.of([pid], structure=True))
    assert _model_shape(model, model.index_for_plan(pid)) == _db_shape(db, pid)
    qtmodeltester.check(model)


def test_undo_of_an_add_removes_the_row_and_keeps_open_rows(document, qtbot, qtmodeltester):
    db, model = document.db, document.tree_model
    pid = make_plan(db)
    model.load()
    view = _shown_view(qtbot, document)
    first, second = _open_plan(document, view, pid)
    task = model.index(0, 0, model.index_for_node(second))
    view.setCurrentIndex(task)
    task_id = task.data(NodeIdRole)

    with qtbot.assertNotEmitted(model.modelAboutToBeReset):
        new_id = document.push(
            commands.AddNodeCommand(document, pid, None, "section", 0, heading="新增")
        )
        assert model.index_for_node(new_id).row() == 0
        document.undo_stack.undo()
        assert not model.index_for_node(new_id).isValid()
        assert _texts(model, model.index_for_plan(pid)) == ["一、加强党的建设", "二、发展镇域经济"]
        document.undo_stack.redo()
    assert model.index_for_node(new_id).data() == "一、新增"
    # the siblings stayed open and the selected task stayed selected throughout
    assert view.isExpanded(model.index_for_node(first))
    assert view.isExpanded(model.index_for_node(second))
    assert view.currentIndex().data(NodeIdRole) == task_id
    qtmodeltester.check(model)


def test_a_move_keeps_the_moved_rows_open(document, qtbot, qtmodeltester):
    db, model = document.db, document.tree_model
    pid = make_plan(db)
    model.load()
    view = _shown_view(qtbot, document)
    first, second = _open_plan(document, view, pid)
    sub = model.index(1, 0, model.index_for_node(second))
    sub_id = sub.data(NodeIdRole)
    view.expand(sub)
    view.setCurrentIndex(model.index(0, 0, sub))
    selected = view.currentIndex().data(NodeIdRole)

    document.push(commands.MoveNodeCommand(document, sub_id, first, 0))  # into the other one
    assert model.index_for_node(sub_id).parent().data(NodeIdRole) == first
    assert model.index_for_node(sub_id).data() == "（一）做强特色产业"
    assert view.isExpanded(model.index_for_node(sub_id))
    assert view.currentIndex().data(NodeIdRole) == selected
    document.undo_stack.undo()
    assert model.index_for_node(sub_id).parent().data(NodeIdRole) == second
    assert view.isExpanded(model.index_for_node(sub_id))
    assert view.currentIndex().data(NodeIdRole) == selected
    assert _model_shape(model, model.index_for_plan(pid)) == _db_shape(db, pid)
    qtmodeltester.check(model)


def test_a_new_section_takes_in_rows_shown_elsewhere(document, qtmodeltester):
    """A change the tree did not know about: a new section with an existing task moved in,
    named by the section only; the task's row moves (it is not built twice)."""
    from ui.document import Change

    db, model = document.db, document.tree_model
    pid = make_plan(db)
    model.load()
    model.ensure_plan_loaded(pid)
    task = next(n for n in outline.load_outline(db, pid) if n.kind == "task")
    row = QPersistentModelIndex(model.index_for_node(task.id))
    with db.transaction():
        new_id = outline.add_node(db, pid, None, "section", 2, heading="新章")
        outline.move_node(db, task.id, new_id, 0)
    document.notify(Change.of([pid], [new_id], structure=True))
    assert row.isValid() and row.data(NodeIdRole) == task.id  # the row moved, not rebuilt
    assert row.parent().data(NodeIdRole) == new_id
    assert _model_shape(model, model.index_for_plan(pid)) == _db_shape(db, pid)
    document.undo_stack.clear()
    with db.transaction():
        outline.move_node(db, task.id, outline.load_outline(db, pid)[0].id, 0)
        outline.remove_node(db, new_id)
    document.notify(Change.of([pid], [new_id, task.id], structure=True))
    assert _model_shape(model, model.index_for_plan(pid)) == _db_shape(db, pid)
    qtmodeltester.check(model)
