"""New sections follow their siblings; the panel starts at the top; jargon has plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QScrollArea

from models import outline
from ui import folders, messages, strings
from ui.commands.outline import EditNodeFieldCommand

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


def first_section(window) -> int:
    plan_id = window.document.tree_model.plan_ids()[0]
    return next(n.id for n in outline.children(window.document.db, plan_id, None))


def test_new_section_takes_the_style_of_its_siblings(window):
    doc = window.document
    section = first_section(window)
    doc.push(EditNodeFieldCommand(doc, section, "task_style", "yishi"))
    doc.push(EditNodeFieldCommand(doc, section, "run_in", "："))
    window.select_node(section)
    window.outline_editor.add_node("section")
    new = outline.get_node(doc.db, window.current_node_id())
    assert new.id != section
    assert (new.task_style, new.run_in) == ("yishi", "：")


def test_new_subsection_takes_its_parents_style_when_alone(window):
    doc = window.document
    section = first_section(window)
    doc.push(EditNodeFieldCommand(doc, section, "task_style", "sentences"))
    doc.push(EditNodeFieldCommand(doc, section, "run_in", "。"))
    window.select_node(section)
    window.outline_editor.add_node("subsection")
    new = outline.get_node(doc.db, window.current_node_id())
    assert new.parent_id == section
    assert (new.task_style, new.run_in) == ("sentences", "。")


def test_panel_scrolls_to_top_on_another_item(window, qtbot):
    window.resize(900, 420)
    db = window.document.db
    plan_id = window.document.tree_model.plan_ids()[0]
    tasks = [n.id for n in outline.load_outline(db, plan_id) if n.kind == "task"][:2]
    window.select_node(tasks[0])
    bar = window.task_panel.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    window.select_node(tasks[1])
    assert bar.value() == 0


def test_jargon_fields_explain_themselves(window):
    panel = window.section_panel
    assert panel.editor("task_style").toolTip() == strings.TIP_TASK_STYLE
    assert panel.form.labelForField(panel.editor("run_in")).toolTip() == strings.TIP_RUN_IN
    assert "WAL" not in strings.BACKUP_NETWORK  # the word is in the tooltip only


def test_export_folders_start_in_documents_remembered_per_kind(window, tmp_path, monkeypatch):
    asked: list[str] = []
    target = tmp_path / "exports" / "计划.docx"
    target.parent.mkdir()

    def fake_save(parent, title, file_filter, directory=""):
        asked.append(directory)
        return str(target)

    monkeypatch.setattr(messages, "get_save_path", fake_save)
    actions = window.export_actions
    actions._ask_save("t", "f", "a.docx", folders.EXPORT_WORD)
    actions._ask_save("t", "f", "b.docx", folders.EXPORT_WORD)
    actions._ask_save("t", "f", "c.xlsx", folders.EXPORT_TASKS)
    documents = folders.documents_folder()
    assert Path(asked[0]).parent == documents  # never the data folder
    assert Path(asked[0]).parent != window.document.path.parent
    assert Path(asked[1]).parent == target.parent  # remembered for Word
    assert Path(asked[2]).parent == documents  # the task table has its own folder
