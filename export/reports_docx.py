"""Reports as .docx in the GB/T 9704 layout: 进展情况报告, 督查通报, 催办单, 年度工作总结（草稿）.

The page, styles, page numbers, title lines and signature come from export/gongwen.py and
export/content.py (the plan exporter), so there is one GB/T 9704 implementation. This
module adds what reports need on top: tables, the 主送机关 line, and attachment pages
(附件 label, attachment title). Content comes from models/reports.py.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from export import gongwen, ooxml
from export.atomic import atomic_output
from export.content import (
    BLANK,
    BODY,
    DATE,
    HEADING,
    ROLE_HEADING,
    SIGNATURE,
    TITLE,
    Block,
    Part,
    date_text,
    split_title,
)
from models.reports import (
    Bulletin,
    ProgressReport,
    Reminders,
    ReportBase,
    SectionBlock,
    SummaryDraft,
    SummarySection,
    TaskRow,
    cn_date,
    default_today,
    strip_end,
)

log = logging.getLogger(__name__)

S_TABLE = "GongwenTable"
S_TABLE_HEAD = "GongwenTableHead"
TABLE_PT = 12.0          # 小四: tables are outside the 3号 body grid (GB/T 9704 allows it)
TEXT_WIDTH_MM = 156.0
LIGHT_TEXT = {"red": "逾期", "yellow": "临期"}


# ---------------------------------------------------------------- document pieces
def _setup_table_styles(doc: DocxDocument) -> None:
    """公文表格 / 公文表头: 仿宋 (黑体 for the head) 小四, single spacing, no indent."""
    para = WD_STYLE_TYPE.PARAGRAPH
    for style_id, name, font in ((S_TABLE, "公文表格", gongwen.FANGSONG),
                                 (S_TABLE_HEAD, "公文表头", gongwen.HEITI)):
        el = ooxml.add_style(doc, style_id, name, para, "Normal")
        ppr = ooxml.style_ppr(el)
        ooxml.set_flag(ppr, "w:snapToGrid", False)
        ooxml.set_line_single(ppr)
        ooxml.set_indent(ppr)
        ooxml.set_jc(ppr, "left" if style_id == S_TABLE else "center")
        rpr = ooxml.style_rpr(el)
        ooxml.set_fonts(rpr, east_asia=font, latin=ooxml.LATIN_FONT)
        ooxml.set_char_spacing(rpr, 0)
        ooxml.set_size(rpr, TABLE_PT)


def new_report_document() -> DocxDocument:
    """The GB/T 9704 document of export/gongwen.py plus the table styles."""
    doc = gongwen.new_gongwen_document()
    _setup_table_styles(doc)
    return doc


def _name(doc: DocxDocument, style_id: str) -> str:
    return gongwen._style_name(doc, style_id)


def _text_run(paragraph, text: str):
    return gongwen._run(paragraph, text)


def add_addressee(doc: DocxDocument, text: str) -> None:
    """主送机关: flush left, full-width colon (GB/T 9704 7.3.2)."""
    p = doc.add_paragraph(style=_name(doc, gongwen.S_BODY))
    ooxml.set_indent(p._p.get_or_add_pPr())
    _text_run(p, text)


def add_attachment_start(doc: DocxDocument, title: str, label: str = "附件") -> None:
    """An attachment page: 附件 in 3号 黑体 flush left on a new page, the title centred
    on line 3 (GB/T 9704 7.3.7)."""
    p = doc.add_paragraph(style=_name(doc, gongwen.S_BODY))
    ppr = p._p.get_or_add_pPr()
    ooxml.set_flag(ppr, "w:pageBreakBefore")
    ooxml.set_indent(ppr)
    ooxml.set_jc(ppr, "left")
    r = p.add_run(label)
    r.style = _name(doc, gongwen.heading_char_style_id(1))
    doc.add_paragraph(style=_name(doc, gongwen.S_BODY))
    if title:
        add_title(doc, title)


def add_title(doc: DocxDocument, title: str, *, page_break: bool = False) -> None:
    """A centred title (balanced lines) followed by one blank line."""
    gongwen.write_blocks(doc, [Block(TITLE, lines=split_title(title)), Block(BLANK)])
    if page_break:
        p = doc.paragraphs[-2]
        ooxml.set_flag(p._p.get_or_add_pPr(), "w:pageBreakBefore")


def add_table(doc: DocxDocument, headers: list[str], rows: list[list[str]],
              widths_mm: list[float], *, centered: tuple[int, ...] = ()) -> None:
    """A bordered table with a head row repeated on each page.

    Args:
        widths_mm: relative column widths, scaled to the 156 mm text block.
        centered: indexes of the columns whose cells are centred (numbers, short codes).
    """
    scale = TEXT_WIDTH_MM / sum(widths_mm)
    widths = [Mm(w * scale) for w in widths_mm]
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    head_style, cell_style = _name(doc, S_TABLE_HEAD), _name(doc, S_TABLE)
    for r_index, values in enumerate([headers, *rows]):
        row = table.rows[r_index]
        if r_index == 0:
            tr_pr = row._tr.get_or_add_trPr()
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "1")
            tr_pr.append(flag)
        for c_index, value in enumerate(values):
            cell = row.cells[c_index]
            cell.width = widths[c_index]
            lines = str(value).split("\n") if value not in (None, "") else []
            first = cell.paragraphs[0]
            first.style = head_style if r_index == 0 else cell_style
            for n, line in enumerate(lines):
                p = first if n == 0 else cell.add_paragraph(style=first.style)
                if line:
                    _text_run(p, line)
                if r_index and c_index in centered:
                    ooxml.set_jc(p._p.get_or_add_pPr(), "center")
    # an empty paragraph after a table keeps the next one from sticking to it
    doc.add_paragraph(style=_name(doc, gongwen.S_BODY))


def _heading(number: str, heading: str, level: int) -> Block:
    return Block(HEADING, [Part(f"{number}{heading}", ROLE_HEADING)], level=level,
                 standalone=True)


def _body(text: str) -> Block:
    return Block(BODY, [Part(text)])


def _signature(report: ReportBase, today: dt.date) -> list[Block]:
    plan = report.plan
    sign = (plan.signed_by or plan.organization or "").strip()
    out = [Block(BLANK)]
    if sign:
        out.append(Block(SIGNATURE, [Part(sign)]))
    out.append(Block(DATE, [Part(date_text(today))]))
    return out


def _totals_sentence(report: ReportBase) -> str:
    t = report.totals
    text = (f"{report.period.label}（{report.period.range_text}），{report.plan.title.strip()}"
            f"共有工作任务{t.total}项。截至{cn_date(report.as_of)}，已完成{t.done}项，"
            f"正常推进{t.on_track}项，逾期未完成{t.overdue}项，未启动{t.not_started}项")
    if t.suspended:
        text += f"，暂缓{t.suspended}项"
    return text + f"，完成率{t.rate_text}。"


def _note_date(day: str) -> str:
    try:
        d = dt.date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{d.month}月{d.day}日"


def task_paragraph(task: TaskRow) -> str:
    """One task of the progress report: text, unit and deadline, state, notes of the period."""
    facts = []
    if task.owner_unit:
        facts.append(f"责任单位：{task.owner_unit}")
    if task.deadline_text:
        facts.append(f"完成时限：{task.deadline_text}")
    text = task.core + (f"（{'；'.join(facts)}）" if facts else "") + "。"
    text += f"当前状态：{task.status_label}，进度{task.progress}%"
    if task.state == "overdue":
        text += f"，已逾期{task.days_late}天"
    text += "。"
    if task.notes:
        text += "本期进展：" + "；".join(
            f"{_note_date(n.entry_date)}，{strip_end(n.text)}" for n in task.notes) + "。"
    else:
        text += "本期无进展记录。"
    return text


# ---------------------------------------------------------------- progress report
def build_progress_docx(report: ProgressReport, today: dt.date) -> DocxDocument:
    """进展情况报告: totals, the outline with each task, 附件 逾期任务清单."""
    doc = new_report_document()
    blocks = [Block(TITLE, lines=split_title(
        f"{report.plan.title.strip()}{report.period.label}进展情况报告")), Block(BLANK)]
    blocks.append(_body(_totals_sentence(report) + (
        f"本期共记录工作进展{report.notes_in_period}条。" if report.notes_in_period
        else "本期无进展记录。")))

    def walk(block: SectionBlock) -> None:
        if block.level:
            blocks.append(_heading(block.number, block.heading, block.level))
        blocks.extend(_body(task_paragraph(t)) for t in block.tasks)
        for child in block.children:
            walk(child)

    for block in report.sections:
        walk(block)
    if report.overdue:
        blocks += [Block(BLANK), _body("附件：逾期任务清单")]
    blocks += _signature(report, today)
    gongwen.write_blocks(doc, blocks)
    if report.overdue:
        add_attachment_start(doc, "逾期任务清单")
        rows = [[str(n), t.core, t.owner_unit, t.deadline_text, str(t.days_late),
                 f"{t.progress}%"] for n, t in enumerate(report.overdue, start=1)]
        add_table(doc, ["序号", "工作任务", "责任单位", "完成时限", "逾期天数", "进度"], rows,
                  [13, 57, 26, 21, 21, 18], centered=(0, 3, 4, 5))
    return doc


# ---------------------------------------------------------------- bulletin
def build_bulletin_docx(report: Bulletin, today: dt.date) -> DocxDocument:
    """督查通报: overall figures, the ranked units (table), overdue items per unit."""
    doc = new_report_document()
    plan_title = report.plan.title.strip()
    gongwen.write_blocks(doc, [Block(TITLE, lines=split_title(
        f"关于{plan_title}{report.period.label}落实情况的督查通报")), Block(BLANK)])
    add_addressee(doc, "各责任单位：")
    blocks = [
        _body(f"现将{plan_title}{report.period.label}任务落实情况通报如下。"),
        _heading("一、", "总体情况", 1), _body(_totals_sentence(report)),
        _heading("二、", "各单位完成情况", 1),
    ]
    if report.units:
        blocks.append(_body("按完成率排序，各责任单位任务完成情况如下表（一项任务由多个单位"
                            "负责的，分别计入各单位）。"))
    else:
        blocks.append(_body("本计划暂无任务。"))
    gongwen.write_blocks(doc, blocks)
    if report.units:
        rows = [[str(u.rank), u.unit, str(u.totals.total), str(u.totals.done),
                 str(u.totals.overdue), u.totals.rate_text] for u in report.units]
        add_table(doc, ["排名", "责任单位", "任务数", "已完成", "逾期", "完成率"], rows,
                  [14, 52, 20, 20, 20, 24], centered=(0, 2, 3, 4, 5))
    clean = [u.unit for u in report.units if not u.overdue_items]
    blocks = []
    if clean and report.units:
        blocks.append(_body(f"无逾期任务的单位：{'、'.join(clean)}。"))
    blocks.append(_heading("三、", "逾期事项", 1))
    late_units = [u for u in report.units if u.overdue_items]
    if not late_units:
        blocks.append(_body(f"截至{cn_date(report.as_of)}，无逾期事项。"))
    for n, unit in enumerate(late_units, start=1):
        blocks.append(_heading(f"（{_cn(n)}）", f"{unit.unit}（逾期{len(unit.overdue_items)}项）",
                               2))
        for t in unit.overdue_items:
            text = (f"{t.core}，完成时限{t.deadline_text}，已逾期{t.days_late}天，"
                    f"当前进度{t.progress}%")
            if t.last_note is not None:
                text += f"，最近进展（{_note_date(t.last_note.entry_date)}）：" \
                        f"{strip_end(t.last_note.text)}"
            blocks.append(_body(text + "。"))
    blocks += [_heading("四、", "工作要求", 1), _body("【工作要求待补充……】")]
    blocks += _signature(report, today)
    gongwen.write_blocks(doc, blocks)
    return doc


def _cn(n: int) -> str:
    from models.numbering import cn_numeral
    return cn_numeral(n)


# ---------------------------------------------------------------- reminders
def days_text(task: TaskRow) -> str:
    """逾期N天 / 今日到期 / 剩余N天."""
    if task.days_late > 0:
        return f"逾期{task.days_late}天"
    if task.days_left == 0:
        return "今日到期"
    return f"剩余{task.days_left}天" if task.days_left is not None else ""


def build_reminder_docx(report: Reminders, today: dt.date) -> DocxDocument:
    """A covering 督办通知 and, as its attachment, one 催办单 page per 责任单位."""
    doc = new_report_document()
    plan_title = report.plan.title.strip()
    gongwen.write_blocks(doc, [Block(TITLE, lines=split_title(
        f"关于{plan_title}逾期和临期事项的督办通知")), Block(BLANK)])
    red = sum(s.red for s in report.sheets)
    yellow = sum(s.yellow for s in report.sheets)
    if report.sheets:
        add_addressee(doc, "各有关责任单位：")
        blocks = [_body(
            f"截至{cn_date(report.as_of)}，{plan_title}中有逾期事项{red}项、临期事项"
            f"（{report.yellow_days}天内到期或进度滞后）{yellow}项，涉及{len(report.sheets)}个"
            "责任单位。现将各单位催办单印发给你们，请抓紧办理，并及时反馈办理情况。"),
            Block(BLANK), _body(f"附件：各责任单位催办单（共{len(report.sheets)}份）")]
    else:
        blocks = [_body(f"截至{cn_date(report.as_of)}，{plan_title}无逾期或临期事项。")]
    blocks += _signature(report, today)
    gongwen.write_blocks(doc, blocks)
    sign = (report.plan.signed_by or report.plan.organization or "").strip()
    for index, sheet in enumerate(report.sheets):
        if index == 0:
            add_attachment_start(doc, "催办单")
        else:
            add_title(doc, "催办单", page_break=True)
        add_addressee(doc, f"{sheet.unit}：")
        gongwen.write_blocks(doc, [_body(
            f"截至{cn_date(report.as_of)}，你单位负责的以下{len(sheet.items)}项工作逾期或临近"
            "完成时限（逾期" f"{sheet.red}项，临期{sheet.yellow}项），请抓紧办理，并及时反馈"
            "办理情况。")])
        rows = []
        for n, t in enumerate(sheet.items, start=1):
            last = ""
            if t.last_note is not None:
                last = f"{_note_date(t.last_note.entry_date)}：{strip_end(t.last_note.text)}"
            rows.append([str(n), t.core, t.deadline_text, LIGHT_TEXT.get(t.light, ""),
                         days_text(t), f"{t.progress}%", last])
        add_table(doc, ["序号", "工作任务", "完成时限", "类别", "逾期/剩余", "进度", "最近进展"],
                  rows, [13, 42, 20, 13, 23, 13, 32], centered=(0, 2, 3, 4, 5))
        tail = [Block(SIGNATURE, [Part(sign)])] if sign else []
        tail.append(Block(DATE, [Part(date_text(today))]))
        gongwen.write_blocks(doc, tail)
    return doc


# ---------------------------------------------------------------- draft summary
def build_summary_docx(report: SummaryDraft, today: dt.date) -> DocxDocument:
    """年度工作总结（草稿）: opening, the plan's outline with draft paragraphs, closing part."""
    doc = new_report_document()
    blocks = [Block(TITLE, lines=split_title(report.title)), Block(BLANK)]
    blocks += [_body(p) for p in report.opening]

    def walk(section: SummarySection) -> None:
        blocks.append(_heading(section.number, section.heading, section.level))
        blocks.extend(_body(p) for p in section.paragraphs)
        for child in section.children:
            walk(child)

    for section in report.sections:
        walk(section)
    if report.closing is not None:
        walk(report.closing)
    blocks += _signature(report, today)
    gongwen.write_blocks(doc, blocks)
    return doc


# ---------------------------------------------------------------- entry point
def build_report_docx(report: ReportBase, today: dt.date | None = None) -> DocxDocument:
    """The GB/T 9704 document of any report; ``today`` is the 成文日期 (default: clock)."""
    today = today or default_today()
    if isinstance(report, ProgressReport):
        return build_progress_docx(report, today)
    if isinstance(report, Bulletin):
        return build_bulletin_docx(report, today)
    if isinstance(report, Reminders):
        return build_reminder_docx(report, today)
    if isinstance(report, SummaryDraft):
        return build_summary_docx(report, today)
    raise TypeError(type(report).__name__)


def export_report_docx(report: ReportBase, path: str | Path,
                       today: dt.date | None = None) -> Path:
    """Write the report to ``path`` atomically; ExportError when it cannot."""
    doc = build_report_docx(report, today)
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    log.info("exported %s of plan %s to %s", type(report).__name__, report.plan.id, path)
    return Path(path)
