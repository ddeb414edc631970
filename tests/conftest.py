"""Shared fixtures: a fresh database file per test, plan builders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Before anything imports PySide6 (STYLE.md §6).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if sys.platform == "win32":  # offscreen on Windows reads fonts only from QT_QPA_FONTDIR
    os.environ.setdefault(
        "QT_QPA_FONTDIR", os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts")
    )
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.wine import UNDER_WINE  # noqa: E402

if UNDER_WINE:
    # Wine's Fonts folder has no Times New Roman, the Latin font of the documents, which every
    # Windows has (the digits of a 落款 are laid out at its 0.5 em): build.sh puts Liberation
    # Serif, of the same metrics, there; fontconfig makes that substitution on Linux.
    from PySide6.QtGui import QFont

    QFont.insertSubstitution("Times New Roman", "Liberation Serif")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from models.outline import store_document  # noqa: E402
from models.store.db import Database  # noqa: E402
from models.store.open import open_database  # noqa: E402

# CI runs the property tests on fixed examples, so that a run is reproducible and a rare
# counterexample shows up on a developer's random run instead of failing someone's submission.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The seed compilation the bundled sample was made from (a copy of shared/seeds/).
SEED = ROOT / "tests" / "data" / "2024-plans-compilation.txt"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data folder, settings or $PLANDESK_DB."""
    monkeypatch.delenv("PLANDESK_DB", raising=False)
    # the data folder through PlanDesk's own override: platformdirs ignores XDG_* on Windows
    monkeypatch.setenv("PLANDESK_DATA_DIR", str(tmp_path / "xdg-data" / "PlanDesk"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plandesk.db"


@pytest.fixture
def db(db_path: Path) -> Database:
    """A freshly created and migrated, empty database."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def seed_text() -> str:
    """The seed compilation of three 2024 plans, web noise included."""
    return SEED.read_text(encoding="utf-8")


def make_plan(
    db: Database,
    *,
    title: str = "测试镇2025年工作计划",
    year: int = 2025,
    sections: list | None = None,
    **plan_fields,
) -> int:
    """Store a small plan: sections given as (heading, [task texts], [child sections])."""

    def section(spec: tuple) -> dict:
        heading, tasks, *rest = spec
        kids = rest[0] if rest else []
        return {
            "heading": heading,
            "task_style": "sentences",
            "run_in": "。",
            "tasks": [t if isinstance(t, dict) else {"text": t} for t in tasks],
            "children": [section(k) for k in kids],
        }

    if sections is None:
        sections = [
            ("加强党的建设", ["抓好党员教育管理。", "推进党风廉政建设。"]),
            ("发展镇域经济", ["扩大油茶种植规模。"], [("做强特色产业", ["打造特色品牌。"])]),
        ]
    doc = {
        "title": title,
        "year": year,
        "organization": "测试镇",
        **plan_fields,
        "sections": [section(s) for s in sections],
    }
    return store_document(db, doc)


@pytest.fixture
def plan_factory(db: Database):
    """Call with keyword arguments of make_plan; returns the plan id."""
    return lambda **kw: make_plan(db, **kw)
