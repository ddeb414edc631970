"""The typed host of UI features (ui/host.py): the window provides it, features keep to it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui.host import Host

pytestmark = pytest.mark.gui

UI = Path(__file__).resolve().parents[2] / "ui"
WINDOW = "ui.shell.main_window"


def _trees():
    for path in sorted(UI.rglob("*.py")):
        yield path.relative_to(UI.parent).as_posix(), ast.parse(path.read_text("utf-8"))


def test_the_main_window_is_a_host(window):
    assert isinstance(window, Host)
    members = [m for m in Host.__dict__ if not m.startswith("_")]
    members += list(Host.__annotations__)
    missing = [m for m in members if not hasattr(window, m)]
    assert missing == []


def test_no_feature_imports_the_main_window():
    importers = []
    for name, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                node.module == WINDOW
                or (node.module == "ui.shell" and any(a.name == "main_window" for a in node.names))
            ):
                importers.append(name)
            elif isinstance(node, ast.Import) and any(a.name == WINDOW for a in node.names):
                importers.append(name)
    assert importers == ["ui/shell/app.py"]  # the one that builds the window


def test_no_window_parameter_is_untyped():
    loose = []
    for name, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.arg) and node.arg == "window":
                note = node.annotation
                if note is None or (isinstance(note, ast.Name) and note.id == "Any"):
                    loose.append(f"{name}:{node.lineno}")
    assert loose == []


def _assigned_in_main_window() -> set[str]:
    tree = ast.parse((UI / "shell" / "main_window.py").read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                names.add(node.attr)
    return names


def test_features_attach_nothing_to_the_window(window):
    # every attribute the window has after the features are installed is one the window
    # itself assigns: a feature's objects are returned to it, never set on it
    # (class attributes are Qt's cached signals; __METAOBJECT__ is PySide's own)
    own = {k for k in vars(window) if not hasattr(type(window), k) and not k.startswith("__")}
    attached = own - _assigned_in_main_window()
    assert "tracking" in own and attached == set()
