"""Offices in temp folders: each a real PlanDesk database in its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import outline
from models.exchange import offices, projection
from models.store.check import check
from models.store.open import open_database


class Desk:
    """One office's database and the folder it lives in."""

    def __init__(self, root: Path, code: str, name: str, kind: str) -> None:
        folder = root / code
        folder.mkdir()
        self.db = open_database(folder / "plandesk.db")
        self.office = offices.set_own_office(self.db, code=code, name=name, kind=kind)
        self.folder = folder

    def knows(self, other: Desk) -> None:
        o = other.office
        offices.add_office(self.db, code=o.code, name=o.name, kind=o.kind)

    def own(self):
        return projection.snapshot(self.db, None)

    def of(self, other: Desk):
        return projection.snapshot(self.db, other.office.uuid)

    def node(self, text: str) -> int:
        return int(
            self.db.scalar("SELECT id FROM nodes WHERE text = ? OR heading = ?", (text, text))
        )

    def assert_sound(self) -> None:
        assert check(self.db) == []


@pytest.fixture
def county(tmp_path):
    desk = Desk(tmp_path, "331100", "某县督查室", "县督查室")
    yield desk
    desk.db.close()


@pytest.fixture
def town_a(tmp_path, county):
    desk = Desk(tmp_path, "331101001", "油茶镇", "乡镇")
    desk.knows(county)
    county.knows(desk)
    yield desk
    desk.db.close()


@pytest.fixture
def town_b(tmp_path, county):
    desk = Desk(tmp_path, "331101002", "竹溪乡", "乡镇")
    desk.knows(county)
    county.knows(desk)
    yield desk
    desk.db.close()


def small_plan(db, title: str, year: int = 2025) -> int:
    """A plan with two sections and three tasks."""
    plan = outline.create_plan(db, title=title, year=year)
    s1 = outline.add_node(db, plan, None, "section", heading="产业发展")
    s2 = outline.add_node(db, plan, None, "section", heading="基层治理")
    outline.add_node(db, plan, s1, "task", text=f"{title}扩大油茶种植面积。", owner_unit="农业办")
    outline.add_node(db, plan, s1, "task", text=f"{title}建设冷链仓库。", owner_unit="经发办")
    outline.add_node(db, plan, s2, "task", text=f"{title}开展矛盾纠纷排查。", owner_unit="综治办")
    return plan
