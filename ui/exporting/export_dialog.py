"""File menu entries: export Word / task table / through a template, print preview, PDF.

The plan is read on the UI thread (a PlanData snapshot); the .docx/.xlsx file is written
by a job in the thread pool. PDF and printing paint with QtGui on the UI thread.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QKeySequence

from models.errors import PlanDeskError
from ui import folders, messages, strings
from ui.exporting import file_done, printing
from ui.host import Host

if TYPE_CHECKING:
    from export.content import PlanData
    from ui.jobs import RunningJob

log = logging.getLogger(__name__)

SETTINGS_TEMPLATE = "export/last_template"
SETTINGS_FONT_NAMES = "export/font_names"  # export/font_names.py: "official" or "windows"


def font_names_choice() -> str:
    """The font names the Word files name (a setting, default the official ones)."""
    value = QSettings().value(SETTINGS_FONT_NAMES, "official", str)
    return "windows" if value == "windows" else "official"


def font_names_note() -> str:
    """What the save dialog states about the fonts."""
    if font_names_choice() == "windows":
        return strings.FONT_NAMES_WINDOWS
    return strings.FONT_NAMES_OFFICIAL


def safe_file_name(title: str) -> str:
    """A file name from a plan title (characters Windows refuses are dropped)."""
    name = re.sub(r'[\\/:*?"<>|\r\n\t]+', "", title).strip(" .")
    return name or "plan"


class ExportActions(QObject):
    """The export and print actions of one main window."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.window = window
        self.last_job: RunningJob | None = None

    # ------------------------------------------------------------ helpers
    def _plan(self) -> PlanData | None:
        """A snapshot of the current plan, or None (with a message) when there is none."""
        plan_id = self.window.current_plan_id()
        if self.window.document is None or plan_id is None:
            messages.show_info(self.window, strings.APP_SHORT, strings.NO_PLAN_SELECTED)
            return None
        try:
            from export.content import load_plan_data  # python-docx etc. load on first use

            return load_plan_data(self.window.document.db, plan_id)
        except PlanDeskError as exc:
            messages.show_error(self.window, exc)
            return None

    def _ask_save(self, title: str, file_filter: str, name: str, kind: str) -> Path | None:
        folder = folders.folder_for(kind)
        path = messages.get_save_path(self.window, title, file_filter, str(folder / name))
        if not path:
            return None
        folders.remember(kind, path)
        return Path(path)

    def start(self, write: Callable[[], Path]) -> RunningJob:
        """Run ``write`` off the UI thread (ui/jobs.py); report success in the status bar."""

        def done(path: Path) -> None:
            log.info("exported %s", path)
            self.window.show_status(strings.EXPORT_DONE.format(path=path))
            file_done.confirm_written(self.window, path, strings.EXPORT_DONE_BOX.format(path=path))

        self.window.show_status(strings.EXPORTING)
        self.last_job = self.window.run_job(
            lambda progress, should_cancel: write(),
            title=strings.EXPORT_TITLE,
            label=strings.EXPORTING,
            on_done=done,
        )
        return self.last_job

    # ------------------------------------------------------------ actions
    def export_word(self) -> RunningJob | None:
        """File > Export Word: the plan in the GB/T 9704 layout."""
        data = self._plan()
        if data is None:
            return None
        path = self._ask_save(
            strings.EXPORT_SAVE_WORD_FONTS.format(fonts=font_names_note()),
            strings.FILTER_DOCX,
            safe_file_name(data.plan.title) + ".docx",
            folders.EXPORT_WORD,
        )
        if path is None:
            return None
        path = path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")
        from export.gongwen import export_plan_docx

        fonts = font_names_choice()
        return self.start(lambda: export_plan_docx(data, path, fonts=fonts))

    def export_tasks(self) -> RunningJob | None:
        """File > Export task table (Word/Excel): the suffix chosen picks the format."""
        data = self._plan()
        if data is None:
            return None
        name = safe_file_name(data.plan.title) + strings.TASKS_FILE_SUFFIX + ".xlsx"
        path = self._ask_save(
            strings.EXPORT_SAVE_TASKS, strings.FILTER_TASKS, name, folders.EXPORT_TASKS
        )
        if path is None:
            return None
        if path.suffix.lower() == ".docx":
            from export.task_table import export_tasks_docx

            return self.start(lambda: export_tasks_docx(data, path))
        path = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
        from export.task_table import export_tasks_xlsx

        return self.start(lambda: export_tasks_xlsx(data, path))

    def export_template(self) -> RunningJob | None:
        """File > Export with template: pick the office's .docx template, then the output."""
        data = self._plan()
        if data is None:
            return None
        last = QSettings().value(SETTINGS_TEMPLATE, "", str)
        template = messages.get_open_path(
            self.window, strings.EXPORT_PICK_TEMPLATE, strings.FILTER_DOCX, last
        )
        if not template:
            return None
        QSettings().setValue(SETTINGS_TEMPLATE, template)
        path = self._ask_save(
            strings.EXPORT_SAVE_TEMPLATE,
            strings.FILTER_DOCX,
            safe_file_name(data.plan.title) + ".docx",
            folders.EXPORT_WORD,
        )
        if path is None:
            return None
        path = path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")
        from export.template import export_with_template

        return self.start(lambda: export_with_template(template, data, path))

    def print_preview(self, *, tasks: bool = False) -> str | None:
        """File > Print preview: the plan (or its task table); returns the HTML shown."""
        data = self._plan()
        if data is None:
            return None
        from export.html import plan_html, tasks_html
        from export.task_rows import table_title

        html = tasks_html(data) if tasks else plan_html(data)
        title = table_title(data) if tasks else data.plan.title
        printing.open_preview(self.window, html, title=title, landscape=tasks)
        return html

    def export_pdf(self) -> Path | None:
        """File > Export PDF: the plan, through the same painting code as printing."""
        data = self._plan()
        if data is None:
            return None
        path = self._ask_save(
            strings.EXPORT_SAVE_PDF,
            strings.FILTER_PDF,
            safe_file_name(data.plan.title) + ".pdf",
            folders.EXPORT_PDF,
        )
        if path is None:
            return None
        path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        from export.html import plan_html

        try:
            written = printing.export_pdf(self.window, plan_html(data), path, title=data.plan.title)
        except PlanDeskError as exc:
            messages.show_error(self.window, exc)
            return None
        self.window.show_status(strings.EXPORT_DONE.format(path=written))
        file_done.confirm_written(
            self.window, written, strings.EXPORT_DONE_BOX.format(path=written)
        )
        return written


def install(window: Host) -> ExportActions:
    """Add the export and print entries to the File menu, above Quit."""
    actions = ExportActions(window)
    before = window.file_quit_separator
    menu = window.file_menu
    window.add_action(
        menu,
        strings.ACT_EXPORT_WORD,
        actions.export_word,
        key="export_word",
        shortcut="Ctrl+E",
        tip=strings.TIP_EXPORT_WORD,
        before=before,
    )
    window.add_action(
        menu, strings.ACT_EXPORT_TASKS, actions.export_tasks, key="export_tasks", before=before
    )
    window.add_action(
        menu,
        strings.ACT_EXPORT_TEMPLATE,
        actions.export_template,
        key="export_template",
        tip=strings.TIP_EXPORT_TEMPLATE,
        before=before,
    )
    windows_names = window.add_action(
        menu,
        strings.ACT_WINDOWS_FONT_NAMES,
        lambda: None,
        key="windows_font_names",
        tip=strings.TIP_WINDOWS_FONT_NAMES,
        before=before,
    )
    windows_names.setCheckable(True)
    windows_names.setChecked(font_names_choice() == "windows")
    windows_names.toggled.connect(
        lambda on: QSettings().setValue(SETTINGS_FONT_NAMES, "windows" if on else "official")
    )
    menu.insertSeparator(before)
    window.add_action(
        menu,
        strings.ACT_PRINT_PREVIEW,
        actions.print_preview,
        key="print_preview",
        shortcut=QKeySequence.StandardKey.Print,
        before=before,
    )
    window.add_action(
        menu,
        strings.ACT_PRINT_PREVIEW_TASKS,
        lambda: actions.print_preview(tasks=True),
        key="print_preview_tasks",
        before=before,
    )
    window.add_action(
        menu, strings.ACT_EXPORT_PDF, actions.export_pdf, key="export_pdf", before=before
    )
    return actions
