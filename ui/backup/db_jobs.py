"""Read-only queries of the open database file in a job (ui/jobs.py), off the UI thread.

The due list and the due notice of a county database (200,000 tasks) took 0.3-2 s on the UI
thread. The job opens a read-only connection of its own, so the Database of the window is
never touched from another thread (STYLE.md section 5); it sees the last committed state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from models.errors import PlanDeskError
from models.store.db import Database, connect
from ui import strings
from ui.jobs import RunningJob, run_job

log = logging.getLogger(__name__)


def run_query(path: Path, query: Callable[[Database], Any]) -> Any:
    """``query`` on a read-only Database of its own over the file ``path``; closed after."""
    conn = connect(path, read_only=True)
    try:
        return query(Database(path, conn, read_only=True))
    finally:
        conn.close()


def start_query(
    parent: QWidget,
    path: Path,
    query: Callable[[Database], Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[PlanDeskError], None] | None = None,
) -> RunningJob:
    """Run ``query`` in a silent job (ui/jobs.py); ``on_result`` is called on the UI thread.

    A known error goes to ``on_error`` (else it is logged: nobody asked for this work);
    a bug goes to the crash dialog like any other.
    """

    def failed(exc: PlanDeskError) -> None:
        log.warning("background query of %s failed: %s", path, exc)
        if on_error is not None:
            on_error(exc)

    return run_job(
        parent,
        lambda progress, should_cancel: run_query(path, query),
        title=strings.JOB_QUERY,
        on_done=on_result,
        on_error=failed,
        progress=False,
    )
