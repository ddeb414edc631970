"""The county 督查通报 (models/exchange/county.py) as a GB/T 9704 layout.

The layout is made of the report items of export/reports_layout.py, so .docx, HTML (preview,
PDF) and the checker treat it like every other report. The writers get a report's items from
:func:`items_of` (reports_layout cannot import this module: it is imported from here).
"""

from __future__ import annotations

import datetime as dt

from export import reports_layout as L
from export.content import BLANK, Block
from models.exchange.county import CountyBulletin, OfficeStats
from models.reports import ReportBase, cn_date, default_today, strip_end
from models.text.numerals import cn_numeral

COUNTY_REQUIREMENTS = (
    "各单位要对照年度重点工作任务逐项抓好落实。对逾期任务，要逐项分析原因，明确整改措施"
    "和完成时限，尽快办结，并将办理情况随下一期数据包报送县督查室；对排名靠后的单位，"
    "县督查室将加强跟踪督办。"
)
RANK_HEADERS = ["排名", "单位", "任务数", "已完成", "逾期", "欠进度", "完成率", "按期率"]


def _rank_row(o: OfficeStats) -> list[str]:
    t = o.totals
    return [
        str(o.rank),
        o.name,
        str(t.total),
        str(t.done),
        str(t.overdue),
        str(o.behind),
        t.rate_text,
        o.on_time_text,
    ]


def _late_text(o: OfficeStats) -> list[str]:
    """One sentence per overdue task of the office."""
    out = []
    for t in o.overdue_items:
        text = f"{t.core}（责任单位：{'、'.join(t.units)}），完成时限{t.deadline_text}，"
        text += f"已逾期{t.days_late}天，当前进度{t.progress}%"
        if t.latest is not None:
            note = strip_end(t.latest.text)
            text += f"，最近进展（{L.note_date(t.latest.entry_date)}）：{note}"
        out.append(text + "。")
    return out


def county_items(report: CountyBulletin, today: dt.date | None = None) -> list[L.Item]:
    """通报: overall figures, the ranked offices (table), overdue tasks per office."""
    today = today or default_today()
    whom = L.plan_and_period(report)
    offices = report.offices
    t = report.totals
    items: list[L.Item] = [
        L._title(report, f"关于{whom}落实情况的督查通报"),
        Block(BLANK),
        L.Addressee(f"{report.whom}："),
        L._body(f"现将{whom}落实情况通报如下。"),
        L._heading("一、", "总体情况", 1),
        L._body(
            f"{report.period.label}（{report.period.range_text}），{len(offices)}个单位共报送"
            f"工作任务{t.total}项。截至{cn_date(report.as_of)}，已完成{t.done}项，"
            f"正常推进{t.on_track}项，逾期未完成{t.overdue}项，未启动{t.not_started}项"
            + (f"，暂缓{t.suspended}项" if t.suspended else "")
            + f"，完成率{t.rate_text}。"
        ),
        L._heading("二、", "各单位完成情况", 1),
        L._body(
            "按完成率排序（完成率相同的，按期率高者在前，再按逾期任务少者在前），"
            "各单位任务完成情况如下表（按期率为未逾期任务占全部任务的比例）。"
        ),
        L.Table(
            RANK_HEADERS,
            [_rank_row(o) for o in offices],
            [14, 40, 18, 18, 16, 18, 22, 22],
            centered=(0, 2, 3, 4, 5, 6, 7),
        ),
    ]
    clean = [o.name for o in offices if not o.overdue_items]
    if clean:
        items.append(L._body(f"无逾期任务的单位：{'、'.join(clean)}。"))
    if report.silent:
        items.append(L._body(f"尚未报送计划的单位：{'、'.join(report.silent)}。"))
    items.append(L._heading("三、", "逾期任务", 1))
    late = [o for o in offices if o.overdue_items]
    if not late:
        items.append(L._body(f"截至{cn_date(report.as_of)}，各单位无逾期任务。"))
    for n, office in enumerate(late, start=1):
        head = f"{office.name}（逾期{len(office.overdue_items)}项）"
        items.append(L._heading(f"（{cn_numeral(n)}）", head, 2))
        items += [L._body(text) for text in _late_text(office)]
    items += [L._heading("四、", "工作要求", 1), L._body(COUNTY_REQUIREMENTS)]
    return items + L._signature(report, today)


def items_of(report: ReportBase, today: dt.date | None = None) -> list[L.Item]:
    """The layout of any report: the county 通报 here, every other kind by reports_layout."""
    if isinstance(report, CountyBulletin):
        return county_items(report, today)
    return L.report_items(report, today)
