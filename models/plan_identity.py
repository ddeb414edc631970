"""Is a parsed document the same plan as one already stored? (for a repeated import)

Two plans are the same when their titles are equal and their outlines hold the same
headings and task texts in the same order; whitespace does not count. A second import of the
same file gives exactly that, as does the same plan sent again under another file name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from models import outline
from models.vocab import COPY_MARK, COPY_MARK_N, NodeKind

if TYPE_CHECKING:
    from models.store.db import Database

_SPACE = re.compile(r"\s+")


def _clean(text: Any) -> str:
    return _SPACE.sub("", str(text or ""))


def _doc_items(doc: dict[str, Any]) -> Iterator[str]:
    """Headings and task texts of a parsed document in stored order (tasks first)."""

    def section(sec: dict[str, Any]) -> Iterator[str]:
        yield "s:" + _clean(sec.get("heading"))
        for task in sec.get("tasks") or []:
            yield "t:" + _clean(task.get("text"))
        for child in sec.get("children") or []:
            yield from section(child)

    for task in doc.get("tasks") or []:
        yield "t:" + _clean(task.get("text"))
    for sec in doc.get("sections") or []:
        yield from section(sec)


def _digest(items: Iterator[str]) -> str:
    sha = hashlib.sha1()
    for item in items:
        sha.update(item.encode("utf-8") + b"\n")
    return sha.hexdigest()


def document_fingerprint(doc: dict[str, Any]) -> str:
    """A digest of a parsed document's outline (headings and task texts, in order)."""
    return _digest(_doc_items(doc))


def plan_fingerprint(db: Database, plan_id: int) -> str:
    """The same digest for a stored plan."""
    nodes = outline.load_outline(db, plan_id)
    return _digest(
        ("s:" + _clean(n.heading)) if n.kind == NodeKind.SECTION else ("t:" + _clean(n.text))
        for n in nodes
    )


def same_plans(db: Database, doc: dict[str, Any]) -> list[int]:
    """Ids of stored plans with the document's title and outline (oldest first)."""
    title = _clean(doc.get("title"))
    candidates = [p.id for p in outline.list_plans(db) if _clean(p.title) == title]
    if not candidates:
        return []
    wanted = document_fingerprint(doc)
    return sorted(pid for pid in candidates if plan_fingerprint(db, pid) == wanted)


def copy_title(db: Database, title: str) -> str:
    """The title for a copy: the title with the copy mark (numbered when that is taken)."""
    taken = {p.title for p in outline.list_plans(db)}
    candidate = title + COPY_MARK
    n = 2
    while candidate in taken:
        candidate = title + COPY_MARK_N.format(n=n)
        n += 1
    return candidate
