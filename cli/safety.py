"""``backup``, ``restore`` and ``check``: the data-safety commands."""

from __future__ import annotations

import argparse

from cli.common import echo, open_db
from models.store import backup, restore
from models.store.check import check_file
from models.store.lock import DatabaseLock
from models.store.paths import resolve_db_path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the backup, restore and check commands."""
    p = sub.add_parser("backup", help="back up the database (SQLite backup API)")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write the backup to FILE (default: backups/ beside the database)",
    )
    p.add_argument("--list", action="store_true", help="list the backups instead")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database by a backup (after backing it up)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("check", help="check the database; exit 1 and list the problems")
    p.set_defaults(func=cmd_check)


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list:
        path = resolve_db_path(args.db)
        for info in backup.list_backups(backup.backup_dir(path), stem=path.stem):
            counts = (
                f"{info.plans} 个计划 / {info.tasks} 项任务"
                if info.usable
                else f"无法使用：{info.error}"
            )
            echo(
                f"{info.created:%Y-%m-%d %H:%M:%S}  {info.kind:<6} {info.reason:<14} "
                f"{counts}  {info.path}"
            )
        return 0
    with open_db(args) as db:
        out = backup.manual_backup(db, args.out)
    echo(f"已备份到 {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db)
    # One writer: a PlanDesk window on the same file must not see its data replaced.
    with DatabaseLock(path):
        safety = restore.restore(path, args.file)
    echo(f"已从 {args.file} 恢复；恢复前的数据已备份到 {safety}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    path = resolve_db_path(args.db)
    # Read-only, on a copy in memory: works while a PlanDesk window has the file open.
    _version, problems = check_file(path)
    for problem in problems:
        echo(problem)
    if problems:
        return 1
    echo(f"检查通过：{path}")
    return 0
