"""Write an output file atomically: a temporary file in the target folder, renamed at the end."""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from models.errors import ExportError

log = logging.getLogger(__name__)


def _message(exc: OSError, path: Path) -> str:
    """One Chinese sentence for why ``path`` could not be written."""
    if isinstance(exc, PermissionError):
        if path.exists():
            return (
                f"无法写入“{path.name}”：文件可能正在 Word/WPS/Excel 中打开或为只读，"
                "请关闭该文件后重试。原有文件未被改动。"
            )
        return f"没有权限在文件夹“{path.parent}”中保存文件，请换一个文件夹。"
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间不足，无法保存“{path.name}”。请清理磁盘后重试，原有文件未被改动。"
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return f"保存位置“{path.parent}”不存在，请选择其他文件夹。"
    return f"无法保存“{path.name}”（{exc.strerror or exc}）。原有文件未被改动。"


TEMP_PREFIX = ".~"
# A temporary file of ours older than this was left by a killed export: removed next time.
STALE_TEMP_SECONDS = 600


def _remove_stale_temps(target: Path) -> None:
    """Delete the temporary files a killed export of the same name left beside ``target``."""
    now = time.time()
    for leftover in target.parent.glob(f"{TEMP_PREFIX}{glob.escape(target.stem)}-*{target.suffix}"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()
                log.info("removed %s left by an interrupted export", leftover)


def _keep_mode(tmp: Path, target: Path) -> None:
    """mkstemp makes files 0600: give the new file the mode of the one it replaces, or the
    usual mode of a new file (0666 less the umask)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


def _umask() -> int:
    """The process umask without changing it (os.umask would, for every thread at once)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    Any OSError (file open in Word, folder without permission, disk full) becomes an
    ExportError with a clear message; the previous file is left untouched and the
    temporary file is removed.

    Raises:
        ExportError: the output could not be written.
    """
    target = Path(path)
    tmp: Path | None = None
    try:
        _remove_stale_temps(target)
        fd, name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{target.stem}-", suffix=target.suffix, dir=str(target.parent)
        )
        os.close(fd)
        tmp = Path(name)
        yield tmp
        _keep_mode(tmp, target)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        log.warning("cannot write %s: %s", target, exc)
        raise ExportError(_message(exc, target), detail=str(exc)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
