"""Write an output file atomically: a temporary file in the target folder, renamed at the end."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
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
        fd, name = tempfile.mkstemp(
            prefix=f".~{target.stem}-", suffix=target.suffix, dir=str(target.parent)
        )
        os.close(fd)
        tmp = Path(name)
        yield tmp
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        log.warning("cannot write %s: %s", target, exc)
        raise ExportError(_message(exc, target), detail=str(exc)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
