"""Long work off the UI thread: one generic Job (QRunnable) with progress and cancel.

Start jobs through ui/jobs.py ``run_job``: it keeps them alive, shows progress and errors.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from models.errors import PlanDeskError

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Signals of a Job; created on the UI thread, so connected slots run there.

    Signals:
        progress(int, int): done and total units of work.
        succeeded(object): the function's return value.
        failed(object): the exception (a PlanDeskError, Cancelled, or a bug).
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """Run ``fn(progress=..., should_cancel=...)`` in the global thread pool.

    The function must not touch widgets or the Database (STYLE.md §5): it gets plain
    data and returns plain data. ``cancel()`` sets a flag that ``should_cancel`` reports.
    """

    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it until a signal arrived
        self._fn = fn
        self._cancel = threading.Event()
        self.signals = JobSignals()

    def cancel(self) -> None:
        """Ask the running function to stop at its next check."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._cancel.is_set()

    def run(self) -> None:
        """Call the function; report its result or error through the signals."""
        try:
            result = self._fn(
                progress=self.signals.progress.emit, should_cancel=self._cancel.is_set
            )
        except PlanDeskError as exc:
            log.info("job stopped: %s", exc)
            self.signals.failed.emit(exc)
        except Exception as exc:  # a bug: ui/jobs.py logs and shows it on the UI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)

    def start(self) -> Job:
        """Queue the job on the global thread pool; returns itself."""
        QThreadPool.globalInstance().start(self)
        return self
