"""The plan tree, new items, the panels and the toolbar's short names."""

from __future__ import annotations

# ------------------------------------------------------------------ tree
YEAR_LABEL = "{year}年"
YEAR_UNKNOWN = "未注明年度"
UNTITLED = "（无标题）"
CONTEXT_SEPARATOR = " › "

# ------------------------------------------------------------------ new items
NEW_PLAN_TITLE = "新建工作计划"
NEW_SECTION_HEADING = "新章节"
NEW_TASK_TEXT = "新任务。"

# ------------------------------------------------------------------ panels
PANEL_PLAN = "计划"
PANEL_SECTION = "章节"
PANEL_TASK = "任务"
PANEL_TASK_DETAILS = "责任分工与目标"
PANEL_EMPTY = "在左侧选择一份计划、一个章节或一项任务，即可在这里查看和修改。"
START_TITLE = "开始"
TOOLBAR_STEPS = "常用步骤"
ACT_SHOW_STEPS_TOOLBAR = "显示常用步骤工具栏"
# short names under the toolbar icons (the menus keep the full ones with "…")
STEP_TEXT = {
    "import": "导入",
    "rollover": "生成下一年度",
    "export_word": "导出 Word",
    "report": "生成报表",
    "due_list": "督办台账",
}
START_EXPLAIN = (
    "左侧按年份列出所有计划；点开一份计划，可以看到它的章节和每一项任务，"
    "选中哪一项，这里就显示哪一项的内容。"
)
START_IMPORT = "导入去年的计划"
START_IMPORT_TIP = "从 Word（.docx）、文本或 Excel 文件读入一份已有的年度工作计划。"
START_ROLLOVER = "生成下一年度计划"
START_ROLLOVER_TIP = "以选中（或最新）的一份计划为底稿，生成下一年度的计划，再逐项修改。"
START_NEW = "新建计划"
START_NEW_TIP = "从空白开始写一份新计划。"
START_NO_PLAN = "还没有计划。请先“导入去年的计划”或“新建计划”。"

LBL_TITLE = "标题"
LBL_YEAR = "年度"
LBL_ORGANIZATION = "单位"
LBL_KIND = "类型"
LBL_ISSUER = "发文机关"
LBL_DOC_NUMBER = "文号"
LBL_SIGNED_BY = "签署单位"
LBL_SIGNED_DATE = "成文日期"
LBL_SEALED = "加盖印章"
SEALED_CHOICES = ((0, "不加盖（署名右空二字）"), (1, "加盖（成文日期右空四字）"))
LBL_COPY_TO = "版记·抄送机关"
PH_COPY_TO = "例如 县委办公室，县政府办公室（留空则无版记）"
LBL_PRINTED_BY = "版记·印发机关"
LBL_PRINTED_DATE = "版记·印发日期"
PH_PRINTED_DATE = "留空则同成文日期"
LBL_STATUS = "状态"
LBL_PREAMBLE = "前言"
LBL_CLOSING = "结束语"
LBL_PLAN_COUNTS = "共 {sections} 个章节、{tasks} 项任务"

LBL_HEADING = "标题"
LBL_BODY = "正文"
LBL_TASK_STYLE = "任务在公文中的写法"
LBL_RUN_IN = "章节标题的排法"
TIP_TASK_STYLE = (
    "导出 Word 时，本章节下的各项任务怎样写：\n"
    "连续句子 — 接在一段里；一是……二是…… — 用“一是、二是”串起来；\n"
    "编号段落 — 每项任务一段，前面加 1. 2. 3.；分段 — 每项任务一段，不加编号。"
)
TIP_RUN_IN = "导出 Word 时章节标题的位置：单独成一行，或者标题后加句号/冒号，正文紧接在同一段。"
TASK_STYLE_NONE = "（未指定）"
RUN_IN_CHOICES = (
    (None, "标题单独成段"),
    ("。", "标题后接正文（句号）"),
    ("：", "标题后接正文（冒号）"),
)

LBL_TEXT = "任务内容"
LBL_LEAD_LEADER = "牵头领导"
LBL_OWNER_UNIT = "责任单位"
LBL_CO_UNITS = "配合单位"
LBL_OWNER_PERSON = "责任人"
LBL_DEADLINE = "完成时限"
LBL_DUE_DATE = "截止日期"
LBL_TARGET = "量化目标"
LBL_PROGRESS = "进度"
LBL_NOTE = "备注"
DUE_DATE_SHOWN = "截止日期：{date}"
DUE_DATE_NONE = "截止日期：未能从完成时限推算"
DUE_DATE_EMPTY = "截止日期：未填写完成时限"

PH_YEAR = "例如 2025"
PH_SIGNED_DATE = "例如 2025-01-05"
PH_DEADLINE = "例如 6月底前、第三季度、年底前"
PH_CO_UNITS = "多个单位用顿号分隔"
