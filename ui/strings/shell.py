"""The window's texts: application name, menus, actions, undo texts, field names."""

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
