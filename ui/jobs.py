"""The one job runner: background work of the window, its progress box and its errors.

``run_job(parent, fn, title=..., on_done=...)`` runs ``fn(progress=..., should_cancel=...)``
(STYLE.md §5: plain data in and out, never the Database or a widget) in a ``workers.Job`` on
the global thread pool and takes care of what every caller needed by hand before:

- the job is kept referenced here until it has finished, however early the caller (or its
  dialog) forgets it: a QRunnable whose Python object is collected mid-run crashes;
- a progress box appears only when the job still runs after ``PROGRESS_DELAY_MS``, so quick
  work never flashes a window; it has a Cancel button when ``cancellable`` (``fn`` then checks
  ``should_cancel`` and raises ``Cancelled``); ``progress=False`` for silent background work;
- the result goes to ``on_done`` on the UI thread; a known error (``PlanDeskError``) to
  ``on_error``, by default a Chinese message box (ui/messages); ``Cancelled`` to
  ``on_cancelled``; a bug (any other exception) to ``sys.excepthook``, which the app set to
  the crash dialog (ui/shell/crash_dialog.py: the traceback is logged and shown);
- when ``parent`` was deleted meanwhile (a closed dialog) no callback runs, except that a bug
  is still reported.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.errors import Cancelled, PlanDeskError
from ui import messages, strings
from ui.workers import Job

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500  # shorter work shows no box at all

# Every job that has not finished yet, whoever started it.
_running: set[RunningJob] = set()


def running() -> set[RunningJob]:
    """The jobs started by run_job that have not finished (a copy)."""
    return set(_running)


class RunningJob(QObject):
    """One job of run_job: the Job, its delayed progress box, its callbacks.

    ``signals`` are the Job's (progress, succeeded, failed); the runner's own slots are
    connected first, so a test waiting on them sees the callbacks done.
    """

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[..., Any],
        *,
        title: str,
        label: str,
        on_done: Callable[[Any], None],
        on_error: Callable[[PlanDeskError], None] | None,
        on_cancelled: Callable[[], None] | None,
        on_end: Callable[[], None] | None,
        cancellable: bool,
        progress: bool,
    ) -> None:
        super().__init__()  # no Qt parent: it must outlive a dialog closed meanwhile
        self.job = Job(fn)
        self.signals = self.job.signals
        self.title, self.label = title, label
        self.cancellable = cancellable
        self.dialog: QProgressDialog | None = None
        self.shown = False  # the progress box appeared at some point
        self.finished = False
        self._parent = parent
        self._on_done, self._on_error = on_done, on_error
        self._on_cancelled, self._on_end = on_cancelled, on_end
        self._last: tuple[int, int] = (0, 0)
        self._timer: QTimer | None = None
        if progress:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(PROGRESS_DELAY_MS)
            self._timer.timeout.connect(self._show_dialog)
        self.signals.progress.connect(self._on_progress)
        self.signals.succeeded.connect(self._on_succeeded)
        self.signals.failed.connect(self._on_failed)

    def start(self) -> RunningJob:
        """Queue the job; it stays referenced until it has finished."""
        _running.add(self)
        if self._timer is not None:
            self._timer.start()
        self.job.start()
        return self

    def cancel(self) -> None:
        """Ask ``fn`` to stop at its next ``should_cancel`` check."""
        self.job.cancel()

    # ------------------------------------------------------------ progress box
    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _box(self) -> QProgressDialog | None:
        """The progress box, unless there is none or it went with its parent."""
        if self.dialog is None or not shiboken6.isValid(self.dialog):
            return None
        return self.dialog

    def _show_dialog(self) -> None:
        if self.finished or not self._parent_alive():
            return
        cancel_text = strings.JOB_CANCEL if self.cancellable else ""
        dialog = QProgressDialog(self.label, cancel_text, 0, 0, self._parent)
        if not self.cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)  # the delay was ours
        dialog.canceled.connect(self._on_cancel_clicked)
        self.dialog, self.shown = dialog, True
        self._on_progress(*self._last)
        dialog.show()

    def _on_cancel_clicked(self) -> None:
        if not self.cancellable:
            return  # Esc on a box without Cancel only hides it; the work goes on
        self.cancel()
        dialog = self._box()
        if dialog is not None:
            dialog.setLabelText(strings.JOB_CANCELLING)

    def _on_progress(self, done: int, total: int) -> None:
        self._last = (done, total)
        dialog = self._box()
        if dialog is not None and total > 0 and not self.job.cancelled:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))

    # ------------------------------------------------------------ the end
    def _finish(self) -> bool:
        """Close the box, forget the job; True when the caller's callbacks may run."""
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        dialog = self._box()
        if dialog is not None:
            # closing emits canceled: not a request of the user's
            dialog.canceled.disconnect(self._on_cancel_clicked)
            dialog.reset()  # stops Qt's own show timer, so the box cannot come back
            dialog.close()
            dialog.deleteLater()
        self.dialog = None
        _running.discard(self)
        alive = self._parent_alive()
        if alive and self._on_end is not None:
            self._on_end()
        return alive

    def _on_succeeded(self, result: Any) -> None:
        if self._finish():
            self._on_done(result)

    def _on_failed(self, exc: BaseException) -> None:
        alive = self._finish()
        if not isinstance(exc, PlanDeskError):
            # a bug: the one path for unexpected errors (the app's crash dialog)
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        if not alive:
            log.info("job %s ended after its window closed: %s", self.title, exc)
        elif isinstance(exc, Cancelled):
            log.info("job %s cancelled", self.title)
            if self._on_cancelled is not None:
                self._on_cancelled()
        elif self._on_error is not None:
            self._on_error(exc)
        else:
            log.warning("job %s failed: %s", self.title, exc)
            messages.show_error(self._parent, exc)


def run_job(
    parent: QWidget | None,
    fn: Callable[..., Any],
    *,
    title: str,
    on_done: Callable[[Any], None],
    label: str | None = None,
    on_error: Callable[[PlanDeskError], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_end: Callable[[], None] | None = None,
    cancellable: bool = False,
    progress: bool = True,
) -> RunningJob:
    """Run ``fn(progress=..., should_cancel=...)`` off the UI thread; see the module text.

    ``title`` names the work (progress box title, log lines); ``label`` is the box's text
    (default the title). ``on_end`` runs first after any outcome (re-enable a button).
    """
    return RunningJob(
        parent,
        fn,
        title=title,
        label=label or title,
        on_done=on_done,
        on_error=on_error,
        on_cancelled=on_cancelled,
        on_end=on_end,
        cancellable=cancellable,
        progress=progress,
    ).start()
