"""Importing the same plan again offers 替换 / 另存为副本 / 取消; a copy is marked everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import outline
from models.vocab import COPY_MARK
from ui import messages, strings
from ui.importing import reimport

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

PLAN = "XX乡2025年工作要点\n一、抓好党建\n加强学习。推进廉政建设。\n二、发展经济\n推进道路硬化。\n"
TITLE = "XX乡2025年工作要点"


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


@pytest.fixture
def answer(monkeypatch):
    asked: list[str] = []

    def set_answer(key: str | None) -> list[str]:
        def ask(parent, title, text, choices):
            asked.append(text)
            return key

        monkeypatch.setattr(messages, "ask_choice", ask)
        return asked

    return set_answer


def import_file(qtbot, window, path: Path) -> None:
    controller = window.import_controller
    controller.last_dialog = None
    controller.start(path)
    qtbot.waitUntil(lambda: controller.last_dialog is not None, timeout=10_000)
    controller.last_dialog.import_button.click()


def titles(window) -> list[str]:
    return [p.title for p in outline.list_plans(window.document.db)]


def test_first_import_asks_nothing(qtbot, window, plan_file, answer):
    asked = answer(reimport.CANCEL)
    import_file(qtbot, window, plan_file)
    assert asked == [] and titles(window).count(TITLE) == 1


def test_copy_gets_a_mark_in_the_tree(qtbot, window, plan_file, answer):
    import_file(qtbot, window, plan_file)
    asked = answer(reimport.COPY)
    import_file(qtbot, window, plan_file)
    assert len(asked) == 1 and TITLE in asked[0]
    assert TITLE + COPY_MARK in titles(window)
    index = window.tree_view.currentIndex()
    assert index.data() == TITLE + COPY_MARK  # the new copy is selected, marked
    import_file(qtbot, window, plan_file)
    assert TITLE + "（副本2）" in titles(window)


def test_replace_is_one_undo_step(qtbot, window, plan_file, answer):
    import_file(qtbot, window, plan_file)
    stack = window.document.undo_stack
    before = stack.index()
    answer(reimport.REPLACE)
    import_file(qtbot, window, plan_file)
    assert titles(window).count(TITLE) == 1  # no twin
    assert stack.index() == before + 1
    assert stack.text(before) == strings.UNDO_REIMPORT_REPLACE.format(title=TITLE)
    stack.undo()
    assert titles(window).count(TITLE) == 1  # the old one is back
    stack.undo()  # the first import
    assert titles(window).count(TITLE) == 0


def test_cancel_changes_nothing(qtbot, window, plan_file, answer):
    import_file(qtbot, window, plan_file)
    count = len(titles(window))
    index = window.document.undo_stack.index()
    answer(reimport.CANCEL)
    import_file(qtbot, window, plan_file)
    assert len(titles(window)) == count
    assert window.document.undo_stack.index() == index
