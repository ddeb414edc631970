"""In the task panel: the evidence files of the task, with thumbnails; add by button or drop."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from export import evidence_files
from models import tracking
from models.errors import PlanDeskError
from models.evidence import files, store
from ui import folders, messages, strings
from ui.evidence.commands import AddEvidenceCommand, RemoveEvidenceCommand
from ui.exporting import file_done
from ui.jobs import RunningJob, run_job

log = logging.getLogger(__name__)

EvidenceIdRole = Qt.ItemDataRole.UserRole + 60
ICON_SIZE = 64
FOLDER_KIND = "evidence"
SETTING_REDUCE = "evidence/reduce"


def item_text(e: store.Evidence, labels: dict[tuple[str, int], str] | None = None) -> str:
    """The lines shown for one file: name, type/size/added, then time, place, what it
    belongs to (``labels`` by (kind, id)), note."""
    lines = [
        e.name,
        strings.EV_ITEM_LINE.format(
            kind=files.kind_label(e.kind), size=files.size_text(e.size), added=e.created_at[:16]
        ),
    ]
    if e.taken_at:
        lines.append(strings.EV_TAKEN.format(when=e.taken_at[:16]))
    if e.place:
        lines.append(strings.EV_PLACE.format(place=e.place))
    for kind, row_id in (("checkpoint", e.checkpoint_id), ("progress", e.progress_id)):
        if row_id is not None and labels and (kind, row_id) in labels:
            lines.append(labels[(kind, row_id)])
    if e.note:
        lines.append(strings.EV_NOTE.format(note=e.note))
    return "\n".join(lines)


class EvidenceSection(QGroupBox):
    """The evidence files of the task in the task panel; every change is a pushed command."""

    def __init__(
        self, document: Any, push: Callable[[Any], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(strings.EV_TITLE, parent)
        self.setObjectName("evidence_section")
        self.document = document
        self._push = push
        self.task_id: int | None = None
        self._open_dir: Path | None = None
        self.last_added: list[int] = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.hint = QLabel(strings.EV_HINT.format(limit=files.MAX_FILE_BYTES // 1024 // 1024), self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.list = QListWidget(self)
        self.list.setObjectName("evidence_list")
        self.list.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(110)
        self.list.setAcceptDrops(False)  # drops go to the section
        layout.addWidget(self.list)
        self.empty_label = QLabel(strings.EV_NONE, self)
        layout.addWidget(self.empty_label)
        row = QHBoxLayout()
        row.addWidget(QLabel(strings.EV_TARGET, self))
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("evidence_target")
        self.target_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target_combo.setMinimumContentsLength(12)
        row.addWidget(self.target_combo, 1)
        layout.addLayout(row)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(strings.EV_NOTE_PH)
        self.note_edit.setMaxLength(store.MAX_NOTE)
        layout.addWidget(self.note_edit)
        row = QHBoxLayout()
        self.add_button = QPushButton(strings.EV_ADD, self)
        self.reduce_box = QCheckBox(strings.EV_REDUCE, self)
        self.reduce_box.setToolTip(strings.EV_REDUCE_TIP.format(side=files.REDUCE_SIDE))
        # remembered: every daily backup copies the files, so a user who chose small copies
        # once keeps them
        self.reduce_box.setChecked(QSettings().value(SETTING_REDUCE, False, bool))
        self.reduce_box.toggled.connect(lambda on: QSettings().setValue(SETTING_REDUCE, on))
        self.open_button = QPushButton(strings.EV_OPEN, self)
        self.save_button = QPushButton(strings.EV_SAVE_AS, self)
        self.remove_button = QPushButton(strings.EV_REMOVE, self)
        for w in (self.add_button, self.reduce_box):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        for w in (self.open_button, self.save_button, self.remove_button):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self.ask_add())
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.save_button.clicked.connect(lambda: self.save_selected())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        document.changed.connect(self._on_document_changed)
        self._update_buttons()

    # ------------------------------------------------------------ showing
    def set_document(self, document: Any) -> None:
        """Another database was opened."""
        self.document.changed.disconnect(self._on_document_changed)
        self.document = document
        document.changed.connect(self._on_document_changed)
        self.task_id = None
        self.list.clear()

    def show_task(self, task_id: int) -> None:
        """Show the files of a task."""
        self.task_id = task_id
        self.note_edit.clear()
        self.reload()

    def _on_document_changed(self, change: Any) -> None:
        if self.task_id is not None and (self.task_id in change.node_ids or change.structure):
            self.reload()

    def reload(self) -> None:
        """Re-read the task's files."""
        self.list.clear()
        if self.task_id is None:
            return
        db = self.document.db
        try:
            found = store.list_evidence(db, self.task_id)
        except PlanDeskError:  # the task was removed
            found = []
        labels = self._fill_targets()
        plain = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for e in found:
            text = item_text(e, labels)
            item = QListWidgetItem(text)
            item.setData(EvidenceIdRole, e.id)
            item.setToolTip(text)
            icon = plain
            if e.has_thumb:
                pixmap = QPixmap()
                if pixmap.loadFromData(store.evidence_thumb(db, e.id) or b""):
                    icon = QIcon(pixmap)
            item.setIcon(icon)
            self.list.addItem(item)
        self.empty_label.setVisible(not found)
        self._update_buttons()

    def _fill_targets(self) -> dict[tuple[str, int], str]:
        """The checkpoints and progress notes a new file can be linked to; returns their
        labels by (kind, id) for the list."""
        current = self.target_combo.currentData()
        labels: dict[tuple[str, int], str] = {}
        with QSignalBlocker(self.target_combo):
            self.target_combo.clear()
            self.target_combo.addItem(strings.EV_TARGET_TASK, None)
            if self.task_id is None:
                return labels
            db = self.document.db
            try:
                checkpoints = tracking.list_checkpoints(db, self.task_id)
                notes = tracking.list_progress(db, self.task_id)
            except PlanDeskError:
                return labels
            for cp in checkpoints:
                labels[("checkpoint", cp.id)] = strings.EV_LINKED_CP.format(title=cp.title)
                self.target_combo.addItem(
                    strings.EV_TARGET_CP.format(title=cp.title), f"checkpoint:{cp.id}"
                )
            for pr in notes:
                labels[("progress", pr.id)] = strings.EV_LINKED_PR.format(date=pr.entry_date)
                short = (pr.text or "")[:16]
                self.target_combo.addItem(
                    strings.EV_TARGET_PR.format(date=pr.entry_date, text=short),
                    f"progress:{pr.id}",
                )
            index = self.target_combo.findData(current)
            self.target_combo.setCurrentIndex(max(index, 0))
        return labels

    def _update_buttons(self) -> None:
        chosen = bool(self.selected_ids())
        self.add_button.setEnabled(self.task_id is not None)
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(chosen)

    def selected_ids(self) -> list[int]:
        """Ids of the selected files, in list order."""
        return [
            int(self.list.item(r).data(EvidenceIdRole))
            for r in range(self.list.count())
            if self.list.item(r).isSelected()
        ]

    # ------------------------------------------------------------ adding
    def start_adding(self, paths: list[str | Path]) -> RunningJob | None:
        """Read and check files in a job (a 50 MB scan or a photo to reduce takes a while),
        then attach them to the task shown now (one undo step); a refused file is shown
        and nothing is added. Returns the job; ``last_added`` holds the new ids after it."""
        if self.task_id is None or not paths:
            return None
        # "checkpoint:5" / "progress:7" (a string: a tuple would not survive QVariant)
        kind, _sep, number = str(self.target_combo.currentData() or "").partition(":")
        target_id = int(number) if number else None
        task_id, note, reduce = self.task_id, self.note_edit.text(), self.reduce_box.isChecked()
        chosen = [Path(p) for p in paths]
        document = self.document
        self.add_button.setEnabled(False)
        self.last_added: list[int] = []

        def done(prepared: Any) -> None:
            if document is not self.document:
                return  # another database was opened meanwhile
            command = AddEvidenceCommand(
                document,
                task_id,
                prepared,
                note,
                checkpoint_id=target_id if kind == "checkpoint" else None,
                progress_id=target_id if kind == "progress" else None,
            )
            self.last_added = self._push(command) or []
            if self.last_added:
                self.note_edit.clear()
                window = self.window()
                if hasattr(window, "show_status"):
                    window.show_status(strings.EV_ADDED.format(count=len(self.last_added)))

        def refused(exc: PlanDeskError) -> None:
            log.warning("evidence refused: %s", exc)
            messages.show_error(self, exc)

        return run_job(
            self,
            lambda progress, should_cancel: _prepare_all(chosen, reduce, progress),
            title=strings.EV_ADDING,
            on_done=done,
            on_error=refused,
            on_end=lambda: self.add_button.setEnabled(self.task_id is not None),
        )

    def ask_add(self) -> None:
        """Pick files with the file dialog and attach them."""
        chosen = pick_files(self)
        if chosen:
            folders.remember(FOLDER_KIND, Path(chosen[0]).parent)
            self.start_adding(list(chosen))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.task_id is not None and _local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = _local_files(event)
        if self.task_id is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()  # the window's import-on-drop must not see it
        self.start_adding(paths)

    # ------------------------------------------------------------ the selected files
    def remove_selected(self) -> None:
        """Remove the selected files from the task after a confirmation (undoable)."""
        ids = self.selected_ids()
        if not ids:
            messages.show_error_text(self, strings.EV_SELECT)
            return
        if messages.ask_yes_no(
            self,
            strings.EV_CONFIRM_REMOVE_TITLE,
            strings.EV_CONFIRM_REMOVE.format(count=len(ids)),
        ):
            self._push(RemoveEvidenceCommand(self.document, ids))

    def save_selected(self) -> Path | None:
        """Save the first selected file under a name the user picks (byte for byte)."""
        ids = self.selected_ids()
        if not ids:
            return None
        e = store.get_evidence(self.document.db, ids[0])
        start = folders.folder_for(FOLDER_KIND) / e.name
        target = messages.get_save_path(self, strings.EV_SAVE_TITLE, "", str(start))
        if not target:
            return None
        try:
            path = evidence_files.save_copy(self.document.db, e.id, target)
        except (PlanDeskError, OSError) as exc:
            log.warning("saving evidence %s failed: %s", e.id, exc)
            messages.show_error(self, exc)
            return None
        folders.remember(FOLDER_KIND, path.parent)
        window = self.window()
        if hasattr(window, "show_status"):
            window.show_status(strings.EV_SAVED.format(path=path))
        return path

    def copy_for_opening(self, evidence_id: int) -> Path:
        """Write a file into this window's temporary folder, under its own name."""
        e = store.get_evidence(self.document.db, evidence_id)
        if self._open_dir is None:
            self._open_dir = Path(tempfile.mkdtemp(prefix="plandesk-evidence-"))
            # removed when the program ends (a file still open in WPS stays: errors ignored)
            folder = str(self._open_dir)
            QCoreApplication.instance().aboutToQuit.connect(
                lambda: shutil.rmtree(folder, ignore_errors=True)
            )
        folder = self._open_dir / str(e.id)
        folder.mkdir(exist_ok=True)
        path = folder / evidence_files.safe_name(e.name, 120)
        path.write_bytes(store.evidence_data(self.document.db, e.id))
        return path

    def open_selected(self) -> None:
        """Open the selected files with the programs the system has for them."""
        for evidence_id in self.selected_ids():
            try:
                path = self.copy_for_opening(evidence_id)
            except (PlanDeskError, OSError) as exc:
                log.warning("opening evidence %s failed: %s", evidence_id, exc)
                messages.show_error(self, exc)
                return
            if not file_done.open_file(path):
                messages.show_error_text(self, strings.EV_OPEN_FAILED.format(name=path.name))


def _prepare_all(
    paths: list[Path], reduce: bool, progress: Callable[[int, int], None]
) -> list[files.Prepared]:
    """Run in the job: plain files in, checked files out (no widget, no database)."""
    out = []
    for n, path in enumerate(paths):
        progress(n, len(paths))
        out.append(files.prepare(path, reduce=reduce))
    return out


def pick_files(parent: QWidget) -> list[str]:
    """The file dialog for several files (tests replace this function)."""
    chosen, _ = QFileDialog.getOpenFileNames(
        parent, strings.EV_PICK_TITLE, str(folders.folder_for(FOLDER_KIND)), strings.EV_PICK_FILTER
    )
    return list(chosen)


def _local_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]
