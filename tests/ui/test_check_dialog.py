"""File → 检查公文格式…: the dialog lists the checker's findings in Chinese."""

from __future__ import annotations

from export.gbt9704_check import FAIL
from tests.export.gongwen_fixture import build, good, variant
from ui import jobs, messages, strings
from ui.exporting import check_dialog


def _no_render(monkeypatch):
    import export.rendering as rendering

    monkeypatch.setattr(rendering, "soffice_path", lambda: None)  # quick: file rules only


def test_menu_entry_opens_the_dialog_for_the_chosen_file(window, qtbot, tmp_path, monkeypatch):
    _no_render(monkeypatch)
    path = build(variant(date="2025年02月03日"), tmp_path / "bad.docx")
    monkeypatch.setattr(messages, "get_open_path", lambda *a, **k: str(path))
    action = window.actions["check_docx"]
    assert action in window.file_menu.actions() and action.text() == strings.ACT_CHECK_DOCX
    opened = []
    real = check_dialog.CheckDialog.start
    monkeypatch.setattr(
        check_dialog.CheckDialog, "start", lambda self: opened.append(self) or real(self)
    )
    action.trigger()
    dialog = opened[0]
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    rows = dialog.rows()
    assert rows and rows[0][0] == strings.CHECK_STATUS[FAIL]
    assert rows[0][1] == "7.3.5.4" and "02月03日" in rows[0][3]
    assert dialog.table.rowCount() == len(rows) == 1
    assert dialog.summary.text() == strings.CHECK_SUMMARY_FAIL.format(
        failed=1,
        passed=len([f for f in dialog.report.findings if f.status == "pass"]),
        skipped=len([f for f in dialog.report.findings if f.status == "skip"]),
    )
    assert dialog.render_note.text() == strings.CHECK_NO_RENDER
    dialog.show_all.setChecked(True)
    assert dialog.table.rowCount() == len(dialog.report.findings)
    dialog.close()


def test_clean_file_shows_everything_checked(qtbot, tmp_path, monkeypatch):
    _no_render(monkeypatch)
    dialog = check_dialog.CheckDialog(build(good(), tmp_path / "good.docx"))
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert dialog.show_all.isChecked()
    assert strings.CHECK_STATUS[FAIL] not in {r[0] for r in dialog.rows()}
    assert dialog.summary.text().startswith("符合 GB/T 9704")


def test_unreadable_file_shows_one_chinese_sentence(qtbot, tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_text("no", encoding="utf-8")
    dialog = check_dialog.CheckDialog(bad)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert "docx" in dialog.summary.text() and dialog.rows() == []
    assert dialog.again_button.isEnabled()


def test_cancelled_file_choice_opens_nothing(window, monkeypatch):
    monkeypatch.setattr(messages, "get_open_path", lambda *a, **k: None)
    assert check_dialog.open_check_dialog(window) is None


def test_closing_the_dialog_while_checking_is_safe(qtbot, tmp_path, monkeypatch):
    _no_render(monkeypatch)
    from PySide6.QtCore import Qt

    dialog = check_dialog.CheckDialog(build(good(), tmp_path / "good.docx"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    dialog.close()
    qtbot.waitUntil(lambda: not jobs.running(), timeout=20_000)
