"""Helpers shared by the CLI commands: opening the database, printing JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from models.db import Database
from models.lock import DatabaseLock
from models.paths import resolve_db_path
from models.startup import open_or_create


def open_db(args: argparse.Namespace, *, write: bool = False) -> Database:
    """Open the database named by --db / $PLANDESK_DB / the data folder.

    A file that does not exist yet is created with the sample plans, unless --no-sample.
    ``write=True`` (commands that change the plans) first takes the writer's lock, so a
    command never writes under an open window (DatabaseLockedError, exit 1); the lock is
    released when the database is closed.
    """
    path = resolve_db_path(getattr(args, "db", None))
    lock = DatabaseLock(path) if write else None
    if lock is not None:
        lock.acquire()
    try:
        db, _created = open_or_create(path, sample=not getattr(args, "no_sample", False))
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if lock is not None:
        db.call_on_close(lock.release)
    return db


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
