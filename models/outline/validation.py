"""Checked field values of plans and nodes: unknown fields refused, text cleaned."""

from __future__ import annotations

from typing import Any

from models.entities import (
    MULTI_LINE_FIELDS,
    PLAN_EDITABLE,
    SECTION_EDITABLE,
    SINGLE_LINE_FIELDS,
    TASK_EDITABLE,
)
from models.errors import InvalidOperationError
from models.text import deadlines
from models.text.clean import clean_values
from models.vocab import PLAN_KIND, PLAN_STATUS, TASK_STATUS, TASK_STYLE, NodeKind


def check_plan_fields(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - PLAN_EDITABLE
    if unknown:
        raise InvalidOperationError(detail=f"unknown plan fields {sorted(unknown)}")
    out = clean_values(values)  # NUL and control characters never reach the database
    if "title" in out:
        out["title"] = (out["title"] or "").strip()
        if not out["title"]:
            raise InvalidOperationError("计划标题不能为空。")
    if "year" in out:
        out["year"] = _checked_year(out["year"])
    if "status" in out and out["status"] not in PLAN_STATUS:
        raise InvalidOperationError("计划状态无效。", detail=str(out["status"]))
    if "kind" in out and out["kind"] not in PLAN_KIND:
        raise InvalidOperationError("计划类型无效。", detail=str(out["kind"]))
    for key, label in (("signed_date", "成文日期"), ("printed_date", "印发日期")):
        if out.get(key) and deadlines.parse_iso(out[key]) is None:
            raise InvalidOperationError(f"{label}格式应为 2025-01-05。")
    if "sealed" in out:
        out["sealed"] = 1 if out["sealed"] in (1, True, "1") else 0
    for key in ("preamble", "closing"):
        if key in out and out[key] is None:
            out[key] = ""
    return out


def _checked_year(value: Any) -> int | None:
    """A plan year as stored: four digits between 1900 and 2999, or None when blank."""
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidOperationError("年度必须是四位数字，例如 2025。") from None
    if not 1900 <= year <= 2999:
        raise InvalidOperationError("年度必须是四位数字，例如 2025。")
    return year


def _normal_text(out: dict[str, Any]) -> None:
    """Text fields as stored: a number (a spreadsheet cell's 40) as its text; None in a
    multi-line field as ""; a blank single-line field as NULL."""
    for key in (*MULTI_LINE_FIELDS, *SINGLE_LINE_FIELDS):
        if key in out and out[key] is not None and not isinstance(out[key], str):
            out[key] = str(out[key])
    for key in MULTI_LINE_FIELDS:
        if key in out and out[key] is None:
            out[key] = ""
    for key in SINGLE_LINE_FIELDS:
        if key in out and isinstance(out[key], str) and not out[key].strip():
            out[key] = None


def check_node_fields(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    allowed = SECTION_EDITABLE if kind == NodeKind.SECTION else TASK_EDITABLE
    unknown = set(values) - allowed
    if unknown:
        raise InvalidOperationError(detail=f"fields {sorted(unknown)} not allowed on a {kind}")
    out = dict(values)
    _normal_text(out)
    out = clean_values(out)  # NUL and control characters never reach the database
    if "task_style" in out and out["task_style"] not in (None, *TASK_STYLE):
        raise InvalidOperationError("任务写法无效。", detail=str(out["task_style"]))
    if "status" in out and out["status"] not in TASK_STATUS:
        raise InvalidOperationError("任务状态无效。", detail=str(out["status"]))
    if "progress" in out:
        try:
            out["progress"] = int(out["progress"] if out["progress"] is not None else 0)
        except (TypeError, ValueError):
            raise InvalidOperationError("进度必须是 0 到 100 之间的整数。") from None
        if not 0 <= out["progress"] <= 100:
            raise InvalidOperationError("进度必须是 0 到 100 之间的整数。")
    if out.get("due_date") and deadlines.parse_iso(out["due_date"]) is None:
        raise InvalidOperationError("截止日期格式应为 2025-06-30。")
    return out
