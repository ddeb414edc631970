"""Builders of import fixtures (.docx with Word numbering, .xlsx with merged cells, bombs)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

NUMBERING = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
    '<w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
)


def add_numbering(document: docx.document.Document) -> str:
    """Add a three-level list (一、 / （一） / 1.) to the document; returns its numId."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    return "90"


def numbered(document: docx.document.Document, text: str, ilvl: int, num_id: str = "90"):
    """A paragraph in the Word list ``num_id`` at level ``ilvl`` (no number in its text)."""
    p = document.add_paragraph(text)
    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)
    return p


def numbered_docx(path: Path) -> Path:
    """A plan whose numbers all come from Word's automatic numbering."""
    d = docx.Document()
    add_numbering(d)
    d.add_paragraph("XX镇2025年工作计划")
    d.add_paragraph("2025年，全镇将围绕中心工作，扎实推进各项任务。")
    numbered(d, "加强党的建设", 0)
    numbered(d, "抓好思想建设。一是深入开展理论学习；二是抓好意识形态工作。", 1)
    numbered(d, "抓好组织建设", 1)
    numbered(d, "开展村级党组织星级评定。", 2)
    numbered(d, "每季度召开一次党建工作推进会。", 2)
    numbered(d, "发展镇域经济", 0)
    numbered(d, "壮大特色产业。扩大油茶种植规模，新增油茶种植2000亩以上。", 1)
    d.save(path)
    return path


def styled_docx(path: Path) -> Path:
    """Heading styles without numbers in the text, and a Title."""
    d = docx.Document()
    d.add_paragraph("县司法局2025年工作要点", style="Title")
    d.add_paragraph("总体要求", style="Heading 1")
    d.add_paragraph("坚持依法治县，推进法治政府建设。")
    d.add_paragraph("重点任务", style="Heading 1")
    d.add_paragraph("普法宣传", style="Heading 2")
    d.add_paragraph("落实普法责任制。推进以案释法。")
    d.add_paragraph("法律服务", style="Heading 2")
    d.add_paragraph("加强法律援助工作。")
    d.save(path)
    return path


def table_docx(path: Path) -> Path:
    """A 任务分解表 with a merged category column."""
    d = docx.Document()
    d.add_paragraph("XX镇2025年重点工作任务分解表")
    rows = [
        ("序号", "类别", "工作任务", "牵头领导", "责任单位", "完成时限", "量化目标"),
        ("1", "基层党建", "开展党员冬春训。", "张三", "党建办", "3月底前", "培训党员500人次"),
        ("2", "基层党建", "推进村级阵地建设。", "张三", "党建办、财政所", "年底前", ""),
        ("3", "产业发展", "扩大油茶种植面积。", "李四", "农业办", "6月底前", "2000亩"),
    ]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r == 2 and c == 1:
                continue  # merged into the cell above
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 1).text = "基层党建"
    d.save(path)
    return path


def task_xlsx(path: Path) -> Path:
    """An Excel 任务分解表: a merged title row, merged category and leader cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws.append(["XX镇2025年重点工作任务分解表"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "重点工作", "工作任务", "牵头领导", "责任单位", "完成时限"])
    ws.append([1, "乡村振兴", "新建高标准农田3000亩。", "王五", "农业办", "2025年10月前"])
    ws.append([2, None, "每月开展人居环境检查。", None, "村建办", "常态化"])
    ws.append([3, "平安建设", "化解信访积案。", "赵六", "综治中心", "年底前"])
    ws.merge_cells("B3:B4")
    ws.merge_cells("D3:D4")
    wb.save(path)
    return path


def zip_bomb(path: Path) -> Path:
    """A .docx whose document.xml inflates to ~400 MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"0" * (1024 * 1024)
            for _ in range(400):
                fh.write(chunk)
    return path


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def billion_laughs_docx(tmp: Path, path: Path) -> Path:
    """A real .docx whose document.xml is replaced by the billion-laughs XML."""
    src = tmp / "plain.docx"
    d = docx.Document()
    d.add_paragraph("正文")
    d.save(src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = BILLION_LAUGHS.encode("utf-8")
            zout.writestr(item, data)
    return path


def billion_laughs_xlsx(tmp: Path, path: Path) -> Path:
    """A real .xlsx whose first sheet is replaced by an XML with nested entities."""
    src = task_xlsx(tmp / "plain.xlsx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = BILLION_LAUGHS.replace("w:document", "worksheet").encode("utf-8")
            zout.writestr(item, data)
    return path
