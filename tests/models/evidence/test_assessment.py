"""考核细则 and the 自评表 of a sample year: import, links, the rule, overrides, no invention."""

from __future__ import annotations

import pytest

from models.errors import ImportFileError, InvalidOperationError
from models.evidence import assessment as A
from tests.assessment_fixture import county_docx, county_xlsx, sample_year


@pytest.mark.parametrize("make", [county_xlsx, county_docx])
def test_import_reads_the_county_table(db, tmp_path, make):
    path = make(tmp_path / f"细则.{make.__name__.split('_')[1]}")
    ids = A.import_items(db, 2025, path)
    items = A.list_items(db, 2025)
    assert [i.id for i in items] == ids
    assert [(i.number, i.project, i.points, i.department) for i in items] == [
        ("1", "党建工作", 10.0, "县委组织部"),
        ("2", "党建工作", 5.0, "县纪委"),
        ("3", "产业发展", 20.0, "县农业农村局"),
        ("4", "民生保障", 8.0, "县卫健局"),
    ]
    assert items[2].indicator == "油茶种植1000亩" and items[2].criteria == "按完成比例计分"
    with pytest.raises(InvalidOperationError):  # a second import must say --replace
        A.import_items(db, 2025, path)
    assert len(A.import_items(db, 2025, path, replace=True)) == 4
    assert len(A.list_items(db, 2025)) == 4


def test_a_table_without_the_header_is_refused(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["名称", "数量"])
    wb.active.append(["甲", "1"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(ImportFileError) as info:
        A.import_items(db, 2025, tmp_path / "x.xlsx")
    assert "考核项目" in info.value.user_text
    assert A.list_items(db, 2025) == []


def test_the_self_assessment_of_a_sample_year(db, tmp_path):
    t = sample_year(db, tmp_path)
    A.import_items(db, 2025, county_xlsx(tmp_path / "细则.xlsx"))
    i1, i2, i3, i4 = (i.id for i in A.list_items(db, 2025))
    A.link_tasks(db, i1, [t["t0"]])
    A.link_tasks(db, i2, [t["t1"]])
    A.link_tasks(db, i3, [t["t2"], t["t1"]])
    sa = A.self_assessment(db, 2025)
    r1, r2, r3, r4 = sa.rows
    # done with evidence: full points; the notes, dated, are the 详细说明
    assert (r1.completed, r1.progress, r1.proposed, r1.score) == ("是", 100, 10.0, 10.0)
    assert [e.name for e in r1.evidence] == ["轮训现场.jpg"]
    assert r1.details == (
        "抓好党员教育管理：2025-03-10，已开展党员集中轮训2期；2025-06-20，全体党员完成轮训。"
    )
    # 60 % without evidence counts half: 5 × 30 % = 1.5
    assert (r2.completed, r2.progress, r2.proposed, r2.evidence) == ("部分完成", 60, 1.5, [])
    # (100 + 60/2) / 2 = 65 % of 20
    assert r3.proposed == 13.0 and r3.completed == "部分完成"
    # T2 has no progress note: nothing is said of it
    assert r3.details == "推进党风廉政建设：2025-05-08，召开廉政警示教育会。"
    # nothing linked: nothing proposed, nothing invented
    assert (r4.completed, r4.progress, r4.proposed, r4.details) == (
        A.PENDING, None, None, A.PENDING,
    )  # fmt: skip
    assert sa.total_points == 43 and sa.total_score is None
    assert sa.organization == "测试镇人民政府"


def test_the_user_overrides_the_score_and_can_go_back(db, tmp_path):
    t = sample_year(db, tmp_path)
    item = A.add_item(db, 2025, project="党建工作", points="10分", number="1")
    A.link_tasks(db, item, [t["t1"]])
    assert A.self_assessment(db, 2025).rows[0].score == 3.0
    A.set_self_score(db, item, 8.5)
    row = A.self_assessment(db, 2025).rows[0]
    assert (row.proposed, row.score, row.overridden) == (3.0, 8.5, True)
    assert A.self_assessment(db, 2025).total_score == 8.5
    with pytest.raises(InvalidOperationError):
        A.set_self_score(db, item, 11)
    A.set_self_score(db, item, None)
    assert A.self_assessment(db, 2025).rows[0].score == 3.0


def test_remove_and_restore_an_item_with_its_links(db, tmp_path):
    t = sample_year(db, tmp_path)
    a = A.add_item(db, 2025, project="甲", points=1)
    b = A.add_item(db, 2025, project="乙", points=2)
    A.link_tasks(db, a, [t["t0"], t["t1"]])
    before = A.list_items(db, 2025)
    saved = A.remove_item(db, a)
    assert [i.id for i in A.list_items(db, 2025)] == [b]
    assert A.list_items(db, 2025)[0].position == 0
    A.restore_item(db, saved)
    assert A.list_items(db, 2025) == before


def test_bad_items_are_refused(db, tmp_path):
    t = sample_year(db, tmp_path)
    with pytest.raises(InvalidOperationError):
        A.add_item(db, 2025, project="", points=1)
    with pytest.raises(InvalidOperationError):
        A.add_item(db, 2025, project="甲", points="若干")
    item = A.add_item(db, 2025, project="甲", points=1)
    section = db.scalar("SELECT id FROM nodes WHERE kind = 'section' LIMIT 1")
    with pytest.raises(InvalidOperationError):
        A.link_tasks(db, item, [t["t0"], section])
    assert A.get_item(db, item).task_ids == []  # the good task of the call is not linked


def test_snapshot_and_put_back_restore_a_year_exactly(db, tmp_path):
    t = sample_year(db, tmp_path)
    A.import_items(db, 2025, county_xlsx(tmp_path / "细则.xlsx"))
    first = A.list_items(db, 2025)[0].id
    A.link_tasks(db, first, [t["t0"]])
    A.set_self_score(db, first, 9)
    saved = A.snapshot_year(db, 2025)
    before = A.list_items(db, 2025)
    A.import_items(db, 2025, county_xlsx(tmp_path / "细则.xlsx"), replace=True)
    assert A.list_items(db, 2025) != before
    A.put_back_year(db, 2025, saved)
    assert A.list_items(db, 2025) == before
