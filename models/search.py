"""Full-text search over every plan and year: headings, bodies, task texts, notes, progress notes.

Terms of three or more characters use the trigram index ``nodes_fts`` (schema v1); shorter
terms (羊, 油茶, 低保) use ``nodes_grams``, an FTS5 table of single characters and character
pairs (schema v2). Both are kept in step by triggers, so every edit, import, rollover and
undo is searchable at once. Terms separated by spaces must all match (AND).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from models.errors import InvalidOperationError
from models.store.db import Database
from models.vocab import NodeKind

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 200
MARK_START = "【"
MARK_END = "】"
SNIPPET_CONTEXT = 18  # characters shown on each side of the first match

_NODE_FIELDS = ("heading", "body", "text", "note")
_PROGRESS_FIELDS = ("text", "problems")


@dataclass(slots=True)
class SearchHit:
    """One search result: a node (or a progress note of a task) and where the match is."""

    plan_id: int
    node_id: int
    year: int | None
    plan_title: str
    kind: str  # 'section' | 'task' | 'progress'
    field: str  # which field matched first: heading, body, text, note, problems
    text: str  # what a list shows: the heading of a section, the text of a task or note
    snippet: str  # the matched passage with every match wrapped in MARK_START/MARK_END
    progress_id: int | None = None

    def as_json(self) -> dict[str, object]:
        """The CLI's JSON form."""
        return {
            "plan_id": self.plan_id,
            "node_id": self.node_id,
            "year": self.year,
            "text": self.text,
            "plan_title": self.plan_title,
            "kind": self.kind,
            "field": self.field,
            "snippet": self.snippet,
            "progress_id": self.progress_id,
        }


def split_terms(query: str) -> list[str]:
    """The distinct terms of a query (split on white space), in order."""
    return list(dict.fromkeys(t for t in re.split(r"\s+", query or "") if t))


def _phrase(term: str) -> str:
    """An FTS5 phrase literal: the term in double quotes, inner quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def _term_condition(
    term: str, rowid: str, trigram: str, grams: str, fields: tuple[str, ...], table: str
) -> tuple[str, tuple[str, ...]]:
    """SQL restricting ``rowid`` to rows containing ``term``, with its parameters."""
    if len(term) >= 3:
        return f"{rowid} IN (SELECT rowid FROM {trigram} WHERE {trigram} MATCH ?)", (_phrase(term),)
    if all(ch.isalnum() for ch in term):
        return f"{rowid} IN (SELECT rowid FROM {grams} WHERE {grams} MATCH ?)", (_phrase(term),)
    # Punctuation in a 1–2 character term is not a token of the grams index: scan instead
    # (rare, and correct if slow).
    like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cond = " OR ".join(f"{table}.{f} LIKE ? ESCAPE '\\'" for f in fields)
    return f"({cond})", tuple(like for _ in fields)


def snippet(
    text: str,
    terms: list[str],
    context: int = SNIPPET_CONTEXT,
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> str:
    """The passage of ``text`` around the first match, every match of a term marked."""
    if not text:
        return ""
    lower = text.lower()
    first = min((p for p in (lower.find(t.lower()) for t in terms) if p >= 0), default=0)
    start = max(0, first - context)
    end = min(len(text), first + context + max((len(t) for t in terms), default=0))
    part = text[start:end]
    pattern = _pattern(tuple(terms))
    marked = pattern.sub(lambda m: f"{marks[0]}{m.group(0)}{marks[1]}", part) if terms else part
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")


@lru_cache(maxsize=64)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any term, longest first (compiled once per query)."""
    return re.compile(
        "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )


def _first_field(row: dict[str, object], fields: tuple[str, ...], terms: list[str]) -> str:
    lowered = [t.lower() for t in terms]
    for name in fields:
        value = str(row.get(name) or "").lower()
        if value and any(t in value for t in lowered):
            return name
    return fields[0]


def search(
    db: Database,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    plan_id: int | None = None,
    include_progress: bool = True,
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> list[SearchHit]:
    """Nodes (and progress notes) of all plans containing every term of ``query``.

    Results come newest year first, then in plan and document order; progress notes after
    the nodes of a plan. An empty query returns nothing.
    """
    terms = split_terms(query)
    if not terms:
        return []
    if limit <= 0:
        raise InvalidOperationError(detail="limit must be positive")
    hits: list[SearchHit] = []
    conds: list[str] = []
    params: list[object] = []
    for term in terms:
        cond, ps = _term_condition(term, "n.id", "nodes_fts", "nodes_grams", _NODE_FIELDS, "n")
        conds.append(cond)
        params += ps
    if plan_id is not None:
        conds.append("n.plan_id = ?")
        params.append(plan_id)
    rows = db.query(
        "SELECT n.id, n.plan_id, n.kind, n.heading, n.body, n.text, n.note, p.title, p.year "
        f"FROM nodes n JOIN plans p ON p.id = n.plan_id WHERE {' AND '.join(conds)} "
        "ORDER BY p.year IS NULL, p.year DESC, p.id, n.id LIMIT ?",
        (*params, limit),
    )
    for r in rows:
        data = dict(r)
        name = _first_field(data, _NODE_FIELDS, terms)
        shown = data["text"] if data["kind"] == NodeKind.TASK else data["heading"]
        hits.append(
            SearchHit(
                r["plan_id"],
                r["id"],
                r["year"],
                r["title"],
                r["kind"],
                name,
                shown,
                snippet(str(data[name] or ""), terms, marks=marks),
            )
        )
    if include_progress and len(hits) < limit:
        hits += _search_progress(db, terms, limit - len(hits), plan_id, marks)
    return hits


def _search_progress(
    db: Database, terms: list[str], limit: int, plan_id: int | None, marks: tuple[str, str]
) -> list[SearchHit]:
    conds: list[str] = []
    params: list[object] = []
    for term in terms:
        cond, ps = _term_condition(
            term, "g.id", "progress_fts", "progress_grams", _PROGRESS_FIELDS, "g"
        )
        conds.append(cond)
        params += ps
    if plan_id is not None:
        conds.append("n.plan_id = ?")
        params.append(plan_id)
    rows = db.query(
        "SELECT g.id, g.task_id, g.text, g.problems, g.entry_date, n.plan_id, p.title, p.year "
        "FROM progress_log g JOIN nodes n ON n.id = g.task_id JOIN plans p ON p.id = n.plan_id "
        f"WHERE {' AND '.join(conds)} ORDER BY p.year IS NULL, p.year DESC, p.id, g.entry_date, "
        "g.id LIMIT ?",
        (*params, limit),
    )
    hits = []
    for r in rows:
        data = dict(r)
        name = _first_field(data, _PROGRESS_FIELDS, terms)
        hits.append(
            SearchHit(
                r["plan_id"],
                r["task_id"],
                r["year"],
                r["title"],
                "progress",
                name,
                f"{r['entry_date']} {r['text']}",
                snippet(str(data[name] or ""), terms, marks=marks),
                progress_id=r["id"],
            )
        )
    return hits
