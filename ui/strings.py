"""Every Chinese text of the user interface (STYLE.md §7): constants, so a typo fails at import."""

from __future__ import annotations

# ------------------------------------------------------------------ application
APP_NAME = "PlanDesk 年度工作计划管家"
APP_SHORT = "PlanDesk"
WINDOW_TITLE = "{name} - PlanDesk 年度工作计划管家"

# ------------------------------------------------------------------ menus
MENU_FILE = "文件(&F)"
MENU_EDIT = "编辑(&E)"
MENU_PLAN = "计划(&P)"
MENU_VIEW = "视图(&V)"
MENU_REPORT = "报表(&R)"
MENU_HELP = "帮助(&H)"
TOOLBAR_MAIN = "主工具栏"

# ------------------------------------------------------------------ actions
ACT_NEW_PLAN = "新建计划"
ACT_ADD_SECTION = "添加章节"
ACT_ADD_SUBSECTION = "添加下级章节"
ACT_ADD_TASK = "添加任务"
ACT_DELETE = "删除"
ACT_MOVE_UP = "上移"
ACT_MOVE_DOWN = "下移"
ACT_INDENT = "降级"
ACT_OUTDENT = "升级"
ACT_LOAD_SAMPLE = "载入示例计划"
ACT_TO_SECTION = "转为章节"
ACT_TO_TASK = "转为任务"
ACT_OPEN_DB = "打开数据库…"
ACT_NEW_DB = "新建数据库…"
ACT_QUIT = "退出"
ACT_ABOUT = "关于"
ACT_EXPAND_PLAN = "展开当前计划"
ACT_COLLAPSE_ALL = "全部折叠"
ACT_SHOW_TOOLBAR = "显示工具栏"
UNDO_PREFIX = "撤销"
REDO_PREFIX = "重做"

TIP_NEW_PLAN = "新建一份工作计划"
TIP_ADD_SECTION = "在当前章节后添加同级章节"
TIP_ADD_SUBSECTION = "在当前章节下添加下级章节"
TIP_ADD_TASK = "在当前位置添加一项任务"
TIP_DELETE = "删除选中的计划、章节或任务"

# ------------------------------------------------------------------ undo texts
UNDO_EDIT = "修改{field}"
UNDO_ADD_PLAN = "新建计划"
UNDO_DELETE_PLAN = "删除计划“{title}”"
UNDO_ADD_SECTION = "添加章节"
UNDO_ADD_TASK = "添加任务"
UNDO_REMOVE_NODE = "删除“{title}”"
UNDO_MOVE = "移动“{title}”"
UNDO_MOVE_UP = "上移“{title}”"
UNDO_MOVE_DOWN = "下移“{title}”"
UNDO_INDENT = "降级“{title}”"
UNDO_OUTDENT = "升级“{title}”"
UNDO_LOAD_SAMPLE = "载入示例计划"
UNDO_SET_KIND = "转换条目类型"


# ------------------------------------------------------------------ field names (undo texts)
FIELD_NAMES = {
    "title": "标题",
    "year": "年度",
    "organization": "单位",
    "kind": "类型",
    "issuer": "发文机关",
    "doc_number": "文号",
    "signed_by": "签署单位",
    "signed_date": "成文日期",
    "status": "状态",
    "preamble": "前言",
    "closing": "结束语",
    "heading": "标题",
    "body": "正文",
    "task_style": "任务写法",
    "run_in": "标题格式",
    "text": "任务内容",
    "lead_leader": "牵头领导",
    "owner_unit": "责任单位",
    "co_units": "配合单位",
    "owner_person": "责任人",
    "deadline": "完成时限",
    "due_date": "截止日期",
    "target": "量化目标",
    "progress": "进度",
    "note": "备注",
    "frequency": "频次",
}

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

# ------------------------------------------------------------------ messages
TITLE_ERROR = "出错了"
TITLE_CONFIRM = "请确认"
TITLE_INFO = "提示"
TITLE_WRITTEN = "已保存文件"
BTN_OPEN_FILE = "打开文件"
BTN_OPEN_FOLDER = "打开所在文件夹"
BTN_CLOSE = "关闭"
OPEN_FILE_FAILED = "没有程序能打开这个文件：\n{path}\n请在文件夹中找到它，用 WPS 或 Word 打开。"
OPEN_FOLDER_FAILED = "无法打开文件夹（系统没有响应）：\n{path}\n请在“此电脑”中按这个位置查找。"
CONFIRM_DELETE_PLAN = "确定删除计划“{title}”及其全部章节和任务吗？\n删除后可以用“撤销”恢复。"
CONFIRM_DELETE_SECTION = (
    "确定删除章节“{title}”及其下的 {count} 个条目吗？\n删除后可以用“撤销”恢复。"
)
CONFIRM_DELETE_TASK = "确定删除任务“{title}”吗？\n删除后可以用“撤销”恢复。"
MSG_SELECT_FIRST = "请先在左侧选择一份计划或其中的章节、任务。"
MSG_CANNOT_MOVE = "已经到头了，无法再移动。"
MSG_CANNOT_INDENT = "无法降级：前面没有可以放入的同级章节。"
MSG_CANNOT_OUTDENT = "无法升级：已经是最高一级。"
MSG_NOT_A_TASK = "请先选择一项任务。"
MSG_NOT_A_SECTION = "请先选择一个章节。"
MSG_CANNOT_DROP = "只能在同一份计划内拖动章节和任务。"
MSG_SAMPLE_LOADED = "已载入 {count} 份示例计划。"
MSG_DB_OPENED = "已打开数据库：{path}"
MSG_DB_EXISTS = "文件“{path}”已存在。要使用它，请选择“打开数据库…”。"
MSG_SAVED = "已保存"
STATUS_DB = "数据库：{path}"
ABOUT_TITLE = "关于 PlanDesk"
ACT_HELP_GUIDE = "使用说明"
ACT_HELP_SHORTCUTS = "快捷键一览"
HELP_GUIDE_TITLE = "PlanDesk 使用说明"
HELP_SHORTCUTS_TITLE = "快捷键一览"
# keys that are no menu entry (shown after the menu shortcuts)
SHORTCUTS_EXTRA = (
    ("在文字框里撤销刚打的字（没有可撤销的字时撤销上一步修改）", "Ctrl+Z"),
    ("计划树中：降级 / 升级", "Tab / Shift+Tab"),
    ("计划树中：展开 / 收起", "→ / ←"),
)
PROGRESS_DATE_TITLE = "请核对进展日期"
PROGRESS_DATE_OUTSIDE_YEAR = (
    "这条进展记录的日期是 {date}，不在本计划的年度（{year}年）内。\n"
    "报表按日期统计进展，这条记录不会出现在 {year} 年的报告里。\n\n仍按这个日期记录吗？"
)
PROGRESS_DATE_FUTURE = "这条进展记录的日期 {date} 还没有到。\n\n仍按这个日期记录吗？"
REIMPORT_TITLE = "这份计划已经导入过"
REIMPORT_TEXT = (
    "“{title}”已经在 PlanDesk 里了（标题和内容都相同）。\n\n"
    "替换：删除原来的那份，换成这次导入的（原来那份的进展记录、检查节点也一起删除）；\n"
    "另存为副本：两份都保留，这次的标题后加“{mark}”；\n"
    "取消：不导入这一份。"
)
REIMPORT_REPLACE = "替换"
REIMPORT_COPY = "另存为副本"
REIMPORT_CANCEL = "取消"
UNDO_REIMPORT_REPLACE = "替换计划“{title}”"
ACT_CUT = "剪切"
ACT_COPY = "复制"
ACT_PASTE = "粘贴"
ACT_DUPLICATE = "创建副本"
UNDO_PASTE_NODES = "粘贴"
UNDO_DUPLICATE = "创建副本"
MSG_NODES_COPIED = "已复制；选中一个章节、任务或计划后按 Ctrl+V 粘贴到它后面。"
MSG_CUT = "已剪切；选中位置后按 Ctrl+V 粘贴（可以粘贴到另一份计划）。"
MSG_NOTHING_TO_PASTE = "还没有复制任何章节或任务。"
MSG_SELECT_NODE_FIRST = "请先在左侧选中一个章节或一项任务。"
# Qt's own dialog texts missing from qtbase_zh_CN.qm: (context, English source) -> Chinese
QT_MISSING_TEXTS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}
ACT_SAVE = "保存"
MSG_AUTOSAVED = "已自动保存：所有修改都已存入数据文件，不需要另外保存。"
ACT_FIND = "查找…"
FIND_TITLE = "查找"
FIND_PROMPT = "在所有计划中查找："
ACT_RECENT_MENU = "最近打开的数据库"
RECENT_EMPTY = "（无）"
RECENT_MISSING = "找不到这个数据文件（可能已被移动或删除）：\n{path}"
ACT_RENAME_PLAN = "重命名…"
RENAME_PLAN_TITLE = "重命名计划"
RENAME_PLAN_PROMPT = "计划标题："
ABOUT_TEXT = (
    "PlanDesk 年度工作计划管家 {version}\n\n"
    "离线编写年度工作计划，分解任务，全年跟踪落实并打印报表。\n\n"
    "数据文件：{path}"
)
DB_FILE_FILTER = "PlanDesk 数据库 (*.db *.sqlite);;所有文件 (*)"
OPEN_DB_TITLE = "打开数据库"
NEW_DB_TITLE = "新建数据库"

# ------------------------------------------------------------------ crash dialog
CRASH_TITLE = "程序出现意外错误"
CRASH_SUMMARY = (
    "PlanDesk 遇到了一个意外错误：{error}\n\n"
    "您的数据已经保存（每次修改都会立即写入数据文件）。"
    "可以继续使用；如果问题反复出现，请点击“复制详情”，把内容发给技术支持。"
)
CRASH_LOG = "日志文件：{path}"
CRASH_COPY = "复制详情"
CRASH_COPIED = "已复制到剪贴板"
CRASH_CLOSE = "关闭"
CRASH_DETAILS = "详细信息"

# ------------------------------------------------------------------ rollover, comparison, history
ACT_ROLLOVER = "生成下一年度计划…"
ACT_COMPARE = "对比两个计划…"
TIP_ROLLOVER = "以选中的计划为底稿，生成下一年度的计划草稿"
TIP_COMPARE = "并排对比两份计划，标出新增、删除和修改的内容"
UNDO_ROLLOVER = "生成“{title}”"
UNDO_ADD_BACK = "补回任务“{title}”"
ROLLOVER_TITLE = "生成下一年度计划"
ROLLOVER_SOURCE = "底稿：{title}"
ROLLOVER_YEAR = "新计划年度"
ROLLOVER_CARRY = "结转任务"
ROLLOVER_CARRY_ALL = "全部任务"
ROLLOVER_CARRY_UNFINISHED = "仅未完成的任务（已完成的不结转，可在核对清单中补回）"
ROLLOVER_KEEP_PEOPLE = "保留责任人"
ROLLOVER_KEEP_DEADLINES = "保留完成时限（日期顺延到新年度）"
ROLLOVER_HINT = (
    "新计划为草稿：标题和正文中指本年度的年份改为新年度，其他年份保持不变并列入核对清单；"
    "任务状态和进度清零，进展记录不复制。原计划不会被改动，生成后可用“撤销”一步撤回。"
)
ROLLOVER_NO_PLAN = "请先在左侧选择一份计划。"
ROLLOVER_DONE = "已生成“{title}”，核对清单共 {count} 条。"
REVIEW_TITLE = "结转核对清单：{title}"
REVIEW_HELP = "双击一条即可跳转到新计划中的对应位置。"
REVIEW_EMPTY = "没有需要核对的事项。"
REVIEW_COL_KIND = "类别"
REVIEW_COL_WHERE = "位置"
REVIEW_COL_TEXT = "内容"
REVIEW_WHERE_PLAN = "计划{field}"
REVIEW_WHERE_OLD = "原计划"
REVIEW_WHERE_TASK = "第{index}项"
REVIEW_DETAIL_MATCH = "“{match}”"
REVIEW_DETAIL_UNFINISHED = "上年{status}，进度 {progress}%"
REVIEW_DETAIL_OVERDUE = "，已逾期（截止 {date}）"
REVIEW_DETAIL_CARRIED = "已连续结转 {years} 年"
REVIEW_ADD_BACK = "补回所选任务"
REVIEW_ADDED_BACK = "已补回"
REVIEW_COMPARE = "与原计划对比…"
COMPARE_TITLE = "对比两个计划"
COMPARE_LEFT = "左侧"
COMPARE_RIGHT = "右侧"
COMPARE_ONLY_DIFF = "只显示有变化的条目"
COMPARE_SUMMARY = "新增 {added} 条，删除 {removed} 条，修改 {changed} 条，未变 {same} 条"
COMPARE_MOVED = "（位置有调整）"
COMPARE_NEED_TWO = "至少需要两份计划才能对比。"
COMPARE_FIELD_CHANGE = "{field}：{old} → {new}"
COMPARE_EMPTY_VALUE = "（空）"
COMPARE_LEGEND = "绿色：新增的文字　红色删除线：删除的文字"
HISTORY_TITLE = "往年情况"
HISTORY_EMPTY = "没有往年记录。"
HISTORY_ENTRY = "{year}年 · {plan}"
HISTORY_STATUS = "最终状态：{status}，进度 {progress}%"
HISTORY_NOTE = "最后进展（{date}）：{note}"
HISTORY_NO_NOTE = "没有进展记录"

# ---------------------------------------------------------------- reports (ui/report_dialog.py)
ACT_REPORT = "生成报表(&B)…"
TIP_REPORT = "进展情况报告、督查通报、催办单和年度工作总结草稿：预览、打印、导出 Word/Excel"
REPORT_TITLE = "生成报表"
REPORT_KIND = "报表类型"
REPORT_PLAN = "计划"
REPORT_PERIOD = "统计期间"
REPORT_PERIOD_MONTH = "月度"
REPORT_PERIOD_QUARTER = "季度"
REPORT_PERIOD_HALF = "半年"
REPORT_PERIOD_YEAR = "全年"
REPORT_PERIOD_CUSTOM = "自定义"
REPORT_MONTH_ITEM = "{n}月"
REPORT_QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
REPORT_HALVES = ("上半年", "下半年")
REPORT_YEAR_SUFFIX = " 年"
REPORT_FROM = "从"
REPORT_UNTIL = "至"
REPORT_RANGE = "期间：{range}"
REPORT_FORMAT = "导出格式"
REPORT_FORMAT_DOCX = "Word 文档（.docx，公文格式）"
REPORT_FORMAT_XLSX = "Excel 表格（.xlsx）"
REPORT_OPEN_FOLDER = "导出后打开所在文件夹"
REPORT_PREVIEW = "刷新预览"
REPORT_PRINT = "打印…"
REPORT_EXPORT = "导出…"
REPORT_SAVE_TITLE = "导出报表"
REPORT_FILTER_DOCX = "Word 文档 (*.docx)"
REPORT_FILTER_XLSX = "Excel 工作簿 (*.xlsx)"
REPORT_EXPORTING = "正在导出报表……"
REPORT_EXPORTED = "报表已导出：{path}"
REPORT_EXPORTED_BOX = "报表已导出，保存在：\n{path}"
REPORT_NO_PLAN = "还没有计划，请先新建或导入一份计划。"
REPORT_SUMMARY_DOCX_ONLY = "年度工作总结（草稿）只能导出为 Word 文档。"

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

# ------------------------------------------------------------------ export, print, PDF
ACT_EXPORT_WORD = "导出 Word…"
ACT_EXPORT_TASKS = "导出任务分解表（Word/Excel）…"
ACT_EXPORT_TEMPLATE = "使用模板导出…"
ACT_PRINT_PREVIEW = "打印预览…"
ACT_PRINT_PREVIEW_TASKS = "任务分解表打印预览…"
ACT_EXPORT_PDF = "导出 PDF…"
TIP_EXPORT_WORD = "按 GB/T 9704 公文格式导出计划全文（Word 文档）"
TIP_EXPORT_TEMPLATE = "用本单位的 Word 模板导出计划"
EXPORT_SAVE_WORD = "导出 Word 文档"
EXPORT_SAVE_WORD_FONTS = EXPORT_SAVE_WORD + "（{fonts}）"
ACT_WINDOWS_FONT_NAMES = "Word 文件使用 Windows 自带字体名"
TIP_WINDOWS_FONT_NAMES = (
    "勾选：仿宋、楷体、华文中宋（每台 Windows 电脑都能正常显示）；"
    "不勾选：仿宋_GB2312、楷体_GB2312、方正小标宋简体（公文标准字体名，需要安装这些字体）"
)
FONT_NAMES_OFFICIAL = "字体：仿宋_GB2312、楷体_GB2312、方正小标宋简体"
FONT_NAMES_WINDOWS = "字体：仿宋、楷体、华文中宋（Windows 自带）"
EXPORT_SAVE_TASKS = "导出任务分解表"
EXPORT_SAVE_PDF = "导出 PDF"
EXPORT_PICK_TEMPLATE = "选择 Word 模板"
EXPORT_SAVE_TEMPLATE = "保存用模板生成的文档"
FILTER_DOCX = "Word 文档 (*.docx)"
FILTER_TASKS = "Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)"
FILTER_PDF = "PDF 文件 (*.pdf)"
TASKS_FILE_SUFFIX = "任务分解表"
EXPORTING = "正在导出……"
EXPORT_DONE = "已导出：{path}"
EXPORT_DONE_BOX = "文件已导出，保存在：\n{path}"
PRINT_PREVIEW_TITLE = "打印预览 - {title}"
FONTS_TITLE = "字体检查"
FONTS_SUBSTITUTED = (
    "本机没有安装以下公文字体，打印和 PDF 将使用替代字体：\n{lines}\n"
    "导出的 Word 文档仍写标准字体名称，在装有这些字体的电脑上显示正常。"
)
FONTS_LINE = "{official} → {used}"
FONTS_NONE_LINE = "{official} → 没有可用的替代字体，由系统自动选择"

# ------------------------------------------------------------------ backup, restore, lock
ACT_BACKUP = "备份…"
ACT_RESTORE = "从备份恢复…"
TIP_BACKUP = "把当前数据库完整备份到一个文件（可以选 U 盘）"
TIP_RESTORE = "从以前的备份恢复全部数据（恢复前会先自动备份当前数据）"
BACKUP_SAVE_TITLE = "备份数据库"
BACKUP_DONE = "已备份到：{path}"
BACKUP_DONE_BOX = "数据库已备份，备份文件保存在：\n{path}"
FILTER_BACKUP = "PlanDesk 备份 (*.db);;所有文件 (*)"
RESTORE_TITLE = "从备份恢复"
RESTORE_HEADERS = ("备份时间", "类型", "原因", "计划", "任务", "大小")
RESTORE_FOLDER = "备份文件夹：{path}"
RESTORE_EMPTY = "还没有备份。PlanDesk 每天第一次启动时、导入和生成下一年度计划前会自动备份。"
RESTORE_SELECTED = "恢复所选备份"
RESTORE_OTHER_FILE = "从其他文件恢复…"
RESTORE_PICK_TITLE = "选择备份文件"
RESTORE_CLOSE = "关闭"
RESTORE_CONFIRM = (
    "用 {when} 的备份（{plans} 个计划，{tasks} 项任务）替换当前的全部数据？\n\n"
    "恢复前会先自动备份当前数据；恢复后，之前的编辑不能再撤销。"
)
RESTORE_CONFIRM_FILE = (
    "用文件 {path} 替换当前的全部数据？\n\n"
    "恢复前会先自动备份当前数据；恢复后，之前的编辑不能再撤销。"
)
RESTORE_DONE = "已恢复。恢复前的数据已备份到：{path}"
BACKUP_UNUSABLE = "无法使用"
BACKUP_SIZE = "{size:.1f} MB"
BACKUP_KIND = {"daily": "每日自动", "event": "操作前自动", "manual": "手动"}
BACKUP_REASON = {
    "start": "启动时",
    "import": "导入前",
    "rollover": "生成下一年度计划前",
    "restore": "恢复前",
    "migration": "升级数据格式前",
}
DAILY_BACKUP_FAILED = "今天的自动备份没有成功：{error}"
LOCKED_TITLE = "数据文件正在使用"
LOCKED_ASK_READ_ONLY = "{error}\n\n要以只读方式打开吗？只读时可以查看、搜索和打印，不能修改。"
READ_ONLY_SUFFIX = "（只读）"
FEEDBACK_REASON_SEP = "；"
FEEDBACK_STATE_WITH_REASONS = "{state}：{reasons}"

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
IMPORT_FREQUENCY = {
    "monthly": "每月",
    "quarterly": "每季度",
    "halfyear": "每半年",
    "regular": "常态化",
}
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
DUE_GROUP_HEADERS = ("分组", "逾期", "临期", "正常", "未排期", "合计")

# 文件 → 检查公文格式… (ui/check_dialog.py; the findings themselves come from the checker)
ACT_CHECK_DOCX = "检查公文格式…"
TIP_CHECK_DOCX = "按 GB/T 9704-2012 逐条检查一个 Word 文档（.docx），列出不符合的地方"
CHECK_OPEN_TITLE = "选择要检查的 Word 文档"
CHECK_FILTER = "Word 文档 (*.docx)"
CHECK_TITLE = "公文格式检查：{name}"
CHECK_RUNNING = "正在检查“{name}”（排版检查需要几秒钟）…"
CHECK_HEADERS = ("结果", "条款", "要求", "说明")
CHECK_STATUS = {"pass": "符合", "fail": "不符合", "skip": "未检查"}
CHECK_SUMMARY_OK = "符合 GB/T 9704：{passed} 项符合，{skipped} 项未检查。"
CHECK_SUMMARY_FAIL = "有 {failed} 项不符合 GB/T 9704（{passed} 项符合，{skipped} 项未检查）。"
CHECK_NO_RENDER = "未安装 LibreOffice，排版后的页面（分页、落款位置、页码位置）未检查。"
CHECK_SHOW_ALL = "显示符合和未检查的项"
CHECK_AGAIN = "重新检查"
CHECK_OTHER = "检查其他文件…"
# the database-file guard (models/db_guard.py, ui/db_file_guard.py)
TITLE_DB_REPLACED = "数据文件已被替换"
DB_REPLACED_SAVE = "是否把本窗口中的数据另存为一个新文件？（之后请重新打开数据文件）"
DB_REPLACED_SAVE_TITLE = "另存本窗口的数据"
TITLE_LEFTOVER_WAL = "发现遗留的日志文件"
WAL_KEEP = "保留日志（上次异常退出）"
WAL_SET_ASIDE = "移走日志（文件是复制来的）"
# exchange between offices (ui/exchange_dialog.py, models/exchange/)
ACT_EXCHANGE_SEND = "发送数据包…"
TIP_EXCHANGE_SEND = (
    "把本单位自上次发送以来的改动写成数据包（.pdx），经 U 盘、公文附件或共享文件夹交给对方"
)
ACT_EXCHANGE_RECEIVE = "接收数据包…"
TIP_EXCHANGE_RECEIVE = "按顺序导入其他单位发来的数据包；冲突逐条列出，由您决定"
EXCHANGE_FILTER = "PlanDesk 数据包 (*.pdx);;所有文件 (*)"
EXCHANGE_SAVE_TITLE = "保存数据包"
EXCHANGE_OPEN_TITLE = "选择收到的数据包"
EXCHANGE_OWN_TITLE = "本单位信息"
EXCHANGE_OWN_PROMPT = "发送数据包前，请填写本单位的名称、类别和代码（代码在全县唯一，如区划代码）。"
EXCHANGE_PEER_TITLE = "收件单位"
EXCHANGE_PEER_PROMPT = "请填写收件单位（如县督查室）的名称、类别和代码。"
EXCHANGE_NAME = "名称"
EXCHANGE_KIND = "类别"
EXCHANGE_CODE = "代码"
EXCHANGE_CHOOSE_PEER = "发给哪个单位？"
EXCHANGE_FILE_NAME = "{own}至{peer}-{date}.pdx"
EXCHANGE_NOTHING = "自上次发给{peer}的数据包以来没有改动，未生成数据包。"
EXCHANGE_SENT = "已写出发给{peer}的第 {seq} 号数据包：{changes} 处改动（{path}）"
EXCHANGE_CONFLICT_TITLE = "数据包冲突"
EXCHANGE_CONFLICT_TEXT = (
    "以下 {count} 处，本库与对方都改动过（{name} 第 {seq} 号数据包）：\n\n{rows}\n\n"
    "请决定：保留本库的内容，还是采用对方的内容？（两边都没有冲突的改动照常导入）"
)
EXCHANGE_CONFLICT_ROW = "· {what}：{columns}"
EXCHANGE_CONFLICT_COLUMN = "{column} 本库“{here}”/对方“{there}”"
EXCHANGE_COLUMN_SEP = "；"
EXCHANGE_PEER_CHOICE = "{name}（{code}）"
PLAN_OF_OFFICE = "〔{office}〕{title}"
EXCHANGE_CONFLICT_MORE = "……另有 {count} 处"
EXCHANGE_KEEP_MINE = "保留本库"
EXCHANGE_TAKE_THEIRS = "采用对方"
EXCHANGE_CANCEL = "取消"
EXCHANGE_RECEIVED = (
    "已导入 {applied} 个数据包（跳过已导入过的 {duplicates} 个），共 {changes} 处改动。"
)
EXCHANGE_TABLES = {
    "plans": "计划",
    "nodes": "条目",
    "checkpoints": "节点",
    "progress_log": "进展",
    "units": "单位",
}

# ---------------------------------------------------------------- supervision (ui/supervision/)
# menu entries (督办 menu)
ACT_ROUNDS = "报送轮次"
TIP_ROUNDS = "按报送轮次查看各单位应报、已报、迟报、未报情况和红黄绿灯"
ACT_ITEMS = "督办事项…"
ACT_NEW_ITEM = "新增督办事项…"
ACT_SUPERVISION_SETTINGS = "督查规则设置…"
ACT_PACE_REASON = "记录未启动原因…"
TIP_PACE_REASON = "任务因客观原因未启动时记录原因，序时进度计为“其它”；清空即取消"
PACE_REASON_PROMPT = "未启动原因（清空则取消）："
SELECT_TASK = "请先在左侧选择一项任务。"

# round view
ROUND_NONE = "（当前计划还没有报送轮次）"
ROUND_COUNTS = (
    "应报 {expected} 个  已报 {received} 个  迟报 {late} 个  未报 {missing} 个  待报 {pending} 个"
)
ROUND_TITLE_ITEM = "{plan} · {title}（{due}截止）"
ROUND_CLOSED = "（已结束）"
ROUND_ISSUES = "本轮已发："
ISSUE_SEPARATOR = "、"
ISSUE_ITEM = "{title}{label}（{on}）"
ROUND_HEADERS = (
    "责任单位",
    "报送情况",
    "报送日期",
    "签字负责人",
    "催报次数",
    "任务数",
    "红灯",
    "黄灯",
    "绿灯",
)
BTN_NEW_ROUND = "新建轮次…"
BTN_ROUND_SHEETS = "生成本轮反馈表…"
BTN_RECEIVE = "导入反馈表…"
BTN_MARK = "登记已报…"
BTN_CHASE = "催报…"
BTN_CLOSE_ROUND = "结束本轮"
BTN_DOCUMENT = "生成督查文件"
DOC_MENU = {
    "bulletin": "政务督查通报（编期）…",
    "special": "督查专报（编期）…",
    "report": "督查报告…",
    "chase": "督查催办通知…",
}
NEW_ROUND_TITLE = "新建报送轮次"
NEW_ROUND_DUE = "报送截止日期："
NEW_ROUND_NAME = "轮次名称（可空）："
MARK_TITLE = "登记已报"
MARK_SIGNED = "单位负责人签字："
MARK_ON = "报送日期："
CHASE_DONE = "已向 {n} 个单位催报"
CHASE_NONE = "本轮各单位均已报送，无需催报。"
SELECT_ROUND = "请先选择一个报送轮次。"
SELECT_UNIT = "请先在表中选择一个单位。"
SELECT_PLAN = "请先在左侧选择一个计划。"
SHEETS_WRITTEN = "已生成 {n} 份反馈表：{folder}"
RECEIVED = "{unit}：{state}，记录 {n} 条进展"
DOC_WRITTEN = "已生成：{path}"
DOC_WRITTEN_ISSUE = "已生成{label}：{path}"
DOCX_FILTER = "Word 文档 (*.docx)"
CHOOSE_FOLDER = "选择保存反馈表的文件夹"

# items
ITEMS_TITLE = "督办事项"
ITEM_HEADERS = ("编号", "来源", "督办内容", "责任单位", "交办日期", "时限", "完成时限", "状态")
ITEM_STATE = {"open": "办理中", "done": "已办结", "closed": "已销号"}
BTN_ADD_ITEM = "新增…"
BTN_DONE = "办结…"
BTN_CANCEL = "销号…"
BTN_EXTEND = "延期…"
BTN_ASSIGNMENT = "交办单…"
BTN_MEETING = "会议议定事项报告…"
ITEM_FORM_TITLE = "新增督办事项"
ITEM_TEXT = "督办内容："
ITEM_SOURCE = "事项来源："
ITEM_REF = "来源依据："
ITEM_ASSIGNED = "交办日期："
ITEM_CLASS = "办理时限："
ITEM_UNIT = "责任单位："
ITEM_CO_UNITS = "配合单位："
ITEM_LEADER = "牵头领导："
ITEM_BY = "交办领导："
DONE_TITLE = "办结"
DONE_RESULT = "办理结果："
DONE_EVIDENCE = "佐证材料："
CANCEL_TITLE = "销号"
CANCEL_BY = "销号人："
CANCEL_NOTE = "备注："
EXTEND_TITLE = "延期"
EXTEND_DUE = "延期至："
EXTEND_REASON = "延期理由："
EXTEND_BY = "批准人："
ON_DATE = "日期："
SELECT_ITEM = "请先在表中选择一个督办事项。"

# settings
SUPERVISION_SETTINGS_TITLE = "督查规则设置"
SETTINGS_RULE = "序时进度规则："
SETTINGS_RULES = {"elapsed": "按时间进度（已过时间占比）", "months": "按月序时（11月应达11/12）"}
SETTINGS_THRESHOLD = "欠进度阈值（百分点）："
SETTINGS_NORMAL_DAYS = "一般件办理时限（工作日）："
SETTINGS_OFFICE = "发文单位："

# undo texts
UNDO_NEW_ROUND = "新建报送轮次“{title}”"
UNDO_MARK = "登记“{unit}”已报"
UNDO_RECEIVE = "导入“{unit}”本轮反馈表"
UNDO_CHASE = "催报"
UNDO_CLOSE_ROUND = "结束报送轮次“{title}”"
UNDO_ADD_ITEM = "新增督办事项"
UNDO_PACE_REASON = "记录未启动原因"
UNDO_CLOSING = {"done": "办结“{text}”", "cancel": "销号“{text}”", "extend": "延期“{text}”"}

# 佐证材料 and 目标考核 (ui/evidence/)
EV_TITLE = "佐证材料"
EV_HINT = "可把照片、扫描件等文件拖到这里。单个文件不超过 {limit} MB。"
EV_NONE = "该任务还没有佐证材料。"
EV_ADD = "添加文件…"
EV_OPEN = "打开"
EV_SAVE_AS = "另存为…"
EV_REMOVE = "删除"
EV_REDUCE = "缩小大图"
EV_REDUCE_TIP = "照片长边超过 {side} 像素时缩小后保存（保留拍摄时间和位置）"
EV_NOTE_PH = "说明（可选，随本次添加的文件保存）"
EV_PICK_TITLE = "选择佐证材料"
EV_PICK_FILTER = (
    "佐证材料 (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp *.heic *.pdf *.ofd *.doc "
    "*.docx *.xls *.xlsx *.ppt *.pptx *.wps *.et *.dps *.zip *.rar *.7z *.mp4 *.mov *.mp3 "
    "*.wav *.amr *.m4a *.txt *.csv);;所有文件 (*)"
)
EV_SAVE_TITLE = "另存佐证材料"
EV_CONFIRM_REMOVE_TITLE = "删除佐证材料"
EV_CONFIRM_REMOVE = "从该任务中删除所选的 {count} 个佐证材料？（可以撤销）"
EV_ADDED = "已添加 {count} 个佐证材料"
EV_SAVED = "已保存到 {path}"
EV_OPEN_FAILED = "没有程序能打开“{name}”，请用“另存为”保存后再打开。"
EV_ITEM_LINE = "{kind} · {size} · 添加于 {added}"
EV_TAKEN = "拍摄于 {when}"
EV_PLACE = "拍摄地点：{place}"
EV_NOTE = "说明：{note}"
EV_SELECT = "请先选择佐证材料。"
UNDO_ADD_EVIDENCE = "添加佐证材料（{count} 个）"
UNDO_REMOVE_EVIDENCE = "删除佐证材料（{count} 个）"
EV_DUE_MISSING = "只看缺佐证（{count} 项任务）"
EV_DUE_MISSING_TIP = "只列出还没有佐证材料的任务及其节点，便于报送或年终考核前补齐"

# ---------------------------------------------------------------- 目标考核
ACT_ASSESSMENT = "目标考核自评…"
TIP_ASSESSMENT = "录入或导入年度考核细则，关联任务，按已记录的进展和佐证材料生成自评表"
ACT_EXPORT_EVIDENCE = "导出佐证材料…"
TIP_EXPORT_EVIDENCE = "把当前计划的佐证材料按章节和任务分文件夹导出，并生成佐证材料清单"
EXPORT_EVIDENCE_TITLE = "选择导出佐证材料的空文件夹"
EXPORT_EVIDENCE_NO_PLAN = "请先在左侧选择一个计划。"
EXPORTED_EVIDENCE = "已导出佐证材料，清单：{path}"
AS_TITLE = "目标考核自评"
AS_YEAR = "考核年度"
AS_TOTALS = "共 {count} 项，总分值 {points} 分，自评得分 {score}"
AS_HEADERS = (
    "序号",
    "考核项目",
    "分值",
    "负责考核部门",
    "考核指标",
    "评分标准",
    "对应任务",
    "是否完成",
    "完成度",
    "佐证（份）",
    "建议分",
    "自评分",
    "详细说明",
)
AS_IMPORT = "导入考核细则…"
AS_IMPORT_TITLE = "选择县里下发的考核细则表格"
AS_IMPORT_FILTER = "考核细则表格 (*.xlsx *.docx)"
AS_REPLACE_TITLE = "替换考核细则"
AS_REPLACE = (
    "{year}年度已有 {count} 个考核项目。用新表格替换它们（关联和自评分一并清除，可以撤销）？"
)
AS_NEW_PROJECT = "考核项目"
AS_NEW_POINTS = "分值"
AS_ADD = "添加项目"
AS_REMOVE = "删除项目"
AS_LINK = "关联当前任务"
AS_UNLINK = "取消关联当前任务"
AS_AUTO = "按规则评分"
AS_EXPORT_XLSX = "导出自评表（Excel）…"
AS_EXPORT_DOCX = "导出自评报告（Word）…"
AS_SAVE_XLSX = "保存自评表"
AS_SAVE_DOCX = "保存自评报告"
AS_FILTER_XLSX = "Excel 表格 (*.xlsx)"
AS_FILTER_DOCX = "Word 文档 (*.docx)"
AS_CLOSE = "关闭"
AS_NO_TASK = "请先在左侧选中一项任务，再关联到考核项目。"
AS_SELECT = "请先在表中选择考核项目。"
AS_BAD_SCORE = "自评分应为数字；清空则按规则评分。"
AS_WRITTEN = "已导出：{path}"
AS_OVERRIDDEN = "（已修改）"
UNDO_ASSESSMENT = "修改考核细则（{what}）"
UNDO_AS_IMPORT = "导入"
UNDO_AS_ADD = "添加项目"
UNDO_AS_REMOVE = "删除项目"
UNDO_AS_LINK = "关联任务"
UNDO_AS_UNLINK = "取消关联"
UNDO_AS_SCORE = "自评分"
AS_FILE_XLSX = "{year}年度目标考核自评表.xlsx"
AS_FILE_DOCX = "{year}年度目标考核自评报告.docx"
AS_SCORE = "{score} 分"
EV_TARGET = "关联到"
EV_TARGET_TASK = "任务本身"
EV_TARGET_CP = "节点：{title}"
EV_TARGET_PR = "进展记录：{date} {text}"
EV_LINKED_CP = "所属节点：{title}"
EV_LINKED_PR = "所属进展记录：{date}"
UNDO_AS_EDIT = "修改项目"
JOB_CANCEL = "取消"
JOB_CANCELLING = "正在取消……"
EXPORT_TITLE = "导出"
IMPORT_TITLE = "导入"
JOB_QUERY = "读取数据"
DAILY_BACKUP_TITLE = "每日备份"
EV_ADDING = "添加佐证材料"

# report dialog: the county 通报 ranking the offices that sent plans (issue 19)
REPORT_BY = "排名方式："
REPORT_BY_UNIT = "按责任单位（本计划）"
REPORT_BY_OFFICE = "按报送单位（各乡镇、部门收到的全部计划）"
REPORT_BY_OFFICE_FILE = "各单位"  # the file name of the county 通报, instead of a plan title
DUE_ANY_OFFICE = "全部报送单位"
DUE_OWN_OFFICE = "本单位"
