"""Word and Excel import: automatic numbering, heading styles, task tables, merged cells."""

from __future__ import annotations

from pathlib import Path

from models.importing import parse_file
from models.importing.conservation import check_conservation
from tests.models.import_fixtures import numbered_docx, styled_docx, table_docx, task_xlsx


def _parse(path: Path):
    result = parse_file(path)
    check_conservation(result)
    assert len(result.documents) == 1
    return result.documents[0]


def test_docx_word_auto_numbering_maps_list_levels(tmp_path: Path):
    doc = _parse(numbered_docx(tmp_path / "numbered.docx"))
    assert doc.title == "XX镇2025年工作计划" and doc.year == 2025
    assert doc.preamble.startswith("2025年，全镇将围绕中心工作")
    assert [(s.heading, s.level) for s in doc.sections] == [
        ("加强党的建设", 1),
        ("发展镇域经济", 1),
    ]
    kids = doc.sections[0].children
    assert [(s.heading, s.level) for s in kids] == [("抓好思想建设", 2), ("抓好组织建设", 2)]
    assert kids[0].task_style == "yishi"
    assert [t.text for t in kids[1].tasks] == [
        "开展村级党组织星级评定。",
        "每季度召开一次党建工作推进会。",
    ]
    assert kids[1].task_style == "numbered"
    assert kids[1].tasks[1].frequency == "quarterly"


def test_docx_heading_styles(tmp_path: Path):
    doc = _parse(styled_docx(tmp_path / "styled.docx"))
    assert doc.title == "县司法局2025年工作要点" and doc.organization == "县司法局"
    assert [s.heading for s in doc.sections] == ["总体要求", "重点任务"]
    assert [s.heading for s in doc.sections[1].children] == ["普法宣传", "法律服务"]
    tasks = doc.sections[1].children[0].tasks
    assert [t.text for t in tasks] == ["落实普法责任制。", "推进以案释法。"]


def test_docx_task_table_rows_become_tasks(tmp_path: Path):
    doc = _parse(table_docx(tmp_path / "table.docx"))
    assert [s.heading for s in doc.sections] == ["基层党建", "产业发展"]
    t1, t2 = doc.sections[0].tasks
    assert (t1.text, t1.lead_leader, t1.owner_unit, t1.deadline, t1.target) == (
        "开展党员冬春训。",
        "张三",
        "党建办",
        "3月底前",
        "培训党员500人次",
    )
    assert (t2.owner_unit, t2.deadline) == ("党建办、财政所", "年底前")
    assert doc.sections[0].task_style == "numbered"
    assert doc.sections[1].tasks[0].lead_leader == "李四"


def test_xlsx_task_table_with_merged_cells(tmp_path: Path):
    doc = _parse(task_xlsx(tmp_path / "tasks.xlsx"))
    assert doc.title == "XX镇2025年重点工作任务分解表"
    assert [s.heading for s in doc.sections] == ["乡村振兴", "平安建设"]
    a, b = doc.sections[0].tasks
    assert (a.text, a.lead_leader, a.owner_unit, a.deadline) == (
        "新建高标准农田3000亩。",
        "王五",
        "农业办",
        "2025年10月前",
    )
    # the leader cell is merged over two rows: the second task inherits it
    assert (b.text, b.lead_leader, b.owner_unit) == ("每月开展人居环境检查。", "王五", "村建办")
    assert b.frequency == "monthly"


def test_docx_line_breaks_and_no_title(tmp_path: Path):
    import docx

    d = docx.Document()
    p = d.add_paragraph("一、抓好党建。加强党员教育")
    p.add_run().add_break()
    p.add_run("管理，推进廉政建设。")
    d.add_paragraph("二、发展经济。扩大油茶种植。")
    path = tmp_path / "无标题.docx"
    d.save(path)
    result = parse_file(path)
    check_conservation(result)
    doc = result.documents[0]
    assert doc.title == "无标题" and not doc.title_from_source and doc.year is None
    assert [s.heading for s in doc.sections] == ["抓好党建", "发展经济"]
    assert [t.text for t in doc.sections[0].tasks] == ["加强党员教育管理，推进廉政建设。"]


def test_docx_progress_and_cancel(tmp_path: Path):
    import pytest

    from models.errors import Cancelled

    path = numbered_docx(tmp_path / "n.docx")
    seen: list[tuple[int, int]] = []
    parse_file(path, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(Cancelled):
        parse_file(path, should_cancel=lambda: True)


def test_xlsx_extra_columns_go_to_the_note_in_column_order(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["备注", "序号", "工作任务", "进展情况", "责任单位", "完成时限"])
    ws.append(["重点督办", 1, "新建村级活动场所2个。", "已选址", "党建办", "9月底前"])
    path = tmp_path / "extra.xlsx"
    wb.save(path)
    doc = _parse(path)
    task = doc.tasks[0]
    assert (task.text, task.owner_unit, task.deadline) == (
        "新建村级活动场所2个。",
        "党建办",
        "9月底前",
    )
    assert task.note == "重点督办\n已选址"
    assert task.target == "2个"


def test_docx_list_styles_linked_to_numbering_are_tasks(tmp_path: Path):
    import docx

    d = docx.Document()
    d.add_paragraph("XX镇2025年工作要点", style="Title")
    d.add_paragraph("一、加强党建", style="Heading 1")
    d.add_paragraph("抓好党员教育。", style="List Bullet")
    d.add_paragraph("推进廉政建设。", style="List Bullet")
    d.add_paragraph("二、发展经济", style="Heading 1")
    d.add_paragraph("扩大规模。", style="List Number")
    d.add_paragraph("建设园区。", style="List Number")
    path = tmp_path / "lists.docx"
    d.save(path)
    doc = _parse(path)
    assert [s.heading for s in doc.sections] == ["加强党建", "发展经济"]
    assert [(s.task_style, [t.text for t in s.tasks]) for s in doc.sections] == [
        ("paragraphs", ["抓好党员教育。", "推进廉政建设。"]),
        ("numbered", ["扩大规模。", "建设园区。"]),
    ]


def test_docx_outline_level_and_list_level_without_a_value(tmp_path: Path):
    """A hand-edited file may leave w:outlineLvl or w:ilvl without w:val: such an element
    says nothing (no heading level, list level 0) and the import goes on."""
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("XX镇2025年工作要点", style="Title")
    d.add_paragraph("一、加强党建", style="Heading 1")
    bare = d.add_paragraph("抓好党员教育。")
    ppr = bare._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:outlineLvl"))
    listed = d.add_paragraph("推进廉政建设。", style="List Number")
    num_pr = OxmlElement("w:numPr")
    num_id = OxmlElement("w:numId")
    num_id.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "1")
    num_pr.append(num_id)
    listed._p.get_or_add_pPr().append(num_pr)
    path = tmp_path / "bare.docx"
    d.save(path)
    doc = _parse(path)
    assert [(s.heading, s.level) for s in doc.sections] == [("加强党建", 1)]
    assert doc.sections[0].body == "抓好党员教育。"
    assert [t.text for t in doc.sections[0].tasks] == ["推进廉政建设。"]
