"""Rendering a tagged template in a worker process, with a time, memory and output budget.

A template is a program written by someone else: a loop of loops, a recursive macro or a
string multiplied by a billion never ends or eats all memory, and a thread cannot be
stopped. So docxtpl runs in a child process (multiprocessing, "spawn": the same on Windows
and Linux, and supported by PyInstaller through freeze_support in main.py) that the parent
kills when the budget is spent. Every failure becomes one Chinese sentence naming the
template and the problem (:class:`TemplateError`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
from pathlib import Path
from typing import Any

from models.errors import TemplateError

log = logging.getLogger(__name__)

TIME_BUDGET = 60.0  # seconds for one rendering, the worker's start-up included
MEMORY_BUDGET = 1536 * 1024 * 1024  # address space of the worker (POSIX; Windows: time only)
OUTPUT_BUDGET = 50 * 1024 * 1024  # bytes of the rendered .docx


def render_in_worker(path: str | Path, context: dict[str, Any], out: str | Path) -> None:
    """Render the template ``path`` with ``context`` into the new file ``out``.

    Raises:
        TemplateError: the template failed, ran out of time or memory, or wrote too much.
    """
    name = Path(path).name
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(str(path), context, str(out), sender), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(TIME_BUDGET):
            raise TemplateError(
                f"模板“{name}”运行超过 {TIME_BUDGET:.0f} 秒仍未完成（可能有无穷循环），已停止。",
                detail="time budget",
            )
        try:
            status, text, detail = receiver.recv()
        except (EOFError, OSError):
            status, text, detail = "error", _memory_text(name), "worker died"
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(10)
    if status != "ok":
        with contextlib.suppress(OSError):
            Path(out).unlink()
        raise TemplateError(text, detail=detail)
    size = Path(out).stat().st_size
    if size > OUTPUT_BUDGET:
        Path(out).unlink()
        raise TemplateError(
            f"模板“{name}”生成的文档超过 {OUTPUT_BUDGET >> 20} MB，已停止。请检查模板中的循环。",
            detail=f"{size} bytes",
        )


def _memory_text(name: str) -> str:
    return f"模板“{name}”运行时占用内存过多（可能生成了过大的内容），已停止。"


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the time budget has to do
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BUDGET, MEMORY_BUDGET))


def _child(path: str, context: dict[str, Any], out: str, conn: Any) -> None:
    """The worker: render, save, send ("ok"|"error", Chinese sentence, detail)."""
    _limit_memory()
    name = Path(path).name
    try:
        from docxtpl import DocxTemplate

        from export.template_sandbox import drop_empty_runs, sandbox

        tpl = DocxTemplate(path)
        tpl.render(context, jinja_env=sandbox(), autoescape=True)
        drop_empty_runs(tpl.docx)
        tpl.save(out)
        conn.send(("ok", "", ""))
    except MemoryError:
        conn.send(("error", _memory_text(name), "MemoryError"))
    except BaseException as exc:  # noqa: BLE001 - every failure becomes one sentence
        conn.send(("error", describe(name, exc), f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        conn.close()


def describe(name: str, exc: BaseException) -> str:
    """One Chinese sentence for a template failure."""
    from jinja2.exceptions import (
        SecurityError,
        TemplateNotFound,
        TemplateRuntimeError,
        TemplateSyntaxError,
        UndefinedError,
    )

    head = f"模板“{name}”"
    if isinstance(exc, SecurityError):
        return head + "试图访问程序内部属性或超出范围的内容，已拒绝。请只使用说明中列出的字段。"
    if isinstance(exc, TemplateNotFound):
        return head + "引用了其他模板文件（include/extends/import），模板只能使用自身内容。"
    if isinstance(exc, TemplateSyntaxError):
        return head + f"的标记写法有误：{_short(exc.message)}。"
    if isinstance(exc, UndefinedError):
        return head + f"使用了不存在的字段或函数：{_short(exc.message)}。"
    if isinstance(exc, ZeroDivisionError):
        return head + "中的计算出错（除以零）。"
    if isinstance(exc, RecursionError):
        return head + "中的宏或循环嵌套过深（可能无限递归），已停止。"
    if isinstance(exc, OverflowError) and "range" in str(exc).lower():
        return head + "中的循环次数超出范围（range 最多 100000），已拒绝。"
    if isinstance(exc, TemplateRuntimeError) and "no test named" in str(exc).lower():
        return head + f"使用了不存在的判断：{_short(str(exc))}。"
    if isinstance(exc, OverflowError | MemoryError):
        return _memory_text(name)
    if isinstance(exc, KeyError | ValueError | TypeError | AttributeError) and not _jinja(exc):
        return (
            head
            + f"无法生成文档（模板文件结构有误：{type(exc).__name__}）。请用 Word 重新保存模板。"
        )
    return head + f"运行出错（{type(exc).__name__}），请检查模板中的标记。"


def _jinja(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if "<template>" in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


def _short(text: str | None) -> str:
    text = (text or "").strip().replace("\n", " ")
    return text[:120] + ("…" if len(text) > 120 else "")
