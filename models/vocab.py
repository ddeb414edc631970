"""Domain codes and their Chinese labels, in one place; the database stores the codes.

Each kind of code is a :class:`Code` (a ``StrEnum``): ``TaskStatus.DONE == "done"`` and
``TaskStatus.DONE.label == "已完成"``. A member is a ``str``, so it goes into SQL and JSON as
the code itself, and comparing it with a code read from the database just works. The
``code -> label`` mappings below (``TASK_STATUS`` …) are views of the enums for the code that
iterates labels (combo boxes, table cells, ``label()``/``code_for()``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Code(StrEnum):
    """A code stored in the database, with its Chinese label (``member.label``)."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        """``{code: label}`` of every member, in definition order."""
        return {m.value: m.label for m in cls}


class PlanStatus(Code):
    """Where a plan is in its year."""

    DRAFT = "draft", "草稿"
    FINAL = "final", "定稿"
    ARCHIVED = "archived", "归档"


class PlanKind(Code):
    """What kind of document a plan is."""

    PLAN = "plan", "工作计划"
    POINTS = "points", "工作要点"
    SUMMARY = "summary", "工作总结"


class TaskStatus(Code):
    """The state of a task."""

    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DONE = "done", "已完成"
    SUSPENDED = "suspended", "暂缓"


class TaskState(Code):
    """The state of a task in a report on a day: exclusive, they add up to the total."""

    DONE = "done", "已完成"
    ON_TRACK = "on_track", "正常推进"
    OVERDUE = "overdue", "逾期未完成"
    NOT_STARTED = "not_started", "未启动"
    SUSPENDED = "suspended", "暂缓"


class TaskStyle(Code):
    """How a section writes its tasks."""

    SENTENCES = "sentences", "连续句子"
    YISHI = "yishi", "一是……二是……"
    NUMBERED = "numbered", "编号段落"
    PARAGRAPHS = "paragraphs", "分段"


class NodeKind(Code):
    """A node of the outline is a section or a task."""

    SECTION = "section", "章节"
    TASK = "task", "任务"


class Light(Code):
    """The light of an item in the due list."""

    RED = "red", "逾期"
    YELLOW = "yellow", "临期"
    GREEN = "green", "正常"
    GREY = "grey", "未排期"


class ReviewKind(Code):
    """What the rollover lists for review (models/rollover.py)."""

    STALE_YEAR = "stale_year", "年份待核"
    RELATIVE_WORD = "relative_word", "相对时间词"
    UNFINISHED = "unfinished", "上年未完成"
    CARRIED_TWICE = "carried_twice", "连续结转"
    LEFT_OUT = "left_out", "未结转（已完成）"


class DiffStatus(Code):
    """How a node changed between two plans (models/compare.py)."""

    ADDED = "added", "新增"
    REMOVED = "removed", "删除"
    CHANGED = "changed", "修改"
    SAME = "same", "未变"


class Recurrence(Code):
    """The rule of recurring checkpoints (tracking)."""

    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    HALFYEAR = "halfyear", "每半年"


PLAN_STATUS = PlanStatus.labels()
PLAN_KIND = PlanKind.labels()
TASK_STATUS = TaskStatus.labels()
TASK_STATE = TaskState.labels()
TASK_STYLE = TaskStyle.labels()
NODE_KIND = NodeKind.labels()
LIGHT = Light.labels()
REVIEW_KIND = ReviewKind.labels()
DIFF_STATUS = DiffStatus.labels()
RECURRENCE = Recurrence.labels()

DONE_STATUSES = frozenset({TaskStatus.DONE})
# Titles of the generated recurring checkpoints
MONTH_TITLE = "{month}月"
QUARTER_TITLES = ("第一季度", "第二季度", "第三季度", "第四季度")
HALF_TITLES = ("上半年", "下半年")


def label(mapping: dict[str, str], code: str | None) -> str:
    """Label of a code, or the code itself when unknown (never raises)."""
    if code is None:
        return ""
    return mapping.get(code, code)


def code_for(mapping: dict[str, str], text: str) -> str | None:
    """The code whose label or code equals ``text`` (as typed in a table), else None."""
    text = text.strip()
    for code, lab in mapping.items():
        if text in (code, lab):
            return code
    return None


# 督查督办 (models/supervision/): 序时进度 classes, in report order
PACE = {
    "behind": "欠进度",
    "on_pace": "达进度",
    "ahead": "超进度",
    "done": "已完成",
    "other": "其它",
}
# Where a 督办事项 comes from
ITEM_SOURCE = {
    "instruction": "领导批示",
    "meeting": "会议议定事项",
    "superior": "上级交办",
    "proposal": "建议提案",
    "public": "群众反映",
}
# Time class of a 督办事项: 特急 at once, 急件 within 3 working days, 一般 per office setting
TIME_CLASS = {"urgent": "特急", "rush": "急件", "normal": "一般"}
# Closing steps of an item
CLOSING_ACTION = {"done": "办结", "cancel": "销号", "extend": "延期"}
# A unit in a reporting round
ROUND_STATE = {"on_time": "已报", "late": "迟报", "missing": "未报", "pending": "待报"}
# Backup file names (models/backup.py): what a secretary reads in the backups folder.
BACKUP_KIND_FILE = {"daily": "每日自动备份", "event": "操作前自动备份", "manual": "手动备份"}
BACKUP_REASON_FILE = {
    "start": "启动时",
    "import": "导入前",
    "rollover": "生成下一年度计划前",
    "restore": "恢复前",
    "migration": "升级数据格式前",
    "exchange": "导入数据包前",
}

# The mark of a plan imported again as a copy: "XX镇2024年工作计划（副本）", "…（副本2）".
COPY_MARK = "（副本）"
COPY_MARK_N = "（副本{n}）"
