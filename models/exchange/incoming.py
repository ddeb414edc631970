"""``exchange import``: apply packets in sequence order, conflicts decided by the user.

How a packet lands (one packet = one transaction, all or nothing):

1. Verified: sha256, addressed to this office, not from a newer schema, the next number from
   its sender (a gap is refused, a packet already applied is a no-op).
2. The sender's rows as they are HERE are projected into memory (keyed by uuid), and the
   session extension applies the packet's changeset to that projection. Its conflict handler
   is where a row changed here meets a change from there: the old values in the changeset
   differ from the row here (DATA), the row was deleted here (NOTFOUND), or a new row already
   exists (CONFLICT). Each one is listed; "mine" omits the change, "theirs" replaces; without a
   decision the packet is not applied at all. Nothing is ever overwritten silently.
3. A session attached to the projection records what really changed there; those changes are
   written into the database with the local ids looked up by uuid (parents first, self
   references after, deletes last), the packet is logged and its copy kept.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import apsw

from models import clock
from models.errors import PlanDeskError
from models.exchange import packet as pdx
from models.exchange import projection
from models.exchange.offices import (
    ExchangeError,
    Office,
    by_code,
    by_uuid,
    learn_sender,
    require_own,
)
from models.exchange.outgoing import _safe, exchange_dir
from models.exchange.travel import BY_NAME, TRAVELLING, Travel
from models.store import backup
from models.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from models.store.db import Database

log = logging.getLogger(__name__)

MINE, THEIRS = "mine", "theirs"
_MERGED = {t.table for t in TRAVELLING if t.merge_by}
_REASONS = {
    apsw.SQLITE_CHANGESET_DATA: "changed_here",
    apsw.SQLITE_CHANGESET_NOTFOUND: "deleted_here",
    apsw.SQLITE_CHANGESET_CONFLICT: "exists_here",
}


@dataclass(slots=True)
class Conflict:
    """A row the packet changes that was changed here as well."""

    table: str
    uuid: str
    op: str  # the packet's change: INSERT / UPDATE / DELETE
    reason: str  # changed_here / deleted_here / exists_here
    # column -> (here, there before, there after); only the columns that differ
    columns: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict)
    decision: str | None = None  # mine / theirs; None = not decided yet

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "uuid": self.uuid,
            "op": self.op,
            "reason": self.reason,
            "columns": {
                c: {"here": h, "before": b, "there": t} for c, (h, b, t) in self.columns.items()
            },
            "decision": self.decision,
        }


@dataclass(slots=True)
class Received:
    path: Path
    sender: dict[str, str]
    seq: int
    status: str  # applied / duplicate / conflicts / dry-run
    changes: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "sender": self.sender,
            "seq": self.seq,
            "status": self.status,
            "changes": self.changes,
            "conflicts": [c.to_json() for c in self.conflicts],
        }


class _DryRun(Exception):
    """Rolls the dry run's transaction back."""


def _plain(value: Any) -> Any:
    return None if value is apsw.no_change else value


def import_packets(
    db: Database,
    paths: list[str | Path],
    *,
    dry_run: bool = False,
    resolve: str | None = None,
    take: frozenset[str] = frozenset(),
    keep: frozenset[str] = frozenset(),
) -> list[Received]:
    """Apply packet files in sequence order per sender; see the module docstring.

    ``resolve`` decides every conflict (mine / theirs); ``take`` / ``keep`` name rows (uuid)
    decided one by one. A packet with an undecided conflict is reported, not applied, and the
    sender's later packets wait behind it. Every file is verified before anything is written.
    """
    me = require_own(db)
    packets = [pdx.read(p) for p in paths]
    for pk in packets:
        _verify_addressing(db, me, pk)
    packets.sort(key=lambda pk: (pk.sender["code"], pk.seq))
    results: list[Received] = []
    if not dry_run and packets:
        try:
            backup.backup_before(db, "exchange")
        except PlanDeskError as exc:
            log.warning("backup before exchange import failed: %s", exc)

    def decide(uuid: str) -> str | None:
        if uuid in take:
            return THEIRS
        if uuid in keep:
            return MINE
        return resolve

    def run() -> None:
        blocked: set[str] = set()
        for pk in packets:
            code = pk.sender["code"]
            if code in blocked:
                results.append(Received(pk.path or Path(), pk.sender, pk.seq, "waiting"))
                continue
            result = _apply_one(db, pk, decide, dry_run=dry_run)
            results.append(result)
            if result.status == "conflicts":
                blocked.add(code)

    if dry_run:
        try:
            with db.transaction():
                run()
                raise _DryRun
        except _DryRun:
            pass
    else:
        run()
    return results


def _verify_addressing(db: Database, me: Office, pk: pdx.Packet) -> None:
    where = str(pk.path)
    if int(pk.header.get("schema", 0)) > SCHEMA_VERSION:
        raise ExchangeError(
            "数据包来自更新版本的 PlanDesk（数据结构更新），当前版本不能导入，请先升级。",
            detail=f"{where}: schema {pk.header.get('schema')} > {SCHEMA_VERSION}",
        )
    if pk.sender["uuid"] == me.uuid:
        raise ExchangeError("这是本单位自己发出的数据包。", detail=where)
    to = pk.header["to"]["code"]
    if to != me.code:
        raise ExchangeError(
            f"数据包是发给“{pk.header['to'].get('name') or to}”（{to}）的，"
            "不是发给本单位的，未导入。",
            detail=where,
        )
    renamed = by_uuid(db, pk.sender["uuid"])
    if renamed is not None and renamed.code != pk.sender["code"]:
        raise ExchangeError(
            "发件单位的代码与以前的数据包不同，未导入：请对方改回原代码。",
            detail=f"{where}: {renamed.code} -> {pk.sender['code']}",
        )
    known = by_code(db, pk.sender["code"])
    if known is not None and known.uuid != pk.sender["uuid"]:
        applied = db.scalar(
            "SELECT count(*) FROM exchange_log WHERE direction = 'in' AND peer = ?", (known.code,)
        )
        owns = any(
            db.scalar(f"SELECT 1 FROM {t.table} WHERE owner = ? LIMIT 1", (known.uuid,))
            for t in TRAVELLING
        )
        if known.is_self or applied or owns:
            raise ExchangeError(
                "数据包的发件单位代码已属于另一个单位，未导入。", detail=f"{where}: {known.code}"
            )
    mine = projection.all_columns(db)
    for table, cols in dict(pk.header.get("tables") or {}).items():
        if table not in BY_NAME or list(cols) != mine[table][: len(cols)]:
            raise ExchangeError(
                "数据包的数据结构与本版本不符，未导入。", detail=f"{where}: {table}"
            )


def _apply_one(db: Database, pk: pdx.Packet, decide: Any, *, dry_run: bool) -> Received:
    code = pk.sender["code"]
    path = pk.path or Path()
    last = int(
        db.scalar("SELECT max(seq) FROM exchange_log WHERE direction = 'in' AND peer = ?", (code,))
        or 0
    )
    if pk.seq <= last:
        same = db.scalar(
            "SELECT sha256 FROM exchange_log WHERE direction = 'in' AND peer = ? AND seq = ?",
            (code, pk.seq),
        )
        if same == pk.sha256:
            return Received(path, pk.sender, pk.seq, "duplicate")
        raise ExchangeError(
            f"来自{pk.sender['name']}的第 {pk.seq} 号数据包已导入过另一份内容不同的同号"
            "数据包，未导入。",
            detail=str(path),
        )
    if pk.seq != last + 1:
        raise ExchangeError(
            f"缺少{pk.sender['name']}的第 {last + 1} 号数据包（这是第 {pk.seq} 号）：请按顺序导入，"
            "或请对方补发。",
            detail=str(path),
        )
    owner = pk.sender["uuid"]
    conflicts: list[Conflict] = []
    undecided = False
    partial: list[tuple[str, str, dict[str, Any]]] = []
    conn = projection.memory()
    try:
        projection.fill(db, conn, "main", owner)
        table_columns = projection.all_columns(db)
        session = apsw.Session(conn, "main")
        session.attach()

        def on_conflict(reason: int, change: apsw.TableChange) -> int:
            nonlocal undecided
            found, rest = _conflict(reason, change, table_columns[change.name])
            if found is None:  # the row here already has what clashes; the rest is taken
                if rest:
                    partial.append((change.name, str((change.old or ("",))[0]), rest))
                return apsw.SQLITE_CHANGESET_OMIT
            decision = decide(found.uuid)
            if found.reason == "deleted_here" and decision == THEIRS:
                decision = MINE  # an update cannot bring back a row deleted here
            found.decision = decision
            conflicts.append(found)
            if decision is None:
                undecided = True
            if decision == THEIRS:
                return apsw.SQLITE_CHANGESET_REPLACE
            if rest:  # mine: the clashing columns stay, the others come from there
                partial.append((change.name, found.uuid, rest))
            return apsw.SQLITE_CHANGESET_OMIT

        try:
            apsw.Changeset.apply(
                pk.changeset, conn, filter=lambda t: t not in _MERGED, conflict=on_conflict
            )
        except apsw.Error as exc:
            raise ExchangeError("数据包内容无法应用，未导入。", detail=f"{path}: {exc}") from exc
        for table, uuid, values in partial:  # recorded by the session like the rest
            sets = ", ".join(f"{c} = ?" for c in values)
            conn.execute(f"UPDATE {table} SET {sets} WHERE uuid = ?", (*values.values(), uuid))
        applied = session.changeset()
        session.close()
    finally:
        conn.close()
    if undecided:
        return Received(path, pk.sender, pk.seq, "conflicts", conflicts=conflicts)
    with db.transaction() as sql:
        learn_sender(sql, db, pk.sender)
        try:
            # shared rows first (an evidence link names its stored file), their removals last
            count = _merge_vocabulary(sql, pk.changeset, table_columns, owner, removals=False)
            count += _write(db, sql, applied, table_columns, owner)
            count += _merge_vocabulary(sql, pk.changeset, table_columns, owner, removals=True)
        except sqlite3.Error as exc:  # a value this schema refuses (NOT NULL, CHECK)
            raise ExchangeError(
                "数据包中的内容不符合本库的规则，未导入。", detail=f"{path}: {exc}"
            ) from exc
        _refuse_broken_outline(sql, owner, path)
        kept = exchange_dir(db) / "in" / f"{_safe(code)}-{pk.seq:05d}-{pk.sha256[:8]}.pdx"
        if not dry_run:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, kept)
        sql.execute(
            "INSERT INTO exchange_log (direction, peer, seq, sha256, file, changes, conflicts) "
            "VALUES ('in', ?, ?, ?, ?, ?, ?)",
            (
                code,
                pk.seq,
                pk.sha256,
                str(kept),
                count,
                json.dumps([c.to_json() for c in conflicts], ensure_ascii=False),
            ),
        )
    log.info("exchange packet %s from %s seq %d: %d changes", path, code, pk.seq, count)
    status = "dry-run" if dry_run else "applied"
    return Received(path, pk.sender, pk.seq, status, count, conflicts)


def _conflict(
    reason: int, change: apsw.TableChange, cols: list[str]
) -> tuple[Conflict | None, dict[str, Any]]:
    """The conflict the session extension reports (None when it is none in fact), and the
    columns of an UPDATE that do not clash, which are taken even when the row stays "mine"."""
    names = ["uuid", *cols]
    old = change.old or ()
    new = change.new or ()
    here = change.conflict or ()
    uuid = str((old or new)[0])
    kind = _REASONS.get(reason)
    if kind is None:  # CONSTRAINT / FOREIGN_KEY: a projection has no such rules
        return Conflict(change.name, uuid, change.op, f"reason_{reason}"), {}
    if reason == apsw.SQLITE_CHANGESET_NOTFOUND and change.op == "DELETE":
        return None, {}  # deleted there and here
    found = Conflict(change.name, uuid, change.op, kind)
    if reason == apsw.SQLITE_CHANGESET_NOTFOUND:
        found.columns = {
            n: (None, _plain(old[i]), _plain(new[i]))
            for i, n in enumerate(names)
            if i and new[i] is not apsw.no_change
        }
        return found, {}
    if change.op == "INSERT":
        if tuple(here) == tuple(new):
            return None, {}
        found.columns = {
            n: (here[i], None, new[i]) for i, n in enumerate(names) if here[i] != new[i]
        }
        return found, {}
    if change.op == "UPDATE":
        changed = [i for i in range(1, len(new)) if new[i] is not apsw.no_change]
        clash = [i for i in changed if here[i] != old[i] and here[i] != new[i]]
        rest = {names[i]: new[i] for i in changed if i not in clash and here[i] != new[i]}
        if not clash:
            return None, rest
        found.columns = {names[i]: (here[i], old[i], new[i]) for i in clash}
        return found, rest
    found.columns = {  # DELETE of a row changed here
        n: (here[i], old[i], None) for i, n in enumerate(names) if i and here[i] != old[i]
    }
    return found, {}


class _Ids:
    """Local id of a row by uuid, for the references of received rows."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, table: str, uuid: Any, where: str) -> int | None:
        if uuid is None:
            return None
        found = self.db.scalar(f"SELECT id FROM {table} WHERE uuid = ?", (uuid,))
        if found is None:
            raise ExchangeError(
                "数据包中的条目引用了本库没有的条目（可能已在本单位删除），未导入。",
                detail=f"{where} -> {table} {uuid}",
            )
        return int(found)


_Changes = dict[str, list[tuple[str, tuple, tuple]]]  # table -> (op, old, new) in order


def _write(
    db: Database, sql: sqlite3.Connection, changeset: bytes, table_columns: dict, owner: str
) -> int:
    """Write the projection's recorded changes into the database, local ids by uuid:
    inserts parents first, then updates, then deletes children first."""
    by_table: _Changes = {}
    for change in apsw.Changeset.iter(changeset):
        by_table.setdefault(change.name, []).append(
            (change.op, tuple(change.old or ()), tuple(change.new or ()))
        )
    ids = _Ids(db)
    specs = [t for t in TRAVELLING if not t.merge_by]
    count = 0
    for spec in specs:
        count += _write_inserts(sql, spec, by_table, table_columns, ids, owner)
    for spec in specs:
        count += _write_updates(db, sql, spec, by_table, table_columns, ids)
    for spec in reversed(specs):  # children first; a cascade may have taken some already
        for op, old, _new in by_table.get(spec.table, []):
            if op == "DELETE":
                sql.execute(f"DELETE FROM {spec.table} WHERE uuid = ?", (old[0],))
                count += 1
    if "nodes" in by_table:
        plans = {
            r[0]
            for r in sql.execute("SELECT DISTINCT plan_id FROM nodes WHERE owner IS ?", (owner,))
        }
        _dense_positions(sql, plans)
    return count


def _write_inserts(
    sql: sqlite3.Connection,
    spec: Travel,
    by_table: _Changes,
    table_columns: dict,
    ids: _Ids,
    owner: str,
) -> int:
    """The new rows of one table; references to the same table are set afterwards (the
    row they name may come later in the packet)."""
    names = ["uuid", *table_columns[spec.table]]
    later: list[tuple[str, str, Any]] = []
    count = 0
    for op, _old, new in by_table.get(spec.table, []):
        if op != "INSERT":
            continue
        row = dict(zip(names, new, strict=True))
        for col, ref in spec.refs.items():
            if ref == spec.table and row.get(col) is not None:
                later.append((row["uuid"], col, row[col]))
                row[col] = None
            elif col in row:
                row[col] = ids.get(ref, row[col], f"{spec.table} {row['uuid']}")
        row["owner"] = owner
        sql.execute(
            f"INSERT INTO {spec.table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )
        count += 1
    for uuid, col, ref_uuid in later:
        local = ids.get(spec.table, ref_uuid, f"{spec.table} {uuid}")
        sql.execute(f"UPDATE {spec.table} SET {col} = ? WHERE uuid = ?", (local, uuid))
    return count


def _write_updates(
    db: Database,
    sql: sqlite3.Connection,
    spec: Travel,
    by_table: _Changes,
    table_columns: dict,
    ids: _Ids,
) -> int:
    """The changed columns of one table's rows (updated_at stamped here, it stays home)."""
    names = ["uuid", *table_columns[spec.table]]
    stamped = "updated_at" in spec.local and "updated_at" in _table_columns(db, spec)
    now = clock.timestamp()
    count = 0
    for op, old, new in by_table.get(spec.table, []):
        if op != "UPDATE":
            continue
        uuid = old[0]
        sets = {names[i]: new[i] for i in range(1, len(new)) if new[i] is not apsw.no_change}
        for col, ref in spec.refs.items():
            if col in sets:
                sets[col] = ids.get(ref, sets[col], f"{spec.table} {uuid}")
        if stamped:
            sets["updated_at"] = now
        if sets:
            sql.execute(
                f"UPDATE {spec.table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE uuid = ?",
                (*sets.values(), uuid),
            )
            count += 1
    return count


def _refuse_broken_outline(sql: sqlite3.Connection, owner: str, path: Path) -> None:
    """Two moves that do not conflict row by row can still clash as a whole (A under B
    there, B under A here): such a packet is refused rather than leaving a cycle."""
    plans = "(SELECT DISTINCT plan_id FROM nodes WHERE owner IS ?)"
    bad_parent = sql.execute(
        "SELECT c.id FROM nodes c JOIN nodes p ON p.id = c.parent_id "
        f"WHERE c.plan_id IN {plans} AND (p.kind = 'task' OR p.plan_id != c.plan_id) LIMIT 1",
        (owner,),
    ).fetchone()
    cycle = sql.execute(
        "WITH RECURSIVE up(id, anc, depth) AS ("
        f"SELECT id, parent_id, 0 FROM nodes WHERE plan_id IN {plans} UNION ALL "
        "SELECT up.id, n.parent_id, up.depth + 1 FROM up JOIN nodes n ON n.id = up.anc "
        "WHERE up.depth < 200 AND up.anc != up.id) "
        "SELECT id FROM up WHERE anc = id LIMIT 1",
        (owner,),
    ).fetchone()
    if bad_parent or cycle:
        raise ExchangeError(
            "数据包中的移动与本库的移动互相矛盾（条目会成为自己的下级，或挂到任务下），未导入。"
            "请双方商定大纲后由一方重新发送。",
            detail=f"{path}: node {(bad_parent or cycle)[0]}",
        )


def _table_columns(db: Database, spec: Travel) -> set[str]:
    return {r[1] for r in db.query(f"PRAGMA table_info({spec.table})")}


def _dense_positions(sql: sqlite3.Connection, plans: set[int]) -> None:
    """Siblings numbered 0..n-1 again where a decided conflict (a move kept here, another
    taken from there) left two at one place; an unconflicted packet never needs it."""
    for plan_id in plans:
        groups: dict[Any, list[tuple[int, int]]] = {}
        for nid, parent, pos in sql.execute(
            "SELECT id, parent_id, position FROM nodes WHERE plan_id = ?", (plan_id,)
        ):
            groups.setdefault(parent, []).append((pos, nid))
        for members in groups.values():
            members.sort()
            if [p for p, _ in members] != list(range(len(members))):
                for index, (_pos, nid) in enumerate(members):
                    sql.execute("UPDATE nodes SET position = ? WHERE id = ?", (index, nid))


def _merge_vocabulary(
    sql: sqlite3.Connection, changeset: bytes, table_columns: dict, owner: str, *, removals: bool
) -> int:
    """Units and stored evidence files are shared: a received unit name (UNIQUE(kind, name))
    or file (UNIQUE(sha256)) that exists here merges into it; the sender may change or remove
    only the rows it brought. ``removals`` picks the deletes (else inserts and updates)."""
    count = 0
    for change in apsw.Changeset.iter(changeset):
        if change.name not in _MERGED or (change.op == "DELETE") != removals:
            continue
        names = ["uuid", *table_columns[change.name]]
        old, new = change.old or (), change.new or ()
        if change.op == "INSERT":
            row = {**dict(zip(names, new, strict=True)), "owner": owner}
            cur = sql.execute(
                f"INSERT OR IGNORE INTO {change.name} ({', '.join(row)}) "
                f"VALUES ({', '.join('?' for _ in row)})",
                tuple(row.values()),
            )
        elif change.op == "UPDATE":
            sets = {names[i]: v for i, v in enumerate(new) if i and v is not apsw.no_change}
            cur = sql.execute(
                f"UPDATE OR IGNORE {change.name} SET {', '.join(f'{c} = ?' for c in sets)} "
                "WHERE uuid = ? AND owner = ?",
                (*sets.values(), old[0], owner),
            )
        else:
            cur = sql.execute(
                f"DELETE FROM {change.name} WHERE uuid = ? AND owner = ?", (old[0], owner)
            )
        count += max(cur.rowcount, 0)
    return count
