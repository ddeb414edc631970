"""Import (ui/import_dialog.py)."""

from __future__ import annotations

# ---- import (ui/import_dialog.py)
ACT_IMPORT = "导入…"
IMPORT_OPEN_TITLE = "导入计划"
IMPORT_FILTER = (
    "计划文件 (*.docx *.doc *.wps *.pdf *.txt *.xlsx);;Word 文档 (*.docx *.doc);;"
    "WPS 文字 (*.wps);;PDF 文件 (*.pdf);;文本文件 (*.txt);;Excel 表格 (*.xlsx);;所有文件 (*)"
)
IMPORT_PARSING = "正在识别 {name}…"
IMPORT_CANCEL = "取消"
IMPORT_CANCELLED = "已取消导入。"
IMPORT_DIALOG_TITLE = "导入预览 — {name}"
IMPORT_SOURCE = "原文"
IMPORT_PREVIEW = "识别结果（可调整每一行的作用）"
IMPORT_HEADERS = ("内容", "识别为", "提示")
IMPORT_ROLE_PLAN = "计划"
IMPORT_ROLE_HEADING = "{level}级标题"
IMPORT_ROLE_TASK = "任务"
IMPORT_ROLE_BODY = "正文"
IMPORT_ROLE_DROP = "不导入"
IMPORT_SET_HEADING = "设为{level}级标题"
IMPORT_SET_TASK = "设为任务"
IMPORT_SET_BODY = "设为正文"
IMPORT_SET_DROP = "不导入此行"
IMPORT_MERGE = "与下一条合并"
IMPORT_SPLIT = "拆分任务"
IMPORT_FIELD_TITLE = "标题："
IMPORT_FIELD_YEAR = "年度："
IMPORT_FIELD_ORG = "单位："
IMPORT_FIELD_DOC_NUMBER = "文号："
IMPORT_OK = "导入"
IMPORT_SUMMARY = "{plans} 份计划，{sections} 个章节，{tasks} 项任务"
IMPORT_HINT_DEADLINE = "时限：{value}"
IMPORT_HINT_TARGET = "目标：{value}"
IMPORT_HINT_FREQUENCY = "周期：{value}"
IMPORT_HINT_UNIT = "责任单位：{value}"
IMPORT_HINT_LEADER = "牵头领导：{value}"
# the hint of a "regular" frequency (the other frequencies are vocab.Recurrence labels)
IMPORT_FREQUENCY_REGULAR = "常态化"
IMPORT_NOTHING = "没有勾选要导入的计划。"
IMPORT_NOTE_NOTICE = "识别为印发通知，计划为附件（通知：{title}）"
IMPORT_NOTE_SUMMARY = "含工作总结部分，未混入任务"
IMPORT_NOTE_SUMMARY_PLAN = "这是“{title}”的总结部分"
IMPORT_NOTE_TRADITIONAL = "原文为繁体字"
IMPORT_NOTE_CHROME = "已删除网页杂项：{count} 行"
IMPORT_NOTE_SEPARATOR = "；"
IMPORT_KEEP_NOTICE = "保留通知正文作为前言"
IMPORT_ROLE_ORIGIN = {"notice": "通知正文", "summary": "总结正文"}
IMPORT_SUMMARY_AS = "总结部分："
IMPORT_SUMMARY_MODES = {"preamble": "作为前言", "plan": "作为单独的总结计划", "drop": "不导入"}
IMPORT_SIMPLIFY = "转为简体保存"
IMPORT_DONE = "已导入 {count} 份计划。"
UNDO_IMPORT = "导入“{title}”"
UNDO_IMPORT_MANY = "导入 {count} 份计划"
PERCENT_SIGNS = "%％"
ROLLUP_SEP = "　"
BACKUP_KEEP_DAILY = "保留每日自动备份（份）"
BACKUP_KEEP_EVENT = "保留操作前自动备份（份）"
BACKUP_NETWORK = "数据文件放在网络共享文件夹上（换用适合共享文件夹的保存方式，下次打开时生效）"
TIP_BACKUP_NETWORK = (
    "数据文件在别的电脑共享出来的文件夹里时请勾选。\n"
    "程序平时用一种更快的保存方式（技术上叫 WAL 模式），它在网络共享文件夹上可能出错；"
    "勾选后改用较慢但稳妥的方式。"
)
LOCKED_ASK_BREAK = (
    "锁定记录来自另一台计算机（{host}）。如果确认那台计算机上的 PlanDesk 已经关闭"
    "（例如死机或断电），可以解除锁定后正常打开。\n\n要解除锁定吗？"
)
CRASH_CHECK_TITLE = "数据检查"
CRASH_CHECK_OK = "上次 PlanDesk 没有正常关闭（可能是断电或死机），已检查数据文件：完好。"
CRASH_CHECK_PROBLEMS = (
    "上次 PlanDesk 没有正常关闭（可能是断电或死机）。"
    "检查数据文件发现 {count} 处问题，例如：\n{first}\n\n"
    "建议用“文件 → 从备份恢复…”恢复最近的完好备份"
    "（恢复前会先备份现在的数据）。"
)
CHANGES_TITLE = "完成时限和量化目标变更记录"
CHANGES_HEADERS = ("日期", "项目", "原内容", "新内容", "原因")
# the headers of the due list's groups: this, the light labels (vocab.Light), the total
DUE_GROUP_FIRST = "分组"
DUE_GROUP_TOTAL = "合计"
