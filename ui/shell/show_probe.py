"""Start-up probe for benchmarks and CI: report when the main window is first on screen, then quit.

Off unless ``PLANDESK_EXIT_AFTER_SHOW`` is set (to anything non-empty). Then, once the window's
first expose has been handled (it is painted), it prints ``PLANDESK_SHOWN <epoch seconds>``,
stays idle for ``PLANDESK_IDLE_MS`` milliseconds (default 0), prints
``PLANDESK_PEAK_RSS_KIB <peak resident memory of this process>`` and quits the event loop.
Used by bench/run.py (cases startup, rss, exe) and .ci/run (the built executable
really opens its window). bench/bare_window.py prints the same lines for the floor.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV_EXIT = "PLANDESK_EXIT_AFTER_SHOW"
ENV_IDLE = "PLANDESK_IDLE_MS"


def peak_rss_kib() -> int:
    """Peak resident set size of this process in KiB (0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _ShowProbe(QObject):
    """Event filter on the window's QWindow: the first expose starts the report."""

    def __init__(self, app: QApplication, idle_ms: int) -> None:
        super().__init__(app)
        self._app = app
        self._idle_ms = idle_ms
        self._seen = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self._seen and event.type() == QEvent.Type.Expose and obj.isExposed():
            self._seen = True
            QTimer.singleShot(0, self._shown)  # after the expose (and its paint) is handled
        return False

    def _shown(self) -> None:
        print(f"PLANDESK_SHOWN {time.time():.6f}", flush=True)
        QTimer.singleShot(self._idle_ms, self._quit)

    def _quit(self) -> None:
        print(f"PLANDESK_PEAK_RSS_KIB {peak_rss_kib()}", flush=True)
        self._app.quit()


def exit_after_show(app: QApplication, window: QWidget) -> None:
    """Install the probe on ``window`` (call right before or after ``window.show()``)."""
    if not os.environ.get(ENV_EXIT):
        return
    window.winId()  # makes sure the native QWindow exists before it is shown
    handle = window.windowHandle()
    probe = _ShowProbe(app, int(os.environ.get(ENV_IDLE, "0") or 0))
    handle.installEventFilter(probe)
    if handle.isExposed():  # already shown and exposed: report now
        probe._seen = True
        QTimer.singleShot(0, probe._shown)
