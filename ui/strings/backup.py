"""Backup, restore, the lock and the database-file guard."""

from __future__ import annotations

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

# the database-file guard (models/db_guard.py, ui/db_file_guard.py)
TITLE_DB_REPLACED = "数据文件已被替换"
DB_REPLACED_SAVE = "是否把本窗口中的数据另存为一个新文件？（之后请重新打开数据文件）"
DB_REPLACED_SAVE_TITLE = "另存本窗口的数据"
TITLE_LEFTOVER_WAL = "发现遗留的日志文件"
WAL_KEEP = "保留日志（上次异常退出）"
WAL_SET_ASIDE = "移走日志（文件是复制来的）"
