"""Undo is exact: after any sequence of commands, undoing them gives back every row.

A property test: hypothesis draws a sequence of user edits (field edits, moves, kind
changes, adds, removes, bulk edits after 定稿, progress notes, checkpoints, plans); each is
pushed, undone and redone (an edit that merges into the previous step undoes both), and at
the end everything is undone. Every time, the whole content of every table (all columns,
timestamps included) must equal what it was. The clock moves a minute at each reading, so
a re-stamped ``updated_at`` cannot go unnoticed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import clock, outline, tracking
from models.errors import PlanDeskError
from models.store.open import open_database
from tests.conftest import make_plan
from ui.commands import outline as commands
from ui.commands import tracking as tracking_commands
from ui.document import Document

TABLES = (
    "plans",
    "nodes",
    "checkpoints",
    "progress_log",
    "units",
    "field_changes",
    "settings",
)


def dump(db: Any) -> dict[str, list[tuple]]:
    """Every row of every data table, all columns."""
    return {t: [tuple(r) for r in db.query(f"SELECT * FROM {t} ORDER BY rowid")] for t in TABLES}


_pick = st.integers(min_value=0, max_value=50)
ACTIONS = st.one_of(
    st.tuples(
        st.just("edit_node"),
        _pick,
        st.sampled_from(["owner_unit", "deadline", "progress", "status", "note", "text"]),
        st.sampled_from(["党政办", "6月底前", "年底前", 40, "in_progress", "", "新内容。"]),
    ),
    st.tuples(
        st.just("edit_plan"), st.sampled_from(["title", "status"]), st.sampled_from(["新", "final"])
    ),
    st.tuples(st.just("move"), _pick, _pick, st.integers(min_value=0, max_value=4)),
    st.tuples(st.just("set_kind"), _pick, st.sampled_from(["task", "section"])),
    st.tuples(st.just("add_node"), _pick, st.sampled_from(["task", "section"])),
    st.tuples(st.just("remove_node"), _pick),
    st.tuples(
        st.just("edit_tasks"),
        st.lists(_pick, min_size=1, max_size=3),
        st.sampled_from(["deadline", "target", "owner_unit"]),
        st.sampled_from(["9月底前", "10万亩", "农业办"]),
    ),
    st.tuples(st.just("progress"), _pick, st.integers(min_value=0, max_value=100)),
    st.tuples(st.just("checkpoint"), _pick, st.integers(min_value=1, max_value=28)),
    st.tuples(st.just("done_checkpoint"), _pick),
    st.tuples(st.just("remove_checkpoint"), _pick),
    st.tuples(st.just("unit"), st.sampled_from(["add", "edit", "remove"]), _pick),
    st.tuples(st.just("add_plan"), st.integers(min_value=2020, max_value=2030)),
)


def _command(doc: Document, pid: int, action: tuple) -> Any:
    """The command an action stands for on the current database (None: nothing to do)."""
    db = doc.db
    nodes = outline.load_outline(db, pid)
    tasks = [n for n in nodes if n.kind == "task"]
    sections = [n for n in nodes if n.kind == "section"]
    cps = [c for t in tasks for c in tracking.list_checkpoints(db, t.id)]
    kind, *args = action

    def pick(seq: list, i: int) -> Any:
        return seq[i % len(seq)] if seq else None

    if kind == "edit_node" and nodes:
        return commands.EditNodeFieldCommand(doc, pick(nodes, args[0]).id, args[1], args[2])
    if kind == "edit_plan":
        return commands.EditPlanFieldCommand(doc, pid, *args)
    if kind == "move" and nodes:
        parent = pick([None, *sections], args[1])
        return commands.MoveNodeCommand(
            doc, pick(nodes, args[0]).id, parent.id if parent else None, args[2]
        )
    if kind == "set_kind" and nodes:
        return commands.SetNodeKindCommand(doc, pick(nodes, args[0]).id, args[1])
    if kind == "add_node":
        parent = pick([None, *sections], args[0])
        text = {"text": "新增任务。"} if args[1] == "task" else {"heading": "新增章节"}
        return commands.AddNodeCommand(doc, pid, parent.id if parent else None, args[1], **text)
    if kind == "remove_node" and nodes:
        return commands.RemoveNodeCommand(doc, pick(nodes, args[0]).id)
    if kind == "edit_tasks" and tasks:
        changes = {pick(tasks, i).id: {args[1]: args[2]} for i in args[0]}
        return tracking_commands.EditTasksCommand(doc, changes, "批量修改", reason="调整")
    if kind == "progress" and tasks:
        return tracking_commands.AddProgressEntryCommand(
            doc, pick(tasks, args[0]).id, "推进中。", args[1]
        )
    if kind == "checkpoint" and tasks:
        return tracking_commands.AddCheckpointsCommand(
            doc, pick(tasks, args[0]).id, title="节点", due_date=f"2025-05-{args[1]:02d}"
        )
    if kind == "done_checkpoint" and cps:
        return tracking_commands.EditCheckpointCommand(
            doc, pick(cps, args[0]).id, done_date="2025-05-30"
        )
    if kind == "remove_checkpoint" and cps:
        return tracking_commands.RemoveCheckpointsCommand(doc, [pick(cps, args[0]).id])
    if kind == "unit":
        units = tracking.list_units(db)
        if args[0] == "add":
            return tracking_commands.UnitCommand(doc, "add", name=f"单位{args[1]}")
        if units:
            unit = pick(units, args[1])
            name = unit.name + "改" if args[0] == "edit" else unit.name
            return tracking_commands.UnitCommand(doc, args[0], unit_id=unit.id, name=name)
    if kind == "add_plan":
        return commands.AddPlanCommand(doc, title="新计划", year=args[0])
    return None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=12), final=st.booleans())
def test_undo_restores_every_row(qapp, tmp_path, monkeypatch, actions, final):
    minutes = itertools.count()
    start = dt.datetime(2025, 4, 1, 9, 0, 0)
    monkeypatch.setattr(clock, "now", lambda: start + dt.timedelta(minutes=next(minutes)))
    folder = tmp_path / f"ex{next(_examples)}"
    folder.mkdir()
    db = open_database(folder / "plandesk.db")
    doc = Document(db)
    try:
        pid = make_plan(db, status="final" if final else "draft")
        doc.tree_model.load()
        doc.tree_model.ensure_plan_loaded(pid)
        history = []
        for action in actions:
            cmd = _command(doc, pid, action)
            if cmd is None:
                continue
            before = dump(db)
            count = doc.undo_stack.count()
            try:
                doc.push(cmd)
            except PlanDeskError:
                assert dump(db) == before, action  # a refused change writes nothing
                continue
            now, after = doc.undo_stack.count(), dump(db)
            if now == count + 1:  # a new undo step
                undone = before
                history.append((action, before))
            elif now == count and after == before:
                continue  # a change of nothing is not put on the stack
            elif now == count:  # merged into the last step (the same field edited again)
                undone = history[-1][1]
            else:  # merged back to the value the last step started from: the step is gone
                assert now == count - 1 and after == history.pop()[1], action
                continue
            doc.undo_stack.undo()
            assert dump(db) == undone, action
            doc.undo_stack.redo()
            assert dump(db) == after, action
        for action, before in reversed(history):
            doc.undo_stack.undo()
            assert dump(db) == before, action
    finally:
        doc.close()


_examples = itertools.count()
