"""Messages, keys beyond the menus, Qt's missing dialog texts, the crash dialog, job titles."""

from __future__ import annotations

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

EXPORT_TITLE = "导出"
IMPORT_TITLE = "导入"
JOB_QUERY = "读取数据"
DAILY_BACKUP_TITLE = "每日备份"
EV_ADDING = "添加佐证材料"
