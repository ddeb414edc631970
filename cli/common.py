"""Helpers shared by the CLI commands: opening the database, printing JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from models.errors import DatabaseOpenError, ReadOnlyDatabaseError
from models.startup import open_or_create
from models.store.db import Database
from models.store.lock import DatabaseLock
from models.store.open import open_database
from models.store.paths import resolve_db_path


def open_db(args: argparse.Namespace, *, write: bool = False) -> Database:
    """Open the database named by --db / $PLANDESK_DB / the data folder.

    A file that does not exist yet is created with the sample plans, unless --no-sample.
    ``write=True`` (commands that change the plans) first takes the writer's lock, so a
    command never writes under an open window (DatabaseLockedError, exit 1); the lock is
    released when the database is closed.
    """
    if getattr(args, "db", None) == "":
        raise DatabaseOpenError("--db 后的数据文件名为空，请写出数据文件的路径。")
    path = resolve_db_path(getattr(args, "db", None))
    if _read_only_place(path):
        if write:
            raise ReadOnlyDatabaseError(
                "数据文件或它所在的文件夹是只读的，不能修改（查看类命令会以只读方式打开）。",
                detail=str(path),
            )
        print("注意：数据文件或其文件夹是只读的，已以只读方式打开。", file=sys.stderr)
        return open_database(path, read_only=True)
    lock = DatabaseLock(path) if write else None
    if lock is not None:
        lock.acquire()
    try:
        db, _created = open_or_create(
            path, sample=not getattr(args, "no_sample", False), wal=getattr(args, "wal", None)
        )
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None:
        db.call_on_close(lock.release)
    return db


def _read_only_place(path: Path) -> bool:
    """An existing database that cannot be written: the file or its folder is read-only
    (a CD, a write-protected stick, a share with read rights only)."""
    try:
        return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    except OSError:
        return False


def print_json(data: Any) -> None:
    """Print one JSON object, UTF-8, with Chinese kept readable."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    out = sys.stdout
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:  # a GBK console on Windows: write bytes
        out.buffer.write((text + "\n").encode("utf-8"))
    out.flush()


def echo(text: str) -> None:
    """Print one line of human-readable output."""
    try:
        print(text)
    except UnicodeEncodeError:
        sys.stdout.buffer.write((text + "\n").encode("utf-8"))


def parse_plan_id(value: str) -> int:
    """argparse type for a plan id."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"plan id must be a number, not {value!r}") from None


def attach_console() -> None:
    """A windowed Windows build has no stdout/stderr: write to the console that started it.

    Without this every command of ``PlanDesk.exe`` would print nothing.
    """
    if not sys.platform.startswith("win") or (sys.stdout is not None and sys.stderr is not None):
        return
    try:
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            if sys.stdout is None:
                sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
            if sys.stderr is None:
                sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        pass


def utf8_output() -> None:
    """On Windows, commands write UTF-8 to pipes and files as well.

    Python writes a console in Unicode, but a pipe or a redirected file in the ANSI code page
    (936 on Chinese Windows: GBK), which cannot hold every character and which a script reading
    the output has to guess. Linux writes UTF-8 already.
    """
    if not sys.platform.startswith("win"):
        return
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").replace("-", "").lower()
        if stream is not None and hasattr(stream, "reconfigure") and encoding != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def gui_application() -> Any:
    """The QGuiApplication of a command that draws (PDF, self-test) without showing a window.

    Linux: Qt's offscreen platform (fontconfig finds the fonts, no display needed). Windows: the
    default windows platform, which needs no window either; offscreen there reads fonts only
    from $QT_QPA_FONTDIR and never a .ttc, so it finds none and every character is a box.
    $QT_QPA_PLATFORM, when set, wins.
    """
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    argv = ["plandesk"]
    if not os.environ.get("QT_QPA_PLATFORM") and not sys.platform.startswith("win"):
        argv += ["-platform", "offscreen"]
    return QGuiApplication(argv)
