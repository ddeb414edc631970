"""The report dialog: report kind, plan, period and format; preview, print, export.

The report content is read from the database on the UI thread (fast, and only the UI
thread talks to the database); writing the .docx/.xlsx runs in a worker thread with a
progress dialog. The preview and the printout use export/reports_html.py, the same layout
as the exported .docx.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from export.reports_html import report_html
from models import clock, outline
from models import reports as R
from models.errors import PlanDeskError
from models.exchange.county import county_bulletin
from models.exchange.offices import plan_offices
from models.store.db import Database
from ui import folders, messages, strings
from ui.exporting import file_done, printing
from ui.jobs import RunningJob, run_job
from ui.shell import screen_fit

if TYPE_CHECKING:
    from ui.host import Host

log = logging.getLogger(__name__)

# period kinds in the combo box, in order
PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF, PERIOD_YEAR, PERIOD_CUSTOM = range(5)
FORMAT_DOCX, FORMAT_XLSX = "docx", "xlsx"
PREVIEW_DELAY_MS = 150
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|]+')


# ---------------------------------------------------------------- export job
def write_report(
    report: R.ReportBase, path: Path, fmt: str, today: dt.date, progress: Callable[[int, int], None]
) -> Path:
    """Build and save the file (in a job: never touches widgets or the database)."""
    progress(0, 1)
    # the writers load python-docx/openpyxl: on first use, not at program start
    if fmt == FORMAT_XLSX:
        from export.reports_xlsx import export_report_xlsx

        written = export_report_xlsx(report, path)
    else:
        from export.reports_docx import export_report_docx

        written = export_report_docx(report, path, today)
    progress(1, 1)
    return written


# ---------------------------------------------------------------- the dialog
class ReportDialog(QDialog):
    """Choose a report, see it, print it or export it.

    Signals:
        exported(object): the Path of a file that was written.
    """

    exported = Signal(object)

    def __init__(
        self,
        db: Database,
        plan_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.REPORT_TITLE)
        self._db = db
        self._job: RunningJob | None = None  # the export running now (ui/jobs.py)
        self._today = clock.today()
        # Choices arrive in bursts (a period kind changes the part list too): build the
        # preview once, shortly after the last change.
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._create_widgets()
        self._fill_choices(plan_id)
        self._connect_signals()
        self._on_kind_changed()
        self._on_period_kind_changed()
        self.resize(screen_fit.sized_for_screen(self, 980, 760))

    # ------------------------------------------------------------ construction
    def _create_widgets(self) -> None:
        self.kind_combo = QComboBox(self)
        self.plan_combo = QComboBox(self)
        self.plan_combo.setMinimumContentsLength(30)
        self.period_combo = QComboBox(self)
        self.period_combo.addItems(
            [
                strings.REPORT_PERIOD_MONTH,
                strings.REPORT_PERIOD_QUARTER,
                strings.REPORT_PERIOD_HALF,
                strings.REPORT_PERIOD_YEAR,
                strings.REPORT_PERIOD_CUSTOM,
            ]
        )
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setSuffix(strings.REPORT_YEAR_SUFFIX)
        self.part_combo = QComboBox(self)
        self.from_edit = QDateEdit(self)
        self.until_edit = QDateEdit(self)
        for edit in (self.from_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.range_label = QLabel(self)
        self.by_combo = QComboBox(self)  # the bulletin: rank units of a plan, or offices
        self.by_combo.addItem(strings.REPORT_BY_UNIT, "unit")
        self.by_combo.addItem(strings.REPORT_BY_OFFICE, "office")
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(strings.REPORT_FORMAT_DOCX, FORMAT_DOCX)
        self.format_combo.addItem(strings.REPORT_FORMAT_XLSX, FORMAT_XLSX)
        self.open_check = QCheckBox(strings.REPORT_OPEN_FOLDER, self)
        self.open_check.setChecked(True)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview_button = QPushButton(strings.REPORT_PREVIEW, self)
        self.print_button = QPushButton(strings.REPORT_PRINT, self)
        self.export_button = QPushButton(strings.REPORT_EXPORT, self)
        self.export_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)

        period_row = QHBoxLayout()
        for widget in (self.period_combo, self.year_spin, self.part_combo):
            period_row.addWidget(widget)
        period_row.addWidget(QLabel(strings.REPORT_FROM, self))
        period_row.addWidget(self.from_edit)
        period_row.addWidget(QLabel(strings.REPORT_UNTIL, self))
        period_row.addWidget(self.until_edit)
        period_row.addStretch(1)
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_combo)
        format_row.addWidget(self.open_check)
        format_row.addStretch(1)
        form = QFormLayout()
        form.addRow(strings.REPORT_KIND, self.kind_combo)
        form.addRow(strings.REPORT_BY, self.by_combo)
        form.addRow(strings.REPORT_PLAN, self.plan_combo)
        form.addRow(strings.REPORT_PERIOD, period_row)
        form.addRow("", self.range_label)
        form.addRow(strings.REPORT_FORMAT, format_row)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    def _fill_choices(self, plan_id: int | None) -> None:
        for code, name in R.REPORT_KINDS.items():
            self.kind_combo.addItem(name, code)
        plans = outline.list_plans(self._db)
        for plan in plans:
            self.plan_combo.addItem(plan.title, plan.id)
        index = self.plan_combo.findData(plan_id) if plan_id is not None else -1
        self.plan_combo.setCurrentIndex(max(index, 0))
        plan = plans[max(index, 0)] if plans else None
        year = plan.year if plan is not None and plan.year else self._today.year
        self.year_spin.setValue(year)
        # default: the quarter that contains today in the plan's year, else the whole year
        if year == self._today.year:
            self.period_combo.setCurrentIndex(PERIOD_QUARTER)
        else:
            self.period_combo.setCurrentIndex(PERIOD_YEAR)
        self.from_edit.setDate(QDate(year, 1, 1))
        self.until_edit.setDate(QDate(year, 12, 31))
        has_plans = bool(plans)
        for widget in (self.preview_button, self.print_button, self.export_button):
            widget.setEnabled(has_plans)
        if not has_plans:
            self.preview.setPlainText(strings.REPORT_NO_PLAN)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.by_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.period_combo.currentIndexChanged.connect(self._on_period_kind_changed)
        for signal in (
            self.plan_combo.currentIndexChanged,
            self.year_spin.valueChanged,
            self.part_combo.currentIndexChanged,
            self.from_edit.dateChanged,
            self.until_edit.dateChanged,
        ):
            signal.connect(self._on_choice_changed)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.preview_button.clicked.connect(self.refresh_preview)
        self.print_button.clicked.connect(self.print_report)
        self.export_button.clicked.connect(self.ask_export)

    def done(self, result: int) -> None:
        """Closing: no preview may be built afterwards (the database may be closing too)."""
        self._preview_timer.stop()
        super().done(result)

    # ------------------------------------------------------------ choices
    def kind(self) -> str:
        """The chosen report kind (a key of models.reports.REPORT_KINDS)."""
        return str(self.kind_combo.currentData())

    def plan_id(self) -> int | None:
        """The chosen plan."""
        data = self.plan_combo.currentData()
        return int(data) if data is not None else None

    def fmt(self) -> str:
        """'docx' or 'xlsx'."""
        return str(self.format_combo.currentData())

    def period(self) -> R.Period:
        """The chosen period; raises InvalidOperationError for an inverted custom range."""
        kind = self.period_combo.currentIndex()
        year = self.year_spin.value()
        part = self.part_combo.currentIndex() + 1
        if kind == PERIOD_MONTH:
            return R.month_period(year, part)
        if kind == PERIOD_QUARTER:
            return R.quarter_period(year, part)
        if kind == PERIOD_HALF:
            return R.half_period(year, part)
        if kind == PERIOD_YEAR:
            return R.year_period(year)
        return R.range_period(self.from_edit.date().toPython(), self.until_edit.date().toPython())

    def set_custom_period(self, start: dt.date, end: dt.date) -> None:
        """Choose a custom range (used by tests and by callers that know the dates)."""
        self.period_combo.setCurrentIndex(PERIOD_CUSTOM)
        self.from_edit.setDate(QDate(start.year, start.month, start.day))
        self.until_edit.setDate(QDate(end.year, end.month, end.day))

    def by_office(self) -> bool:
        """True when the bulletin ranks the offices whose plans were received."""
        return self.kind() == "bulletin" and self.by_combo.currentData() == "office"

    def _on_kind_changed(self) -> None:
        received = plan_offices(self._db)  # the choice only matters where plans came in
        self._form.setRowVisible(self.by_combo, self.kind() == "bulletin" and bool(received))
        self.plan_combo.setEnabled(not self.by_office())
        summary = self.kind() == "summary"
        xlsx = self.format_combo.model().item(1)
        xlsx.setEnabled(not summary)
        xlsx.setToolTip(strings.REPORT_SUMMARY_DOCX_ONLY if summary else "")
        if summary:
            self.format_combo.setCurrentIndex(0)
            if self.period_combo.currentIndex() != PERIOD_CUSTOM:
                self.period_combo.setCurrentIndex(PERIOD_YEAR)  # a summary covers the year
        self._on_choice_changed()

    def _on_period_kind_changed(self) -> None:
        kind = self.period_combo.currentIndex()
        with_part = kind in (PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF)
        self.part_combo.blockSignals(True)
        self.part_combo.clear()
        if kind == PERIOD_MONTH:
            self.part_combo.addItems([strings.REPORT_MONTH_ITEM.format(n=n) for n in range(1, 13)])
            self.part_combo.setCurrentIndex(self._today.month - 1)
        elif kind == PERIOD_QUARTER:
            self.part_combo.addItems(list(strings.REPORT_QUARTERS))
            self.part_combo.setCurrentIndex((self._today.month - 1) // 3)
        elif kind == PERIOD_HALF:
            self.part_combo.addItems(list(strings.REPORT_HALVES))
            self.part_combo.setCurrentIndex(0 if self._today.month <= 6 else 1)
        self.part_combo.blockSignals(False)
        self.part_combo.setVisible(with_part)
        self.year_spin.setVisible(kind != PERIOD_CUSTOM)
        custom = kind == PERIOD_CUSTOM
        for edit in (self.from_edit, self.until_edit):
            edit.setEnabled(custom)
        self._on_choice_changed()

    def _on_choice_changed(self) -> None:
        try:
            self.range_label.setText(strings.REPORT_RANGE.format(range=self.period().range_text))
        except PlanDeskError as exc:
            self.range_label.setText(exc.user_text)
        self._preview_timer.start()

    # ------------------------------------------------------------ report
    def build_report(self) -> R.ReportBase:
        """Read the chosen report from the database (UI thread)."""
        if self.by_office():
            return county_bulletin(self._db, self.period(), self._today)
        plan_id = self.plan_id()
        if plan_id is None:
            raise PlanDeskError(strings.REPORT_NO_PLAN)
        return R.build_report(self._db, self.kind(), plan_id, self.period(), self._today)

    def refresh_preview(self) -> None:
        """Show the report as it will be printed; a bad choice shows its message instead."""
        self._preview_timer.stop()
        if self.plan_id() is None:
            return
        try:
            html = report_html(self.build_report(), self._today)
        except PlanDeskError as exc:
            self.preview.setPlainText(exc.user_text)
            return
        self.preview.setHtml(html)

    def print_html(self) -> str | None:
        """The HTML that is printed; None (after showing why) when the choice is bad."""
        try:
            return report_html(self.build_report(), self._today)
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return None

    def print_report(self) -> None:
        """The print preview of ui/exporting/printing.py (the window's printer, the font check)."""
        html = self.print_html()
        if html is not None:
            owner = self.parentWidget() or self
            printing.open_preview(owner, html, title=self.kind_combo.currentText())

    def default_file_name(self) -> str:
        """``<plan title><period><report name>.docx`` without characters Windows refuses."""
        subject = strings.REPORT_BY_OFFICE_FILE if self.by_office() else None
        name = (
            f"{subject or self.plan_combo.currentText()}{self.period().label}"
            f"{self.kind_combo.currentText()}.{self.fmt()}"
        )
        return _BAD_FILE_CHARS.sub("_", name)

    def ask_export(self) -> None:
        """Ask for the file name and export."""
        try:
            default = self.default_file_name()
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return
        file_filter = (
            strings.REPORT_FILTER_XLSX if self.fmt() == FORMAT_XLSX else strings.REPORT_FILTER_DOCX
        )
        folder = folders.folder_for(folders.REPORT)
        path = messages.get_save_path(
            self, strings.REPORT_SAVE_TITLE, file_filter, str(folder / default)
        )
        if path:
            folders.remember(folders.REPORT, path)
            self.export_to(Path(path))

    def export_to(self, path: Path) -> RunningJob | None:
        """Export the chosen report to ``path`` in a worker thread; returns the job."""
        if path.suffix.lower() != f".{self.fmt()}":
            path = path.with_suffix(f".{self.fmt()}")
        try:
            report = self.build_report()
        except PlanDeskError as exc:
            messages.show_error(self, exc)
            return None
        fmt, today = self.fmt(), self._today
        self.export_button.setEnabled(False)
        self._job = run_job(
            self,
            lambda progress, should_cancel: write_report(report, path, fmt, today, progress),
            title=strings.REPORT_TITLE,
            label=strings.REPORT_EXPORTING,
            on_done=self._on_job_succeeded,
            on_end=self._finish_job,
        )
        return self._job

    def _finish_job(self) -> None:
        self._job = None
        self.export_button.setEnabled(True)

    def _on_job_succeeded(self, path: Path) -> None:
        log.info("report exported to %s", path)
        self.exported.emit(path)
        if self.open_check.isChecked() and file_done.open_written(
            self, Path(path), file_done.OPEN_FOLDER
        ):
            return  # the opened folder shows the file
        # in front of this dialog: the status bar behind it went unseen
        file_done.confirm_written(self, Path(path), strings.REPORT_EXPORTED_BOX.format(path=path))


# ---------------------------------------------------------------- the menu entry
def open_report_dialog(window: Host) -> ReportDialog | None:
    """Open the dialog for the current plan of ``window`` (non-modal)."""
    if window.document is None:
        return None
    dialog = ReportDialog(window.document.db, window.current_plan_id(), window)
    dialog.exported.connect(
        lambda path: window.show_status(strings.REPORT_EXPORTED.format(path=path))
    )
    window.document_replaced.connect(dialog.reject)  # its database has been closed
    dialog.setModal(False)
    dialog.show()
    return dialog


class ReportEntry:
    """The report menu entry of one window; ``dialog`` is the one opened last (kept
    referenced while open)."""

    def __init__(self, window: Host, opener: Callable[[Host], Any]) -> None:
        self.dialog: Any = None
        self._window, self._opener = window, opener

    def open(self) -> Any:
        """Open the dialog for the window's current plan."""
        self.dialog = self._opener(self._window)
        return self.dialog


def install(window: Host, opener: Callable[[Host], Any] = open_report_dialog) -> ReportEntry:
    """Add the report entry to the report menu of the main window; returns it."""
    entry = ReportEntry(window, opener)
    window.add_action(
        window.report_menu,
        strings.ACT_REPORT,
        entry.open,
        key="report",
        shortcut="Ctrl+R",
        tip=strings.TIP_REPORT,
    )
    return entry
