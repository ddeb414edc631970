"""The 督查 documents as GB/T 9704 .docx: 交办单, 督查催办通知, 督查专报, 督查报告,
政务督查通报 (numbered 2025年第3期) and 会议议定事项督查督办报告.

The facts come from models/supervision/documents.py; the wording around them is fixed
here; the page, styles, tables and red 版头 are those of export/reports_docx.py and
export/gongwen.py (called, not copied). A numbered document takes the next number of its
series (office and year) when, and only when, the file has been written.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument

from export import gongwen
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
from export.reports_docx import new_report_document, write_items
from export.reports_layout import Addressee, Item, Table
from models import clock, outline
from models.errors import ExportError, InvalidOperationError
from models.reports import cn_date, strip_end
from models.store.db import Database
from models.supervision import documents, numbering, rounds
from models.supervision.documents import AssignmentFacts, MeetingFacts, RoundFacts
from models.supervision.pace import PaceCount
from models.vocab import ITEM_SOURCE, PACE, ROUND_STATE, TIME_CLASS, Light, label

log = logging.getLogger(__name__)

# kind → the document's name (the red 版头 of a numbered kind, the title word otherwise)
KIND_NAMES = {
    "assignment": "督办事项交办单",
    "chase": "督查催办通知",
    "special": "督查专报",
    "report": "督查报告",
    "bulletin": "政务督查通报",
    "meeting": "会议议定事项督查督办报告",
}
ITEM_STATE_TEXT = {"open": "办理中", "done": "已办结", "closed": "已销号"}
HELD_TEXT = "上期红灯，差距未补齐"


def _body(text: str) -> Block:
    return Block(BODY, [Part(text)])


def _heading(text: str, level: int = 1) -> Block:
    return Block(HEADING, [Part(text, ROLE_HEADING)], level=level, standalone=True)


def _signature(office: str, today: dt.date) -> list[Item]:
    out: list[Item] = [Block(BLANK)]
    if office:
        out.append(Block(SIGNATURE, [Part(office)]))
    out.append(Block(DATE, [Part(date_text(today))]))
    return out


def _title(text: str) -> list[Item]:
    return [Block(TITLE, lines=split_title(text)), Block(BLANK)]


def _round_name(facts: RoundFacts) -> str:
    """``XX镇2025年工作计划2025年6月`` with the repeated year dropped."""
    plan, title = facts.plan.title.strip(), facts.status.round.title
    if len(title) > 5 and title[:5] in plan and title[:4].isdigit():
        title = title[5:]
    return f"{plan}{title}"


def pace_sentence(paces: list[PaceCount], total: int) -> str:
    """``共221项，其中已完成……、欠进度17项（7.7%）……``."""
    parts = [f"{PACE[c.pace]}{c.text}" for c in paces if c.count]
    return f"共有工作任务{total}项" + (f"，其中{'、'.join(parts)}" if parts else "")


def _compare_sentence(facts: RoundFacts) -> str:
    if facts.previous_paces is None:
        return ""
    now = {c.pace: c.count for c in facts.paces}
    before = {c.pace: c.count for c in facts.previous_paces}
    parts = []
    for pace in ("done", "behind"):
        diff = now[pace] - before[pace]
        if diff:
            parts.append(f"{PACE[pace]}{'增加' if diff > 0 else '减少'}{abs(diff)}项")
    if not parts:
        return "与上期相比，各类事项数量持平。"
    return f"与上期相比，{'，'.join(parts)}。"


def _report_sentence(facts: RoundFacts) -> str:
    counts = facts.status.counts
    due = cn_date(dt.date.fromisoformat(facts.status.round.due_date))
    text = (
        f"本期应报送单位{counts['expected']}个，已报送{counts['received']}个"
        f"（其中迟报{counts['late']}个）"
    )
    late = [u.unit for u in facts.status.units if u.state == "late"]
    missing = [u.unit for u in facts.status.units if u.state in ("missing", "pending")]
    if late:
        text += f"，迟报单位：{'、'.join(late)}"
    if missing:
        text += f"；截至{cn_date(facts.today)}未报送{len(missing)}个：{'、'.join(missing)}"
    return f"按照要求，各责任单位应于{due}前报送进展情况。{text}。"


def _pace_table(facts: RoundFacts) -> Table:
    before = {c.pace: c for c in facts.previous_paces or []}
    rows = []
    for c in facts.paces:
        last = before.get(c.pace)
        rows.append(
            [
                PACE[c.pace],
                str(c.count),
                f"{c.percent:g}%",
                (f"{last.count}（{last.percent:g}%）" if last is not None else "—"),
            ]
        )
    return Table(["类别", "本期项数", "占比", "上期项数"], rows, [3, 2, 2, 3], (1, 2, 3))


def _unit_table(facts: RoundFacts) -> Table:
    rows = []
    for n, u in enumerate(facts.units, 1):
        behind = u.count("behind")
        rows.append(
            [
                str(n),
                u.unit,
                label(ROUND_STATE, u.state) or "—",
                str(u.total),
                *(str(u.count(p)) for p in ("done", "ahead", "on_pace", "behind", "other")),
                f"{round(behind * 100 / u.total, 1):g}%" if u.total else "0%",
            ]
        )
    headers = ["序号", "责任单位", "报送", "任务数", "已完成", "超进度", "达进度", "欠进度", "其它"]
    return Table(
        [*headers, "欠进度占比"],
        rows,
        [1.2, 4, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.4, 2],
        (0, 2, 3, 4, 5, 6, 7, 8, 9),
    )


def _red_table(facts: RoundFacts) -> Table:
    rows = [
        [
            str(n),
            strip_end(t.text),
            t.units or "—",
            f"{t.progress}%",
            f"{t.expected}%",
            HELD_TEXT if t.held else "",
        ]
        for n, t in enumerate(facts.red, 1)
    ]
    return Table(
        ["序号", "工作任务", "责任单位", "进度", "序时进度", "说明"],
        rows,
        [1.2, 7, 2.6, 1.5, 1.8, 3],
        (0, 3, 4),
    )


def _overview(facts: RoundFacts) -> str:
    return (
        f"截至{cn_date(facts.as_of)}，{facts.plan.title.strip()}"
        f"{pace_sentence(facts.paces, facts.total)}。{_compare_sentence(facts)}"
    )


# ---------------------------------------------------------------- each kind
def bulletin_items(facts: RoundFacts, today: dt.date) -> list[Item]:
    """政务督查通报: counts and shares by class and by unit first, then reports and red tasks."""
    out: list[Item] = _title(f"关于{_round_name(facts)}工作推进情况的通报")
    out.append(Addressee("各责任单位："))
    out.append(_body(_overview(facts)))
    out.append(_heading("一、各单位推进情况"))
    out.append(_unit_table(facts))
    out.append(_heading("二、报送情况"))
    out.append(_body(_report_sentence(facts)))
    out.append(_heading("三、红灯事项"))
    if facts.red:
        out.append(_body(f"本期红灯事项{len(facts.red)}项，具体如下："))
        out.append(_red_table(facts))
    else:
        out.append(_body("本期无红灯事项。"))
    out.append(_heading("四、工作要求"))
    out.append(
        _body(
            "请欠进度和红灯事项的责任单位对照任务分解表查找原因、明确措施，"
            "于下期报送时一并说明整改情况；未按时报送的单位须说明原因。"
        )
    )
    return out + _signature(facts.office, today)


def special_items(facts: RoundFacts, today: dt.date) -> list[Item]:
    """督查专报 (upward): the pace figures beside last period's and the red tasks."""
    out: list[Item] = _title(f"{_round_name(facts)}督查情况")
    out.append(_body(_overview(facts)))
    out.append(_pace_table(facts))
    out.append(_body(_report_sentence(facts)))
    if facts.red:
        out.append(_body(f"本期红灯事项{len(facts.red)}项："))
        out.append(_red_table(facts))
    return out + _signature(facts.office, today)


def report_items(facts: RoundFacts, today: dt.date) -> list[Item]:
    """督查报告 (to the leader): figures, units, red tasks, and a placeholder for proposals."""
    out: list[Item] = _title(f"关于{_round_name(facts)}督查情况的报告")
    out.append(_heading("一、总体情况"))
    out.append(_body(_overview(facts)))
    out.append(_pace_table(facts))
    out.append(_body(_report_sentence(facts)))
    out.append(_heading("二、各单位推进情况"))
    out.append(_unit_table(facts))
    out.append(_heading("三、存在的问题"))
    if facts.red:
        out.append(_body(f"本期红灯事项{len(facts.red)}项："))
        out.append(_red_table(facts))
    else:
        out.append(_body("本期无红灯事项。"))
    out.append(_heading("四、下一步工作建议"))
    out.append(_body("【下一步工作建议待补充……】"))
    return out + _signature(facts.office, today)


def chase_items(facts: RoundFacts, today: dt.date) -> list[Item]:
    """督查催办通知: the units that have not reported, named, with their red tasks."""
    late = facts.status.to_chase
    if not late:
        raise ExportError("本轮各单位均已报送，无需催办。")
    round_name = _round_name(facts)
    due = cn_date(dt.date.fromisoformat(facts.status.round.due_date))
    out: list[Item] = _title(f"关于报送{round_name}工作进展情况的督查催办通知")
    out.append(Addressee(f"{'、'.join(u.unit for u in late)}："))
    out.append(
        _body(
            f"按照要求，各责任单位应于{due}前报送{round_name}工作进展情况。"
            f"截至{cn_date(today)}，你单位尚未报送。请于收到本通知后2个工作日内报送，"
            "报送材料须经单位主要负责人签字确认。"
        )
    )
    rows = []
    for n, u in enumerate(late, 1):
        rows.append(
            [
                str(n),
                u.unit,
                label(ROUND_STATE, u.state),
                str(u.chase_count),
                str(u.lights[Light.RED]),
            ]
        )
    out.append(
        Table(
            ["序号", "责任单位", "状态", "已催报次数", "红灯事项"],
            rows,
            [1, 5, 2, 2, 2],
            (0, 2, 3, 4),
        )
    )
    return out + _signature(facts.office, today)


def assignment_items(facts: AssignmentFacts, today: dt.date) -> list[Item]:
    """交办单: the item's facts as a two-column table, then what the unit must do."""
    item, node = facts.item, facts.item.node
    due = dt.date.fromisoformat(node.due_date) if node.due_date else None
    rows = [
        ["事项编号", f"{item.year or ''}-{item.id}"],
        [
            "事项来源",
            ITEM_SOURCE[item.source] + (f"（{item.source_ref}）" if item.source_ref else ""),
        ],
        ["交办日期", cn_date(dt.date.fromisoformat(item.assigned_on))],
        ["交办领导", item.assigned_by or ""],
        ["办理时限", f"{TIME_CLASS[item.time_class]}：{node.deadline or ''}"],
        ["责任单位", node.owner_unit or ""],
        ["配合单位", node.co_units or ""],
        ["牵头领导", node.lead_leader or ""],
        ["督办内容", node.text],
        ["签收人", ""],
    ]
    out: list[Item] = _title(KIND_NAMES["assignment"])
    out.append(Table(["项目", "内容"], rows, [2.2, 8]))
    requirement = "请责任单位按时限办理"
    if due is not None:
        requirement += f"，于{cn_date(due)}前"
    requirement += (
        "将办理结果及佐证材料报送督查室；确需延期的，须在时限届满前提交延期申请，"
        "说明理由，经交办领导批准。"
    )
    out.append(_body(requirement))
    return out + _signature(facts.office, today)


def meeting_items(facts: MeetingFacts, today: dt.date) -> list[Item]:
    """会议议定事项督查督办报告: the year's meeting items by state, the late ones named."""
    total = len(facts.items)
    out: list[Item] = _title(f"{facts.year}年{KIND_NAMES['meeting']}")
    out.append(
        _body(
            f"{facts.year}年共交办会议议定事项{total}项。截至{cn_date(facts.as_of)}，"
            f"已销号{facts.count('closed')}项，已办结待销号{facts.count('done')}项，"
            f"正在办理{facts.count('open')}项，其中超过办理时限{len(facts.late)}项。"
        )
    )
    rows = []
    for n, item in enumerate(facts.items, 1):
        node = item.node
        state = ITEM_STATE_TEXT[item.state]
        results = [c.result for c in item.closings if c.action == "done" and c.result]
        extended = [c for c in item.closings if c.action == "extend" and c.new_due]
        if extended:
            last = extended[-1]
            new_due = cn_date(dt.date.fromisoformat(str(last.new_due)))
            state += f"（经{last.actor}批准延期至{new_due}）"
        if item in facts.late:
            state += "（超时限）"
        rows.append(
            [
                str(n),
                strip_end(node.text),
                item.source_ref or "",
                node.owner_unit or "",
                cn_date(dt.date.fromisoformat(node.due_date)) if node.due_date else "",
                state + (f"：{results[-1]}" if results else ""),
            ]
        )
    if rows:
        out.append(
            Table(
                ["序号", "议定事项", "会议", "责任单位", "办理时限", "办理情况"],
                rows,
                [1, 6, 3, 2.5, 2.6, 4],
                (0,),
            )
        )
    return out + _signature(facts.office, today)


# ---------------------------------------------------------------- writing
@dataclass(slots=True)
class WrittenDocument:
    """A written document and, for a numbered kind, the issue it took."""

    path: Path
    kind: str
    issue: numbering.Issue | None = None


def build_document(
    db: Database, kind: str, target: int, today: dt.date | None = None, issue_label: str = ""
) -> DocxDocument:
    """The .docx of a document of ``kind`` for ``target`` (round, item or year)."""
    today = today or clock.today()
    if kind not in documents.DOCUMENT_KINDS:
        raise InvalidOperationError(f"未知的督查文件类型：{kind}。")
    if kind == "assignment":
        items = assignment_items(documents.assignment_facts(db, target), today)
    elif kind == "meeting":
        items = meeting_items(documents.meeting_facts(db, target, today), today)
    else:
        facts = documents.round_facts(db, target, today)
        if kind == "bulletin":
            items = bulletin_items(facts, today)
        elif kind == "special":
            items = special_items(facts, today)
        elif kind == "report":
            items = report_items(facts, today)
        else:
            items = chase_items(facts, today)
    doc = new_report_document()
    if kind in numbering.NUMBERED_KINDS:
        # 版头: the series name in red, the issue (2025年第3期) where a 文号 would stand
        gongwen.add_red_header(doc, KIND_NAMES[kind], issue_label or None)
    write_items(doc, items)
    return doc


def export_document(
    db: Database, kind: str, target: int, path: str | Path, today: dt.date | None = None
) -> WrittenDocument:
    """Write a document; a numbered kind records its issue once the file is written."""
    today = today or clock.today()
    office = ""
    round_id = target if kind in documents.ROUND_KINDS else None
    if kind in numbering.NUMBERED_KINDS:
        plan = outline.get_plan(db, rounds.get_round(db, target).plan_id)
        office = documents.office_name(db, plan)
        number = numbering.next_number(db, kind, office, today.year)
        label_text = numbering.issue_label(today.year, number)
    else:
        label_text = ""
    doc = build_document(db, kind, target, today, label_text)
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    issue = None
    if kind in numbering.NUMBERED_KINDS:
        issue = numbering.issue(
            db, kind, office, title=KIND_NAMES[kind], round_id=round_id, on=today
        )
    log.info("wrote %s of %s to %s", kind, target, path)
    return WrittenDocument(Path(path), kind, issue)
