"""First start: create the database, with the sample plans unless asked not to."""

from __future__ import annotations

import logging
from pathlib import Path

from models.store.db import Database
from models.store.open import open_database

log = logging.getLogger(__name__)


def open_or_create(
    path: Path, *, sample: bool = True, wal: str | None = None
) -> tuple[Database, bool]:
    """Open ``path``; when it did not exist, create it and load the sample plans.

    Returns the database and whether it was created now.
    """
    created = not path.exists() or path.stat().st_size == 0
    db = open_database(path, wal=wal)
    if created and sample:
        # imported only now: the samples pull in the importer's patterns (0.25 s per start)
        from models.sample import load_sample
        from models.supervision.sample import load_supervision_sample

        try:
            ids = load_sample(db)
            load_supervision_sample(db)  # rounds, 督办事项 and a numbered 通报 of 2024
        except BaseException:
            db.close()
            raise
        log.info("created %s with %d sample plans", path, len(ids))
    return db, created
