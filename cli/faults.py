"""One Chinese line for the faults a command can meet outside PlanDesk's own errors: a full
disk, a read-only folder or file, a damaged database, numbers out of range, a closed stdout.
The traceback goes to the log file only."""

from __future__ import annotations

import errno
import sqlite3


def fault_text(exc: BaseException) -> str:
    """The sentence shown for ``exc`` (ends with where the details are)."""
    log_hint = "详细信息已写入日志 plandesk.log。"
    if isinstance(exc, OSError):
        where = f"（{exc.filename}）" if getattr(exc, "filename", None) else ""
        if exc.errno == errno.ENOSPC:
            return f"磁盘空间不足{where}，操作未完成，数据未被改动。请清理磁盘后重试。"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return f"没有写入权限{where}：文件夹或文件是只读的。请换一个位置或检查权限。"
        if exc.errno == errno.ENAMETOOLONG:
            return f"文件名或路径太长{where}，请换一个短一些的名字。"
        return f"文件操作失败：{exc.strerror or exc}{where}。{log_hint}"
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "full" in text:
            return "磁盘空间不足，数据库未能写入，数据未被改动。请清理磁盘后重试。"
        if "readonly" in text or "read-only" in text:
            return "数据文件或所在文件夹是只读的，不能修改。"
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            return "数据文件已损坏。请用 restore 命令从 backups/ 中的备份恢复。"
        if "unable to open" in text:
            return "无法打开数据文件：文件夹不存在或没有权限。"
        return f"数据库操作失败（{exc}）。{log_hint}"
    if isinstance(exc, OverflowError):
        return "数值超出范围（编号或日期过大），请检查输入。"
    if isinstance(exc, MemoryError):
        return "内存不足，操作未完成。"
    if isinstance(exc, UnicodeError):
        return "输出中有当前控制台无法显示的文字，请改用 --json 或写入文件。"
    return f"内部错误（{type(exc).__name__}），操作未完成。{log_hint}"
