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
# Rollover review items (models/rollover.py): code -> label
REVIEW_KIND = {
    "stale_year": "年份待核",
    "relative_word": "相对时间词",
    "unfinished": "上年未完成",
    "carried_twice": "连续结转",
    "left_out": "未结转（已完成）",
}
# Plan comparison (models/compare.py): code -> label
DIFF_STATUS = {"added": "新增", "removed": "删除", "changed": "修改", "same": "未变"}

# Recurring checkpoints (tracking): rule code -> label, and the titles of the generated rows
RECURRENCE = {"monthly": "每月", "quarterly": "每季度", "halfyear": "每半年"}
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


# Backup file names (models/backup.py): what a secretary reads in the backups folder.
BACKUP_KIND_FILE = {"daily": "每日自动备份", "event": "操作前自动备份", "manual": "手动备份"}
BACKUP_REASON_FILE = {
    "start": "启动时",
    "import": "导入前",
    "rollover": "生成下一年度计划前",
    "restore": "恢复前",
    "migration": "升级数据格式前",
}

# The mark of a plan imported again as a copy: "XX镇2024年工作计划（副本）", "…（副本2）".
COPY_MARK = "（副本）"
COPY_MARK_N = "（副本{n}）"
