"""A sample year for the 自评表: a plan with done and open tasks, notes, evidence, and the
county's 考核细则 as real .xlsx and .docx tables (a 考核项目 merged over two rows)."""

from __future__ import annotations

from pathlib import Path

import docx
from openpyxl import Workbook

from models import outline, tracking
from models.evidence import store
from models.store.db import Database
from tests.evidence_fixture import make_plan, pdf, photo

HEADER = ["序号", "考核项目", "分值", "考核指标", "评分标准", "负责考核部门"]
ROWS = [
    ["1", "党建工作", "10", "党员教育全覆盖", "未完成扣5分", "县委组织部"],
    ["2", "", "5", "党风廉政建设", "发生问题不得分", "县纪委"],  # 考核项目 merged above
    ["3", "产业发展", "20分", "油茶种植1000亩", "按完成比例计分", "县农业农村局"],
    ["4", "民生保障", "8", "新建卫生室2个", "每少1个扣4分", "县卫健局"],
    ["合计", "", "43", "", "", ""],
]


def county_xlsx(path: Path) -> Path:
    """The 考核细则 as the county sends it: a title row, the header, merged 考核项目."""
    wb = Workbook()
    ws = wb.active
    ws.append(["测试县2025年度乡镇目标考核细则"])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    ws.merge_cells("B3:B4")
    wb.save(path)
    return path


def county_docx(path: Path) -> Path:
    """The same table in a Word document, the 考核项目 cell merged vertically."""
    document = docx.Document()
    document.add_paragraph("测试县2025年度乡镇目标考核细则")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, 1):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 1).text = "党建工作"
    document.save(path)
    return path


def sample_year(db: Database, tmp_path: Path) -> dict[str, int]:
    """Tasks of 2025: T0 done with a note and a photo, T1 at 60% without evidence,
    T2 done with a PDF but no note. Returns their ids by name."""
    _plan, (t0, t1, t2) = make_plan(db)
    tracking.add_progress(db, t0, "已开展党员集中轮训2期。", 50, entry_date="2025-03-10")
    tracking.add_progress(db, t0, "全体党员完成轮训。", 100, entry_date="2025-06-20")
    tracking.add_progress(db, t1, "召开廉政警示教育会。", 60, entry_date="2025-05-08")
    outline.update_node(db, t2, status="done", progress=100)
    store.add_evidence(db, t0, [photo(tmp_path / "轮训现场.jpg")])
    store.add_evidence(db, t2, [pdf(tmp_path / "验收报告.pdf")])
    return {"t0": t0, "t1": t1, "t2": t2}
