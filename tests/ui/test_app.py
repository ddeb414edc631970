"""GUI start-up pieces: DB errors at start, Qt translations, crash dialog, idle commits."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from models import outline
from models.errors import DatabaseOpenError, DatabaseTooNewError
from models.store.open import open_database
from ui import messages, strings
from ui.outline.plan_tree_model import NodeIdRole
from ui.shell import app as app_module
from ui.shell import crash_dialog
from ui.shell.crash_dialog import CrashDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


@pytest.fixture
def quiet_start(monkeypatch):
    """run_gui without replacing pytest-qt's message handler or the real excepthook."""
    monkeypatch.setattr(app_module, "qInstallMessageHandler", lambda handler: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def test_newer_database_refused_and_untouched(tmp_path, quiet_start):
    path = tmp_path / "future.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    code = app_module.run_gui(argparse.Namespace(db=str(path), no_sample=False))
    assert code == 1
    assert len(quiet_start) == 1 and isinstance(quiet_start[0], DatabaseTooNewError)
    assert path.read_bytes() == before


def test_non_database_refused(tmp_path, quiet_start):
    path = tmp_path / "letter.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    code = app_module.run_gui(argparse.Namespace(db=str(path), no_sample=True))
    assert code == 1
    assert isinstance(quiet_start[0], DatabaseOpenError)


def test_qt_translations_installed(qapp):
    translator = app_module.install_qt_translations(qapp)
    try:
        assert translator is not None
        assert translator.language().startswith("zh")
    finally:
        qapp.removeTranslator(translator)


def test_ui_font_families_set(qapp):
    before = qapp.font()
    try:
        app_module.set_ui_font(qapp)
        assert qapp.font().families()[:1] == ["Microsoft YaHei UI"]
        assert "Noto Sans CJK SC" in qapp.font().families()
    finally:
        qapp.setFont(before)


def test_crash_dialog_copies_details(qtbot, tmp_path):
    dialog = CrashDialog(
        "ValueError: boom", "Traceback ...\nValueError: boom", tmp_path / "plandesk.log"
    )
    qtbot.addWidget(dialog)
    assert "ValueError: boom" in dialog.summary_label.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback ...\nValueError: boom"
    assert dialog.copy_button.text() == strings.CRASH_COPIED


def test_excepthook_logs_and_shows_dialog(qapp, monkeypatch, caplog, tmp_path):
    shown = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self) or 0)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        crash_dialog.excepthook(
            type(exc), exc, exc.__traceback__, log_path=tmp_path / "plandesk.log"
        )
    assert len(shown) == 1
    assert "ValueError: boom" in shown[0].details_edit.toPlainText()
    assert any("unexpected error" in r.message for r in caplog.records)


def test_text_edit_commits_after_idle(window, qtbot):
    pid = window.document.tree_model.plan_ids()[0]
    model = window.document.tree_model
    model.ensure_plan_loaded(pid)
    section = model.index(0, 0, model.index_for_plan(pid))
    task_index = model.index(0, 0, section)
    window.tree_view.setCurrentIndex(task_index)
    task_id = task_index.data(NodeIdRole)
    # setPlainText emits textChanged like typing does; no focus-out follows
    window.task_panel.editor("note").setPlainText("已与县农业农村局对接。")
    db = window.document.db
    qtbot.waitUntil(
        lambda: outline.get_node(db, task_id).note == "已与县农业农村局对接。", timeout=5000
    )


def test_many_signal_emits_do_not_kill_the_interpreter(tmp_path):
    """PySide6-Essentials 6.12.0 drops a reference to True per emit on Python 3.11 and the
    interpreter aborts after a few thousand (requirements.txt excludes that release);
    20,000 emits and a clean exit guard against any release with the same leak."""
    import subprocess
    import textwrap

    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, sys.argv[1])
        import ui  # noqa: F401
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Emitter(QObject):
            fired = Signal(object)

        app = QCoreApplication([])
        emitter = Emitter()
        emitter.fired.connect(lambda value: None)
        for i in range(20_000):
            emitter.fired.emit(i)
        print("done")
    """)
    path = tmp_path / "emit_many.py"
    path.write_text(script, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [sys.executable, str(path), root], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "done"


def test_qt_file_dialog_has_no_english_left(qapp):
    """Qt's own file dialog (the one used off Windows) is all Chinese."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    translator = app_module.install_qt_translations(qapp)
    if translator is None:
        pytest.skip("Qt's qtbase_zh_CN.qm is not installed here")
    try:
        dialog = QFileDialog(None, "t", "", "Word (*.docx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.show()
        labels = [w.text() for w in dialog.findChildren(QLabel)]
        assert labels and all(labels)  # none blanked either
        texts = labels + [w.text() for w in dialog.findChildren(QAbstractButton)]
        english = [t for t in texts if re.search("[A-Za-z]{3,}", t.replace("Word", ""))]
        assert english == []
        dialog.close()
        dialog.deleteLater()
    finally:
        qapp.removeTranslator(translator)
