"""The import rules of STYLE.md §1, enforced on the ast of every file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")

# folder -> forbidden import prefixes
RULES = {
    "models": ("PySide6", "ui", "export", "cli", "shiboken6"),
    "export": ("ui", "cli", "PySide6.QtWidgets", "PySide6.QtPrintSupport"),
    "resources": ("models", "export", "ui", "cli", "PySide6"),
    "cli": ("ui", "PySide6.QtWidgets"),
    "tests/models": ("PySide6", "ui", "pytestqt"),
    "tests/export": ("PySide6.QtWidgets", "ui", "pytestqt"),
    "tests/cli": ("PySide6", "ui", "pytestqt"),
}
# export/pdf.py alone may use QtGui (STYLE.md §1); nothing else in export/ touches Qt
EXPORT_QT_ALLOWED = {"pdf.py", "fonts.py"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", sorted(RULES))
def test_forbidden_imports(folder):
    bad = []
    for path in _files(folder):
        for name in _imports(path):
            for prefix in RULES[folder]:
                if name == prefix or name.startswith(prefix + "."):
                    bad.append(f"{path.relative_to(ROOT)}: {name}")
    assert bad == []


def test_only_pdf_module_of_export_uses_qt():
    bad = [
        str(p.relative_to(ROOT))
        for p in _files("export")
        if p.name not in EXPORT_QT_ALLOWED and any(n.startswith("PySide6") for n in _imports(p))
    ]
    assert bad == []


STRINGS = ROOT / "ui" / "strings"


def test_each_ui_text_is_defined_once():
    """Two definitions of one name: the later silently won (a paste said "{count} 个单元格")."""
    seen: dict[str, list[str]] = {}
    for path in sorted(STRINGS.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    seen.setdefault(target.id, []).append(f"{path.name}:{node.lineno}")
    assert {name: where for name, where in seen.items() if len(where) > 1} == {}


def test_no_chinese_literals_in_ui_outside_strings():
    bad = []
    for path in _files("ui"):
        if path.parent == STRINGS:  # the one place of UI text
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if CJK.search(node.value):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []
