"""The rollover dialog, the one-step undo of a rollover, the review list and adding back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from models import outline
from models.vocab import BACKUP_REASON_FILE, REVIEW_KIND
from ui import messages, strings
from ui.rollover import rollover_dialog
from ui.rollover.rollover_dialog import (
    AddBackTaskCommand,
    ReviewDialog,
    RolloverDialog,
    RolloverOptions,
    push_rollover,
)

# Showing a top-level dialog on the offscreen platform logs this harmless warning.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

ROLLOVER_BACKUPS = f"backups/*{BACKUP_REASON_FILE['rollover']}*"


def dump(db):
    """Every row of the plan tables, to compare a database before and after."""
    out = []
    for table in ("plans", "nodes", "checkpoints", "progress_log"):
        out.append([tuple(r) for r in db.query(f"SELECT * FROM {table} ORDER BY id")])
    return out


@pytest.fixture
def tracked_plan(document, plan_factory):
    """A 2024 plan with one done task, one in progress (overdue) and a stale year."""
    return plan_factory(
        title="测试镇2024年工作计划",
        year=2024,
        sections=[
            (
                "经济",
                [
                    {"text": "扩大油茶种植。", "status": "done", "progress": 100},
                    {
                        "text": "建设冷链仓库，较2023年扩容一倍。",
                        "status": "in_progress",
                        "progress": 50,
                        "deadline": "6月底前",
                    },
                    {"text": "今年完成示范园区申报。"},
                ],
            )
        ],
    )


def test_dialog_defaults_and_options(qtbot):
    dialog = RolloverDialog("测试镇2024年工作计划", 2024)
    qtbot.addWidget(dialog)
    assert dialog.year_spin.value() == 2025
    assert dialog.year_spin.minimum() == 2025
    assert dialog.options() == RolloverOptions(2025, "all", True, True)
    dialog.year_spin.setValue(2026)
    dialog.carry_unfinished.setChecked(True)
    dialog.keep_people.setChecked(False)
    assert dialog.options() == RolloverOptions(2026, "unfinished", False, True)


def test_rollover_is_one_undo_step(document, tracked_plan):
    db = document.db
    before = dump(db)
    result = push_rollover(document, tracked_plan, RolloverOptions(2025))
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == strings.UNDO_ROLLOVER.format(
        title="测试镇2025年工作计划"
    )
    new_rows = dump(db)
    assert outline.get_plan(db, result.plan_id).title == "测试镇2025年工作计划"
    assert document.tree_model.index_for_plan(result.plan_id).isValid()
    document.undo_stack.undo()
    assert dump(db) == before
    assert not document.tree_model.index_for_plan(result.plan_id).isValid()
    document.undo_stack.redo()
    assert dump(db) == new_rows  # same ids, same texts, same carried_from
    assert document.tree_model.index_for_plan(result.plan_id).isValid()


def test_refused_rollover_pushes_nothing(document, plan_factory):
    pid = plan_factory(title="没有年份", year=None)
    with pytest.raises(Exception) as info:
        push_rollover(document, pid, RolloverOptions(2025))
    assert info.value.user_text
    assert document.undo_stack.count() == 0
    assert len(outline.list_plans(document.db)) == 1


def test_start_rollover_flow_ends_in_the_review(qtbot, document, tracked_plan):
    parent = QWidget()
    qtbot.addWidget(parent)
    done = []
    dialog = rollover_dialog.start_rollover(
        parent, document, tracked_plan, lambda result, review: done.append((result, review))
    )
    dialog.carry_unfinished.setChecked(True)
    dialog.buttons.accepted.emit()
    assert len(done) == 1
    assert len(list(document.path.parent.glob(ROLLOVER_BACKUPS))) == 1  # backup 1st
    result, review = done[0]
    qtbot.addWidget(review)
    assert review.isVisible()
    kinds = [
        review.review_list.topLevelItem(i).text(0)
        for i in range(review.review_list.topLevelItemCount())
    ]
    assert sorted(kinds) == sorted(REVIEW_KIND[item.kind] for item in result.review)
    order = [REVIEW_KIND[k] for k in ("stale_year", "relative_word", "unfinished", "left_out")]
    assert sorted(set(kinds), key=kinds.index) == order  # text to fix first
    assert REVIEW_KIND["left_out"] in kinds and REVIEW_KIND["stale_year"] in kinds
    assert REVIEW_KIND["relative_word"] in kinds and REVIEW_KIND["unfinished"] in kinds


def test_start_rollover_without_a_plan_says_so(qtbot, document, monkeypatch):
    shown = []
    monkeypatch.setattr(messages, "show_info", lambda *args: shown.append(args))
    assert rollover_dialog.start_rollover(None, document, None) is None
    assert shown and shown[0][2] == strings.ROLLOVER_NO_PLAN


def test_start_rollover_shows_a_refusal(qtbot, document, plan_factory, monkeypatch):
    errors = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: errors.append(exc))
    pid = plan_factory(title="没有年份", year=None)
    dialog = rollover_dialog.start_rollover(None, document, pid)
    dialog.buttons.accepted.emit()
    assert len(errors) == 1 and errors[0].user_text
    assert document.undo_stack.count() == 0
    assert not list(document.path.parent.glob(ROLLOVER_BACKUPS))


def test_review_item_click_goes_to_the_node(qtbot, document, tracked_plan):
    result = push_rollover(document, tracked_plan, RolloverOptions(2025))
    review = ReviewDialog(document, result)
    qtbot.addWidget(review)
    rows = review.review_list
    stale = next(
        i
        for i in range(rows.topLevelItemCount())
        if rows.review_item(rows.topLevelItem(i)).kind == "stale_year"
    )
    item = rows.review_item(rows.topLevelItem(stale))
    assert "较2023年扩容一倍" in rows.topLevelItem(stale).text(2)
    assert rows.topLevelItem(stale).text(1) == "一、" + strings.REVIEW_WHERE_TASK.format(index=2)
    with qtbot.waitSignal(review.node_activated) as signal:
        rows.itemActivated.emit(rows.topLevelItem(stale), 0)
    assert signal.args == [item.node_id]
    assert outline.get_node(document.db, item.node_id).plan_id == result.plan_id


def test_add_back_from_the_review_and_undo(qtbot, document, tracked_plan):
    result = push_rollover(document, tracked_plan, RolloverOptions(2025, carry="unfinished"))
    document.tree_model.ensure_plan_loaded(result.plan_id)
    review = ReviewDialog(document, result)
    qtbot.addWidget(review)
    rows = review.review_list
    left = next(
        rows.topLevelItem(i)
        for i in range(rows.topLevelItemCount())
        if rows.review_item(rows.topLevelItem(i)).kind == "left_out"
    )
    assert not review.add_back_button.isEnabled()
    with qtbot.waitSignal(review.node_activated) as signal:  # goes to last year's task
        rows.itemActivated.emit(left, 0)
    assert signal.args == [rows.review_item(left).old_node_id]
    left.setSelected(True)
    assert review.add_back_button.isEnabled()
    review.add_back_button.click()
    texts = [n.text for n in outline.load_outline(document.db, result.plan_id) if n.kind == "task"]
    assert texts[0] == "扩大油茶种植。"
    assert left.text(1) == strings.REVIEW_ADDED_BACK
    assert not review.add_back_button.isEnabled()
    assert document.undo_stack.count() == 2
    added_id = left.data(1, rollover_dialog.ItemRole)
    assert document.tree_model.index_for_node(added_id).isValid()
    document.undo_stack.undo()
    texts = [n.text for n in outline.load_outline(document.db, result.plan_id) if n.kind == "task"]
    assert "扩大油茶种植。" not in texts
    assert not document.tree_model.index_for_node(added_id).isValid()
    document.undo_stack.redo()  # back with the same id, in the same place
    node = outline.get_node(document.db, added_id)
    assert (node.text, node.position, node.carried_from) == (
        "扩大油茶种植。",
        0,
        rows.review_item(left).old_node_id,
    )


def test_add_back_twice_is_refused(document, tracked_plan):
    result = push_rollover(document, tracked_plan, RolloverOptions(2025, carry="unfinished"))
    old = next(i.old_node_id for i in result.review if i.kind == "left_out")
    document.push(AddBackTaskCommand(document, result.plan_id, old))
    with pytest.raises(Exception) as info:
        document.push(AddBackTaskCommand(document, result.plan_id, old))
    assert info.value.user_text
    assert document.undo_stack.count() == 2


def test_a_plan_level_item_goes_to_the_new_plan(qtbot, document, plan_factory):
    pid = plan_factory(title="测试镇2024年工作计划", year=2024, preamble="今年是关键之年。")
    result = push_rollover(document, pid, RolloverOptions(2025))
    review = ReviewDialog(document, result)
    qtbot.addWidget(review)
    rows = review.review_list
    row = rows.topLevelItem(0)
    assert row.text(1) == strings.REVIEW_WHERE_PLAN.format(field=strings.FIELD_NAMES["preamble"])
    with qtbot.waitSignal(review.plan_activated) as signal:
        rows.itemActivated.emit(row, 0)
    assert signal.args == [result.plan_id]
