"""Tracking: checkpoints, progress, lights, the due list, the task table."""

from __future__ import annotations

# ------------------------------------------------------------------ tracking (issue 6)
MENU_TRACKING = "督办(&T)"
ACT_TASK_TABLE = "任务分解表"
ACT_DUE_LIST = "督办台账"
ACT_SEARCH_RESULTS = "搜索结果"
ACT_UNITS = "单位和人员名录…"
ACT_BULK_EDIT = "批量修改…"
ACT_COPY_CELLS = "复制单元格"
ACT_PASTE_CELLS = "粘贴单元格"
ACT_IMPORT_TABLE = "导入任务分解表…"
ACT_FEEDBACK_SHEETS = "生成反馈表…"
ACT_IMPORT_FEEDBACK = "导入反馈表…"
ACT_TRACKING_SETTINGS = "督办设置…"
TIP_TASK_TABLE = "以表格查看和批量编辑当前计划或章节的任务"
TIP_DUE_LIST = "所有计划中未完成的任务和检查节点，按红黄绿灯提示"

TABLE_HEADERS = (
    "提示",
    "序号",
    "工作任务",
    "牵头领导",
    "责任单位",
    "配合单位",
    "责任人",
    "完成时限",
    "量化目标",
    "状态",
    "进度",
    "最近进展",
)
TABLE_FILTER_PH = "筛选任务（任意文字）"
TABLE_ALL = "全部"
TABLE_ANY_UNIT = "全部责任单位"
TABLE_ANY_STATUS = "全部状态"
TABLE_EMPTY = "（未填写）"
TABLE_TITLE = "任务分解表 — {title}"
TABLE_COUNT = "共 {count} 项任务"
LIGHT_TIP = {
    "red": "已逾期",
    "yellow": "临期或滞后于序时进度",
    "green": "正常推进",
    "grey": "未开始且未定完成时限",
}

BULK_TITLE = "批量修改 {count} 项任务"
BULK_FIELD = "修改项目"
BULK_VALUE = "新内容"
BULK_FIELDS = (
    ("owner_unit", "责任单位"),
    ("deadline", "完成时限"),
    ("lead_leader", "牵头领导"),
    ("co_units", "配合单位"),
    ("owner_person", "责任人"),
    ("status", "状态"),
)
UNDO_BULK_EDIT = "批量修改{field}（{count} 项）"
UNDO_PASTE = "粘贴 {count} 个单元格"
MSG_SELECT_TASKS = "请先在表格中选择任务。"
MSG_PASTE_NOTHING = "剪贴板中没有可粘贴的内容。"
MSG_PASTE_READONLY = "“{column}”列不能直接修改，已跳过。"
MSG_COPIED = "已复制 {count} 个单元格"
CHANGE_REASON_TITLE = "修改原因"
CHANGE_REASON_PROMPT = "计划已定稿，修改完成时限或量化目标需要记录原因："

UNITS_TITLE = "单位和人员名录"
UNITS_UNITS = "责任单位"
UNITS_PEOPLE = "人员"
UNITS_ADD = "添加"
UNITS_RENAME = "修改"
UNITS_REMOVE = "删除"
UNITS_NAME_PROMPT = "名称："
UNITS_NOTE = "备注"
UNDO_ADD_UNIT = "添加名录“{name}”"
UNDO_EDIT_UNIT = "修改名录“{name}”"
UNDO_REMOVE_UNIT = "删除名录“{name}”"

DUE_TITLE = "督办台账"
DUE_HEADERS = (
    "提示",
    "类型",
    "计划",
    "年度",
    "任务",
    "节点",
    "截止日期",
    "责任单位",
    "牵头领导",
    "进度",
)
DUE_KIND = {"task": "任务", "checkpoint": "节点"}
DUE_COUNTS = "逾期 {red}　临期 {yellow}　正常 {green}　未排期 {grey}"
DUE_GROUP = "分组"
DUE_GROUPS = (
    ("", "不分组"),
    ("owner_unit", "按责任单位"),
    ("lead_leader", "按牵头领导"),
    ("plan", "按计划"),
    ("light", "按提示灯"),
)
DUE_ANY_UNIT = "全部责任单位"
DUE_ANY_LEADER = "全部牵头领导"
DUE_ANY_PLAN = "全部计划"
DUE_ANY_LIGHT = "全部提示"
DUE_REFRESH = "刷新"
DUE_TODAY = "今天：{date}"
DUE_NOTICE = "有 {red} 项逾期、{yellow} 项临期的任务或节点，点击查看督办台账"
DUE_NOTICE_TIP = "打开督办台账"

SEARCH_PH = "搜索所有计划（至少 1 个字）"
SEARCH_TITLE = "搜索结果"
SEARCH_RESULT = "{year}　{plan}　{snippet}"
SEARCH_PROGRESS = "〔进展〕"
SEARCH_NONE = "没有找到“{query}”"
SEARCH_COUNT = "找到 {count} 处“{query}”"
SEARCH_MORE = "（只显示前 {count} 条）"

CP_TITLE = "检查节点"
CP_HEADERS = ("节点", "截止日期", "完成日期", "备注")
CP_ADD = "添加节点"
CP_RECURRING = "按周期生成"
CP_DONE = "标记完成"
CP_REMOVE = "删除节点"
CP_SUGGEST = "任务含“每月”等字样，可按周期生成检查节点"
CP_NEW_TITLE = "检查"
CP_SHIFT = "遇节假日提前到上一个工作日"
UNDO_ADD_CHECKPOINTS = "添加检查节点（{count} 个）"
UNDO_EDIT_CHECKPOINT = "修改检查节点“{title}”"
UNDO_REMOVE_CHECKPOINTS = "删除检查节点（{count} 个）"

PROGRESS_TITLE = "进展记录"
PROGRESS_HEADERS = ("日期", "进展情况", "进度", "存在问题")
PROGRESS_TEXT_PH = "本次进展情况"
PROGRESS_PROBLEMS_PH = "存在问题（可不填）"
PROGRESS_ADD = "记录进展"
PROGRESS_REMOVE = "删除记录"
UNDO_ADD_PROGRESS = "记录进展"
UNDO_REMOVE_PROGRESS = "删除进展记录"
ROLLUP_TEXT = "章节进度（按所含任务平均）：{value}"
ROLLUP_PLAN = "计划总体进度：{value}（{count} 项任务）"
ROLLUP_NONE = "—"

FEEDBACK_FOLDER_TITLE = "选择保存反馈表的文件夹"
FEEDBACK_WRITTEN = "已生成 {count} 份反馈表：{folder}"
FEEDBACK_WRITTEN_BOX = "已生成 {count} 份反馈表，保存在文件夹：\n{folder}"
FEEDBACK_OPEN_TITLE = "导入反馈表"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
FEEDBACK_PREVIEW_TITLE = "反馈表预览 — {unit}"
FEEDBACK_HEADERS = ("行", "任务", "进展情况", "进度", "存在问题", "原进度", "检查结果")
FEEDBACK_STATE = {"ok": "可导入", "conflict": "需确认", "error": "不导入"}
FEEDBACK_REASONS = {
    "task_changed": "发出后任务内容、时限或目标已修改",
    "progress_since": "发出后本系统已另有进展记录",
    "duplicate_row": "同一任务出现在多行",
    "task_gone": "任务已删除或不在本计划",
    "not_listed": "该行不是原表中的任务",
    "bad_progress": "进度不是 0 到 100 的整数",
    "already_imported": "该条进展已导入过",
    "owner_changed": "任务已改由其他单位负责",
}
FEEDBACK_LIST_CHANGED = "注意：反馈表发出后，该单位的任务清单已有变化（新增 {added} 项）。"
FEEDBACK_INCLUDE_CONFLICTS = "同时导入“需确认”的行"
FEEDBACK_APPLY = "导入"
FEEDBACK_APPLIED = "已导入 {count} 条进展记录"
UNDO_APPLY_FEEDBACK = "导入反馈表（{unit}）"
TABLE_IMPORT_TITLE = "导入任务分解表"
TABLE_PREVIEW_TITLE = "任务分解表变更预览"
TABLE_PREVIEW_HEADERS = ("行", "序号", "任务", "修改项目", "原内容", "新内容")
TABLE_PREVIEW_SUMMARY = (
    "{changed} 项任务有修改，{unchanged} 项未变；{unmatched} 行未能对应，"
    "{missing} 项任务表中没有，{errors} 个单元格无法识别。"
)
TABLE_APPLIED = "已按任务分解表修改 {count} 项任务"
UNDO_IMPORT_TABLE = "导入任务分解表（{count} 项）"
NO_PLAN_SELECTED = "请先在左侧选择一个计划。"

SETTINGS_TITLE = "督办设置"
SETTINGS_WITHIN = "临期提醒天数"
SETTINGS_MARGIN = "滞后序时进度超过（百分点）"
SETTINGS_SHIFT = "生成周期节点时，遇节假日提前到上一个工作日"
