"""The 报表 dialog: choices, preview, export off the UI thread, print, the menu entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as DocxFile
from openpyxl import load_workbook
from PySide6.QtPrintSupport import QPrinter

from models import reports as R
from models.errors import ExportError
from tests.frozen_clock import frozen_today
from tests.report_fixture import TODAY, make_report_plan
from ui import strings
from ui.exporting import file_done, printing, report_dialog
from ui.exporting.report_dialog import (
    FORMAT_XLSX,
    PERIOD_HALF,
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_YEAR,
    ReportDialog,
)

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]


_today = frozen_today(TODAY)


@pytest.fixture
def opened(monkeypatch):
    calls: list[Path] = []
    monkeypatch.setattr(file_done, "open_folder", lambda path: calls.append(path) or True)
    return calls


@pytest.fixture
def errors(monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(report_dialog.messages, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.fixture
def dialog(qtbot, db):
    plan_id = make_report_plan(db)
    dlg = ReportDialog(db, plan_id)
    qtbot.addWidget(dlg)
    yield dlg
    dlg.reject()  # before the db fixture closes the database


def set_kind(dlg: ReportDialog, kind: str) -> None:
    dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData(kind))


def test_defaults_plan_year_and_current_quarter(dialog):
    assert dialog.kind() == "progress"
    assert dialog.period_combo.currentIndex() == PERIOD_QUARTER
    assert dialog.period() == R.quarter_period(2025, 3)  # today is 15 July 2025
    assert "2025年7月1日至2025年9月30日" in dialog.range_label.text()


def test_period_choices(dialog):
    dialog.period_combo.setCurrentIndex(PERIOD_MONTH)
    dialog.part_combo.setCurrentIndex(1)
    assert dialog.period() == R.month_period(2025, 2)
    dialog.period_combo.setCurrentIndex(PERIOD_HALF)
    dialog.part_combo.setCurrentIndex(1)
    assert dialog.period() == R.half_period(2025, 2)
    dialog.period_combo.setCurrentIndex(PERIOD_YEAR)
    assert dialog.period() == R.year_period(2025)
    dialog.set_custom_period(dt.date(2025, 3, 5), dt.date(2025, 4, 9))
    assert dialog.period().label == "2025年3月5日至2025年4月9日"


def test_preview_shows_the_report(qtbot, dialog):
    dialog.period_combo.setCurrentIndex(PERIOD_QUARTER)
    dialog.part_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "第二季度进展情况报告" in dialog.preview.toPlainText())
    assert "完成率12.5%" in dialog.preview.toPlainText()
    set_kind(dialog, "bulletin")
    qtbot.waitUntil(lambda: "督查通报" in dialog.preview.toPlainText())


def test_preview_is_built_once_after_a_burst_of_changes(qtbot, dialog, monkeypatch):
    built = []
    real = report_dialog.report_html
    monkeypatch.setattr(report_dialog, "report_html", lambda *a: built.append(1) or real(*a))
    dialog.period_combo.setCurrentIndex(PERIOD_MONTH)
    dialog.part_combo.setCurrentIndex(2)
    set_kind(dialog, "bulletin")
    qtbot.waitUntil(lambda: "2025年3月" in dialog.preview.toPlainText())
    assert built == [1]


def test_inverted_custom_range_shows_message(qtbot, dialog):
    dialog.set_custom_period(dt.date(2025, 5, 1), dt.date(2025, 4, 1))
    assert dialog.range_label.text() == "开始日期不能晚于结束日期。"
    qtbot.waitUntil(lambda: dialog.preview.toPlainText() == "开始日期不能晚于结束日期。")


def test_summary_cannot_be_xlsx(dialog):
    dialog.format_combo.setCurrentIndex(1)
    set_kind(dialog, "summary")
    assert dialog.fmt() == "docx"
    assert not dialog.format_combo.model().item(1).isEnabled()
    assert dialog.period() == R.year_period(2025)  # a summary covers the whole year
    set_kind(dialog, "bulletin")
    assert dialog.format_combo.model().item(1).isEnabled()


def test_export_docx_in_worker_then_open_folder(qtbot, dialog, tmp_path, opened):
    dialog.period_combo.setCurrentIndex(PERIOD_QUARTER)
    dialog.part_combo.setCurrentIndex(1)
    target = tmp_path / "out" / "报告.docx"
    target.parent.mkdir()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        job = dialog.export_to(target)
        assert job is not None
    assert blocker.args == [target]
    assert opened == [target]
    texts = [p.text for p in DocxFile(str(target)).paragraphs]
    assert "附件：逾期任务清单" in texts
    assert dialog.export_button.isEnabled()


def test_export_xlsx_fixes_suffix_and_respects_checkbox(qtbot, dialog, tmp_path, opened):
    set_kind(dialog, "bulletin")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(FORMAT_XLSX))
    dialog.open_check.setChecked(False)
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        dialog.export_to(tmp_path / "通报.docx")
    path = blocker.args[0]
    assert path == tmp_path / "通报.xlsx"
    assert load_workbook(path)["单位完成情况"]._charts
    assert opened == []


def test_export_failure_is_shown(qtbot, dialog, tmp_path, errors, opened):
    job = dialog.export_to(tmp_path / "missing" / "x.docx")
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert isinstance(errors[0], ExportError)
    assert job is not None and opened == []
    assert not (tmp_path / "missing").exists()
    assert dialog.export_button.isEnabled()


def test_ask_export_uses_save_dialog(qtbot, dialog, tmp_path, monkeypatch, opened):
    asked = []

    def fake_save(parent, title, file_filter, directory=""):
        asked.append((title, file_filter, Path(directory).name))
        return str(tmp_path / "chosen.docx")

    monkeypatch.setattr(report_dialog.messages, "get_save_path", fake_save)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.ask_export()
    assert asked[0][0] == strings.REPORT_SAVE_TITLE
    assert asked[0][2] == "测试镇2025年工作计划2025年第三季度进展情况报告.docx"
    assert (tmp_path / "chosen.docx").exists()


def test_cancelled_save_dialog_writes_nothing(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(report_dialog.messages, "get_save_path", lambda *a, **k: None)
    dialog.ask_export()
    assert dialog._job is None


def test_print_opens_the_window_print_preview(dialog, monkeypatch):
    seen = []
    monkeypatch.setattr(
        report_dialog.printing,
        "open_preview",
        lambda owner, html, title, landscape=False: seen.append((html, title)),
    )
    set_kind(dialog, "reminder")
    dialog.print_report()
    assert seen and seen[0][1] == R.REPORT_KINDS["reminder"]
    assert "督办通知" in seen[0][0]


def test_printed_pages(dialog, tmp_path):
    """What the preview paints: the notice and one 催办单 page per unit, page numbered."""
    set_kind(dialog, "reminder")
    dialog.period_combo.setCurrentIndex(PERIOD_QUARTER)
    dialog.part_combo.setCurrentIndex(1)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "print.pdf"
    printer.setOutputFileName(str(out))
    printing.prepare_printer(printer, landscape=False, title="x")
    assert printing.render(printer, dialog.print_html()) == 6
    assert out.read_bytes()[:4] == b"%PDF"


def test_print_with_bad_period_shows_error(dialog, errors, monkeypatch):
    monkeypatch.setattr(
        report_dialog.printing,
        "open_preview",
        lambda *a, **k: pytest.fail("no preview for a bad period"),
    )
    dialog.set_custom_period(dt.date(2025, 5, 1), dt.date(2025, 4, 1))
    dialog.print_report()
    assert errors and errors[0].user_text == "开始日期不能晚于结束日期。"


def test_no_plans(qtbot, db):
    dlg = ReportDialog(db, None)
    qtbot.addWidget(dlg)
    assert dlg.preview.toPlainText() == strings.REPORT_NO_PLAN
    assert not dlg.export_button.isEnabled()


def test_menu_entry_opens_dialog_for_current_plan(window, monkeypatch):
    action = window.actions["report"]
    assert action in window.report_menu.actions()
    assert window.report_menu.menuAction().isVisible()
    plan_id = window.document.db.scalar("SELECT min(id) FROM plans")
    window.select_plan(plan_id)
    action.trigger()
    dlg = window.reports.dialog
    assert dlg.isVisible() and dlg.plan_id() == plan_id
    dlg.close()


def test_dialog_closes_when_another_database_is_opened(window, tmp_path):
    window.actions["report"].trigger()
    dlg = window.reports.dialog
    assert dlg.isVisible()
    assert window.open_database_file(tmp_path / "other.db", create=True)
    assert not dlg.isVisible()
