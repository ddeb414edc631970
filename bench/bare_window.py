"""The floor for bench_startup.py: the smallest PySide6 window, built one-file like PlanDesk.

It honours the same hook as PlanDesk's GUI: with PLANDESK_EXIT_AFTER_SHOW set it prints
``PLANDESK_SHOWN <epoch seconds> <peak RSS KiB>`` right after the window is first shown,
stays idle for PLANDESK_IDLE_MS milliseconds (default 0), then quits.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def _peak_rss_kib() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> int:
    """Show one window with a label; returns the exit code of the event loop."""
    app = QApplication(sys.argv)
    win = QMainWindow()
    win.setWindowTitle("bare")
    win.setCentralWidget(QLabel("bare PySide6 window"))
    win.resize(800, 600)
    win.show()
    if os.environ.get("PLANDESK_EXIT_AFTER_SHOW"):
        idle_ms = int(os.environ.get("PLANDESK_IDLE_MS", "0"))

        def shown() -> None:
            print(f"PLANDESK_SHOWN {time.time():.6f}", flush=True)
            QTimer.singleShot(idle_ms, quit_now)

        def quit_now() -> None:
            print(f"PLANDESK_PEAK_RSS_KIB {_peak_rss_kib()}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
