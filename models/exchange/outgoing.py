"""``exchange export``: the changes of this office's own rows since the last packet to one
recipient, as a changeset of the session extension.

Why a diff and not a live session: a session records only the changes made through the
connection it is attached to, and only while that connection is open. PlanDesk writes through
the stdlib sqlite3 module (which has no session API) from many paths — window, CLI, undo,
rollover, import — across days and restarts. So each recipient has a file holding the
projection exactly as last sent (exchange/<db>/sent-<code>.sqlite); the export projects the
current own rows into memory and lets ``Session.diff`` compute what changed against that file.
The first packet to a recipient has no such file: it diffs against empty tables, i.e. all
rows (a full packet).
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import apsw

from models import __version__, clock
from models.exchange import packet, projection
from models.exchange.offices import ExchangeError, Office, by_code, peers, require_own
from models.exchange.travel import TRAVELLING
from models.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from models.store.db import Database

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Sent:
    path: Path
    to: Office
    seq: int
    full: bool
    sha256: str
    size: int
    changes: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(sum(ops.values()) for ops in self.changes.values())

    def to_json(self) -> dict:
        return {
            "file": str(self.path),
            "to": self.to.to_json(),
            "seq": self.seq,
            "full": self.full,
            "sha256": self.sha256,
            "bytes": self.size,
            "changes": self.changes,
        }


def exchange_dir(db: Database) -> Path:
    """exchange/<db name>/ beside the database: states last sent, kept packets (audit trail)."""
    return Path(db.path).resolve().parent / "exchange" / Path(db.path).stem


def _safe(code: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]", "_", code) or "_"


def sent_state_path(db: Database, code: str) -> Path:
    return exchange_dir(db) / f"sent-{_safe(code)}.sqlite"


def recipient(db: Database, code: str | None) -> Office:
    """The office named by --to, or the only other office known."""
    if code:
        office = by_code(db, code)
        if office is None or office.is_self:
            raise ExchangeError(
                "不认识收件单位：请先用 exchange office add 登记它（或先导入它发来的数据包）。",
                detail=code,
            )
        return office
    others = peers(db)
    if len(others) != 1:
        raise ExchangeError("请用 --to 指明收件单位的代码。", detail=f"{len(others)} offices known")
    return others[0]


def count_changes(changeset: bytes) -> dict[str, dict[str, int]]:
    """{table: {INSERT/UPDATE/DELETE: n}} of a changeset."""
    out: dict[str, dict[str, int]] = {}
    for change in apsw.Changeset.iter(changeset):
        ops = out.setdefault(change.name, {})
        ops[change.op] = ops.get(change.op, 0) + 1
    return out


def export_packet(db: Database, out: str | Path, to: str | None = None) -> Sent | None:
    """Write the next packet to ``to`` into ``out``; None when nothing changed since the last.

    The packet is written first, then logged, then the state last sent moves on: if anything
    fails in between, the next packet starts from the older state again with a higher number,
    and the receiver finds the rows it already has identical (no conflict, nothing lost).
    """
    me = require_own(db)
    dest = recipient(db, to)
    state = sent_state_path(db, dest.code)
    state.parent.mkdir(parents=True, exist_ok=True)
    table_columns = projection.all_columns(db)
    conn = projection.memory()
    try:
        projection.fill(db, conn, "main", None)
        projection.keep_for(db, conn, dest.uuid)
        conn.execute("ATTACH ? AS sent", (str(state),))
        projection.create(conn, "sent", table_columns)
        conn.execute("CREATE TABLE IF NOT EXISTS sent.meta (key TEXT PRIMARY KEY, value)")
        base = conn.execute("SELECT value FROM sent.meta WHERE key = 'seq'").fetchone()
        logged = db.scalar(
            "SELECT max(seq) FROM exchange_log WHERE direction = 'out' AND peer = ?", (dest.code,)
        )
        full = base is None
        seq = max(int(base[0]) if base else 0, int(logged or 0)) + 1
        session = apsw.Session(conn, "main")
        for spec in TRAVELLING:
            session.attach(spec.table)
            session.diff("sent", spec.table)
        changeset = session.changeset()
        session.close()
        changes = count_changes(changeset)
        if not full and not changes:
            return None
        header = {
            "format": packet.FORMAT,
            "format_version": 1,
            "app": __version__,
            "schema": SCHEMA_VERSION,
            "sender": me.to_json(),
            "to": {"code": dest.code, "name": dest.name},
            "seq": seq,
            "full": full,
            "created": clock.timestamp(),
            "tables": table_columns,
            "changes": changes,
        }
        data, sha = packet.encode(header, changeset)
        out = Path(out)
        try:
            packet.write(out, data)
        except OSError as exc:
            raise ExchangeError("无法写出数据包文件。", detail=f"{out}: {exc}") from exc
        kept = exchange_dir(db) / "out" / f"{_safe(dest.code)}-{seq:05d}.pdx"
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, kept)
        with db.transaction() as sql:
            sql.execute(
                "INSERT INTO exchange_log (direction, peer, seq, sha256, file, changes) "
                "VALUES ('out', ?, ?, ?, ?, ?)",
                (dest.code, seq, sha, str(kept), sum(sum(o.values()) for o in changes.values())),
            )
        with conn:  # the state last sent, all tables and the number in one transaction
            for spec in TRAVELLING:
                conn.execute(f"DELETE FROM sent.{spec.table}")
                conn.execute(f"INSERT INTO sent.{spec.table} SELECT * FROM main.{spec.table}")
            conn.execute("INSERT OR REPLACE INTO sent.meta VALUES ('seq', ?)", (seq,))
    finally:
        conn.close()
    log.info("exchange packet %s to %s: seq %d, %d bytes", out, dest.code, seq, len(data))
    return Sent(out, dest, seq, full, sha, len(data), changes)
