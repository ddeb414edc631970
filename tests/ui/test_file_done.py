"""After an export: a box with 打开文件 / 打开所在文件夹; a Chinese error when nothing answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ui import messages, strings
from ui.exporting import file_done

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def opened(monkeypatch):
    calls: list[tuple[str, Path]] = []
    monkeypatch.setattr(file_done, "open_file", lambda p: calls.append(("file", p)) or True)
    monkeypatch.setattr(file_done, "open_folder", lambda p: calls.append(("folder", p)) or True)
    return calls


@pytest.fixture
def error_texts(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error_text", lambda parent, text: shown.append(text))
    return shown


def button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_box_opens_the_file_or_its_folder(qtbot, tmp_path, opened):
    path = tmp_path / "计划.docx"
    path.write_bytes(b"x")
    box = file_done.confirm_written(None, path, strings.EXPORT_DONE_BOX.format(path=path))
    qtbot.addWidget(box)
    assert str(path) in box.text()
    button(box, strings.BTN_OPEN_FILE).click()
    box = file_done.confirm_written(None, path, "x")
    qtbot.addWidget(box)
    button(box, strings.BTN_OPEN_FOLDER).click()
    assert opened == [("file", path), ("folder", path)]


def test_no_file_manager_answering_is_said(qtbot, tmp_path, monkeypatch, error_texts):
    monkeypatch.setattr(file_done, "open_folder", lambda p: False)
    assert not file_done.open_written(None, tmp_path / "a.docx", file_done.OPEN_FOLDER)
    assert error_texts == [strings.OPEN_FOLDER_FAILED.format(path=tmp_path / "a.docx")]


def test_export_word_ends_in_the_box(window, qtbot, tmp_path, monkeypatch, opened):
    window.select_plan(window.document.tree_model.plan_ids()[0])
    target = tmp_path / "导出.docx"
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: str(target))
    assert window.export_actions.export_word() is not None
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "written_box") is not None, timeout=20_000
    )
    box = window.findChild(QMessageBox, "written_box")
    assert str(target) in box.text()
    button(box, strings.BTN_OPEN_FILE).click()
    assert opened == [("file", target)]
