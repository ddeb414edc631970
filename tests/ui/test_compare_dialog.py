"""The side-by-side comparison dialog and the task history box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

from models import compare, outline, rollover
from ui import strings
from ui.rollover import compare_dialog
from ui.rollover.compare_dialog import CompareDialog, comparison_html, marked_text
from ui.tracking.task_history_widget import TaskHistoryWidget, history_html

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def two_years(document, plan_factory):
    """A 2024 plan and its 2025 rollover with one task rewritten and one removed."""
    db = document.db
    old = plan_factory(title="测试镇2024年工作计划", year=2024)
    new = rollover.rollover(db, old).plan_id
    tasks = [n for n in outline.load_outline(db, new) if n.kind == "task"]
    outline.update_node(db, tasks[0].id, text="抓好党员教育培训。")
    outline.remove_node(db, tasks[1].id)
    return old, new, tasks


def test_marked_text_marks_inserts_green_and_deletes_struck_red():
    ops = compare.char_opcodes("抓好党员教育管理。", "抓好党员教育培训。")
    left = marked_text("抓好党员教育管理。", ops, "left")
    right = marked_text("抓好党员教育培训。", ops, "right")
    assert f'<span style="{compare_dialog.DELETE_STYLE}">管理</span>' in left
    assert f'<span style="{compare_dialog.INSERT_STYLE}">培训</span>' in right
    assert "line-through" in compare_dialog.DELETE_STYLE
    assert "培训" not in left and "管理" not in right


def test_comparison_html_marks_rows(document, two_years):
    old, new, tasks = two_years
    result = compare.compare_plans(document.db, old, new)
    page = comparison_html(result)
    assert page.count("<tr>") == len(result.rows) + len(result.header)
    assert compare_dialog.REMOVED_CELL in page  # the removed task
    assert f'href="node:{tasks[0].id}"' in page
    only = comparison_html(result, only_changes=True)
    assert only.count("<tr>") == sum(r.status != "same" for r in [*result.header, *result.rows])


def test_dialog_defaults_to_the_source_plan_and_counts(qtbot, document, two_years):
    old, new, _ = two_years
    dialog = CompareDialog(document, plan_b=new)
    qtbot.addWidget(dialog)
    assert dialog.plan_ids() == (old, new)
    counts = compare.compare_plans(document.db, old, new).counts()
    assert dialog.summary.text() == strings.COMPARE_SUMMARY.format(**counts)
    assert counts["changed"] == 1 and counts["removed"] == 1
    full = dialog.view.toPlainText()
    dialog.only_changes.setChecked(True)
    assert len(dialog.view.toPlainText()) < len(full)
    assert "抓好党员教育培训" in dialog.view.toPlainText()


def test_same_plan_on_both_sides_asks_for_two(qtbot, document, two_years):
    old, _, _ = two_years
    dialog = CompareDialog(document, plan_b=old)
    qtbot.addWidget(dialog)
    dialog.set_plans(old, old)
    assert dialog.summary.text() == strings.COMPARE_NEED_TWO
    assert dialog.result is None


def test_clicking_a_number_goes_to_the_node(qtbot, document, two_years):
    old, new, tasks = two_years
    dialog = CompareDialog(document, plan_b=new)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.node_activated) as signal:
        dialog.view.anchorClicked.emit(QUrl(f"node:{tasks[0].id}"))
    assert signal.args == [tasks[0].id]


# ---------------------------------------------------------------- history box
def test_history_widget_shows_earlier_years(qtbot, document, plan_factory):
    db = document.db
    p24 = plan_factory(title="测试镇2024年工作计划", year=2024)
    t24 = [n for n in outline.load_outline(db, p24) if n.kind == "task"][0]
    outline.update_node(db, t24.id, status="done", progress=100)
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO progress_log (task_id, entry_date, text) "
            "VALUES (?, '2024-12-20', '全年培训12次')",
            (t24.id,),
        )
    p25 = rollover.rollover(db, p24).plan_id
    t25 = [n for n in outline.load_outline(db, p25) if n.kind == "task"][0]
    widget = TaskHistoryWidget()
    qtbot.addWidget(widget)
    widget.show_task(t25.id)
    assert widget.isHidden()  # no database yet
    widget.set_database(db)
    widget.show()
    widget.show_task(t25.id)
    assert widget.isVisible()
    text = widget.view.toPlainText()
    assert strings.HISTORY_ENTRY.format(year=2024, plan="测试镇2024年工作计划") in text
    assert strings.HISTORY_NOTE.format(date="2024-12-20", note="全年培训12次") in text
    with qtbot.waitSignal(widget.node_activated) as signal:
        widget.view.anchorClicked.emit(QUrl(f"node:{t24.id}"))
    assert signal.args == [t24.id]
    widget.show_task(t24.id)
    assert widget.view.toPlainText() == strings.HISTORY_EMPTY


def test_history_html_escapes_text():
    entry = compare.HistoryEntry(1, 1, 2024, "<计划>", "a<b", "done", 100, None, None)
    page = history_html([entry])
    assert "&lt;计划&gt;" in page and "a&lt;b" in page
    assert strings.HISTORY_NO_NOTE in page


def test_dialog_follows_edits_and_undo(qtbot, document, plan_factory):
    from ui.commands.outline import EditNodeFieldCommand
    from ui.rollover.rollover_dialog import RolloverOptions, push_rollover

    old = plan_factory(title="测试镇2024年工作计划", year=2024)
    result = push_rollover(document, old, RolloverOptions(2025))
    dialog = CompareDialog(document, plan_b=result.plan_id)
    qtbot.addWidget(dialog)
    assert dialog.result.counts()["changed"] == 0
    task = next(n for n in outline.load_outline(document.db, result.plan_id) if n.kind == "task")
    document.push(EditNodeFieldCommand(document, task.id, "text", "改写后的任务。"))
    assert dialog.result.counts()["changed"] == 1
    document.undo_stack.undo()
    assert dialog.result.counts()["changed"] == 0
    document.undo_stack.undo()  # the rollover itself: the right-hand plan is gone
    assert dialog.combo_b.findData(result.plan_id) == -1
    assert dialog.plan_ids()[1] == old
    assert dialog.summary.text() == strings.COMPARE_NEED_TWO  # one plan left
