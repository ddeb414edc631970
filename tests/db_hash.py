"""The hash of a database's full SQL dump: equal hashes mean nothing the user has changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def content_hash(path_or_conn: Path | str | sqlite3.Connection) -> str:
    """SHA-256 of the SQL dump of every table (schema and rows); a path is opened read-only."""
    own = not isinstance(path_or_conn, sqlite3.Connection)
    conn = sqlite3.connect(f"file:{path_or_conn}?mode=ro", uri=True) if own else path_or_conn
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()
    finally:
        if own:
            conn.close()
