"""The import window: worker with progress, preview edits, undoable import, drag and drop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from models import outline
from models.importing import parse_file
from models.importing.preview import PreviewRow
from models.vocab import Recurrence
from tests.conftest import SEED
from ui import messages, strings
from ui.importing.import_controller import ImportController
from ui.importing.import_dialog import ImportDialog
from ui.workers import Job

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

PLAN = (
    "XX乡2025年工作要点\n2025年，全乡将围绕中心工作。\n一、抓好党建\n加强学习。推进廉政建设。\n"
    "二、发展经济\n（一）特色产业。扩大油茶种植2000亩以上，年底前完成。\n（二）项目建设\n"
    "推进道路硬化。\n"
)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="gbk")
    return path


def _titles(window) -> list[str]:
    return [p.title for p in outline.list_plans(window.document.db)]


def _wait_dialog(qtbot, controller: ImportController) -> ImportDialog:
    qtbot.waitUntil(lambda: controller.last_dialog is not None, timeout=10_000)
    return controller.last_dialog


def test_menu_has_import_action(window):
    assert strings.ACT_IMPORT in [a.text() for a in window.file_menu.actions()]


def test_open_parse_preview_and_import_undoably(qtbot, window, plan_file, monkeypatch):
    monkeypatch.setattr(messages, "get_open_path", lambda *a, **k: str(plan_file))
    controller: ImportController = window.import_controller
    window.actions["import"].trigger()
    dialog = _wait_dialog(qtbot, controller)
    assert dialog.source.toPlainText().startswith("XX乡2025年工作要点")
    top = dialog.tree.topLevelItem(0)
    assert top.text(0) == "XX乡2025年工作要点"
    assert [top.child(i).text(0) for i in range(top.childCount())][:2] == [
        "2025年，全乡将围绕中心工作。",
        "抓好党建",
    ]
    assert dialog.tree.findItems(
        "扩大油茶种植2000亩以上，年底前完成。",
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )
    before = len(_titles(window))
    dialog.import_button.click()
    assert _titles(window).count("XX乡2025年工作要点") == 1
    assert len(_titles(window)) == before + 1
    window.document.undo_stack.undo()
    assert len(_titles(window)) == before
    window.document.undo_stack.redo()
    assert len(_titles(window)) == before + 1


def test_hints_column_shows_target_and_deadline(qtbot, window, plan_file):
    window.import_controller.start(plan_file)
    dialog = _wait_dialog(qtbot, window.import_controller)
    item = dialog.tree.findItems(
        "扩大油茶种植2000亩以上，年底前完成。",
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )[0]
    assert strings.IMPORT_HINT_TARGET.format(value="2000亩以上") in item.text(2)
    assert strings.IMPORT_HINT_DEADLINE.format(value="年底前") in item.text(2)


def test_frequency_hint_is_the_recurrence_label():
    """The recurring rules are named as vocab names them; "regular" has its own word."""
    for code, text in (
        (Recurrence.QUARTERLY, Recurrence.QUARTERLY.label),
        ("regular", strings.IMPORT_FREQUENCY_REGULAR),
        ("weekly", "weekly"),  # an unknown code is shown as it is
    ):
        row = PreviewRow("task", "开展巡查。", fields={"frequency": code})
        assert ImportDialog._hint_text(row) == strings.IMPORT_HINT_FREQUENCY.format(value=text)


def _row_index(dialog: ImportDialog, text: str) -> int:
    return next(i for i, r in enumerate(dialog.plans[0].rows) if r.text == text)


def test_change_roles_merge_split_drop(qtbot, window, plan_file):
    window.import_controller.start(plan_file)
    dialog = _wait_dialog(qtbot, window.import_controller)
    # the preamble line becomes a level-1 heading
    dialog.select_row(0, _row_index(dialog, "2025年，全乡将围绕中心工作。"))
    dialog.role_actions["heading1"].trigger()
    # merge the two tasks of 抓好党建, then split them again
    i = _row_index(dialog, "加强学习。")
    dialog.select_row(0, i)
    dialog.merge_action.trigger()
    assert dialog.plans[0].rows[i].text == "加强学习。推进廉政建设。"
    dialog.split_action.trigger()
    assert [r.text for r in dialog.plans[0].rows[i : i + 2]] == ["加强学习。", "推进廉政建设。"]
    # drop a task, turn (二) into a task
    dialog.select_row(0, _row_index(dialog, "推进道路硬化。"))
    dialog.role_actions["drop"].trigger()
    dialog.select_row(0, _row_index(dialog, "项目建设"))
    dialog.role_actions["task"].trigger()
    doc = dialog.documents()[0]
    assert [s["heading"] for s in doc["sections"]] == [
        "2025年，全乡将围绕中心工作。",
        "抓好党建",
        "发展经济",
    ]
    econ = doc["sections"][2]
    assert [c["heading"] for c in econ["children"]] == ["特色产业"]
    assert [t["text"] for t in econ["children"][0]["tasks"]] == [
        "扩大油茶种植2000亩以上，年底前完成。",
        "项目建设",
    ]
    assert "推进道路硬化。" not in str(doc)
    dialog.import_button.click()
    new_id = outline.list_plans(window.document.db)[0].id
    stored = outline.plan_to_document(window.document.db, new_id)
    assert stored["title"] == "XX乡2025年工作要点"


def test_plan_fields_and_unchecking_a_plan(qtbot, window):
    window.import_controller.start(SEED)
    dialog = _wait_dialog(qtbot, window.import_controller)
    assert dialog.tree.topLevelItemCount() == 3
    dialog.tree.topLevelItem(1).setCheckState(0, Qt.CheckState.Unchecked)
    dialog.select_row(0, -1)
    dialog.title_edit.setText("XX镇2025年工作计划")
    dialog.year_edit.setText("2025")
    dialog.doc_number_edit.setText("XX发〔2025〕1号")
    dialog.title_edit.editingFinished.emit()
    docs = dialog.documents()
    assert [d["title"] for d in docs] == ["XX镇2025年工作计划", "镇人民政府2024年度工作计划"]
    assert docs[0]["year"] == 2025 and docs[0]["doc_number"] == "XX发〔2025〕1号"


def test_bad_file_shows_error_and_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    before = _titles(window)
    job = window.import_controller.start(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert ".docx" in shown[0].user_text and "old.doc" in shown[0].user_text
    assert window.import_controller.last_dialog is None and job is not None
    assert _titles(window) == before


def test_cancel_stops_the_job(qtbot, window, plan_file, monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown.append(exc))
    controller = window.import_controller
    job = Job(lambda progress, should_cancel: parse_file(plan_file, progress, should_cancel))
    job.cancel()
    failures: list[BaseException] = []
    job.signals.failed.connect(failures.append)
    with qtbot.waitSignal(job.signals.failed, timeout=10_000):
        job.start()
    from models.errors import Cancelled

    assert isinstance(failures[0], Cancelled)
    assert controller.last_dialog is None and not shown


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # QDragEnterEvent takes a QPoint
def test_drop_a_file_on_the_window(qtbot, window, plan_file):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(plan_file))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    dialog = _wait_dialog(qtbot, window.import_controller)
    assert dialog.tree.topLevelItem(0).text(0) == "XX乡2025年工作要点"


def test_edit_a_row_text(qtbot, window, plan_file):
    window.import_controller.start(plan_file)
    dialog = _wait_dialog(qtbot, window.import_controller)
    i = _row_index(dialog, "项目建设")
    dialog.select_row(0, i)
    dialog.tree.currentItem().setText(0, "重点项目建设：")
    row = dialog.plans[0].rows[i]
    assert (row.text, row.run_in) == ("重点项目建设", "：")
    j = _row_index(dialog, "推进道路硬化。")
    dialog.select_row(0, j)
    dialog.tree.currentItem().setText(0, "推进道路硬化10公里。")
    assert dialog.documents()[0]["sections"][1]["children"][1]["tasks"][0]["text"] == (
        "推进道路硬化10公里。"
    )


def test_dialog_shows_notice_summary_and_chrome_and_lets_the_user_choose(qtbot, tmp_path):
    from tests.models.test_import_preview import NOTICE_AND_SUMMARY

    path = tmp_path / "notice.txt"
    path.write_text(NOTICE_AND_SUMMARY, encoding="utf-8")
    dialog = ImportDialog(parse_file(path))
    qtbot.addWidget(dialog)
    dialog.select_row(0, -1)
    note = dialog.notes.text()
    assert "识别为印发通知，计划为附件" in note and "已删除网页杂项：2 行" in note
    assert "总结" in note
    assert not dialog.keep_notice_box.isHidden() and dialog.keep_notice_box.isChecked()
    dialog.keep_notice_box.setChecked(False)
    assert "各乡镇林业站" not in dialog.documents()[0]["preamble"]
    plan_index = dialog.summary_box.findData("plan")
    dialog.summary_box.setCurrentIndex(plan_index)
    dialog.summary_box.activated.emit(plan_index)
    docs = dialog.documents()
    assert len(docs) == 2 and docs[1]["sections"][0]["heading"] == "2024年工作开展情况"
    assert dialog.simplify_box.isHidden()  # simplified text: no script choice


def test_dialog_simplifies_a_traditional_plan(qtbot, tmp_path):
    from models.importing import script

    if not script.available():
        pytest.skip("OpenCC is not installed")
    path = tmp_path / "fanti.txt"
    path.write_text("青山鄉2025年工作計劃\n一、發展產業\n新建基地。\n", encoding="utf-8")
    dialog = ImportDialog(parse_file(path))
    qtbot.addWidget(dialog)
    dialog.select_row(0, -1)
    assert "繁体" in dialog.notes.text() and not dialog.simplify_box.isHidden()
    dialog.simplify_box.setChecked(True)
    assert dialog.documents()[0]["title"] == "青山乡2025年工作计划"
