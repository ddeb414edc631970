"""佐证材料 out of the database: one file saved as, or a plan's files in numbered folders
with a 佐证材料清单.xlsx (and a sheet of the tasks that have none)."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from export.atomic import atomic_output
from models import outline
from models.entities import Node
from models.evidence import store
from models.store.db import Database
from models.text.numbering import outline_numbers
from models.vocab import NodeKind

log = logging.getLogger(__name__)

LIST_NAME = "佐证材料清单.xlsx"
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


def task_text(node: Node) -> str:
    """What a task is called in the list and its folder: its text, else its heading."""
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
        folder = folder / safe_name(f"{label}{task_text(node)}")
        files = store.list_evidence(db, node.id)
        if not files:
            missing.append((part, node))
        rows += [EvidenceRow(e, part, number, task_text(node), folder) for e in files]
    return rows, missing


def free_name(folder: Path, name: str, taken: set[Path]) -> Path:
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
