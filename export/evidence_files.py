"""佐证材料 out of the database: one file saved as, or a plan's files in numbered folders
with a 佐证材料清单.xlsx (and a sheet of the tasks that have none)."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter

from export import xlsx_common
from export.atomic import atomic_output
from models import outline
from models.entities import Node
from models.errors import ExportError
from models.evidence import store
from models.evidence.files import kind_label, size_text
from models.store.db import Database
from models.text.numbering import outline_numbers
from models.vocab import NodeKind

log = logging.getLogger(__name__)

LIST_NAME = "佐证材料清单.xlsx"
HEADERS = (
    "序号",
    "所属部分",
    "工作任务",
    "文件名",
    "类型",
    "大小",
    "拍摄时间",
    "拍摄地点",
    "说明",
    "添加时间",
    "存放位置",
)
WIDTHS = (6, 22, 36, 28, 12, 10, 18, 24, 24, 18, 40)
MISSING_HEADERS = ("序号", "所属部分", "工作任务", "责任单位", "完成时限")
MISSING_WIDTHS = (6, 26, 50, 18, 14)
# A folder name keeps this many characters of a heading or task (Windows paths stay short).
NAME_CHARS = 30
_BAD_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(text: str, limit: int = NAME_CHARS) -> str:
    """A file or folder name Windows accepts: no reserved characters, no trailing dot/blank."""
    text = _BAD_CHARS.sub("_", " ".join((text or "").split()))
    text = text[:limit].rstrip(" .")
    return text or "_"


@dataclass(slots=True)
class EvidenceRow:
    """One file of the list, with the place of its task in the plan."""

    evidence: store.Evidence
    part: str  # 一、加强党的建设 / （一）…
    task_number: str
    task_text: str
    folder: Path  # relative to the export folder


def _task_text(node: Node) -> str:
    return (node.text or node.heading or "").strip()


def plan_rows(db: Database, plan_id: int) -> tuple[list[EvidenceRow], list[tuple[str, Node]]]:
    """The plan's files in outline order, and the tasks without any as (part, task)."""
    nodes = outline.order_depth_first(outline.load_outline(db, plan_id))
    numbers = outline_numbers(nodes)
    by_id = {n.id: n for n in nodes}
    rows: list[EvidenceRow] = []
    missing: list[tuple[str, Node]] = []
    counters: dict[int | None, int] = {}
    for node in nodes:
        if node.kind != NodeKind.TASK:
            continue
        counters[node.parent_id] = counters.get(node.parent_id, 0) + 1
        chain = []
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        while parent is not None:
            chain.append(parent)
            parent = by_id.get(parent.parent_id) if parent.parent_id is not None else None
        chain.reverse()
        part = " / ".join(f"{numbers.get(s.id, '')}{s.heading}".strip() for s in chain)
        folder = Path(*[safe_name(f"{numbers.get(s.id, '')}{s.heading}") for s in chain])
        number = numbers.get(node.id, "")
        # tasks written as plain sentences have no number: their place keeps folders apart
        label = number or f"{counters[node.parent_id]}."
        folder = folder / safe_name(f"{label}{_task_text(node)}")
        files = store.list_evidence(db, node.id)
        if not files:
            missing.append((part, node))
        rows += [EvidenceRow(e, part, number, _task_text(node), folder) for e in files]
    return rows, missing


def _free(folder: Path, name: str, taken: set[Path]) -> Path:
    """``name`` in ``folder``, numbered (2), (3)… when two files share a name."""
    stem, suffix = os.path.splitext(safe_name(name, 80))
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate in taken:
        n += 1
        candidate = folder / f"{stem} ({n}){suffix}"
    taken.add(candidate)
    return candidate


def export_folder(db: Database, plan_id: int, chosen: str | os.PathLike[str]) -> Path:
    """Where the window exports a plan's files: the chosen folder when it is empty, else a
    new 《plan》佐证材料 folder inside it (numbered when that exists too)."""
    chosen = Path(chosen)
    if not chosen.exists() or (chosen.is_dir() and not any(chosen.iterdir())):
        return chosen
    base = safe_name(f"{outline.get_plan(db, plan_id).title}佐证材料", 60)
    candidate, n = chosen / base, 1
    while candidate.exists():
        n += 1
        candidate = chosen / f"{base} ({n})"
    return candidate


def save_copy(db: Database, evidence_id: int, path: str | os.PathLike[str]) -> Path:
    """Write one stored file to ``path`` (atomically), byte for byte."""
    data = store.evidence_data(db, evidence_id)
    with atomic_output(Path(path)) as tmp:
        Path(tmp).write_bytes(data)
    return Path(path)


def export_plan(db: Database, plan_id: int, out_dir: str | os.PathLike[str]) -> Path:
    """Write every file of a plan into ``out_dir``, in folders by section and task number,
    plus 佐证材料清单.xlsx; returns the list's path.

    Raises:
        ExportError: ``out_dir`` is a file or a folder that is not empty.
    """
    out = Path(out_dir)
    plan = outline.get_plan(db, plan_id)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(
            f"“{out}”已存在且不是空文件夹，请选择一个新的或空的文件夹。", detail=str(out)
        )
    rows, missing = plan_rows(db, plan_id)
    taken: set[Path] = set()
    places = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for row in rows:
            rel = _free(row.folder, row.evidence.name, taken)
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(store.evidence_data(db, row.evidence.id))
            places.append(rel)
    except OSError as exc:
        raise ExportError(f"写入“{out}”失败：{exc.strerror or exc}", detail=str(exc)) from exc
    path = out / LIST_NAME
    xlsx_common.save_workbook(build_list_workbook(plan.title, rows, places, missing), path)
    log.info("exported %d evidence file(s) of plan %d to %s", len(rows), plan_id, out)
    return path


def sheet_table(
    ws: Any, headers: tuple[str, ...], widths: tuple[int, ...], title: str, lines: list[list[Any]]
) -> None:
    """A titled, bordered table on ``ws`` from row 1, its header row repeated when printed."""
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = xlsx_common.font(xlsx_common.FONT_HEADER, 11, bold=True)
    cell_font = xlsx_common.font(xlsx_common.FONT_TEXT, 11)
    wrap = Alignment(wrap_text=True, vertical="center")
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    xlsx_common.title_row(ws, title, len(headers))
    for col, text in enumerate(headers, 1):
        cell = xlsx_common.write(ws, 2, col, text)
        cell.font, cell.border = head_font, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, values in enumerate(lines, 3):
        for col, value in enumerate(values, 1):
            cell = xlsx_common.write(ws, r, col, value)
            cell.font, cell.border, cell.alignment = cell_font, border, wrap
        xlsx_common.fit_row_height(ws, r, widths, size=11)
    xlsx_common.print_setup(ws, 2)


def build_list_workbook(
    title: str, rows: list[EvidenceRow], places: list[Path], missing: list[tuple[str, Node]]
) -> Workbook:
    """The 佐证材料清单: one row per file; a second sheet lists the tasks without any."""
    wb = Workbook()
    ws = wb.active
    ws.title = "佐证材料清单"
    lines = []
    for n, (row, place) in enumerate(zip(rows, places, strict=True), 1):
        e = row.evidence
        lines.append(
            [
                n,
                row.part,
                f"{row.task_number}{row.task_text}",
                e.name,
                kind_label(e.kind),
                size_text(e.size),
                e.taken_at or "",
                e.place,
                e.note,
                e.created_at,
                place.as_posix(),
            ]
        )
    sheet_table(ws, HEADERS, WIDTHS, f"{title}佐证材料清单", lines)
    gap = wb.create_sheet("缺佐证任务")
    gap_lines = [
        [n, part, _task_text(node), node.owner_unit or "", node.deadline or ""]
        for n, (part, node) in enumerate(missing, 1)
    ]
    sheet_table(gap, MISSING_HEADERS, MISSING_WIDTHS, f"{title}尚无佐证材料的任务", gap_lines)
    return wb
