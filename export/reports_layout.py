"""The layout of each report: typed paragraphs, tables and attachment pages.

One list of items per report, rendered by export/reports_docx.py (GB/T 9704 .docx) and
export/reports_html.py (preview and print), so what is printed is what is exported.
Paragraphs are export/content.py Blocks, the same the plan exporter uses. The wording
around the figures is fixed; every fact comes from models/reports.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
    plan_names,
    split_title,
    text_width,
)
from models.reports import (
    Bulletin,
    ProgressReport,
    Reminders,
    ReportBase,
    SectionBlock,
    SummaryDraft,
    SummarySection,
    TaskView,
    cn_date,
    default_today,
    strip_end,
)
from models.text.numbering import cn_numeral
from models.vocab import Light, TaskStatus

LIGHT_TEXT: dict[str | None, str] = {Light.RED: Light.RED.label, Light.YELLOW: Light.YELLOW.label}
# 四、工作要求 of a 督查通报: the usual wording, for the clerk to adapt.
BULLETIN_REQUIREMENTS = (
    "各责任单位要对照任务清单逐项抓好落实。对逾期事项，要逐项分析原因，明确整改措施和"
    "完成时限，尽快办结；对临近完成时限的事项，要倒排工期，确保按期完成，并及时报送"
    "办理情况。"
)


@dataclass(slots=True)
class Table:
    """A table; ``widths`` are relative column widths, ``centered`` column indexes."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    centered: tuple[int, ...] = ()


def fit_widths(table: Table, total_chars: float = 36.0, grow: int = 1) -> list[float]:
    """Column widths (in characters of the table's 小四) that fit the content.

    Every column but ``grow`` (the 工作任务) is as wide as its longest entry (at least its
    header, at most 9 characters, plus one for the cell padding); 工作任务 takes the rest,
    and so is the widest column. A column of longer text (最近进展) shares the rest.
    """
    widths = []
    for col, head in enumerate(table.headers):
        cells = [str(r[col]) for r in table.rows if col < len(r)]
        longest = max([text_width(head), *(text_width(c) for c in cells)] or [2.0])
        widths.append(min(max(longest, text_width(head), 2.0), 9.0) + 1.0)
    rest = total_chars - sum(w for i, w in enumerate(widths) if i != grow)
    long_text = [
        i
        for i, w in enumerate(widths)
        if i != grow and w >= 10.0 and any(len(str(r[i])) > 12 for r in table.rows)
    ]
    if long_text:  # 最近进展: a third of the free width, 工作任务 keeps the most
        share = max(0.0, rest - 16.0) / 3.0
        for i in long_text:
            widths[i] += share
        rest -= share * len(long_text)
    widths[grow] = max(rest, max(widths) + 1.0)
    return widths


@dataclass(slots=True)
class Addressee:
    """主送机关: a flush-left line ending with a full-width colon."""

    text: str


@dataclass(slots=True)
class Attachment:
    """The start of the attachment pages: 附件 label on a new page, then the title."""

    title: str
    label: str = "附件"


@dataclass(slots=True)
class PageTitle:
    """A centred title starting a new page (the next 催办单 of the attachment)."""

    title: str


Item = Block | Table | Addressee | Attachment | PageTitle


def _title(report: ReportBase, text: str) -> Block:
    """A report title in lines that keep the plan's names and the title words whole."""
    return Block(TITLE, lines=split_title(text, names=plan_names(report.plan)))


def _heading(number: str, heading: str, level: int) -> Block:
    return Block(HEADING, [Part(f"{number}{heading}", ROLE_HEADING)], level=level, standalone=True)


def _body(text: str) -> Block:
    return Block(BODY, [Part(text)])


def signer(report: ReportBase) -> str:
    """The 署名 of a report: the plan's signer, else its organization."""
    return (report.plan.signed_by or report.plan.organization or "").strip()


def _signature(report: ReportBase, today: dt.date) -> list[Item]:
    return [Block(BLANK), *_sign_and_date(report, today)]


def _sign_and_date(report: ReportBase, today: dt.date) -> list[Item]:
    sign, sealed = signer(report), bool(report.plan.sealed)
    out: list[Item] = [Block(SIGNATURE, [Part(sign)], sealed=sealed)] if sign else []
    return [*out, Block(DATE, [Part(date_text(today))], sealed=sealed)]


def plan_and_period(report: ReportBase) -> str:
    """ "XX镇2025年工作计划第二季度": the period's year is dropped when the title names it.

    A whole-year period then adds nothing ("XX镇2025年工作计划", not "…计划度").
    """
    title = report.plan.title.strip()
    label = report.period.label
    year = label[:5]
    if len(year) == 5 and year[:4].isdigit() and year.endswith("年") and year in title:
        label = label[5:]
        if label == "度":
            label = ""
    return f"{title}{label}"


def _totals_sentence(report: ReportBase) -> str:
    t = report.totals
    text = (
        f"{report.period.label}（{report.period.range_text}），{report.plan.title.strip()}"
        f"共有工作任务{t.total}项。截至{cn_date(report.as_of)}，已完成{t.done}项，"
        f"正常推进{t.on_track}项，逾期未完成{t.overdue}项，未启动{t.not_started}项"
    )
    if t.suspended:
        text += f"，暂缓{t.suspended}项"
    return text + f"，完成率{t.rate_text}。"


def note_date(day: str) -> str:
    """``2025-03-05`` → ``3月5日``."""
    try:
        d = dt.date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{d.month}月{d.day}日"


def task_paragraph(task: TaskView) -> str:
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
        text += (
            "本期进展："
            + "；".join(f"{note_date(n.entry_date)}，{strip_end(n.text)}" for n in task.notes)
            + "。"
        )
    return text


def quiet_tasks_paragraph(tasks: list[TaskView], *, period_quiet: bool = False) -> str:
    """The tasks of a section without progress notes in the period, in one sentence.

    ``period_quiet``: the whole period has no notes, which the report has said once already.
    """
    items = []
    for t in tasks:
        facts = [t.owner_unit] if t.owner_unit else []
        facts.append(f"{t.status_label}，进度{t.progress}%")
        if t.state == "overdue":
            facts.append(f"已逾期{t.days_late}天")
        items.append(f"{t.core}（{'，'.join(facts)}）")
    if period_quiet:
        return f"本部分{len(tasks)}项任务：{'；'.join(items)}。"
    return f"以下{len(tasks)}项任务本期无进展记录：{'；'.join(items)}。"


# ---------------------------------------------------------------- progress report
# Up to this many tasks without evidence are named in the sentence; more are only counted.
EVIDENCE_NAMED = 10


def evidence_sentence(missing: list[TaskView]) -> str:
    """尚有N项任务未留存佐证材料 (naming them when few), or that every task has some."""
    if not missing:
        return "各项任务均已留存佐证材料。"
    done = sum(1 for t in missing if t.status == TaskStatus.DONE)
    text = f"尚有{len(missing)}项任务未留存佐证材料"
    if done:
        text += f"（其中已完成{done}项）"
    if len(missing) <= EVIDENCE_NAMED:
        names = "；".join(f"{t.core}（{t.owner_unit or '未明确责任单位'}）" for t in missing)
        return f"{text}：{names}。"
    return f"{text}，请在考核前补齐。"


def progress_items(report: ProgressReport, today: dt.date) -> list[Item]:
    """进展情况报告: totals, the outline with each task, 附件 逾期任务清单."""
    blocks: list[Item] = [
        _title(report, f"{plan_and_period(report)}进展情况报告"),
        Block(BLANK),
    ]
    blocks.append(
        _body(
            _totals_sentence(report)
            + (
                f"本期共记录工作进展{report.notes_in_period}条。"
                if report.notes_in_period
                else "本期无进展记录。"
            )
        )
    )

    if report.without_evidence is not None:
        blocks.append(_body(evidence_sentence(report.without_evidence)))

    def walk(block: SectionBlock) -> None:
        if block.level:
            blocks.append(_heading(block.number, block.heading, block.level))
        blocks.extend(_body(task_paragraph(t)) for t in block.tasks if t.notes)
        quiet = [t for t in block.tasks if not t.notes]
        if quiet:
            blocks.append(
                _body(quiet_tasks_paragraph(quiet, period_quiet=not report.notes_in_period))
            )
        for child in block.children:
            walk(child)

    for block in report.sections:
        walk(block)
    if report.overdue:
        blocks += [Block(BLANK), _body("附件：逾期任务清单")]
    blocks += _signature(report, today)
    if report.overdue:
        blocks.append(Attachment("逾期任务清单"))
        rows = [
            [str(n), t.core, t.owner_unit, t.deadline_text, str(t.days_late), f"{t.progress}%"]
            for n, t in enumerate(report.overdue, start=1)
        ]
        blocks.append(
            Table(
                ["序号", "工作任务", "责任单位", "完成时限", "逾期天数", "进度"],
                rows,
                [13, 57, 26, 21, 21, 18],
                centered=(0, 3, 4, 5),
            )
        )
    return blocks


# ---------------------------------------------------------------- bulletin
def bulletin_items(report: Bulletin, today: dt.date) -> list[Item]:
    """督查通报: overall figures, the ranked units (table), overdue items per unit."""
    blocks: list[Item] = [
        _title(report, f"关于{plan_and_period(report)}落实情况的督查通报"),
        Block(BLANK),
        Addressee("各责任单位："),
        _body(f"现将{plan_and_period(report)}任务落实情况通报如下。"),
        _heading("一、", "总体情况", 1),
        _body(_totals_sentence(report)),
        _heading("二、", "各单位完成情况", 1),
    ]
    if report.units:
        blocks.append(
            _body(
                "按完成率排序，各责任单位任务完成情况如下表（一项任务由多个单位"
                "负责的，分别计入各单位）。"
            )
        )
    else:
        blocks.append(_body("本计划暂无任务。"))
    if report.units:
        rows = [
            [
                str(u.rank),
                u.unit,
                str(u.totals.total),
                str(u.totals.done),
                str(u.totals.overdue),
                u.totals.rate_text,
            ]
            for u in report.units
        ]
        blocks.append(
            Table(
                ["排名", "责任单位", "任务数", "已完成", "逾期", "完成率"],
                rows,
                [14, 52, 20, 20, 20, 24],
                centered=(0, 2, 3, 4, 5),
            )
        )
    clean = [u.unit for u in report.units if not u.overdue_items]
    if clean and report.units:
        blocks.append(_body(f"无逾期任务的单位：{'、'.join(clean)}。"))
    blocks.append(_heading("三、", "逾期事项", 1))
    late_units = [u for u in report.units if u.overdue_items]
    if not late_units:
        blocks.append(_body(f"截至{cn_date(report.as_of)}，无逾期事项。"))
    for n, unit in enumerate(late_units, start=1):
        count = len(unit.overdue_items)
        blocks.append(_heading(f"（{cn_numeral(n)}）", f"{unit.unit}（逾期{count}项）", 2))
        for t in unit.overdue_items:
            text = (
                f"{t.core}，完成时限{t.deadline_text}，已逾期{t.days_late}天，当前进度{t.progress}%"
            )
            if t.latest is not None:
                text += (
                    f"，最近进展（{note_date(t.latest.entry_date)}）：{strip_end(t.latest.text)}"
                )
            blocks.append(_body(text + "。"))
    blocks += [_heading("四、", "工作要求", 1), _body(BULLETIN_REQUIREMENTS)]
    blocks += _signature(report, today)
    return blocks


# ---------------------------------------------------------------- reminders
def days_text(task: TaskView) -> str:
    """逾期N天 / 今日到期 / 剩余N天."""
    if task.days_late > 0:
        return f"逾期{task.days_late}天"
    if task.days_left == 0:
        return "今日到期"
    return f"剩余{task.days_left}天" if task.days_left is not None else ""


def reminder_items(report: Reminders, today: dt.date) -> list[Item]:
    """A covering 督办通知 and, as its attachment, one 催办单 page per 责任单位."""
    plan_title = report.plan.title.strip()
    items: list[Item] = [
        _title(report, f"关于{plan_title}逾期和临期事项的督办通知"),
        Block(BLANK),
    ]
    red = sum(s.red for s in report.sheets)
    yellow = sum(s.yellow for s in report.sheets)
    if report.sheets:
        items += [
            Addressee("各有关责任单位："),
            _body(
                f"截至{cn_date(report.as_of)}，{plan_title}中有逾期事项{red}项、临期事项"
                f"（{report.yellow_days}天内到期或进度滞后）{yellow}项，涉及{len(report.sheets)}个"
                "责任单位。现将各单位催办单印发给你们，请抓紧办理，并及时反馈办理情况。"
            ),
            Block(BLANK),
            _body(f"附件：各责任单位催办单（共{len(report.sheets)}份）"),
        ]
    else:
        items.append(_body(f"截至{cn_date(report.as_of)}，{plan_title}无逾期或临期事项。"))
    items += _signature(report, today)
    for index, sheet in enumerate(report.sheets):
        items.append(Attachment("催办单") if index == 0 else PageTitle("催办单"))
        items += [
            Addressee(f"{sheet.unit}："),
            _body(
                f"截至{cn_date(report.as_of)}，你单位负责的以下{len(sheet.items)}项工作逾期或临近"
                f"完成时限（逾期{sheet.red}项，临期{sheet.yellow}项），请抓紧办理，并及时反馈"
                "办理情况。"
            ),
        ]
        rows = []
        for n, t in enumerate(sheet.items, start=1):
            last = ""
            if t.latest is not None:
                last = f"{note_date(t.latest.entry_date)}：{strip_end(t.latest.text)}"
            rows.append(
                [
                    str(n),
                    t.item_text,
                    t.deadline_text,
                    LIGHT_TEXT.get(t.light, ""),
                    days_text(t),
                    f"{t.progress}%",
                    last,
                ]
            )
        items.append(
            Table(
                ["序号", "工作任务", "完成时限", "类别", "逾期/剩余", "进度", "最近进展"],
                rows,
                [13, 40, 22, 13, 23, 13, 32],
                centered=(0, 2, 3, 4, 5),
            )
        )
        items += _sign_and_date(report, today)
    return items


# ---------------------------------------------------------------- draft summary
def summary_items(report: SummaryDraft, today: dt.date) -> list[Item]:
    """年度工作总结（草稿）: opening, the plan's outline with draft paragraphs, closing part."""
    blocks: list[Item] = [_title(report, report.title), Block(BLANK)]
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
    return blocks


def report_items(report: ReportBase, today: dt.date | None = None) -> list[Item]:
    """The layout of any report; ``today`` is the 成文日期 (default: models/clock.py)."""
    today = today or default_today()
    if isinstance(report, ProgressReport):
        return progress_items(report, today)
    if isinstance(report, Bulletin):
        return bulletin_items(report, today)
    if isinstance(report, Reminders):
        return reminder_items(report, today)
    if isinstance(report, SummaryDraft):
        return summary_items(report, today)
    raise TypeError(type(report).__name__)
