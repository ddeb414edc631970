"""Office profiles: this office (name, kind 乡镇/部门/县督查室, code) and its peers."""

from __future__ import annotations

import sqlite3
import uuid as _uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.errors import PlanDeskError
from models.exchange.travel import OFFICE_KINDS

if TYPE_CHECKING:
    from models.store.db import Database


class ExchangeError(PlanDeskError):
    """A packet or an office that cannot be used; nothing was written."""

    default_text = "数据包无法处理。"


@dataclass(frozen=True, slots=True)
class Office:
    uuid: str
    code: str
    name: str
    kind: str
    is_self: bool = False

    def to_json(self) -> dict[str, str]:
        return {"uuid": self.uuid, "code": self.code, "name": self.name, "kind": self.kind}


def _office(row: sqlite3.Row | None) -> Office | None:
    if row is None:
        return None
    return Office(row["uuid"], row["code"], row["name"], row["kind"], bool(row["is_self"]))


def _checked(code: str, name: str, kind: str) -> tuple[str, str, str]:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ExchangeError("单位名称和代码都不能为空。")
    if kind not in OFFICE_KINDS:
        raise ExchangeError(f"单位类别只能是{'、'.join(OFFICE_KINDS)}之一。", detail=kind)
    return code, name, kind


def own_office(db: Database) -> Office | None:
    """This office's profile, or None before it was set."""
    return _office(db.query_one("SELECT * FROM offices WHERE is_self = 1"))


def require_own(db: Database) -> Office:
    office = own_office(db)
    if office is None:
        raise ExchangeError(
            "尚未设置本单位信息：请先用 exchange profile --name … --kind … --code … 设置。"
        )
    return office


def set_own_office(db: Database, *, code: str, name: str, kind: str) -> Office:
    """Create or change this office's profile (its uuid never changes once made)."""
    code, name, kind = _checked(code, name, kind)
    with db.transaction() as conn:
        clash = db.query_one("SELECT is_self FROM offices WHERE code = ?", (code,))
        if clash is not None and not clash["is_self"]:
            raise ExchangeError("该代码已属于另一个单位。", detail=code)
        current = own_office(db)
        if (
            current is not None
            and current.code != code
            and db.scalar("SELECT count(*) FROM exchange_log")
        ):
            raise ExchangeError("本单位已收发过数据包，代码不能再改（对方按代码认人）。")
        if current is None:
            conn.execute(
                "INSERT INTO offices (uuid, code, name, kind, is_self) VALUES (?, ?, ?, ?, 1)",
                (str(_uuid.uuid4()), code, name, kind),
            )
        else:
            conn.execute(
                "UPDATE offices SET code = ?, name = ?, kind = ? WHERE is_self = 1",
                (code, name, kind),
            )
    return require_own(db)


def add_office(db: Database, *, code: str, name: str, kind: str) -> Office:
    """Register another office by its code (so a first packet can be addressed to it)."""
    code, name, kind = _checked(code, name, kind)
    with db.transaction() as conn:
        found = by_code(db, code)
        if found is not None and found.is_self:
            raise ExchangeError("这是本单位自己的代码。", detail=code)
        if found is None:
            conn.execute(
                "INSERT INTO offices (uuid, code, name, kind) VALUES (?, ?, ?, ?)",
                (str(_uuid.uuid4()), code, name, kind),
            )
        else:
            conn.execute("UPDATE offices SET name = ?, kind = ? WHERE code = ?", (name, kind, code))
    office = by_code(db, code)
    assert office is not None
    return office


def by_code(db: Database, code: str) -> Office | None:
    return _office(db.query_one("SELECT * FROM offices WHERE code = ?", (code,)))


def by_uuid(db: Database, uuid: str) -> Office | None:
    return _office(db.query_one("SELECT * FROM offices WHERE uuid = ?", (uuid,)))


def peers(db: Database) -> list[Office]:
    """The other offices, by code."""
    return [
        o
        for o in (
            _office(r) for r in db.query("SELECT * FROM offices WHERE is_self = 0 ORDER BY code")
        )
        if o is not None
    ]


def learn_sender(conn: sqlite3.Connection, db: Database, sender: dict[str, str]) -> None:
    """Record (or refresh) the office a packet came from, inside the import's transaction.

    A registered office keeps the uuid it was first given by hand until its own packet
    arrives: the packet's uuid then replaces the placeholder (rows it owns use the real one).
    """
    code, name, kind = _checked(sender["code"], sender["name"], sender["kind"])
    found = by_code(db, code)
    if found is None:
        conn.execute(
            "INSERT INTO offices (uuid, code, name, kind) VALUES (?, ?, ?, ?)",
            (sender["uuid"], code, name, kind),
        )
    else:
        conn.execute(
            "UPDATE offices SET uuid = ?, name = ?, kind = ? WHERE code = ?",
            (sender["uuid"], name, kind, code),
        )


def plan_offices(db: Database, plan_id: int | None = None) -> dict[int, str]:
    """{plan id: office name} of the plans another office owns (all, or just ``plan_id``);
    the county's tree groups them by office."""
    sql = "SELECT p.id, o.name FROM plans p JOIN offices o ON o.uuid = p.owner"
    rows = db.query(
        sql + (" WHERE p.id = ?" if plan_id is not None else ""),
        (plan_id,) if plan_id is not None else (),
    )
    return {int(r[0]): str(r[1]) for r in rows}
