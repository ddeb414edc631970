"""The audit trail of packets: every packet sent or applied, with its kept copy."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.store.db import Database


def packet_log(db: Database, peer: str | None = None) -> list[dict[str, Any]]:
    """Rows of exchange_log, oldest first (only those with office ``peer`` if given)."""
    sql = (
        "SELECT l.*, o.name AS peer_name FROM exchange_log l LEFT JOIN offices o ON o.code = l.peer"
    )
    rows = db.query(
        sql + (" WHERE l.peer = ?" if peer else "") + " ORDER BY l.id", (peer,) if peer else ()
    )
    out = []
    for r in rows:
        item = dict(r)
        item["conflicts"] = json.loads(item["conflicts"] or "[]")
        out.append(item)
    return out
