"""File menu, check GB/T 9704 format: the checker on any .docx, findings in a table.

The check (export/gbt9704_check) runs in a job (ui/jobs.py): rendering through LibreOffice
takes seconds on an old PC. The dialog itself shows that it is working: no progress box.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from export.gbt9704_check.findings import FAIL, PASS, SKIP, CheckReport
from ui import messages, strings
from ui.host import Host
from ui.jobs import RunningJob, run_job

log = logging.getLogger(__name__)

SETTINGS_DIR = "check_docx/last_dir"
FAIL_COLOR = QColor(200, 0, 0)
ORDER = {FAIL: 0, PASS: 1, SKIP: 2}


def _check(path: Path) -> CheckReport:
    from export.gbt9704_check import check_docx  # lxml and the rules load on first use

    return check_docx(path)


class CheckDialog(QDialog):
    """The findings of one file: failures first; passes and skips behind a check box."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.report: CheckReport | None = None
        self.job: RunningJob | None = None
        self.setWindowTitle(strings.CHECK_TITLE.format(name=path.name))
        self.resize(900, 520)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.render_note = QLabel()
        self.render_note.setWordWrap(True)
        self.render_note.hide()
        self.table = QTableWidget(0, len(strings.CHECK_HEADERS))
        self.table.setHorizontalHeaderLabels(list(strings.CHECK_HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(2, 300)
        self.show_all = QCheckBox(strings.CHECK_SHOW_ALL)
        self.show_all.toggled.connect(self._fill)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again_button = QPushButton(strings.CHECK_AGAIN)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.again_button.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.render_note)
        layout.addWidget(self.table)
        layout.addWidget(self.show_all)
        layout.addWidget(buttons)

    def start(self) -> RunningJob:
        """Check the file off the UI thread (ui/jobs.py); the table fills when it is done.

        The dialog shows that it is working, so no progress box; a closed dialog gets no
        callback (the runner keeps the job alive until it ends).
        """
        self.summary.setText(strings.CHECK_RUNNING.format(name=self.path.name))
        self.again_button.setEnabled(False)
        path = self.path
        self.job = run_job(
            self,
            lambda progress, should_cancel: _check(path),
            title=strings.CHECK_TITLE.format(name=path.name),
            on_done=self._on_job_succeeded,
            on_error=self._on_job_failed,
            on_end=self._on_job_ended,
            progress=False,
        )
        return self.job

    def _on_job_ended(self) -> None:
        self.job = None
        self.again_button.setEnabled(True)

    def _on_job_succeeded(self, report: CheckReport) -> None:
        self.report = report
        counts = {s: sum(1 for f in report.findings if f.status == s) for s in ORDER}
        text = strings.CHECK_SUMMARY_FAIL if counts[FAIL] else strings.CHECK_SUMMARY_OK
        self.summary.setText(
            text.format(failed=counts[FAIL], passed=counts[PASS], skipped=counts[SKIP])
        )
        self.render_note.setVisible(not report.rendered)
        self.render_note.setText(strings.CHECK_NO_RENDER if not report.rendered else "")
        self.show_all.setChecked(not counts[FAIL])  # a clean file: show what was checked
        self._fill()

    def _on_job_failed(self, exc: BaseException) -> None:
        log.warning("check of %s failed: %s", self.path, exc)
        self.summary.setText(messages.error_text(exc))

    def rows(self) -> list[tuple[str, str, str, str]]:
        """The rows the table shows now (result, clause, rule, detail)."""
        if self.report is None:
            return []
        shown = [
            f
            for f in sorted(self.report.findings, key=lambda f: ORDER[f.status])
            if self.show_all.isChecked() or f.status == FAIL
        ]
        return [(strings.CHECK_STATUS[f.status], f.clause, f.title, f.detail) for f in shown]

    def _fill(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if row[0] == strings.CHECK_STATUS[FAIL]:
                    item.setForeground(QBrush(FAIL_COLOR))
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()


def open_check_dialog(window: Host, path: Path | None = None) -> CheckDialog | None:
    """Ask for a .docx (unless given) and show its findings in a non-modal dialog."""
    if path is None:
        folder = str(QSettings().value(SETTINGS_DIR, "", str) or Path.home())
        chosen = messages.get_open_path(
            window, strings.CHECK_OPEN_TITLE, strings.CHECK_FILTER, folder
        )
        if not chosen:
            return None
        path = Path(chosen)
        QSettings().setValue(SETTINGS_DIR, str(path.parent))
    dialog = CheckDialog(path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog


def install(window: Host) -> None:
    """Add the check-format entry to the File menu (above the quit separator)."""
    window.add_action(
        window.file_menu,
        strings.ACT_CHECK_DOCX,
        lambda: open_check_dialog(window),
        key="check_docx",
        tip=strings.TIP_CHECK_DOCX,
        before=window.file_quit_separator,
    )
