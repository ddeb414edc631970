"""The units/people dictionary (名录) and the pick lists built from it and from the tasks."""

from __future__ import annotations

from typing import Any

from models.entities import Unit, row_to
from models.errors import InvalidOperationError, NotFoundError
from models.store.db import Database, new_id
from models.text.units import split_names
from models.tracking.common import insert_rows


def list_units(db: Database, kind: str | None = None) -> list[Unit]:
    """The units/people dictionary, by kind and name."""
    if kind is None:
        rows = db.query("SELECT * FROM units ORDER BY kind, name")
    else:
        rows = db.query("SELECT * FROM units WHERE kind = ? ORDER BY name", (kind,))
    return [row_to(Unit, r) for r in rows]


def _unit_values(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k in ("name", "kind", "note")}
    if "name" in out:
        out["name"] = (out["name"] or "").strip()
        if not out["name"]:
            raise InvalidOperationError("名称不能为空。")
    if "kind" in out and out["kind"] not in ("unit", "person"):
        raise InvalidOperationError(detail=f"bad unit kind {out['kind']}")
    if "note" in out and out["note"] is None:
        out["note"] = ""
    return out


def add_unit(db: Database, name: str, kind: str = "unit", note: str = "") -> int:
    """Add a unit or person to the dictionary; a duplicate raises InvalidOperationError."""
    values = _unit_values({"name": name, "kind": kind, "note": note})
    if db.scalar(
        "SELECT 1 FROM units WHERE kind = ? AND name = ?", (values["kind"], values["name"])
    ):
        raise InvalidOperationError(f"“{values['name']}”已在名录中。")
    with db.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO units (name, kind, note) VALUES (?, ?, ?)",
            (values["name"], values["kind"], values["note"]),
        )
        return new_id(cur)


def update_unit(db: Database, unit_id: int, **values: Any) -> dict[str, Any]:
    """Rename or re-note a dictionary entry; returns the previous values."""
    values = _unit_values(values)
    row = db.query_one("SELECT * FROM units WHERE id = ?", (unit_id,))
    if row is None:
        raise NotFoundError("找不到该单位或人员。")
    old = {k: row[k] for k in values}
    kind = values.get("kind", row["kind"])
    if "name" in values and db.scalar(
        "SELECT 1 FROM units WHERE kind = ? AND name = ? AND id != ?",
        (kind, values["name"], unit_id),
    ):
        raise InvalidOperationError(f"“{values['name']}”已在名录中。")
    if values:
        sets = ", ".join(f"{k} = ?" for k in values)
        with db.transaction() as conn:
            conn.execute(f"UPDATE units SET {sets} WHERE id = ?", (*values.values(), unit_id))
    return old


def remove_unit(db: Database, unit_id: int) -> dict[str, Any]:
    """Delete a dictionary entry (tasks keep their text); returns the row for restore."""
    row = db.query_one("SELECT * FROM units WHERE id = ?", (unit_id,))
    if row is None:
        raise NotFoundError("找不到该单位或人员。")
    with db.transaction() as conn:
        conn.execute("DELETE FROM units WHERE id = ?", (unit_id,))
    return dict(row)


def restore_unit(db: Database, row: dict[str, Any]) -> None:
    """Put back a removed dictionary entry with its id."""
    with db.transaction() as conn:
        insert_rows(conn, "units", [row])


def names_in_use(db: Database, field_name: str) -> list[str]:
    """Distinct values of owner_unit / co_units / lead_leader / owner_person in tasks."""
    if field_name not in ("owner_unit", "co_units", "lead_leader", "owner_person"):
        raise InvalidOperationError(detail=f"bad field {field_name}")
    rows = db.query(
        f"SELECT DISTINCT {field_name} FROM nodes WHERE kind = 'task' "
        f"AND coalesce({field_name}, '') != '' ORDER BY {field_name}"
    )
    return [r[0] for r in rows]


def pick_list(db: Database, kind: str = "unit") -> list[str]:
    """Names for a pick list: the dictionary first, then names used in tasks but not listed."""
    names = [u.name for u in list_units(db, kind)]
    seen = set(names)
    used = names_in_use(db, "owner_unit" if kind == "unit" else "owner_person")
    if kind == "person":
        used += names_in_use(db, "lead_leader")
    for name in used:
        for part in split_names(name):
            if part not in seen:
                seen.add(part)
                names.append(part)
    return names
