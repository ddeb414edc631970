"""Read-only queries of the open database file in a Job (ui/workers.py), off the UI thread.

The due list and the due notice of a county database (200,000 tasks) took 0.3-2 s on the UI
thread. The job opens a read-only connection of its own, so the Database of the window is
never touched from another thread (STYLE.md section 5); it sees the last committed state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.store.db import Database, connect
from ui.workers import Job

log = logging.getLogger(__name__)


def run_query(path: Path, query: Callable[[Database], Any]) -> Any:
    """``query`` on a read-only Database of its own over the file ``path``; closed after."""
    conn = connect(path, read_only=True)
    try:
        return query(Database(path, conn, read_only=True))
    finally:
        conn.close()


def start_query(
    jobs: set[Any],
    path: Path,
    query: Callable[[Database], Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
) -> Job:
    """Run ``query`` in a job; ``on_result`` (or ``on_error``) is called on the UI thread.

    ``jobs`` keeps the job referenced until it has finished (a Document's ``jobs``).
    """
    job = Job(lambda progress, should_cancel: run_query(path, query))
    jobs.add(job)

    def done(result: Any) -> None:
        jobs.discard(job)
        on_result(result)

    def failed(exc: Exception) -> None:
        jobs.discard(job)
        log.warning("background query of %s failed: %s", path, exc)
        if on_error is not None:
            on_error(exc)

    job.signals.succeeded.connect(done)
    job.signals.failed.connect(failed)
    return job.start()
