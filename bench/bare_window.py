"""The floor of bench/run.py (startup, rss, exe): the smallest PySide6 window, one-file too.

It honours the same hook as PlanDesk's GUI (ui/shell/show_probe.py, copied here so that the floor
contains no PlanDesk code): with PLANDESK_EXIT_AFTER_SHOW set it prints
``PLANDESK_SHOWN <epoch seconds>`` once the window's first expose is handled, stays idle
PLANDESK_IDLE_MS milliseconds (default 0), prints ``PLANDESK_PEAK_RSS_KIB <n>`` and quits.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def _peak_rss_kib() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _Probe(QObject):
    def __init__(self, app: QApplication, idle_ms: int) -> None:
        super().__init__(app)
        self._app = app
        self._idle_ms = idle_ms
        self._seen = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self._seen and event.type() == QEvent.Type.Expose and obj.isExposed():
            self._seen = True
            QTimer.singleShot(0, self._shown)
        return False

    def _shown(self) -> None:
        print(f"PLANDESK_SHOWN {time.time():.6f}", flush=True)
        QTimer.singleShot(self._idle_ms, self._quit)

    def _quit(self) -> None:
        print(f"PLANDESK_PEAK_RSS_KIB {_peak_rss_kib()}", flush=True)
        self._app.quit()


def main() -> int:
    """Show one window with a label; returns the exit code of the event loop."""
    app = QApplication(sys.argv)
    win = QMainWindow()
    win.setWindowTitle("bare")
    win.setCentralWidget(QLabel("bare PySide6 window"))
    win.resize(800, 600)
    if os.environ.get("PLANDESK_EXIT_AFTER_SHOW"):
        win.winId()
        win.windowHandle().installEventFilter(
            _Probe(app, int(os.environ.get("PLANDESK_IDLE_MS", "0") or 0))
        )
    win.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
