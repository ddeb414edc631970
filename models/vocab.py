"""Domain labels shared by the GUI, the CLI and the exports; the database stores the codes."""

from __future__ import annotations

# Plan status: code -> label
PLAN_STATUS = {"draft": "草稿", "final": "定稿", "archived": "归档"}
# Plan kind: code -> label
PLAN_KIND = {"plan": "工作计划", "points": "工作要点", "summary": "工作总结"}
# Task status: code -> label
TASK_STATUS = {
    "not_started": "未开始",
    "in_progress": "进行中",
    "done": "已完成",
    "suspended": "暂缓",
}
# How a section writes its tasks: code -> label
TASK_STYLE = {
    "sentences": "连续句子",
    "yishi": "一是……二是……",
    "numbered": "编号段落",
    "paragraphs": "分段",
}
NODE_KIND = {"section": "章节", "task": "任务"}
# Due-list lights
LIGHT = {"red": "逾期", "yellow": "临期", "green": "正常", "grey": "未排期"}

DONE_STATUSES = frozenset({"done"})


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
