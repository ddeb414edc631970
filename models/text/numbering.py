"""Chinese outline numbers (一、 （一） 1. （1） ①), generated from depth and position."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from models.text.numerals import CIRCLED, cn_numeral

if TYPE_CHECKING:
    from models.entities import Node


def heading_number(level: int, index: int) -> str:
    """Number of the index-th (1-based) heading at a level (1 = top) as GB/T 9704 writes it."""
    if level <= 1:
        return f"{cn_numeral(index)}、"
    if level == 2:
        return f"（{cn_numeral(index)}）"
    if level == 3:
        return f"{index}."
    if level == 4:
        return f"（{index}）"
    return CIRCLED[index - 1] if index <= len(CIRCLED) else f"{index})"


def task_label(style: str | None, level: int, index: int) -> str:
    """Label of the index-th task in a section whose tasks are written in ``style``.

    ``yishi`` → 一是 (the exported text reads 一是…；二是…); ``numbered`` → the number of
    that level; sentences and paragraphs carry no number.
    """
    if style == "yishi":
        return f"{cn_numeral(index)}是"
    if style == "numbered":
        return heading_number(level, index)
    return ""


def outline_numbers(nodes: Iterable[Node]) -> dict[int, str]:
    """Numbers of every node of one plan, keyed by node id.

    ``nodes`` are objects with id, parent_id, position, kind and task_style (entities.Node).
    Under a section whose tasks are ``numbered`` (and at the top level of a plan), tasks and
    sub-sections share one sequence; elsewhere they are counted separately.
    """
    by_parent: dict[int | None, list[Node]] = {}
    by_id: dict[int, Node] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
        by_id[node.id] = node
    result: dict[int, str] = {}

    def walk(parent_id: int | None, depth: int) -> None:
        children = sorted(by_parent.get(parent_id, []), key=lambda n: n.position)
        parent = by_id.get(parent_id) if parent_id is not None else None
        style = parent.task_style if parent is not None else "numbered"
        labels = sibling_numbers([c.kind for c in children], style, depth)
        for child, number in zip(children, labels, strict=True):
            result[child.id] = number
            if child.kind == "section":
                walk(child.id, depth + 1)

    walk(None, 1)
    return result


def sibling_numbers(kinds: list[str], style: str | None, depth: int) -> list[str]:
    """Numbers of one parent's children, given their kinds in order.

    ``style`` is the parent's task_style (the top level of a plan counts as ``numbered``).
    Numbered tasks and sub-sections sit at the same level, so they share one sequence
    (1. 2. 3.); otherwise tasks (一是…, sentences) are counted apart from sections.
    """
    shared = style == "numbered"
    n_section = n_task = 0
    out: list[str] = []
    for kind in kinds:
        if kind == "section":
            n_section += 1
            out.append(heading_number(depth, n_section + (n_task if shared else 0)))
        else:
            n_task += 1
            out.append(task_label(style, depth, n_task + (n_section if shared else 0)))
    return out
