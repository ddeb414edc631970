"""Comparing two plans (typically last year's and this year's) and a task's history.

Sections and tasks of the two plans are matched: tasks first through ``carried_from``
(following the chain, so a 2024 plan can be compared with a 2026 one), then by text
similarity; sections by heading similarity and by the tasks they share. The result is
a list of aligned rows for a side-by-side view, each with character-level diff opcodes.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from models import outline
from models.entities import Node, Plan
from models.errors import InvalidOperationError
from models.store.db import Database
from models.text.numbering import outline_numbers
from models.text.years import YEAR
from models.vocab import DiffStatus, NodeKind

log = logging.getLogger(__name__)

ADDED, REMOVED, CHANGED, SAME = tuple(DiffStatus)
# Fields of a task whose change makes the task "changed" besides its text.
TASK_FIELDS = ("deadline", "target", "owner_unit", "lead_leader", "co_units", "owner_person")
TASK_THRESHOLD = 0.55  # minimum similarity for two tasks to be "the same task, edited"
SECTION_THRESHOLD = 0.45
_YEAR = re.compile(YEAR)  # years are masked: a plan and its rollover differ in them
_SPACE = re.compile(r"\s+")

Opcode = tuple[str, int, int, int, int]


# ---------------------------------------------------------------- character diff
def char_opcodes(a: str, b: str, *, cleanup: bool = True) -> list[Opcode]:
    """difflib opcodes turning ``a`` into ``b``, character by character.

    With ``cleanup``, tiny equal islands between two changes (1–2 characters that are the
    same by chance, e.g. a shared 的) are folded into the change, as good diff tools do,
    so a rewritten phrase reads as one replacement instead of confetti.
    """
    ops: list[list[Any]] = [
        list(op) for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    ]
    if not cleanup or len(ops) < 3:
        return [tuple(op) for op in ops]
    while _fold_one_island(ops):
        pass
    return [tuple(op) for op in _named_changes(ops)]


def _fold_one_island(ops: list[list[Any]]) -> bool:
    """Fold the first tiny equal island between two changes into one replace (True)."""
    for i in range(1, len(ops) - 1):
        tag, i1, i2, _, _ = ops[i]
        if tag != "equal" or ops[i - 1][0] == "equal" or ops[i + 1][0] == "equal":
            continue
        size = i2 - i1
        before = max(ops[i - 1][2] - ops[i - 1][1], ops[i - 1][4] - ops[i - 1][3])
        after = max(ops[i + 1][2] - ops[i + 1][1], ops[i + 1][4] - ops[i + 1][3])
        if size <= 2 and size <= before and size <= after:
            merged = ["replace", ops[i - 1][1], ops[i + 1][2], ops[i - 1][3], ops[i + 1][4]]
            ops[i - 1 : i + 2] = [merged]
            return True
    return False


def _named_changes(ops: list[list[Any]]) -> list[list[Any]]:
    """Neighbouring changes merged, each named by what it does (insert, delete, replace)."""
    out: list[list[Any]] = []
    for op in ops:
        if out and op[0] != "equal" and out[-1][0] != "equal":
            out[-1][2], out[-1][4] = op[2], op[4]
            out[-1][0] = "replace"
        else:
            out.append(list(op))
    for op in out:
        if op[0] == "replace":
            if op[1] == op[2]:
                op[0] = "insert"
            elif op[3] == op[4]:
                op[0] = "delete"
    return out


def similarity(a: str, b: str) -> float:
    """0..1 likeness of two texts, ignoring years and spaces (2024年 vs 2025年 is no change)."""
    a, b = _normal(a), _normal(b)
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


def _normal(text: str) -> str:
    return _YEAR.sub("#", _SPACE.sub("", text or ""))


# ---------------------------------------------------------------- results
@dataclass(slots=True)
class Side:
    """One node as shown in one column of the comparison."""

    node_id: int | None  # None for the plan's own title, preamble or closing
    number: str
    text: str
    depth: int
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CompareRow:
    """One aligned row: a node of plan A, of plan B, or a matched pair.

    ``opcodes`` turn ``left.text`` into ``right.text`` (difflib tags: equal, replace,
    delete, insert) for a changed pair. ``moved`` marks a pair whose parent section does
    not correspond. ``field_changes`` lists task fields that differ: (field, old, new).
    """

    kind: str
    status: str
    left: Side | None
    right: Side | None
    depth: int
    opcodes: list[Opcode] = field(default_factory=list)
    moved: bool = False
    field_changes: list[tuple[str, Any, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``compare --json``)."""
        data = asdict(self)
        data["opcodes"] = [list(op) for op in self.opcodes]
        data["field_changes"] = [list(fc) for fc in self.field_changes]
        return data


@dataclass(slots=True)
class Comparison:
    """The aligned rows of two plans and the matching behind them."""

    plan_a: int
    plan_b: int
    rows: list[CompareRow]
    pairs: dict[int, int]  # node id in A -> node id in B
    header: list[CompareRow] = field(default_factory=list)  # title, preamble, closing

    def counts(self) -> dict[str, int]:
        """How many rows of each status."""
        out: dict[str, int] = {ADDED: 0, REMOVED: 0, CHANGED: 0, SAME: 0}
        for row in self.rows:
            out[row.status] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``compare --json``)."""
        return {
            "plan_a": self.plan_a,
            "plan_b": self.plan_b,
            "counts": self.counts(),
            "header": [r.to_dict() for r in self.header],
            "rows": [r.to_dict() for r in self.rows],
        }


# ---------------------------------------------------------------- matching
def node_text(node: Node) -> str:
    """What is compared: a task's text; a section's heading (with its run-in body)."""
    if node.kind == NodeKind.TASK:
        return node.text
    if node.body:
        return node.heading + (node.run_in or "") + node.body
    return node.heading


def _carried_map(db: Database, plan_ids: Iterable[int]) -> dict[int, int]:
    """id → carried_from for the tasks of the plans and all their ancestors (one query)."""
    marks = ",".join("?" for _ in plan_ids)
    rows = db.query(
        "WITH RECURSIVE up(id, prev, depth) AS ("
        f" SELECT id, carried_from, 0 FROM nodes WHERE plan_id IN ({marks})"
        " AND carried_from IS NOT NULL"
        " UNION ALL SELECT n.id, n.carried_from, up.depth + 1 FROM up"
        " JOIN nodes n ON n.id = up.prev WHERE n.carried_from IS NOT NULL AND up.depth < 50)"
        " SELECT DISTINCT id, prev FROM up",
        tuple(plan_ids),
    )
    return {int(r[0]): int(r[1]) for r in rows}


def _chain(carried: dict[int, int], node_id: int, limit: int = 50) -> list[int]:
    """The ids a task was carried from, newest first."""
    out: list[int] = []
    current = carried.get(node_id)
    while current is not None and current not in out and len(out) < limit:
        out.append(current)
        current = carried.get(current)
    return out


def _bigrams(text: str) -> set[str]:
    text = _normal(text)
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _text_candidates(
    rest_a: list[Node], rest_b: list[Node], per_task: int = 5
) -> Iterable[tuple[float, int, int]]:
    """Scored pairs of similar texts, computed only for likely pairs.

    Scoring every pair with difflib is quadratic and slow (300 × 300 tasks took ~20 s);
    an index of character bigrams finds, for each task of A, the few tasks of B that
    share enough bigrams (Dice ≥ 0.3), and only those are scored with difflib.
    """
    index: dict[str, list[int]] = {}
    grams_b = [_bigrams(b.text) for b in rest_b]
    for j, grams in enumerate(grams_b):
        for g in grams:
            index.setdefault(g, []).append(j)
    for a in rest_a:
        grams_a = _bigrams(a.text)
        shared: dict[int, int] = {}
        for g in grams_a:
            for j in index.get(g, ()):
                shared[j] = shared.get(j, 0) + 1
        dice = sorted(
            ((2 * n / (len(grams_a) + len(grams_b[j])), j) for j, n in shared.items()), reverse=True
        )
        for score, j in dice[:per_task]:
            if score < 0.3:
                break
            yield similarity(a.text, rest_b[j].text), a.id, rest_b[j].id


def _greedy(
    scores: Iterable[tuple[float, int, int]], threshold: float, pairs: dict[int, int]
) -> None:
    taken_b = set(pairs.values())
    for score, a, b in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if score < threshold:
            break
        if a in pairs or b in taken_b:
            continue
        pairs[a] = b
        taken_b.add(b)


def match_nodes(db: Database, nodes_a: list[Node], nodes_b: list[Node]) -> dict[int, int]:
    """Pairs (id in A → id in B) of tasks and sections that correspond."""
    tasks_a = {n.id: n for n in nodes_a if n.kind == NodeKind.TASK}
    tasks_b = {n.id: n for n in nodes_b if n.kind == NodeKind.TASK}
    plan_ids = {n.plan_id for n in (*nodes_a, *nodes_b)}
    carried = _carried_map(db, plan_ids) if plan_ids else {}
    # 1. carried_from, either way and across several years
    pairs, taken_b = _carried_pairs(carried, tasks_a, tasks_b)
    # 2. text similarity among the rest
    rest_a = [n for n in tasks_a.values() if n.id not in pairs]
    rest_b = [n for n in tasks_b.values() if n.id not in taken_b]
    _greedy(_text_candidates(rest_a, rest_b), TASK_THRESHOLD, pairs)
    # 3. sections: heading likeness plus the share of their tasks that are matched
    _greedy(_section_scores(nodes_a, nodes_b, pairs), SECTION_THRESHOLD, pairs)
    return pairs


def _carried_pairs(
    carried: dict[int, int], tasks_a: dict[int, Node], tasks_b: dict[int, Node]
) -> tuple[dict[int, int], set[int]]:
    """Tasks linked by their carried_from chains (B from A, then A from B), and the B ids
    taken."""
    pairs: dict[int, int] = {}
    taken_b: set[int] = set()
    for b in tasks_b.values():
        for ancestor in _chain(carried, b.id):
            if ancestor in tasks_a and ancestor not in pairs:
                pairs[ancestor] = b.id
                taken_b.add(b.id)
                break
    for a in tasks_a.values():
        if a.id in pairs:
            continue
        for ancestor in _chain(carried, a.id):
            if ancestor in tasks_b and ancestor not in taken_b:
                pairs[a.id] = ancestor
                taken_b.add(ancestor)
                break
    return pairs, taken_b


def _task_counts(nodes: list[Node]) -> dict[int | None, int]:
    """How many tasks each parent (a section, or None for the plan) holds directly."""
    counts: dict[int | None, int] = {}
    for n in nodes:
        if n.kind == NodeKind.TASK:
            counts[n.parent_id] = counts.get(n.parent_id, 0) + 1
    return counts


def _section_scores(
    nodes_a: list[Node], nodes_b: list[Node], pairs: dict[int, int]
) -> list[tuple[float, int, int]]:
    """(score, section in A, section in B) for every pair of sections: heading likeness,
    the share of their tasks matched to each other, a bonus for the same depth."""
    parent_a = {n.id: n.parent_id for n in nodes_a}
    parent_b = {n.id: n.parent_id for n in nodes_b}
    count_a, count_b = _task_counts(nodes_a), _task_counts(nodes_b)
    shared: dict[tuple[int | None, int | None], int] = {}
    for a_id, b_id in list(pairs.items()):
        key = (parent_a[a_id], parent_b[b_id])
        shared[key] = shared.get(key, 0) + 1
    depth_a = _depths(nodes_a)
    depth_b = _depths(nodes_b)
    scores = []
    for sa in (n for n in nodes_a if n.kind == NodeKind.SECTION):
        for sb in (n for n in nodes_b if n.kind == NodeKind.SECTION):
            heading = similarity(sa.heading, sb.heading)
            total = count_a.get(sa.id, 0) + count_b.get(sb.id, 0)
            share = 2 * shared.get((sa.id, sb.id), 0) / total if total else 0.0
            score = heading if not total else 0.6 * heading + 0.4 * share
            if depth_a[sa.id] == depth_b[sb.id]:
                score += 0.05
            scores.append((score, sa.id, sb.id))
    return scores


def _depths(nodes: list[Node]) -> dict[int, int]:
    depth: dict[int | None, int] = {None: 0}
    for n in nodes:  # document order: parents first
        depth[n.id] = depth[n.parent_id] + 1
    return {k: v for k, v in depth.items() if k is not None}


# ---------------------------------------------------------------- alignment
def compare_plans(db: Database, plan_a: int, plan_b: int) -> Comparison:
    """Match and align two plans for a side-by-side view (A on the left, B on the right)."""
    if plan_a == plan_b:
        raise InvalidOperationError("请选择两个不同的计划进行对比。")
    header = _plan_rows(outline.get_plan(db, plan_a), outline.get_plan(db, plan_b))
    nodes_a = outline.load_outline(db, plan_a)
    nodes_b = outline.load_outline(db, plan_b)
    pairs = match_nodes(db, nodes_a, nodes_b)
    reverse = {b: a for a, b in pairs.items()}
    by_id_a = {n.id: n for n in nodes_a}
    kids_a = _children(nodes_a)
    kids_b = _children(nodes_b)
    numbers_a = outline_numbers(nodes_a)
    numbers_b = outline_numbers(nodes_b)
    depth_a = _depths(nodes_a)
    depth_b = _depths(nodes_b)
    rows: list[CompareRow] = []

    def side(node: Node, numbers: dict[int, str], depths: dict[int, int]) -> Side:
        fields = {k: getattr(node, k) for k in TASK_FIELDS} if node.kind == NodeKind.TASK else {}
        return Side(node.id, numbers.get(node.id, ""), node_text(node), depths[node.id], fields)

    def pair_row(a: Node, b: Node) -> None:
        left, right = side(a, numbers_a, depth_a), side(b, numbers_b, depth_b)
        changes = [
            (k, left.fields.get(k), right.fields.get(k))
            for k in TASK_FIELDS
            if a.kind == NodeKind.TASK
            and (left.fields.get(k) or None) != (right.fields.get(k) or None)
        ]
        same_text = left.text == right.text
        status = SAME if same_text and not changes else CHANGED
        opcodes = [] if same_text else char_opcodes(left.text, right.text)
        parent_partner = reverse.get(b.parent_id) if b.parent_id is not None else None
        moved = parent_partner != a.parent_id
        rows.append(CompareRow(b.kind, status, left, right, depth_b[b.id], opcodes, moved, changes))

    def align_root() -> None:
        list_a = kids_a.get(None, [])
        list_b = kids_b.get(None, [])
        _align_lists(list_a, list_b)

    def _align_lists(list_a: list[Node], list_b: list[Node]) -> None:
        index_a = {n.id: i for i, n in enumerate(list_a)}
        pointer = 0
        for b in list_b:
            partner = reverse.get(b.id)
            if partner is not None and partner in index_a:
                for a in list_a[pointer : index_a[partner]]:
                    if a.id not in pairs:
                        _removed(a)
                pointer = max(pointer, index_a[partner] + 1)
            if partner is None:
                rows.append(
                    CompareRow(b.kind, ADDED, None, side(b, numbers_b, depth_b), depth_b[b.id])
                )
                if b.kind == NodeKind.SECTION:
                    _align_lists([], kids_b.get(b.id, []))
            else:
                pair_row(by_id_a[partner], b)
                if b.kind == NodeKind.SECTION:
                    _align_lists(kids_a.get(partner, []), kids_b.get(b.id, []))
        for a in list_a[pointer:]:
            if a.id not in pairs:
                _removed(a)

    def _removed(a: Node) -> None:
        rows.append(CompareRow(a.kind, REMOVED, side(a, numbers_a, depth_a), None, depth_a[a.id]))
        if a.kind == NodeKind.SECTION:
            _align_lists(kids_a.get(a.id, []), [])

    align_root()
    log.info("compared plans %d and %d: %d rows", plan_a, plan_b, len(rows))
    return Comparison(plan_a, plan_b, rows, pairs, header)


def _plan_rows(a: Plan, b: Plan) -> list[CompareRow]:
    """Rows for the plans' own texts (kind = the field name), when either has one."""
    rows = []
    for name in ("title", "preamble", "closing"):
        left, right = getattr(a, name) or "", getattr(b, name) or ""
        if not left and not right:
            continue
        status = SAME if left == right else CHANGED
        rows.append(
            CompareRow(
                name,
                status,
                Side(None, "", left, 0),
                Side(None, "", right, 0),
                0,
                [] if status == SAME else char_opcodes(left, right),
            )
        )
    return rows


def _children(nodes: list[Node]) -> dict[int | None, list[Node]]:
    out: dict[int | None, list[Node]] = {}
    for n in nodes:  # document order, so each list is in position order
        out.setdefault(n.parent_id, []).append(n)
    return out


# ---------------------------------------------------------------- history of a task
@dataclass(slots=True)
class HistoryEntry:
    """One earlier version of a task: where it was, what it said, how it ended."""

    task_id: int
    plan_id: int
    year: int | None
    plan_title: str
    text: str
    status: str
    progress: int
    last_note: str | None = None
    last_note_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return asdict(self)


def task_history(db: Database, task_id: int, limit: int = 50) -> list[HistoryEntry]:
    """The earlier versions of a task through ``carried_from``, the previous year first.

    The task itself is not included. Stops at a missing task or a loop.
    """
    task = outline.get_node(db, task_id)
    out: list[HistoryEntry] = []
    seen = {task.id}
    current = task.carried_from
    while current is not None and current not in seen and len(out) < limit:
        seen.add(current)
        row = db.query_one(
            "SELECT n.id, n.plan_id, n.text, n.status, n.progress, n.carried_from, "
            "p.year, p.title FROM nodes n JOIN plans p ON p.id = n.plan_id WHERE n.id = ?",
            (current,),
        )
        if row is None:
            break
        note = db.query_one(
            "SELECT text, entry_date FROM progress_log WHERE task_id = ? "
            "ORDER BY entry_date DESC, id DESC LIMIT 1",
            (current,),
        )
        out.append(
            HistoryEntry(
                task_id=row["id"],
                plan_id=row["plan_id"],
                year=row["year"],
                plan_title=row["title"],
                text=row["text"],
                status=row["status"],
                progress=row["progress"],
                last_note=note["text"] if note else None,
                last_note_date=note["entry_date"] if note else None,
            )
        )
        current = row["carried_from"]
    return out
