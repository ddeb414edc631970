"""No import cycles in models/ and export/, counting imports inside functions too.

An import inside a function hides a cycle from Python's start-up, not from the design
(the db → backup → check → db loop was one); so every import statement counts here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("models", "export")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # "from models.store import backup" imports the module models.store.backup
                subs = {f"{node.module}.{a.name}" for a in node.names}
                targets |= (subs & files.keys()) or {node.module}
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_graph_sees_the_store():
    graph = _graph()
    assert "models.store.db" in graph["models.store.open"]
    assert "models.store.backup" in graph["models.store.restore"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_import_cycle(folder):
    graph = {k: v for k, v in _graph().items() if k.split(".")[0] == folder}
    graph = {k: v & graph.keys() for k, v in graph.items()}
    assert _cycle(graph) is None
