"""File > Import: parse a file in a worker, preview and adjust it, import it undoably.

Flow (STYLE.md §5): ``ImportController.start(path)`` runs ``models.importing.parse_file``
in a job (ui/jobs.py: a progress box with Cancel after 500 ms); the result opens
``ImportDialog`` (ui/importing/import_dialog.py); its Import button pushes one
``CreatePlanCommand`` that stores every included plan in one transaction. Files dropped on
the window start the same.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt

from models.errors import PlanDeskError
from models.store import backup
from ui import messages, strings
from ui.commands.outline import CreatePlanCommand
from ui.host import Host
from ui.jobs import RunningJob

if TYPE_CHECKING:
    # the import pipeline and its preview load when a file is imported, not at every start
    from models.importing import ImportResult
    from ui.importing.import_dialog import ImportDialog

log = logging.getLogger(__name__)

SETTINGS_DIR = "import/last_dir"


class ImportController(QObject):
    """The import action of one main window: file dialog, worker, preview, command."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.window = window
        self.last_job: RunningJob | None = None
        self.last_dialog: ImportDialog | None = None

    def open_file(self) -> RunningJob | None:
        """File > Import: ask for a file, then start()."""
        folder = QSettings().value(SETTINGS_DIR, "", str) or str(Path.home())
        path = messages.get_open_path(
            self.window, strings.IMPORT_OPEN_TITLE, strings.IMPORT_FILTER, folder
        )
        if not path:
            return None
        QSettings().setValue(SETTINGS_DIR, str(Path(path).parent))
        return self.start(Path(path))

    def start(self, path: Path) -> RunningJob | None:
        """Parse ``path`` off the UI thread; the preview opens when it is done."""
        if self.window.document is None:
            return None

        def failed(exc: PlanDeskError) -> None:
            log.warning("import of %s failed: %s", path, exc)
            messages.show_error(self.window, exc)

        self.last_job = self.window.run_job(
            lambda progress, should_cancel: _parse(path, progress, should_cancel),
            title=strings.IMPORT_TITLE,
            label=strings.IMPORT_PARSING.format(name=path.name),
            on_done=self.show_preview,
            on_error=failed,
            on_cancelled=lambda: self.window.show_status(strings.IMPORT_CANCELLED),
            cancellable=True,
        )
        return self.last_job

    def show_preview(self, result: ImportResult) -> ImportDialog:
        """Open the preview of a parsed file (window-modal, not blocking)."""
        from ui.importing.import_dialog import ImportDialog

        dialog = ImportDialog(result, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.import_requested.connect(self.store)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def store(self, docs: list[dict[str, Any]]) -> list[int] | None:
        """Store the plans through one undoable command; select the first new plan."""
        document = self.window.document
        if document is None or not docs:
            return None
        try:  # insurance only: an import adds plans and never changes existing ones
            backup.backup_before(document.db, "import")
        except PlanDeskError as exc:
            log.warning("backup before import failed: %s", exc)
        text = (
            strings.UNDO_IMPORT.format(title=docs[0]["title"])
            if len(docs) == 1
            else strings.UNDO_IMPORT_MANY.format(count=len(docs))
        )
        from models.importing import store_documents

        command = CreatePlanCommand(document, text, lambda: store_documents(document.db, docs))
        ids = self.window.push(command)
        if not ids:
            return None
        log.info("imported %d plan(s): %s", len(ids), ids)
        self.window.select_plan(ids[0])
        self.window.show_status(strings.IMPORT_DONE.format(count=len(ids)))
        return ids


class _DropFilter(QObject):
    """Accept files dragged onto the window and import the first supported one."""

    def __init__(self, controller: ImportController) -> None:
        super().__init__(controller)
        self.controller = controller

    @staticmethod
    def _paths(event: Any) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._paths(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            paths = self._paths(event)
            if paths:
                event.acceptProposedAction()
                self.controller.start(paths[0])
                return True
        return False


def install_import(window: Host) -> ImportController:
    """Add File > Import (Ctrl+I) and drag-and-drop import to the main window."""
    controller = ImportController(window)
    window.add_action(
        window.file_menu,
        strings.ACT_IMPORT,
        controller.open_file,
        key="import",
        shortcut="Ctrl+I",
        before=window.file_quit_separator,
    )
    window.setAcceptDrops(True)
    drops = _DropFilter(controller)
    window.installEventFilter(drops)
    # the plan tree accepts its own internal moves; files dropped on it come here too
    window.tree_view.viewport().installEventFilter(drops)
    return controller


__all__ = ["ImportController", "install_import"]


def _parse(path: Path, progress: Any, should_cancel: Any) -> ImportResult:
    from models.importing import parse_file

    return parse_file(path, progress, should_cancel)
