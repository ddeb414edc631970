"""File > Word 文件使用 Windows 自带字体名: a setting the Word export follows and states."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import QSettings

from ui import strings
from ui.exporting import export_dialog


def test_font_names_setting_reaches_the_word_file(window, tmp_path, monkeypatch, qtbot):
    action = window.actions["windows_font_names"]
    assert not action.isChecked() and export_dialog.font_names_choice() == "official"
    action.setChecked(True)
    assert QSettings().value(export_dialog.SETTINGS_FONT_NAMES) == "windows"
    asked = []

    def ask(title, file_filter, name, kind=None):
        asked.append(title)
        return tmp_path / "w.docx"

    monkeypatch.setattr(window.export_actions, "_ask_save", ask)
    window.select_plan(window.document.tree_model.plan_ids()[0])
    job = window.export_actions.export_word()
    with qtbot.waitSignal(job.signals.succeeded, timeout=20000):
        pass
    assert strings.FONT_NAMES_WINDOWS in asked[0]
    styles = zipfile.ZipFile(tmp_path / "w.docx").read("word/styles.xml").decode("utf-8")
    assert "仿宋_GB2312" not in styles and 'w:eastAsia="仿宋"' in styles
