"""File menu: back up and restore from a backup; the daily backup when a database is opened.

The work is done by models/store/backup.py and restore.py; this module asks, lists and
confirms. A restore is not undoable (STYLE.md §4): after it the window gets a new Document
over the restored file, so the undo stack and every item model start afresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import PlanDeskError
from models.store import backup, restore, settings
from models.store.backup import BackupInfo, DamagedDatabaseError
from models.store.check import check
from models.store.db import SETTING_JOURNAL
from models.store.open import open_database
from ui import messages, strings
from ui.document import Document
from ui.exporting import file_done
from ui.host import Host
from ui.jobs import RunningJob

log = logging.getLogger(__name__)

PathRole = Qt.ItemDataRole.UserRole + 1
MAX_KEEP = 365


def reason_label(reason: str) -> str:
    """Chinese label of a backup reason (``migration-v1`` is labelled like ``migration``)."""
    return strings.BACKUP_REASON.get(reason.split("-", 1)[0], reason)


class BackupDialog(QDialog):
    """The list of backups of the open database, newest first, with a restore button.

    ``restored_from`` holds the file once a restore has been done (the dialog then closes).
    """

    def __init__(self, window: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self.restored_from: Path | None = None
        self.setWindowTitle(strings.RESTORE_TITLE)
        self.resize(720, 420)
        db_path = window.document.path
        self._folder = backup.backup_dir(db_path)
        self._stem = db_path.stem

        self.folder_label = QLabel(strings.RESTORE_FOLDER.format(path=self._folder))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_label = QLabel(strings.RESTORE_EMPTY)
        self.empty_label.setWordWrap(True)
        self.table = QTableWidget(0, len(strings.RESTORE_HEADERS))
        self.table.setHorizontalHeaderLabels(list(strings.RESTORE_HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        # Settings kept in the database: how many automatic backups, and the journal mode.
        db = window.document.db
        self.keep_daily = QSpinBox()
        self.keep_event = QSpinBox()
        for box, key, default in (
            (self.keep_daily, backup.SETTING_KEEP_DAILY, backup.DEFAULT_KEEP_DAILY),
            (self.keep_event, backup.SETTING_KEEP_EVENT, backup.DEFAULT_KEEP_EVENT),
        ):
            box.setRange(1, MAX_KEEP)
            box.setValue(backup.keep_count(db, key, default))
            box.setEnabled(not db.read_only)
            box.valueChanged.connect(partial(self._on_keep_changed, key))
        self.network_check = QCheckBox(strings.BACKUP_NETWORK)
        self.network_check.setToolTip(strings.TIP_BACKUP_NETWORK)
        self.network_check.setChecked(
            str(settings.get_text(db, SETTING_JOURNAL) or "").upper() == "DELETE"
        )
        self.network_check.setEnabled(not db.read_only)
        self.network_check.toggled.connect(self._on_network_toggled)
        form = QFormLayout()
        form.addRow(strings.BACKUP_KEEP_DAILY, self.keep_daily)
        form.addRow(strings.BACKUP_KEEP_EVENT, self.keep_event)
        form.addRow(self.network_check)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(strings.RESTORE_SELECTED)
        self.other_button = QPushButton(strings.RESTORE_OTHER_FILE)
        close = QPushButton(strings.RESTORE_CLOSE)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.other_button.clicked.connect(self._on_other_clicked)
        close.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._on_restore_clicked())
        self.reload()

    def reload(self) -> None:
        """Read the backups folder again."""
        self.infos = backup.list_backups(self._folder, stem=self._stem)
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            cells = [
                info.created.strftime("%Y-%m-%d %H:%M:%S"),
                strings.BACKUP_KIND.get(info.kind, info.kind),
                reason_label(info.reason),
                str(info.plans) if info.usable else strings.BACKUP_UNUSABLE,
                str(info.tasks) if info.usable else "",
                strings.BACKUP_SIZE.format(size=info.size / 1_048_576),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PathRole, str(info.path))
                if col in (3, 4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not info.usable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setToolTip(info.error or "")
                self.table.setItem(row, col, item)
        self.empty_label.setVisible(not self.infos)
        self.table.setVisible(bool(self.infos))
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        """The backup of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.usable)

    def _on_restore_clicked(self) -> None:
        info = self.selected()
        if info is None or not info.usable:
            return
        text = strings.RESTORE_CONFIRM.format(
            when=info.created.strftime("%Y-%m-%d %H:%M"), plans=info.plans, tasks=info.tasks
        )
        if messages.ask_yes_no(self, strings.RESTORE_TITLE, text):
            self._restore(info.path)

    def _on_other_clicked(self) -> None:
        path = messages.get_open_path(
            self, strings.RESTORE_PICK_TITLE, strings.FILTER_BACKUP, str(self._folder)
        )
        if path and messages.ask_yes_no(
            self, strings.RESTORE_TITLE, strings.RESTORE_CONFIRM_FILE.format(path=path)
        ):
            self._restore(Path(path))

    def _on_keep_changed(self, key: str, value: int) -> None:
        self._save_setting(lambda db: backup.set_keep_count(db, key, value))

    def _on_network_toggled(self, checked: bool) -> None:
        self._save_setting(
            lambda db: settings.set_value(db, SETTING_JOURNAL, "DELETE" if checked else None)
        )

    def _save_setting(self, write: Callable[[Any], None]) -> None:
        try:
            write(self._window.document.db)
        except PlanDeskError as exc:
            log.warning("setting not saved: %s", exc)
            messages.show_error(self, exc)

    def _restore(self, path: Path) -> None:
        if restore_from(self._window, path):
            self.restored_from = path
            self.accept()
        else:
            self.reload()


def restore_from(window: Host, path: Path) -> bool:
    """Restore the window's database from ``path``; True when done (errors are shown)."""
    document: Document = window.document
    # An edit still sitting in a panel is written now, so it is in the safety backup; after
    # the restore it would land in the restored data.
    window.commit_panels()
    try:
        safety = restore.restore_into(document.db, path)
        fresh = open_database(document.path)
    except PlanDeskError as exc:
        log.warning("restore from %s refused: %s", path, exc)
        messages.show_error(window, exc)
        return False
    # A new Document: empty undo stack, item models rebuilt from the restored content; it
    # takes over the write lock, so closing the old one must not release it.
    lock, document.lock = document.lock, None
    window.set_document(Document(fresh, lock=lock))
    window.show_status(strings.RESTORE_DONE.format(path=safety))
    log.info("restored %s from %s", document.path, path)
    return True


def backup_now(window: Host) -> Path | None:
    """File → Backup: ask where (default: the backups folder), write, confirm in the status bar."""
    db = window.document.db
    folder = backup.backup_dir(db.path)
    proposal = folder / backup.backup_name(db.path, "manual")
    path = messages.get_save_path(
        window, strings.BACKUP_SAVE_TITLE, strings.FILTER_BACKUP, str(proposal)
    )
    if not path:
        return None
    try:
        if Path(path).resolve().parent == folder.resolve() and backup.parse_name(Path(path)):
            out = backup.make_backup(db, "manual")  # the proposed name: a listed backup
        else:
            out = backup.manual_backup(db, path)
    except PlanDeskError as exc:
        log.warning("backup to %s failed: %s", path, exc)
        messages.show_error(window, exc)
        return None
    window.show_status(strings.BACKUP_DONE.format(path=out))
    file_done.confirm_written(window, out, strings.BACKUP_DONE_BOX.format(path=out))
    return out


def open_restore_dialog(window: Host) -> BackupDialog:
    """File → Restore from backup: show the list (window-modal)."""
    dialog = BackupDialog(window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def daily_backup_for(window: Host, document: Document) -> Path | None:
    """The first opening of a database each day backs it up; a failure only warns.

    A damaged database is not backed up (the good backups stay) and the user is told.
    """
    if document.db.read_only:
        return None
    try:
        return backup.daily_backup(document.db)
    except PlanDeskError as exc:
        _daily_backup_failed(window, document, exc)
    return None


def _daily_backup_failed(window: Host, document: Document, exc: Exception) -> None:
    if isinstance(exc, DamagedDatabaseError):
        log.warning("daily backup of %s skipped: %s", document.path, exc)
        messages.show_error(window, exc)
        return
    log.warning("daily backup of %s failed: %s", document.path, exc)
    text = exc.user_text if isinstance(exc, PlanDeskError) else str(exc)
    # an error goes into a box: a status-bar line at start-up went unseen
    messages.show_error_text(window, strings.DAILY_BACKUP_FAILED.format(error=text))


def start_daily_backup(window: Host, document: Document) -> RunningJob | None:
    """The daily backup in a job: at 200,000 tasks it took 1.2 s before the window showed.

    Only the check whether one is due (a folder listing) and the keep counts are read here;
    the job copies the file through a read-only connection of its own.
    """
    if document.db.read_only:
        return None
    plan = backup.daily_backup_plan(document.db)
    if plan is None:
        return None

    def failed(exc: PlanDeskError) -> None:
        if window.document is document:  # not for a database closed in the meantime
            _daily_backup_failed(window, document, exc)

    # silent: the window is usable while the copy runs (a bug still reaches the crash dialog)
    return window.run_job(
        lambda progress, should_cancel: backup.run_daily_backup(plan),
        title=strings.DAILY_BACKUP_TITLE,
        on_done=lambda path: log.info("daily backup written: %s", path),
        on_error=failed,
        progress=False,
    )


def check_after_crash(window: Host, document: Document) -> list[str] | None:
    """After a crash (the lock was stale) check the database; tell the user the result.

    Returns the problems, or None when the last session ended normally.
    """
    lock = document.lock
    if lock is None or lock.took_over is None:
        return None
    problems = check(document.db)
    if problems:
        log.warning("check after a crash of %s: %s", document.path, problems)
        messages.show_info(
            window,
            strings.CRASH_CHECK_TITLE,
            strings.CRASH_CHECK_PROBLEMS.format(count=len(problems), first=problems[0]),
        )
    else:
        log.info("check after a crash of %s: sound", document.path)
        window.show_status(strings.CRASH_CHECK_OK)
    return problems


def on_document_opened(window: Host, document: Document) -> None:
    """Check after a crash, then the daily backup (in a job)."""
    check_after_crash(window, document)
    start_daily_backup(window, document)


def install(window: Host) -> None:
    """Add backup and restore to the File menu; check after a crash, back up daily on open."""
    before = window.file_quit_separator
    window.add_action(
        window.file_menu,
        strings.ACT_BACKUP,
        lambda: backup_now(window),
        key="backup",
        tip=strings.TIP_BACKUP,
        before=before,
    )
    window.add_action(
        window.file_menu,
        strings.ACT_RESTORE,
        lambda: open_restore_dialog(window),
        key="restore",
        tip=strings.TIP_RESTORE,
        before=before,
    )
    window.file_menu.insertSeparator(before)
    window.document_replaced.connect(lambda doc: on_document_opened(window, doc))
    if window.document is not None:
        on_document_opened(window, window.document)
