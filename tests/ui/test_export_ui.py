"""文件 menu export, print preview and PDF (offscreen; dialogs monkeypatched, never exec'd)."""

from __future__ import annotations

import docx
import openpyxl
import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from export.task_table import HEADERS
from models.errors import ExportError
from resources import resource_path
from ui import jobs, messages, strings
from ui.exporting import export_dialog, fonts, printing

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

ALL_OFFICIAL = {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"}


@pytest.fixture
def boxes(monkeypatch):
    """Record every message box instead of showing it."""
    shown = {"info": [], "error": []}
    monkeypatch.setattr(
        messages, "show_info", lambda parent, title, text: shown["info"].append((title, text))
    )
    monkeypatch.setattr(messages, "show_error", lambda parent, exc: shown["error"].append(exc))
    return shown


def _select_plan(window, index=0):
    plan_id = window.document.tree_model.plan_ids()[index]
    window.select_plan(plan_id)
    assert window.current_plan_id() == plan_id
    return plan_id


def _save_to(monkeypatch, path):
    asked = []

    def fake(parent, title, file_filter, directory=""):
        asked.append((title, file_filter, directory))
        return str(path)

    monkeypatch.setattr(messages, "get_save_path", fake)
    return asked


def test_file_menu_has_export_and_print_entries(window):
    texts = [a.text() for a in window.file_menu.actions()]
    for text in (
        strings.ACT_EXPORT_WORD,
        strings.ACT_EXPORT_TASKS,
        strings.ACT_EXPORT_TEMPLATE,
        strings.ACT_PRINT_PREVIEW,
        strings.ACT_EXPORT_PDF,
    ):
        assert text in texts
    assert texts.index(strings.ACT_EXPORT_PDF) < len(texts) - 1  # above Quit


def test_export_word_writes_the_plan(window, qtbot, tmp_path, monkeypatch, boxes):
    _select_plan(window)
    out = tmp_path / "plan.docx"
    asked = _save_to(monkeypatch, out)
    window.actions["export_word"].trigger()  # the menu entry
    job = window.export_actions.last_job
    # the job's signals are queued to the UI thread: waiting here cannot miss them
    with qtbot.waitSignal(job.signals.succeeded, timeout=20_000):
        pass
    assert asked[0][1] == strings.FILTER_DOCX and asked[0][2].endswith(".docx")
    title = window.document.db.query_one(
        "SELECT title FROM plans WHERE id = ?", (window.current_plan_id(),)
    )["title"]
    assert docx.Document(str(out)).paragraphs[0].text.replace("\n", "") == title
    qtbot.waitUntil(lambda: str(out) in window.statusBar().currentMessage())
    assert boxes["error"] == [] and job.finished and job not in jobs.running()


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_export_tasks_by_suffix(window, qtbot, tmp_path, monkeypatch, boxes, suffix):
    _select_plan(window, 1)
    out = tmp_path / f"tasks{suffix}"
    _save_to(monkeypatch, out)
    job = window.export_actions.export_tasks()
    with qtbot.waitSignal(job.signals.succeeded, timeout=20_000):
        pass
    if suffix == ".xlsx":
        assert [c.value for c in openpyxl.load_workbook(out).active[2]] == list(HEADERS)  # 1: title
    else:
        assert [c.text for c in docx.Document(str(out)).tables[0].rows[0].cells] == list(HEADERS)


def test_export_with_example_template(window, qtbot, tmp_path, monkeypatch, boxes):
    _select_plan(window, 2)
    example = resource_path("templates", "example_plan_template.docx")
    monkeypatch.setattr(messages, "get_open_path", lambda *a, **k: str(example))
    out = tmp_path / "tpl.docx"
    _save_to(monkeypatch, out)
    job = window.export_actions.export_template()
    with qtbot.waitSignal(job.signals.succeeded, timeout=20_000):
        pass
    assert not any("{{" in p.text for p in docx.Document(str(out)).paragraphs)


def test_export_failure_shows_the_error(window, qtbot, tmp_path, monkeypatch, boxes):
    _select_plan(window)
    _save_to(monkeypatch, tmp_path / "missing-folder" / "plan.docx")
    job = window.export_actions.export_word()
    with qtbot.waitSignal(job.signals.failed, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(boxes["error"]))
    assert isinstance(boxes["error"][0], ExportError)


def test_no_plan_selected_says_so(window, monkeypatch, boxes):
    window.tree_view.setCurrentIndex(window.tree_view.model().index(-1, -1))
    assert window.current_plan_id() is None
    assert window.export_actions.export_word() is None
    assert boxes["info"] == [(strings.APP_SHORT, strings.NO_PLAN_SELECTED)]


def test_cancelled_save_dialog_writes_nothing(window, monkeypatch, boxes):
    _select_plan(window)
    monkeypatch.setattr(messages, "get_save_path", lambda *a, **k: None)
    assert window.export_actions.export_word() is None
    assert window.export_actions.export_pdf() is None


# ---------------------------------------------------------------- print and PDF
def test_preview_renders_without_exec(window, tmp_path, monkeypatch, boxes):
    _select_plan(window)
    shown = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    html = window.export_actions.print_preview()
    assert shown and shown[0].windowTitle().startswith(strings.PRINT_PREVIEW_TITLE[:4])
    assert printing.window_printer(window) is printing.window_printer(window)  # one per window
    # what the preview's paintRequested does, onto a PDF printer
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    printing.prepare_printer(printer, landscape=False, title="t")
    assert printing.render(printer, html) >= 1
    assert (tmp_path / "preview.pdf").read_bytes()[:5] == b"%PDF-"


def test_make_preview_connects_rendering(window, qtbot):
    printer = QPrinter()
    dialog = printing.make_preview(window, printer, "<p>x</p>", title="T", landscape=True)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    assert printer.pageLayout().orientation().name == "Landscape"
    assert dialog.receivers("2paintRequested(QPrinter*)") == 1


def test_export_pdf_action(window, tmp_path, monkeypatch, boxes):
    _select_plan(window)
    out = tmp_path / "plan.pdf"
    _save_to(monkeypatch, out)
    assert window.export_actions.export_pdf() == out
    assert out.read_bytes()[:5] == b"%PDF-"
    assert str(out) in window.statusBar().currentMessage()


# ---------------------------------------------------------------- fonts
def test_choose_fonts_prefers_official_then_substitutes():
    choices = {c.role: c for c in fonts.choose_fonts({"仿宋", "KaiTi", "SimHei", "宋体"})}
    assert choices["fangsong"].used == "仿宋" and choices["fangsong"].substituted
    assert choices["kaiti"].used == "KaiTi"
    assert choices["heiti"].used == "SimHei" and choices["heiti"].official == "黑体"
    assert choices["xbs"].used == "宋体"
    text = fonts.substitution_text(choices.values())
    assert strings.FONTS_LINE.format(official="仿宋_GB2312", used="仿宋") in text
    assert strings.FONTS_LINE.format(official="黑体", used="SimHei") in text


def test_all_official_fonts_means_no_message():
    assert fonts.substitution_text(fonts.choose_fonts(ALL_OFFICIAL)) is None


def test_missing_font_without_substitute():
    choices = fonts.choose_fonts({"Arial"})
    assert all(c.used is None for c in choices)
    assert strings.FONTS_NONE_LINE.format(official="仿宋_GB2312") in fonts.substitution_text(
        choices
    )


def test_font_check_tells_once_per_window(window, monkeypatch, boxes):
    monkeypatch.setattr(fonts, "installed_families", lambda: {"FangSong"})
    assert printing.check_fonts(window) is not None
    assert printing.check_fonts(window) is None
    assert len(boxes["info"]) == 1 and boxes["info"][0][0] == strings.FONTS_TITLE
    monkeypatch.setattr(fonts, "installed_families", lambda: ALL_OFFICIAL)
    printing.FONTS_TOLD.discard(window)
    assert printing.check_fonts(window) is None


def test_safe_file_name():
    assert export_dialog.safe_file_name('a/b:c*?"<>|d. ') == "abcd"
    assert export_dialog.safe_file_name("///") == "plan"
